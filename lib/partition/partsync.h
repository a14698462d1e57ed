/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Carrying partition-map plans out through lib/dm: find the partition maps
 * of a multipath map, bring them in line with its table, remove them all
 * (before a flush). The library does not print: each action comes back with
 * its result, and the CLI or daemon reports it.
 */
#ifndef MPATH_PARTITION_PARTSYNC_H
#define MPATH_PARTITION_PARTSYNC_H

#include "dm/dm.h"
#include "partition/partmap.h"

/* A multipath map as partition code needs it (strings are copies). */
struct mp_part_parent_info {
	char name[128];
	char uuid[129];
	struct mp_part_parent p; /* points into name/uuid */
};

struct mp_part_result {
	struct mp_part_action action;
	int result; /* 0 or -errno */
};

/* The map's name, uuid, major:minor and size (from its table).
 * -ENXIO no such map, -EINVAL when it has no uuid. */
int mp_part_parent_get(struct mp_dm *dm, const char *name, struct mp_part_parent_info *ret);

/* The partition maps of the map with uuid parent_uuid (uuid
 * "part<N>-<parent_uuid>"), in number order; *ret malloc'd. */
int mp_part_find(struct mp_dm *dm, const char *parent_uuid, struct mp_part_have **ret,
		 size_t *ret_n);

/**
 * mp_part_sync() - make the partition maps of p those of table t (plan, then
 * act in the plan's order; a failed action does not stop the others).
 * *ret lists what was done and how it went (malloc'd, may be NULL).
 * Return: 0 when every action succeeded, else the first error.
 */
int mp_part_sync(struct mp_dm *dm, const struct mp_part_parent *p, const struct mp_part_table *t,
		 const char *delim, unsigned int flags, struct mp_part_result **ret, size_t *ret_n);

/**
 * mp_part_remove_all() - remove every partition map of parent_uuid.
 * @flags: MP_DM_REMOVE_* of mp_dm_remove(). Without FORCE or DEFERRED,
 * nothing is removed when one of them is open (mounted, in use): -EBUSY,
 * and *ret lists the open ones with result -EBUSY. With DEFERRED an open
 * one goes when its last user closes it (and its parent after it).
 */
int mp_part_remove_all(struct mp_dm *dm, const char *parent_uuid, unsigned int flags,
		       struct mp_part_result **ret, size_t *ret_n);

#endif
