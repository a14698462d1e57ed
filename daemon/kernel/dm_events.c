/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The dm event fd on the loop; see dm_events.h. */
#include <errno.h>
#include <linux/dm-ioctl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dm/dm.h"
#include "kernel/dm_events.h"
#include "runtime/loop.h"

struct dm_events {
	struct mp_dm *dm;
	int fd;
	struct loop_io *io;
	void (*changed)(void *data);
	void *data;
};

/*
 * DM_DEV_ARM_POLL arms the file it is issued on; libdevmapper issues it on
 * its own control fd, so ours is armed here as well. On the fake's eventfd
 * the ioctl fails with ENOTTY, which is fine.
 */
static void arm(struct dm_events *e)
{
	struct dm_ioctl dmi;

	mp_dm_arm_poll(e->dm, e->fd);
	memset(&dmi, 0, sizeof(dmi));
	dmi.version[0] = DM_VERSION_MAJOR;
	dmi.data_size = sizeof(dmi);
	dmi.data_start = sizeof(dmi);
	(void)ioctl(e->fd, DM_DEV_ARM_POLL, &dmi);
}

static void on_dm_fd(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct dm_events *e = userdata;

	(void)io;
	(void)fd;
	(void)revents;
	/* Arm before reading so an event during the scan fires again. */
	arm(e);
	e->changed(e->data);
}

int dm_events_start(struct loop *l, struct mp_dm *dm, void (*changed)(void *data), void *data,
		    struct dm_events **ret)
{
	struct dm_events *e;
	int r;

	if (!l || !dm || !changed)
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	*e = (struct dm_events){.dm = dm, .fd = -1, .changed = changed, .data = data};
	r = mp_dm_open_event_fd(dm, &e->fd);
	if (r < 0) {
		free(e);
		return r;
	}
	arm(e);
	r = loop_add_io(l, e->fd, EPOLLIN, LOOP_PRIO_NORMAL, on_dm_fd, e, &e->io);
	if (r < 0) {
		close(e->fd);
		free(e);
		return r;
	}
	*ret = e;
	return 0;
}

void dm_events_stop(struct dm_events *e)
{
	if (!e)
		return;
	loop_io_remove(e->io);
	close(e->fd);
	free(e);
}
