/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The view model: everything a topology view, a list view or JSON shows
 * about a map, already reduced to display values. It is built either from a
 * desired map (dry run: states unknown) or from a kernel table + status
 * (`-ll`: what the kernel does now), so every renderer has one input type.
 */
#ifndef MPATH_OUTPUT_VIEW_H
#define MPATH_OUTPUT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dm/table.h"
#include "model.h"
#include "topology/map.h"

struct mp_view_path {
	const struct mp_path *path; /* NULL: in the table but not in the snapshot */
	unsigned int major, minor;
	int prio;          /* -1 when unknown */
	char dm_state;     /* 'A' active, 'F' failed, 0 unknown */
	char checker[32];  /* "" when unknown */
	unsigned int failures; /* dm fail count */
};

struct mp_view_group {
	char selector[64]; /* "service-time 0" */
	int prio;
	char state;        /* 'A' active, 'E' enabled, 'D' disabled, 0 unknown */
	size_t n;
	struct mp_view_path *paths;
};

struct mp_view_map {
	char name[256];
	char wwid[256];
	int minor;          /* dm-N; -1 when the map does not exist (yet) */
	int read_only;      /* 1 ro, 0 rw, -1 unknown */
	bool suspended;
	const char *action; /* "create", "reload", ... printed before the name; NULL for none */
	char vendor[16], product[32], rev[16];
	uint64_t size;      /* sectors */
	char features[256];
	char hwhandler[64];
	char failback[32];  /* "immediate", "manual" -> "-", "followover", "<secs>" */
	char queueing[32];  /* "on", "off", "-", "<n> chk" */
	/* daemon statistics; 0 until the daemon fills them */
	unsigned int path_faults, switch_grp, map_loads, total_q_time, q_timeouts, failures;
	size_t n_groups;
	struct mp_view_group *groups;
};

/* Live kernel state for a map; any pointer may be NULL. */
struct mp_view_live {
	int minor;                        /* -1 unknown */
	int read_only;                    /* -1 unknown */
	bool suspended;
	const struct mp_dm_table *status; /* parsed `dmsetup status`, aligned with the table */
	bool checked;                     /* false for `-l`: no checker/prio ran, show them undef/0 */
};

/**
 * mp_view_from_map() - view of a desired map (dry run, explain).
 * @live: NULL when the map does not exist yet.
 * Return: 0 or -ENOMEM; *ret untouched on failure.
 */
int mp_view_from_map(const struct mp_map *m, const struct mp_path *paths,
		     const struct mp_view_live *live, struct mp_view_map *ret);

/**
 * mp_view_from_dm() - view of a map as the kernel has it.
 * @table: parsed `dmsetup table`; paths are looked up in @paths by dev_t
 * (their prio and checker state come from there).
 * Return: 0, -EINVAL (uuid not a multipath uuid is fine; NULL table is not), -ENOMEM.
 */
int mp_view_from_dm(const char *name, const char *uuid, const struct mp_dm_table *table,
		    const struct mp_view_live *live, const struct mp_path *paths, size_t n_paths,
		    struct mp_view_map *ret);
void mp_view_map_clear(struct mp_view_map *v);

/* Size as multipath prints it: "100M", "1.5G" (one decimal below 10). */
void mp_view_size(uint64_t sectors, char *buf, size_t size);

#endif
