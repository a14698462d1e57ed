/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libmpath topology API: the kernel's multipath maps, their path groups and
 * paths, for management tools (storage pools, hypervisor agents).
 *
 * Read-only: in this version nothing here changes a map, a path or a file.
 * mp_topology_read() takes one snapshot (sysfs, device-mapper tables and
 * status, prioritizers, optionally path checks); the handles it returns are
 * views of that snapshot and do not follow later changes. Read again to see
 * them.
 *
 * Ownership: a struct mp_topology belongs to the caller and is freed with
 * mp_topology_free(). Map, group and path handles and every string an
 * accessor returns belong to the topology and stay valid until it is freed.
 *
 * NULL handles: every accessor accepts NULL and returns NULL (strings), 0
 * (counts, sizes, dev_t), -EINVAL (signed numbers) or the UNKNOWN value of
 * its enum, so a failed lookup can be passed on without a check.
 *
 * Stability: the handles are opaque, enums only grow (new values are added
 * at the end), and symbols are versioned (MPATH_0.1).
 */
#ifndef MPATH_TOPOLOGY_H
#define MPATH_TOPOLOGY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <mpath/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mp_ctx;
struct mp_topology;
struct mp_map_info;
struct mp_group_info;
struct mp_path_info;

/* Flags of mp_topology_read(). */
enum {
	/*
	 * Check every path (device state, then TEST UNIT READY on the live
	 * system) and report checker states and prios, as `multipath -ll`
	 * does. Without it the result is what `multipath -l` shows: check
	 * states MP_CHECK_UNCHECKED, path prios -1, group prios 0.
	 */
	MP_TOPOLOGY_CHECK_PATHS = 1u << 0,
};

/* A path group's state in the kernel (dm-multipath status). */
enum mp_group_status {
	MP_GROUP_UNKNOWN = 0, /* status not readable */
	MP_GROUP_ACTIVE = 1,  /* carries I/O now */
	MP_GROUP_ENABLED = 2, /* would be tried next */
	MP_GROUP_DISABLED = 3,
};

/* A path's state in the kernel (dm-multipath status: A or F). */
enum mp_path_dm_status {
	MP_PATH_DM_UNKNOWN = 0,
	MP_PATH_DM_ACTIVE = 1,
	MP_PATH_DM_FAILED = 2,
};

/* The path checker's verdict (multipathd's vocabulary). */
enum mp_check_state {
	MP_CHECK_UNCHECKED = 0, /* "undef": not checked (no MP_TOPOLOGY_CHECK_PATHS) or unknown */
	MP_CHECK_READY = 1,	/* "ready" */
	MP_CHECK_FAULTY = 2,	/* "faulty" */
	MP_CHECK_GHOST = 3,	/* "ghost": standby, answers but must not carry I/O */
	MP_CHECK_PENDING = 4,	/* "pending" */
	MP_CHECK_SHAKY = 5,	/* "shaky" */
	MP_CHECK_DELAYED = 6,	/* "delayed" */
	MP_CHECK_MARGINAL = 7,	/* "marginal" */
	MP_CHECK_TIMEOUT = 8,	/* "timeout" */
};

/**
 * mp_topology_read() - snapshot the kernel's multipath maps and their paths.
 * @ctx: where to read from (sysfs root, config file, state directory) and
 *       where messages go; must outlive the call only.
 * @flags: 0 or MP_TOPOLOGY_CHECK_PATHS.
 * @ret: the snapshot; free with mp_topology_free().
 *
 * Reads sysfs, lists the device-mapper maps whose target is "multipath"
 * and reads their table and status, computes path prios with the
 * prioritizers multipath.conf selects, and with MP_TOPOLOGY_CHECK_PATHS
 * checks each path. Maps whose table cannot be read are left out (a
 * warning goes to the log). On the live system this needs the rights of
 * `dmsetup table` (usually root).
 *
 * Return: the number of maps (>= 0), -EINVAL (NULL argument, unknown flag),
 * -ENOMEM, -ENOENT (a config file set with mp_ctx_set_config_file() is
 * missing), or the -errno of sysfs, the config file or device-mapper.
 */
MP_EXPORT int mp_topology_read(struct mp_ctx *ctx, unsigned int flags, struct mp_topology **ret);

/**
 * mp_topology_free() - free a snapshot and every handle and string from it.
 * @t: may be NULL.
 */
MP_EXPORT void mp_topology_free(struct mp_topology *t);

/**
 * mp_topology_map_count() - number of maps in the snapshot.
 * Return: the count; 0 for NULL.
 */
MP_EXPORT size_t mp_topology_map_count(const struct mp_topology *t);

/**
 * mp_topology_map() - the map at index @i, in the order device-mapper lists them.
 * Return: the map, or NULL when @t is NULL or @i >= mp_topology_map_count().
 */
MP_EXPORT const struct mp_map_info *mp_topology_map(const struct mp_topology *t, size_t i);

/**
 * mp_topology_find_map() - look a map up.
 * @key: the map's name, its WWID, its dm uuid ("mpath-<wwid>") or "dm-<minor>".
 * Return: the map, or NULL when none matches (or an argument is NULL).
 */
MP_EXPORT const struct mp_map_info *mp_topology_find_map(const struct mp_topology *t,
							 const char *key);

/**
 * mp_topology_to_json() - the snapshot as JSON, in the layout of
 * multipathd's `show maps json` ({"major_version":0,"minor_version":1,
 * "maps":[...]}; see lib/output/README.md for every key).
 * @ret_json: NUL-terminated, malloc'd; the caller frees it with free().
 * Return: 0, -EINVAL (NULL argument), -ENOMEM.
 */
MP_EXPORT int mp_topology_to_json(const struct mp_topology *t, char **ret_json);

/* Maps. Strings belong to the topology. */

/** mp_map_name() - the device-mapper name ("mpatha", an alias or the WWID). */
MP_EXPORT const char *mp_map_name(const struct mp_map_info *m);
/** mp_map_wwid() - the LUN's WWID, from the map's "mpath-<wwid>" uuid (else the uuid or name). */
MP_EXPORT const char *mp_map_wwid(const struct mp_map_info *m);
/** mp_map_dm_minor() - N of /dev/dm-N. Return: N, or -EINVAL for NULL. */
MP_EXPORT int mp_map_dm_minor(const struct mp_map_info *m);
/** mp_map_size_sectors() - size in 512-byte sectors (the table's length). */
MP_EXPORT uint64_t mp_map_size_sectors(const struct mp_map_info *m);
/** mp_map_vendor() - SCSI vendor of the first known path, NULL when no path is known. */
MP_EXPORT const char *mp_map_vendor(const struct mp_map_info *m);
/** mp_map_product() - SCSI product of the first known path, NULL when no path is known. */
MP_EXPORT const char *mp_map_product(const struct mp_map_info *m);
/** mp_map_features() - the table's features with their count: "1 queue_if_no_path". */
MP_EXPORT const char *mp_map_features(const struct mp_map_info *m);
/** mp_map_hwhandler() - the table's hardware handler with its count: "1 alua", "0". */
MP_EXPORT const char *mp_map_hwhandler(const struct mp_map_info *m);
/** mp_map_group_count() - number of path groups. */
MP_EXPORT size_t mp_map_group_count(const struct mp_map_info *m);
/** mp_map_group() - group @i (0-based; the kernel numbers them from 1). NULL when out of range. */
MP_EXPORT const struct mp_group_info *mp_map_group(const struct mp_map_info *m, size_t i);
/** mp_map_path_count() - paths in all groups (the "total" of "[active/total]"). */
MP_EXPORT size_t mp_map_path_count(const struct mp_map_info *m);
/**
 * mp_map_active_path_count() - paths the kernel has active (A in the dm
 * status); when the status is unknown, paths checked ready or ghost. The
 * "active" of "[active/total]".
 */
MP_EXPORT size_t mp_map_active_path_count(const struct mp_map_info *m);

/* Path groups. */

/** mp_group_state() - the kernel's state of the group. */
MP_EXPORT enum mp_group_status mp_group_state(const struct mp_group_info *g);
/** mp_group_state_str() - "active", "enabled", "disabled" or "undef"; never NULL, static. */
MP_EXPORT const char *mp_group_state_str(enum mp_group_status s);
/**
 * mp_group_prio() - the group's priority: the mean prio of its usable
 * paths, 0 without MP_TOPOLOGY_CHECK_PATHS. Return: prio, -EINVAL for NULL.
 */
MP_EXPORT int mp_group_prio(const struct mp_group_info *g);
/** mp_group_selector() - path selector with its args: "service-time 0". */
MP_EXPORT const char *mp_group_selector(const struct mp_group_info *g);
/** mp_group_path_count() - paths in the group. */
MP_EXPORT size_t mp_group_path_count(const struct mp_group_info *g);
/** mp_group_path() - path @i of the group, in table order; NULL when out of range. */
MP_EXPORT const struct mp_path_info *mp_group_path(const struct mp_group_info *g, size_t i);

/* Paths. */

/** mp_path_dev() - kernel name ("sdb"); NULL when the device is not in sysfs. */
MP_EXPORT const char *mp_path_dev(const struct mp_path_info *p);
/** mp_path_devt() - device number, as in the table (use major()/minor()); 0 for NULL. */
MP_EXPORT dev_t mp_path_devt(const struct mp_path_info *p);
/** mp_path_hctl() - SCSI "host:channel:target:lun"; NULL for non-SCSI or unknown devices. */
MP_EXPORT const char *mp_path_hctl(const struct mp_path_info *p);
/** mp_path_dm_state() - the kernel's state of the path in the map. */
MP_EXPORT enum mp_path_dm_status mp_path_dm_state(const struct mp_path_info *p);
/** mp_path_check_state() - the checker's verdict (MP_CHECK_UNCHECKED without
 * MP_TOPOLOGY_CHECK_PATHS). */
MP_EXPORT enum mp_check_state mp_path_check_state(const struct mp_path_info *p);
/** mp_path_state_str() - "ready", "faulty", "ghost", ..., "undef"; never NULL, static. */
MP_EXPORT const char *mp_path_state_str(enum mp_check_state s);
/**
 * mp_path_prio() - the prioritizer's value for the path.
 * Return: prio >= 0; -1 when unknown (not checked, or not in sysfs); -EINVAL for NULL.
 */
MP_EXPORT int mp_path_prio(const struct mp_path_info *p);

#ifdef __cplusplus
}
#endif
#endif
