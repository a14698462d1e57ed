/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What lies behind the opaque handles of <mpath/topology.h>. A topology
 * keeps the engine's world and views alive and wraps them: handles point
 * into those arrays, so accessors only look things up and never allocate.
 * Only lib/api and its tests include this header.
 */
#ifndef MPATH_API_PRIVATE_H
#define MPATH_API_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"
#include "mpath/mpath.h"
#include "output/view.h"

struct mp_path_info {
	const struct mp_view_path *v;
	enum mp_check_state check;
	char hctl[64]; /* "" when not SCSI or not in sysfs */
};

struct mp_group_info {
	const struct mp_view_group *v;
	struct mp_path_info *paths; /* v->n entries, inside mp_topology.paths */
};

struct mp_map_info {
	const struct mp_view_map *v;
	struct mp_group_info *groups; /* v->n_groups entries, inside mp_topology.groups */
	size_t n_paths, n_active;
};

struct mp_topology {
	struct mp_world world; /* views[].groups[].paths[].path point into world.paths */
	struct mp_view_map *views;
	size_t n;
	struct mp_map_info *maps;     /* n entries, parallel to views */
	struct mp_group_info *groups; /* all maps' groups, one allocation */
	struct mp_path_info *paths;   /* all groups' paths, one allocation */
};

/*
 * mp_topology_read_with_dm() - mp_topology_read() against a given
 * device-mapper backend (the recording fake in tests). @dm is borrowed.
 * Return: as mp_topology_read().
 */
int mp_topology_read_with_dm(struct mp_ctx *ctx, struct mp_dm *dm, unsigned int flags,
			     struct mp_topology **ret);

/*
 * mp_topology_wrap() - take ownership of a world and its views and build
 * the handles over them. On success *w is emptied and views belong to *ret;
 * on failure the caller still owns both.
 * Return: 0 or -ENOMEM.
 */
int mp_topology_wrap(struct mp_world *w, struct mp_view_map *views, size_t n, bool checked,
		     struct mp_topology **ret);

#endif
