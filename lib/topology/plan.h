/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The plan: what must change in the kernel to go from the current maps to
 * the desired ones. Each action says why, in words an admin reads in
 * `mpath -d` output and in logs.
 */
#ifndef MPATH_TOPOLOGY_PLAN_H
#define MPATH_TOPOLOGY_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "dm/table.h"
#include "topology/map.h"

/* A multipath map the kernel has now (from the dm wrapper). */
struct mp_current_map {
	const char *name;
	const char *uuid;               /* "mpath-<wwid>"; others are not ours */
	const struct mp_dm_table *table; /* parsed `dmsetup table`; may be NULL if unreadable */
	int open_count;
	int minor;                      /* dm-N, -1 if unknown */
};

enum mp_action_kind {
	MP_ACT_NOTHING = 0,
	MP_ACT_CREATE,
	MP_ACT_RELOAD,
	MP_ACT_RENAME,
	MP_ACT_REMOVE,
	MP_ACT_MESSAGE, /* runtime change without reload: dm message (queueing on/off) */
};

struct mp_action {
	enum mp_action_kind kind;
	char *name;     /* the map's (current) name */
	char *new_name; /* RENAME only */
	char *uuid;
	const struct mp_map *map;         /* desired map (NULL for REMOVE and orphan NOTHING) */
	const struct mp_current_map *cur; /* current map, NULL for CREATE */
	char *reason;                     /* "new map", "path 8:32 added", ... */
	char *message;                    /* MESSAGE only: "queue_if_no_path" / "fail_if_no_path" */
};

struct mp_plan {
	size_t n;
	struct mp_action *actions; /* in the order to apply */
};

struct mp_plan_options {
	bool flush; /* remove current maps no desired map wants (if not open) */
};

/**
 * mp_plan_build() - diff desired maps against current ones.
 * Matching is by uuid. The order is the order to apply: removals, renames,
 * reloads and messages, creates, then the no-ops (so a dry run lists
 * everything). Reload is decided by mp_dm_table_equal(); a difference in
 * queue_if_no_path alone is runtime state and becomes a MESSAGE action.
 * A rename whose new name is held by another current map is not planned;
 * the map keeps its name (NOTHING, reason says who holds it).
 * Pointers in the plan refer into @desired and @current: keep them alive.
 * Return: number of actions, or -errno (*ret untouched).
 */
int mp_plan_build(const struct mp_map *desired, size_t n_desired,
		  const struct mp_current_map *current, size_t n_current,
		  const struct mp_plan_options *opts, struct mp_plan *ret);
void mp_plan_clear(struct mp_plan *plan);

/* "create", "reload", "rename", "remove", "message", "nothing". */
const char *mp_action_name(enum mp_action_kind k);

/**
 * mp_table_diff() - why two tables differ, as a short phrase appended to
 * @out ("path 8:32 added; features differ: '0' -> '1 queue_if_no_path'").
 * Return: number of differences found (0 when they look equal), or -ENOMEM.
 */
int mp_table_diff(const struct mp_dm_table *cur, const struct mp_dm_table *want,
		  struct strbuf *out);

#endif
