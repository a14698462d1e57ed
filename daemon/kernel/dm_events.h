/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device-mapper events: the control node polls readable after any map event
 * (DM_DEV_ARM_POLL), and then @changed runs on the loop thread; the receiver
 * compares event numbers to find which maps changed.
 */
#ifndef MPATHD_KERNEL_DM_EVENTS_H
#define MPATHD_KERNEL_DM_EVENTS_H

struct loop;
struct mp_dm;
struct dm_events;

int dm_events_start(struct loop *l, struct mp_dm *dm, void (*changed)(void *data), void *data,
		    struct dm_events **ret);
void dm_events_stop(struct dm_events *e); /* accepts NULL */

#endif
