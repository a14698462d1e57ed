/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internal to the recording fake: the kernel's rewrite of tables and the status it derives. */
#ifndef MPATH_DM_FAKE_KERNEL_H
#define MPATH_DM_FAKE_KERNEL_H

#include "dm/table.h"

/* The table as `dmsetup table` would print it back; current_pg 0 keeps the initial group. */
int fake_kernel_table(const struct mp_dm_table *in, unsigned int current_pg,
		      struct mp_dm_table *ret);
/* A fresh status for a just-loaded table: initial group active, all paths active. */
int fake_kernel_status(const struct mp_dm_table *table, struct mp_dm_table *ret);

#endif
