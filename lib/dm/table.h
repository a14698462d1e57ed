/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dm-multipath table and status lines, as data. This module alone
 * turns them into text and back (pure functions, no syscalls).
 *
 * Table (Documentation/admin-guide/device-mapper, drivers/md/dm-mpath.c):
 *   <start> <length> multipath <#features> <feature>... <#hwh args> <hwh> <hwh arg>...
 *     <#pgs> <initial pg 1-based, 0 = none>
 *     per group: <selector> <#selector args> <selector arg>... <#paths> <#path args>
 *       per path: <major:minor> <path arg>...
 *
 * Status:
 *   <start> <length> multipath <#features> <feature>... <#hwh info> <hwh info>...
 *     <#pgs> <next pg>
 *     per group: <state D|A|E> <#selector status args> <arg>... <#paths> <#path status args>
 *       per path: <major:minor> <A|F> <fail count> <selector path status args>...
 */
#ifndef MPATH_DM_TABLE_H
#define MPATH_DM_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MP_DM_MAX_ARGS 16

struct mp_dm_path {
	unsigned int major, minor;
	unsigned int n_args; /* table: selector's per-path args ("1" repeat count); status: selector's per-path status */
	char *args[MP_DM_MAX_ARGS];
	/* status only */
	bool active;             /* 'A' (true) or 'F' */
	unsigned int fail_count;
};

struct mp_dm_group {
	char *selector;          /* "round-robin", "queue-length", "service-time"; status: NULL */
	unsigned int n_sel_args; /* table: selector args; status: selector status args */
	char *sel_args[MP_DM_MAX_ARGS];
	char state;              /* status only: 'A' active, 'E' enabled, 'D' disabled */
	size_t n_paths;
	struct mp_dm_path *paths;
};

struct mp_dm_table {
	uint64_t start, length; /* sectors */
	size_t n_features;
	char **features;        /* "queue_if_no_path", "pg_init_retries", "50", ... */
	size_t n_hwh;
	char **hwh;             /* table: handler name then its args ("alua"); status: handler info */
	unsigned int initial_pg; /* table: initial group; status: next group (1-based) */
	size_t n_groups;
	struct mp_dm_group *groups;
};

/* Parse a table line as `dmsetup table` prints it, "0 209715200 multipath 1 queue_if_no_path ...".
 * The "<start> <length> multipath" prefix may be omitted. Return: 0 or -EINVAL (with *ret untouched). */
int mp_dm_table_parse(const char *line, struct mp_dm_table *ret);
/* Parse a status line (`dmsetup status`). */
int mp_dm_status_parse(const char *line, struct mp_dm_table *ret);
/* Format the params part (what follows "multipath ") into a malloc'd string, or NULL on ENOMEM. */
char *mp_dm_table_format_params(const struct mp_dm_table *t);
/* Format the whole line "<start> <length> multipath <params>". */
char *mp_dm_table_format(const struct mp_dm_table *t);
/* Deep copy / free; free accepts NULL and zeroes *t. */
int mp_dm_table_copy(const struct mp_dm_table *src, struct mp_dm_table *ret);
void mp_dm_table_clear(struct mp_dm_table *t);
/* Equal as the kernel would treat them (feature order normalised, path args compared). */
bool mp_dm_table_equal(const struct mp_dm_table *a, const struct mp_dm_table *b);

#endif
