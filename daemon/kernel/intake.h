/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel events into calls on the state: a coalesced uevent of a disk becomes
 * core_path_seen() or core_path_gone(), a change event of a dm device
 * core_dm_event(). The state never sees a uevent.
 */
#ifndef MPATHD_KERNEL_INTAKE_H
#define MPATHD_KERNEL_INTAKE_H

struct core;
struct uevent_notice;

void intake_uevent(struct core *c, const struct uevent_notice *n);

#endif
