/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A recording fake of device-mapper for tests: an in-memory set of maps that
 * behaves like the kernel where tests depend on it, and writes every
 * changing call as one text line, so a test of the planner or the daemon
 * asserts on the sequence:
 *
 *   create mpatha mpath-3600a0b80 0 2097152 multipath 1 queue_if_no_path ...
 *   create mpathb mpath-3600a0b81 readonly 0 2097152 multipath ...
 *   reload mpatha 0 2097152 multipath ...
 *   rename mpatha data1
 *   remove data1 [deferred] [force]
 *   message mpatha 0 fail_path 8:16
 *   suspend mpatha [noflush]
 *   resume mpatha
 * and, only with mp_dm_fake_record_reads(): list, info NAME, table NAME,
 * status NAME, wait NAME N, arm_poll. A failed call is recorded with
 * " = -ERRNO" appended (numeric), so tests see attempts too.
 *
 * Kernel behaviour it mirrors: the table read back is the kernel's rewrite
 * (features in the kernel's order, handler name without args, the current
 * group as initial group, round-robin/queue-length/service-time path args
 * normalised); status is derived (first or initial group active, paths
 * active) and messages change it (fail_path, reinstate_path, switch_group,
 * disable_group, enable_group, queue_if_no_path, fail_if_no_path), each
 * bumping the event counter; messages to a suspended map get -EBUSY; a
 * remove of an open map -EBUSY, or with deferred the map goes when
 * mp_dm_fake_set_open_count() drops to 0; duplicate names -EEXIST,
 * duplicate uuids -EBUSY. Linear maps (partition maps) are kept too: they
 * are left out of list_maps (list_all shows them), count as an opener of the
 * fake map whose major:minor they point at, and are recorded as
 *   create mpatha-part1 part1-mpath-3600a0b80 0 2048 linear 253:0 2048
 *   reload mpatha-part1 0 4096 linear 253:0 2048
 */
#ifndef MPATH_DM_FAKE_H
#define MPATH_DM_FAKE_H

#include "dm/dm.h"

int mp_dm_fake_new(struct mp_dm **ret_dm);

/* The functions below return -EINVAL when dm is not a fake. */

/* Seed a map that "already exists" (not recorded). table_line is a table
 * in kernel syntax (multipath or linear); major 253, minors from 0 upwards. */
int mp_dm_fake_add_map(struct mp_dm *dm, const char *name, const char *uuid,
		       const char *table_line);
/* Replace what get_status answers (must parse as a status line). */
int mp_dm_fake_set_status(struct mp_dm *dm, const char *name, const char *status_line);
int mp_dm_fake_set_open_count(struct mp_dm *dm, const char *name, int open_count);
/* The next call of op ("create", "reload", "message", ...) fails with -err. */
int mp_dm_fake_fail_next(struct mp_dm *dm, const char *op, int err);
int mp_dm_fake_record_reads(struct mp_dm *dm, bool on);

/* Recorded calls: count, one line (no newline), or all joined by '\n'
 * (each line ends with '\n'; "" when none). Pointers stay valid until the
 * next call on dm. */
size_t mp_dm_fake_n_calls(struct mp_dm *dm);
const char *mp_dm_fake_call(struct mp_dm *dm, size_t i);
const char *mp_dm_fake_calls(struct mp_dm *dm);
void mp_dm_fake_clear_calls(struct mp_dm *dm);

#endif
