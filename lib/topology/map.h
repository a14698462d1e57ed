/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The desired topology: which multipath maps should exist, with which path
 * groups, and the exact dm table each one needs. Built from the snapshot
 * (struct mp_path array) and three decisions made elsewhere, handed in as
 * callbacks: settings per WWID (config), a name per WWID (names module), and
 * whether a WWID is multipathed at all (blacklist / find_multipaths).
 */
#ifndef MPATH_TOPOLOGY_MAP_H
#define MPATH_TOPOLOGY_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "dm/table.h"
#include "model.h"
#include "policy/pgpolicy.h"
#include "policy/prio.h"
#include "topology/settings.h"

#define MP_UUID_PREFIX "mpath-"

/* One path of a map, with how its priority was obtained (for `explain`). */
struct mp_map_member {
	size_t path;                /* index into the snapshot array */
	int prio;                   /* what grouping used (0 when prio_err) */
	int prio_err;               /* 0, or the prioritizer's -errno */
	struct mp_path_choice prio_by; /* prioritizer name, args, origin */
	char prio_reason[MP_PRIO_REASON_MAX];
	int repeat_count;           /* the selector's per-path table arg */
};

struct mp_map_group {
	size_t n;
	struct mp_map_member *members;
	int prio;                   /* average of usable members */
	char key[MP_PG_KEY_MAX];    /* what the members share (pgpolicy key) */
};

struct mp_map {
	char *name;   /* alias or wwid */
	char *name_origin; /* "alias in multipaths section ...", "bindings", "wwid" */
	char *wwid;
	char *uuid;   /* "mpath-<wwid>" */
	uint64_t size; /* sectors, from the first path */
	char vendor[16], product[32], rev[16];
	struct mp_map_settings settings; /* effective: detect rules applied */
	size_t n_groups;
	struct mp_map_group *groups; /* best first */
	struct mp_dm_table table;    /* what the map should be loaded with */
};

/* Callbacks. Who frees what: the topology never keeps pointers given to or
 * returned by a callback beyond the call; strings are copied. */
struct mp_topology_ops {
	/* Typed settings for the device. Required. Return 0 or -errno (the WWID is skipped). */
	int (*settings)(void *data, const struct mp_path *first, struct mp_map_settings *ret);
	/* Name for a WWID without an alias in its settings: write it into buf.
	 * Return 0, or -ENOENT to use the WWID itself. May be NULL (WWID names). */
	int (*name)(void *data, const char *wwid, const struct mp_map_settings *s, char *buf,
		    size_t size);
	/* Whether to multipath the WWID, given its paths: 1 yes, 0 no, -errno.
	 * May be NULL (everything with a WWID). */
	int (*want)(void *data, const char *wwid, const struct mp_path *const *paths, size_t n);
	void *data;
};

struct mp_map_set {
	size_t n;
	struct mp_map *maps;
};

/**
 * mp_topology_build() - the maps the snapshot calls for.
 * @paths: the snapshot. Each member path gets its prio field set (it is
 *         "filled by policy" in model.h); nothing else is written.
 * Paths with an empty WWID are ignored. Maps come in the order of their first
 * path by devpath; paths inside a map are sorted by devpath (natural order,
 * host2 before host10) before grouping.
 * Return: number of maps, or -errno; *ret untouched on failure.
 */
int mp_topology_build(struct mp_path *paths, size_t n, const struct mp_topology_ops *ops,
		      struct mp_map_set *ret);
void mp_map_set_clear(struct mp_map_set *set);
void mp_map_clear(struct mp_map *m);

/**
 * mp_map_build_one() - one map from the paths of one WWID (already sorted).
 * @idx: indices into @paths of the members. @name: the map name.
 * Return: 0 or -errno.
 */
int mp_map_build_one(struct mp_path *paths, const size_t *idx, size_t n,
		     const struct mp_map_settings *s, const char *name, const char *name_origin,
		     struct mp_map *ret);

/**
 * mp_map_build_table() - the dm table for a map (groups, settings, paths).
 *   0 <size> multipath <features> <hwhandler> <#groups> <initial pg 1>
 *     per group: <selector> <#sel args> <sel args> <#paths> 1
 *       per path: <maj:min> <repeat count>
 * Features: the configured ones, minus queue_if_no_path when no_path_retry
 * is set (it decides: queue or N>0 add queue_if_no_path, fail removes it; for
 * N the daemon turns queueing off after N checks, as multipath-tools does),
 * minus retain_attached_hw_handler (always on since Linux 4.3).
 * Return: 0 or -errno.
 */
int mp_map_build_table(const struct mp_map *m, const struct mp_path *paths,
		       struct mp_dm_table *ret);

/* Effective features as the "N word..." string the table gets. */
int mp_map_features_string(const struct mp_map_settings *s, char *buf, size_t size);

#endif
