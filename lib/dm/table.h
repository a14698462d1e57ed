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
 *
 * What the kernel (multipath_status() in dm-mpath.c, 6.1) actually prints:
 * - status "features" are always "2 <queue_io 0|1> <pg_init_count>", not the
 *   table's features; status "hwh info" is always "0".
 * - the table it prints back is rebuilt from its state, not echoed: features
 *   in a fixed order (queue_if_no_path, pg_init_retries N,
 *   pg_init_delay_msecs N, retain_attached_hw_handler, queue_mode bio), the
 *   hardware handler name without its args, the *current* group where the
 *   initial group was, and the selector's view of each path (round-robin and
 *   queue-length: "<repeat_count>", service-time: "<repeat_count>
 *   <relative_throughput>", repeat counts above 1 clamped to 1).
 * - selector status per path: round-robin none, queue-length "<in flight>",
 *   service-time "<in flight size> <relative throughput>".
 * Parsing is strict (counts must match, maj:min must be numeric, bounded
 * counts) because a misread table would make mpath reload or fail the wrong
 * path.
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

/* Limits on counts accepted by the parsers: the kernel's own limits (1024
 * groups, 1024 paths per group) bounded further where struct fields are fixed
 * arrays. Anything larger is rejected with -EINVAL. */
#define MP_DM_MAX_FEATURES 64
#define MP_DM_MAX_HWH 64
#define MP_DM_MAX_GROUPS 1024
#define MP_DM_MAX_PATHS 1024

/* Parse a table line as `dmsetup table` prints it, "0 209715200 multipath 1 queue_if_no_path ...".
 * The "<start> <length> multipath" prefix may be omitted. Return: 0 or -EINVAL (with *ret untouched). */
int mp_dm_table_parse(const char *line, struct mp_dm_table *ret);
/* Parse a status line (`dmsetup status`). */
int mp_dm_status_parse(const char *line, struct mp_dm_table *ret);
/* Format the params part (what follows "multipath ") into a malloc'd string, or NULL on ENOMEM. */
char *mp_dm_table_format_params(const struct mp_dm_table *t);
/* Format the whole line "<start> <length> multipath <params>". */
char *mp_dm_table_format(const struct mp_dm_table *t);
/* Status as text, in the kernel's syntax (the recording fake and tests use
 * it): "<start> <length> multipath <params>" or only the params. NULL on
 * ENOMEM or when t cannot be written in that syntax (see below). */
char *mp_dm_status_format_params(const struct mp_dm_table *t);
char *mp_dm_status_format(const struct mp_dm_table *t);
/* The formatters also return NULL (errno EINVAL) when a table cannot be
 * expressed: paths of one group with different arg counts, a group without
 * paths, more than MP_DM_MAX_ARGS args, words that are empty or hold
 * whitespace, initial group beyond the group count, or a missing selector. */

/* Deep copy / free; free accepts NULL and zeroes *t. */
int mp_dm_table_copy(const struct mp_dm_table *src, struct mp_dm_table *ret);
void mp_dm_table_clear(struct mp_dm_table *t);
/*
 * What differs between two tables, after normalising what the kernel
 * rewrites (see table_diff.c for the rules):
 */
enum {
	MP_DM_DIFF_SIZE = 1 << 0,       /* start or length */
	MP_DM_DIFF_FEATURES = 1 << 1,   /* features other than queue_if_no_path */
	MP_DM_DIFF_QUEUEING = 1 << 2,   /* queue_if_no_path on one side only */
	MP_DM_DIFF_HWHANDLER = 1 << 3,  /* hardware handler name */
	MP_DM_DIFF_GROUPS = 1 << 4,     /* group count, selector, selector args */
	MP_DM_DIFF_PATHS = 1 << 5,      /* set of paths in a group */
	MP_DM_DIFF_PATH_ARGS = 1 << 6,  /* per-path selector args */
	MP_DM_DIFF_INITIAL_PG = 1 << 7, /* initial (table) / current group */
};
/* Bitmask of MP_DM_DIFF_*; 0 when identical after normalisation. */
unsigned int mp_dm_table_diff(const struct mp_dm_table *a, const struct mp_dm_table *b);
/*
 * Equal for a reload decision: true when a reload would not change the map.
 * Ignores MP_DM_DIFF_QUEUEING and MP_DM_DIFF_INITIAL_PG, which are runtime
 * state (messages queue_if_no_path/fail_if_no_path and switch_group change
 * them, suspend clears queueing, and the kernel prints the current group as
 * the initial one) and are fixed with messages, not reloads.
 */
bool mp_dm_table_equal(const struct mp_dm_table *a, const struct mp_dm_table *b);

#endif
