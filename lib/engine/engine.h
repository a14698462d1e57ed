/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pipeline, end to end, shared by the mpath command and mpathd:
 *
 *   mp_world_read()      snapshot: paths from sysfs, multipath maps from dm
 *   mp_engine_desire()   blacklist + find_multipaths + names + config -> desired maps
 *   mp_engine_plan()     desired vs current -> plan (lib/topology)
 *   mp_engine_apply()    plan -> device-mapper calls
 *
 * The engine holds no state between runs beyond what it was given; the
 * daemon keeps a world and re-runs the middle when something changes.
 */
#ifndef MPATH_ENGINE_H
#define MPATH_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "common/diag.h"
#include "config/config.h"
#include "dm/dm.h"
#include "model.h"
#include "names/bindings.h"
#include "topology/map.h"
#include "topology/plan.h"

struct mp_ctx;
struct mp_blacklist;

/* What a pipeline run works with. The engine borrows all of it. */
struct mp_engine {
	struct mp_ctx *ctx;
	const struct mp_config *cfg;
	struct mp_dm *dm;          /* libdevmapper, or the fake for --sysfs-root runs */
	const char *bindings_path; /* bindings_file, possibly moved by --state-dir */
	const char *wwids_path;
	/* Create/update/remove partition maps with the maps (partitions.c);
	 * only with the real device-mapper backend. */
	bool manage_partitions;
};

/* Why a path is not part of any desired map. */
struct mp_path_note {
	bool excluded;
	/* Eligible, but left out of the maps for now: its device cannot be
	 * opened (offline), so a table naming it would not load. Not set for a
	 * path the map's current table already holds. */
	bool unusable;
	char reason[320]; /* "sda: excluded by blacklist devnode ..." / "find_multipaths strict: ..." */
};

/* A snapshot of the world. Arrays are parallel: notes[i] is about paths[i];
 * tables[i]/status[i] about dm_maps[i] (zeroed when unreadable). */
struct mp_world {
	struct mp_path *paths;
	size_t n_paths;
	struct mp_path_note *notes;
	struct mp_dm_map *dm_maps;
	size_t n_dm_maps;
	struct mp_dm_table *tables;
	struct mp_dm_table *status;
};

int mp_world_read(struct mp_engine *e, struct mp_world *ret, struct mp_diags *diags);
void mp_world_clear(struct mp_world *w);
/* Index of the path with that kernel name or "maj:min", or -1. */
ssize_t mp_world_find_path(const struct mp_world *w, const char *name);
/* Index of the dm map with that name or uuid, or -1. */
ssize_t mp_world_find_map(const struct mp_world *w, const char *name);

/* Check every path's state synchronously (for `-ll`): device state, then
 * TEST UNIT READY through ctx->scsi when there is one; otherwise the state
 * the sysfs snapshot implies. */
void mp_world_check_paths(struct mp_engine *e, struct mp_world *w);

struct mp_device_id;
/* What config resolution matches @p by (vendor, product, revision, wwid,
 * transport); the protocol is left out: it selects path-level settings only. */
void mp_engine_device_id(const struct mp_path *p, struct mp_device_id *ret);

struct mp_desire_opts {
	bool dry_run;           /* allocate names in memory only, write no files */
	bool ignore_wwids;      /* -i */
	const char *pgpolicy;   /* -p: force path_grouping_policy, NULL to keep */
	const char *only;       /* a device or map name: only its WWID, NULL for all */
	/* No daemon runs and queue_without_daemon is off: maps must not queue, as
	 * nothing would ever stop the queueing after no_path_retry. */
	bool no_queueing;
	/* -B: the bindings file is read only: a WWID without a binding gets no
	 * new name and its map is named by the WWID, as multipath -B does. */
	bool bindings_read_only;
};

/*
 * mp_engine_desire() - the maps the world calls for. Excluded paths get a
 * note (blacklist rule or find_multipaths reason). Names follow
 * multipaths alias > bindings > the name an existing map already has > new
 * binding (when user_friendly_names) > WWID.
 * Return: number of maps or -errno.
 */
int mp_engine_desire(struct mp_engine *e, struct mp_world *w, const struct mp_desire_opts *opts,
		     struct mp_map_set *ret, struct mp_diags *diags);

/*
 * mp_engine_path_openable() - false when the SCSI device state (offline,
 * transport-offline, cancel, deleted) means the kernel cannot open it: a
 * table naming it would not load.
 */
bool mp_engine_path_openable(const struct mp_path *p);

/* The current multipath maps of the world, as the planner wants them.
 * *ret points into w; free() the array only. */
int mp_engine_current(const struct mp_world *w, struct mp_current_map **ret, size_t *ret_n);

/*
 * mp_engine_apply() - carry out a plan. An action that fails is reported
 * (map name and error) and the others still run: one bad map must not
 * leave the rest unmanaged. Created maps' WWIDs are added to the wwids file.
 * Return: number of failed actions (0 = all done) or -errno.
 */
int mp_engine_apply(struct mp_engine *e, const struct mp_plan *plan, struct mp_diags *diags);

/**
 * mp_engine_partitions_sync() - make the partition maps of map name follow
 * its partition table (create, reload, rename, remove), as kpartx -u does.
 * delim NULL: "-part". Nothing when manage_partitions is off or the map has
 * no active path. Failures are reported in diags.
 * Return: 0 or the first error.
 */
int mp_engine_partitions_sync(struct mp_engine *e, const char *name, const char *delim,
			      struct mp_diags *diags);
/**
 * mp_engine_remove_map() - flush one map: its partition maps first, and
 * nothing at all (-EBUSY, an error per open partition in diags) while one
 * of them is open, unless MP_DM_REMOVE_FORCE. flags as mp_dm_remove().
 */
int mp_engine_remove_map(struct mp_engine *e, const char *name, unsigned int flags,
			 struct mp_diags *diags);

struct mp_view_map;

/*
 * mp_engine_views() - the kernel's multipath maps as views for `-l`/`-ll`,
 * `show topology` and JSON, with path states and prios from the world.
 * @only: a map name, uuid, dm-N or path; NULL for all.
 * Return: number of views (*ret malloc'd; free with mp_engine_views_free) or -errno.
 */
int mp_engine_views(const struct mp_world *w, bool checked, const char *only,
		    struct mp_view_map **ret, size_t *ret_n);
void mp_engine_views_free(struct mp_view_map *views, size_t n);

#endif
