/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel events into the core. Uevents of sd and nvme disks update the path
 * snapshot at once (discovery of one device reads a few sysfs files) and
 * mark the WWID dirty: every WWID touched in one loop iteration is synced
 * once. Dm events (the control node polls readable after any map event)
 * make the core compare event numbers and re-read the status of the maps
 * that changed, so a path the kernel failed is seen without waiting for
 * its next check.
 */
#include <errno.h>
#include <linux/dm-ioctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "state/checker_sched.h"
#include "state/core_int.h"
#include "discover/discover.h"
#include "observe/events.h"
#include "runtime/loop.h"
#include "kernel/uevent.h"

/*
 * When one path of a map fails or goes away, its siblings are likely to change
 * too (an array failing over moves its standby ports to active/optimized):
 * check them now instead of at their next interval, so failover to the standby
 * group does not wait up to polling_interval.
 */
static void check_siblings_now(struct core *c, const struct core_map *m,
			       const struct core_path *except)
{
	for (size_t i = 0; m && i < c->n_paths; i++) {
		struct core_path *q = c->paths[i];

		if (q != except && q->map == m && q->sp && !q->gone)
			sched_check_now(q->sp);
	}
}

static void path_removed(struct core *c, const char *dev, uint64_t since)
{
	struct core_path *p = core_find_path(c, dev);

	if (!p)
		return;
	check_siblings_now(c, p->map, p);
	p->gone = true;
	timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
			mp_path_state_name(p->p.state), "removed", "remove uevent");
	if (p->p.wwid[0])
		core_mark_dirty(c, p->p.wwid, since);
	else
		core_untrack_path(c, p);
}

static void path_added(struct core *c, const char *dev, bool is_add, uint64_t since)
{
	struct mp_diags diags = {0};
	struct mp_path snap;
	struct core_path *old = core_find_path(c, dev);
	char old_wwid[256] = "";
	uint64_t old_size = 0;
	bool moved = false;
	int r = mp_discover_path(c->ctx, dev, &snap, &diags);

	core_flush_diags(c, &diags);
	if (r == -ENODEV) {
		path_removed(c, dev, since);
		return;
	}
	if (r < 0) {
		core_log(c, MP_LOG_WARNING, "%s: cannot read the device: %s", dev, strerror(-r));
		return;
	}
	if (old) {
		snprintf(old_wwid, sizeof(old_wwid), "%s", old->p.wwid);
		old_size = old->p.size;
		moved = old->p.major != snap.major || old->p.minor != snap.minor;
	}
	if (!core_track_path(c, &snap)) {
		core_log(c, MP_LOG_ERR, "%s: out of memory", dev);
		return;
	}
	if (!old)
		timeline_record(c->env.timeline, TL_PATH, dev, core_realtime_usec(), "absent",
				"added", is_add ? "add uevent" : "change uevent");
	if (old_wwid[0] && strcmp(old_wwid, snap.wwid))
		core_mark_dirty(c, old_wwid, since); /* the name now holds another LUN */
	if (snap.wwid[0] && (is_add || !old || moved || old_size != snap.size ||
			     strcmp(old_wwid, snap.wwid)))
		core_mark_dirty(c, snap.wwid, since);
}

void core_uevent(struct core *c, const struct uevent_notice *n)
{
	const struct uevent *ev = n->ev;
	const char *dev = ev->devname;

	if (!dev && ev->devpath) /* kernel events name the device only in DEVPATH */
		dev = strrchr(ev->devpath, '/') ? strrchr(ev->devpath, '/') + 1 : ev->devpath;
	if (!dev || !ev->action)
		return;
	if (!strncmp(dev, "dm-", 3)) {
		/* PATH_FAILED / PATH_REINSTATED come as change events of the map */
		if (!strcmp(ev->action, "change"))
			core_dm_event(c);
		return;
	}
	if (ev->devtype && strcmp(ev->devtype, "disk"))
		return; /* partitions are never paths */
	if (!strcmp(ev->action, "remove"))
		path_removed(c, dev, n->received_usec);
	else if (!strcmp(ev->action, "add") || !strcmp(ev->action, "change"))
		path_added(c, dev, !strcmp(ev->action, "add") || (n->actions & UEVENT_SAW_ADD),
			   n->received_usec);
}

int core_add_path(struct core *c, const char *dev)
{
	struct core_path *p;

	if (!strncmp(dev, "/dev/", 5))
		dev += 5;
	path_added(c, dev, true, 0);
	core_run_pending(c);
	p = core_find_path(c, dev);
	if (!p)
		return -ENODEV;
	return p->excluded ? -EPERM : 0;
}

int core_del_path(struct core *c, const char *dev)
{
	struct core_path *p = core_find_path(c, dev);

	if (!p)
		return -ENODEV;
	path_removed(c, p->p.dev, 0);
	core_run_pending(c);
	return 0;
}

/* ---- dm events ---- */

/* A path the kernel failed while the checker still holds it usable. */
static void kernel_failed(struct core *c, struct core_map *m)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];
		char why[160];

		if (p->map != m || !core_state_usable(p->p.state) ||
		    core_dm_path_state(m, &p->p) != 'F')
			continue;
		snprintf(why, sizeof(why), "failed by the kernel in %s", m->info.name);
		p->kernel_failed_usec = loop_now(c->env.loop);
		p->state_when_kernel_failed = p->p.state;
		core_set_path_state(c, p, MP_PATH_DOWN, why);
		sched_check_now(p->sp);
		check_siblings_now(c, m, p);
	}
}

void core_dm_event(struct core *c)
{
	for (size_t i = 0; i < c->n_maps; i++) {
		struct core_map *m = c->maps[i];
		struct mp_dm_map info;
		char name[sizeof(m->info.name)];

		if (mp_dm_get_map(c->dm, m->info.name, &info) < 0 ||
		    info.event_nr == m->info.event_nr)
			continue;
		snprintf(name, sizeof(name), "%s", m->info.name);
		m = core_refresh_map(c, name);
		if (!m) {
			i--; /* untracked: the array moved down */
			continue;
		}
		kernel_failed(c, m);
		core_policy_map_changed(c, m, NULL, MP_PATH_UNCHECKED);
	}
	core_update_gauges(c);
}

/*
 * DM_DEV_ARM_POLL arms the file it is issued on; libdevmapper issues it on
 * its own control fd, so ours is armed here as well. On the fake's eventfd
 * the ioctl fails with ENOTTY, which is fine.
 */
static void arm(struct core *c)
{
	struct dm_ioctl dmi;

	mp_dm_arm_poll(c->dm, c->dm_fd);
	memset(&dmi, 0, sizeof(dmi));
	dmi.version[0] = DM_VERSION_MAJOR;
	dmi.data_size = sizeof(dmi);
	dmi.data_start = sizeof(dmi);
	(void)ioctl(c->dm_fd, DM_DEV_ARM_POLL, &dmi);
}

static void on_dm_fd(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct core *c = userdata;

	(void)io;
	(void)fd;
	(void)revents;
	/* Arm before reading so an event during the scan fires again. */
	arm(c);
	core_dm_event(c);
}

int core_dm_events_start(struct core *c)
{
	int r;

	if (!c->env.loop)
		return -EINVAL;
	r = mp_dm_open_event_fd(c->dm, &c->dm_fd);
	if (r < 0)
		return r;
	arm(c);
	r = loop_add_io(c->env.loop, c->dm_fd, EPOLLIN, LOOP_PRIO_NORMAL, on_dm_fd, c, &c->dm_io);
	if (r < 0) {
		close(c->dm_fd);
		c->dm_fd = -1;
	}
	return r;
}

void core_dm_events_stop(struct core *c)
{
	if (c->dm_io)
		loop_io_remove(c->dm_io);
	c->dm_io = NULL;
	if (c->dm_fd >= 0)
		close(c->dm_fd);
	c->dm_fd = -1;
}
