/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small SAN for the API tests: one LIO LUN seen through four SCSI paths
 * (two port groups: 1 active/optimized, 2 standby) in a throw-away sysfs
 * tree, plus a recording device-mapper fake holding the kernel's maps.
 */
#ifndef MPATH_TEST_API_FIXTURE_H
#define MPATH_TEST_API_FIXTURE_H

#include <stdbool.h>

#include "../discover/testlib.h"
#include "dm/dm_fake.h"
#include "mpath/mpath.h"

#define FX_WWID "36001405abcdef0123456789abcdef012"

struct fixture {
	struct fakesys fs;
	struct mp_ctx *ctx;
	struct mp_dm *dm;
	char state_dir[300];
	char config[300];
	char log[4096]; /* every log message, one per line */
};

/* Tree, context (sysfs root, config file, state dir, log) and an empty dm fake. */
void fx_init(struct fixture *fx);
void fx_cleanup(struct fixture *fx);
/*
 * The LUN's paths: sdb 8:16 (host1, tpg 1), sdc 8:32 (host2, tpg 2),
 * sdd 8:48 (host3, tpg 1), sde 8:64 (host4, tpg 2, device offline).
 */
void fx_add_lun(struct fixture *fx);
/*
 * The kernel's maps: "mpatha" over the LUN, groups {sdb, sdd} and
 * {sdc, sde}, status with sdd failed; "data2" (dm-1) over 8:80, a device
 * sysfs does not know.
 */
void fx_add_maps(struct fixture *fx);
/* Number of entries in the state directory (the API must write none). */
int fx_state_dir_entries(const struct fixture *fx);

#endif
