/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Grouping is "compute a key per path, put equal keys together", so every
 * policy is a key function; ordering is one shared stable sort.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "policy/pgpolicy.h"

static const char *const pgp_names[] = {
	[MP_PGP_FAILOVER] = "failover",
	[MP_PGP_MULTIBUS] = "multibus",
	[MP_PGP_GROUP_BY_SERIAL] = "group_by_serial",
	[MP_PGP_GROUP_BY_PRIO] = "group_by_prio",
	[MP_PGP_GROUP_BY_NODE_NAME] = "group_by_node_name",
	[MP_PGP_GROUP_BY_TPG] = "group_by_tpg",
};

const char *mp_pgpolicy_name(enum mp_pgpolicy p)
{
	if ((size_t)p >= ARRAY_SIZE(pgp_names))
		return NULL;
	return pgp_names[p];
}

int mp_pgpolicy_from_name(const char *name, enum mp_pgpolicy *ret)
{
	if (!name)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(pgp_names); i++)
		if (streq(pgp_names[i], name)) {
			*ret = (enum mp_pgpolicy)i;
			return 0;
		}
	return -EINVAL;
}

int mp_path_state_usable(enum mp_path_state s)
{
	return s == MP_PATH_UP || s == MP_PATH_GHOST || s == MP_PATH_UNCHECKED;
}

static void key_of(enum mp_pgpolicy policy, const struct mp_path *p, char *buf, size_t size)
{
	switch (policy) {
	case MP_PGP_FAILOVER:
		snprintf(buf, size, "path %s", p->dev);
		break;
	case MP_PGP_MULTIBUS:
		snprintf(buf, size, "all paths");
		break;
	case MP_PGP_GROUP_BY_SERIAL:
		snprintf(buf, size, "serial %s", p->serial);
		break;
	case MP_PGP_GROUP_BY_PRIO:
		snprintf(buf, size, "prio %d", p->prio);
		break;
	case MP_PGP_GROUP_BY_NODE_NAME:
		snprintf(buf, size, "node_name %s", p->tgt_node_name);
		break;
	case MP_PGP_GROUP_BY_TPG:
		snprintf(buf, size, "tpg %d", p->tpg_id);
		break;
	}
}

void mp_pg_set_clear(struct mp_pg_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		free(set->groups[i].members);
	free(set->groups);
	set->groups = NULL;
	set->n = 0;
}

struct ranked {
	struct mp_pg pg;
	size_t first; /* position of the first member: the tie breaker */
};

static int rank_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->pg.prio != y->pg.prio)
		return x->pg.prio > y->pg.prio ? -1 : 1;
	if (x->pg.n_usable != y->pg.n_usable)
		return x->pg.n_usable > y->pg.n_usable ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

int mp_pgpolicy_group(enum mp_pgpolicy policy, const struct mp_path *const *paths, size_t n,
		      struct mp_pg_set *ret)
{
	struct ranked *r = NULL;
	size_t nr = 0;
	char key[MP_PG_KEY_MAX];
	struct mp_pg_set set = {0};

	if (!mp_pgpolicy_name(policy) || (n && !paths))
		return -EINVAL;
	if (n) {
		r = calloc(n, sizeof(*r));
		if (!r)
			return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		size_t g;

		key_of(policy, paths[i], key, sizeof(key));
		for (g = 0; g < nr; g++)
			if (streq(r[g].pg.key, key))
				break;
		if (g == nr) {
			/* n members at most: one allocation per group, no regrowth */
			r[g].pg.members = calloc(n, sizeof(size_t));
			if (!r[g].pg.members)
				goto fail;
			snprintf(r[g].pg.key, sizeof(r[g].pg.key), "%s", key);
			r[g].first = i;
			nr++;
		}
		r[g].pg.members[r[g].pg.n++] = i;
	}
	for (size_t g = 0; g < nr; g++) {
		long sum = 0;

		for (size_t k = 0; k < r[g].pg.n; k++) {
			const struct mp_path *p = paths[r[g].pg.members[k]];

			if (mp_path_state_usable(p->state)) {
				sum += p->prio;
				r[g].pg.n_usable++;
			}
		}
		r[g].pg.prio = r[g].pg.n_usable ? (int)(sum / (long)r[g].pg.n_usable) : 0;
	}
	if (nr)
		qsort(r, nr, sizeof(*r), rank_cmp);
	if (nr) {
		set.groups = calloc(nr, sizeof(*set.groups));
		if (!set.groups)
			goto fail;
	}
	for (size_t g = 0; g < nr; g++)
		set.groups[g] = r[g].pg;
	set.n = nr;
	free(r);
	*ret = set;
	return (int)nr;
fail:
	for (size_t g = 0; g < n; g++)
		free(r[g].pg.members);
	free(r);
	return -ENOMEM;
}
