/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Uevents into calls on the state; see intake.h. */
#include <stdbool.h>
#include <string.h>

#include "kernel/intake.h"
#include "kernel/uevent.h"
#include "state/core.h"

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

void intake_uevent(struct core *c, const struct uevent_notice *n)
{
	const struct uevent *ev = n->ev;
	const char *dev = ev->devname;

	if (!dev && ev->devpath) /* kernel events name the device only in DEVPATH */
		dev = strrchr(ev->devpath, '/') ? strrchr(ev->devpath, '/') + 1 : ev->devpath;
	if (!dev || !ev->action)
		return;
	if (!strncmp(dev, "dm-", 3)) {
		/* PATH_FAILED / PATH_REINSTATED come as change events of the map */
		if (is(ev->action, "change"))
			core_dm_event(c);
		return;
	}
	if (ev->devtype && !is(ev->devtype, "disk"))
		return; /* partitions are never paths */
	if (is(ev->action, "remove"))
		core_path_gone(c, dev, n->received_usec);
	else if (is(ev->action, "add") || is(ev->action, "change"))
		core_path_seen(c, dev, is(ev->action, "add") || (n->actions & UEVENT_SAW_ADD),
			       n->received_usec);
}
