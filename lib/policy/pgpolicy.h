/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Path grouping: the paths of one LUN (already prioritized) become ordered
 * path groups, the unit device-mapper fails over between.
 */
#ifndef MPATH_POLICY_PGPOLICY_H
#define MPATH_POLICY_PGPOLICY_H

#include <stddef.h>

#include "model.h"

enum mp_pgpolicy {
	MP_PGP_FAILOVER = 0,     /* one path per group */
	MP_PGP_MULTIBUS,         /* all paths in one group */
	MP_PGP_GROUP_BY_SERIAL,  /* VPD 0x80 serial: paths through one controller */
	MP_PGP_GROUP_BY_PRIO,    /* one group per priority value */
	MP_PGP_GROUP_BY_NODE_NAME, /* target node name (FC WWNN, iSCSI target) */
	MP_PGP_GROUP_BY_TPG,     /* ALUA target port group id */
};

/* "failover", "multibus", ... as in multipath.conf; NULL for an invalid value. */
const char *mp_pgpolicy_name(enum mp_pgpolicy p);
/* Return: 0 and *ret set, or -EINVAL for an unknown name. */
int mp_pgpolicy_from_name(const char *name, enum mp_pgpolicy *ret);

#define MP_PG_KEY_MAX 300

struct mp_pg {
	size_t n;          /* paths in the group */
	size_t *members;   /* indices into the caller's path array, in input order */
	int prio;          /* average prio of the usable members (0 if none) */
	size_t n_usable;
	char key[MP_PG_KEY_MAX]; /* what the members share: "serial ABC", "prio 50", "all paths" */
};

struct mp_pg_set {
	size_t n;
	struct mp_pg *groups; /* best first */
};

/**
 * mp_pgpolicy_group() - split paths into groups and order them.
 * @paths: the paths of one WWID, in discovery (devpath) order, each with prio set.
 *
 * Groups are ordered by group priority, highest first; on equal priority the
 * group with more usable paths goes first; remaining ties keep the order in
 * which each group's first path appears. Inside a group, paths keep input order.
 * Group priority is the integer average of the prios of its usable paths,
 * as multipath-tools computes it: "usable" there means the checker said up
 * or ghost; we also count unchecked paths, so that a map planned before any
 * check (mpath -d) is ordered by its prioritizer results.
 * Return: number of groups, or -ENOMEM / -EINVAL. *ret is untouched on failure.
 */
int mp_pgpolicy_group(enum mp_pgpolicy policy, const struct mp_path *const *paths, size_t n,
		      struct mp_pg_set *ret);
void mp_pg_set_clear(struct mp_pg_set *set);

/* Whether a path in this checker state counts towards its group's priority. */
int mp_path_state_usable(enum mp_path_state s);

#endif
