/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Partition maps through lib/dm: lookup, sync, remove (see partsync.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "partition/partsync.h"

int mp_part_parent_get(struct mp_dm *dm, const char *name, struct mp_part_parent_info *ret)
{
	_cleanup_free_ char *line = NULL;
	struct mp_dm_map m;
	unsigned long long start, length;
	int r = mp_dm_get_map(dm, name, &m);

	if (r < 0)
		return r;
	if (!m.uuid[0])
		return -EINVAL;
	r = mp_dm_get_table_line(dm, name, &line);
	if (r < 0)
		return r;
	if (sscanf(line, "%llu %llu", &start, &length) != 2 || start != 0)
		return -EINVAL;
	memset(ret, 0, sizeof(*ret));
	snprintf(ret->name, sizeof(ret->name), "%s", m.name);
	snprintf(ret->uuid, sizeof(ret->uuid), "%s", m.uuid);
	ret->p = (struct mp_part_parent){
		.name = ret->name,
		.uuid = ret->uuid,
		.major = m.major,
		.minor = m.minor,
		.sectors = length,
	};
	return 0;
}

static int cmp_have(const void *a, const void *b)
{
	const struct mp_part_have *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

int mp_part_find(struct mp_dm *dm, const char *parent_uuid, struct mp_part_have **ret,
		 size_t *ret_n)
{
	_cleanup_free_ struct mp_dm_map *maps = NULL;
	struct mp_part_have *have;
	size_t n_maps = 0, n = 0;
	int r = mp_dm_list_all(dm, &maps, &n_maps);

	if (r < 0)
		return r;
	have = calloc(n_maps + 1, sizeof(*have));
	if (!have)
		return -ENOMEM;
	for (size_t i = 0; i < n_maps; i++) {
		unsigned int number = mp_part_uuid_number(maps[i].uuid, parent_uuid);
		struct mp_part_have *h = &have[n];

		if (!number)
			continue;
		snprintf(h->name, sizeof(h->name), "%s", maps[i].name);
		h->number = number;
		h->open_count = maps[i].open_count;
		h->table_ok = mp_dm_get_linear(dm, maps[i].name, &h->table) == 0;
		n++;
	}
	qsort(have, n, sizeof(*have), cmp_have);
	*ret = have;
	*ret_n = n;
	return 0;
}

static int act(struct mp_dm *dm, const struct mp_part_action *a, unsigned int flags)
{
	switch (a->op) {
	case MP_PART_OP_REMOVE:
		return mp_dm_remove(dm, a->name, 0);
	case MP_PART_OP_RENAME:
		return mp_dm_rename(dm, a->name, a->map.name);
	case MP_PART_OP_CREATE:
		return mp_dm_create_linear(dm, a->map.name, a->map.uuid, &a->map.table,
					   flags & MP_PART_READ_ONLY ? MP_DM_CREATE_READONLY : 0);
	case MP_PART_OP_RELOAD:
		return mp_dm_reload_linear(dm, a->map.name, &a->map.table);
	}
	return -EINVAL;
}

int mp_part_sync(struct mp_dm *dm, const struct mp_part_parent *p, const struct mp_part_table *t,
		 const char *delim, unsigned int flags, struct mp_part_result **ret, size_t *ret_n)
{
	_cleanup_free_ struct mp_part_map *want = calloc(MP_PART_MAX, sizeof(*want));
	_cleanup_free_ struct mp_part_have *have = NULL;
	_cleanup_free_ struct mp_part_action *plan = NULL;
	struct mp_part_result *res = NULL;
	size_t n_have = 0;
	int n_want, n_plan, r, first = 0;

	if (!want)
		return -ENOMEM;
	n_want = mp_part_want(t, p, delim, want, NULL);
	if (n_want < 0)
		return n_want;
	r = mp_part_find(dm, p->uuid, &have, &n_have);
	if (r < 0)
		return r;
	n_plan = mp_part_plan(want, (size_t)n_want, have, n_have, flags, &plan);
	if (n_plan < 0)
		return n_plan;
	if (n_plan > 0) {
		res = calloc((size_t)n_plan, sizeof(*res));
		if (!res)
			return -ENOMEM;
	}
	for (int i = 0; i < n_plan; i++) {
		res[i].action = plan[i];
		res[i].result = act(dm, &plan[i], flags);
		if (res[i].result < 0 && !first)
			first = res[i].result;
	}
	*ret = res;
	*ret_n = (size_t)n_plan;
	return first;
}

int mp_part_remove_all(struct mp_dm *dm, const char *parent_uuid, unsigned int flags,
		       struct mp_part_result **ret, size_t *ret_n)
{
	_cleanup_free_ struct mp_part_have *have = NULL;
	struct mp_part_result *res;
	size_t n_have = 0, n = 0, n_open = 0;
	int r = mp_part_find(dm, parent_uuid, &have, &n_have), first = 0;

	if (r < 0)
		return r;
	for (size_t i = 0; i < n_have; i++)
		if (have[i].open_count > 0)
			n_open++;
	res = calloc(n_have + 1, sizeof(*res));
	if (!res)
		return -ENOMEM;
	if (n_open && !(flags & (MP_DM_REMOVE_FORCE | MP_DM_REMOVE_DEFERRED))) {
		for (size_t i = 0; i < n_have; i++) {
			if (have[i].open_count <= 0)
				continue;
			res[n].action.op = MP_PART_OP_REMOVE;
			snprintf(res[n].action.name, sizeof(res[n].action.name), "%s",
				 have[i].name);
			res[n++].result = -EBUSY;
		}
		*ret = res;
		*ret_n = n;
		return -EBUSY;
	}
	/* Highest number first: logical partitions before their extended one. */
	for (size_t i = n_have; i-- > 0;) {
		res[n].action.op = MP_PART_OP_REMOVE;
		snprintf(res[n].action.name, sizeof(res[n].action.name), "%s", have[i].name);
		res[n].result = mp_dm_remove(dm, have[i].name, flags);
		if (res[n].result < 0 && !first)
			first = res[n].result;
		n++;
	}
	*ret = res;
	*ret_n = n;
	return first;
}
