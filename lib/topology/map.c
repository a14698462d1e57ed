/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snapshot -> desired maps: gather the paths of each WWID, ask the callbacks
 * whether and how to multipath it, prioritize, group, and build the table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "topology/map.h"

void mp_map_clear(struct mp_map *m)
{
	if (!m)
		return;
	free(m->name);
	free(m->name_origin);
	free(m->wwid);
	free(m->uuid);
	for (size_t g = 0; g < m->n_groups; g++)
		free(m->groups[g].members);
	free(m->groups);
	mp_dm_table_clear(&m->table);
	memset(m, 0, sizeof(*m));
}

void mp_map_set_clear(struct mp_map_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		mp_map_clear(&set->maps[i]);
	free(set->maps);
	set->maps = NULL;
	set->n = 0;
}

static int prioritize(struct mp_path *p, const struct mp_map_settings *s,
		      struct mp_map_member *mb)
{
	struct mp_prio_result pr = {0};

	mp_settings_path_prio(s, p, &mb->prio_by);
	mb->prio_err = mp_prio_compute(mb->prio_by.name, mb->prio_by.args, p, &pr);
	if (mb->prio_err == -ENOMEM)
		return -ENOMEM;
	/* A path whose prioritizer fails still carries I/O; it sorts last. */
	mb->prio = mb->prio_err ? 0 : pr.prio;
	snprintf(mb->prio_reason, sizeof(mb->prio_reason), "%s", pr.reason);
	p->prio = mb->prio;
	return 0;
}

int mp_map_build_one(struct mp_path *paths, const size_t *idx, size_t n,
		     const struct mp_map_settings *s, const char *name, const char *name_origin,
		     struct mp_map *ret)
{
	_cleanup_free_ const struct mp_path **ptrs = NULL;
	_cleanup_free_ struct mp_map_member *members = NULL;
	struct mp_pg_set pgs = {0};
	struct mp_map m = {0};
	int r;

	if (!n || !idx || !name)
		return -EINVAL;
	ptrs = calloc(n, sizeof(*ptrs));
	members = calloc(n, sizeof(*members));
	if (!ptrs || !members)
		return -ENOMEM;
	m.settings = *s;
	for (size_t i = 0; i < n; i++)
		ptrs[i] = &paths[idx[i]];
	mp_settings_apply_hwhandler(&m.settings, ptrs, n);

	for (size_t i = 0; i < n; i++) {
		members[i].path = idx[i];
		r = prioritize(&paths[idx[i]], &m.settings, &members[i]);
		if (r < 0)
			return r;
		members[i].repeat_count = m.settings.rr_min_io_rq > 0 ? m.settings.rr_min_io_rq : 1;
		if (m.settings.rr_weight == MP_RR_WEIGHT_PRIORITIES && members[i].prio > 0)
			members[i].repeat_count *= members[i].prio;
	}
	r = mp_pgpolicy_group(m.settings.pgpolicy, ptrs, n, &pgs);
	if (r < 0)
		return r;

	r = -ENOMEM;
	m.name = strdup(name);
	m.name_origin = strdup(name_origin ? name_origin : "");
	m.wwid = strdup(paths[idx[0]].wwid);
	if (!m.name || !m.name_origin || !m.wwid ||
	    asprintf(&m.uuid, MP_UUID_PREFIX "%s", paths[idx[0]].wwid) < 0) {
		m.uuid = NULL;
		goto fail;
	}
	m.size = paths[idx[0]].size;
	snprintf(m.vendor, sizeof(m.vendor), "%s", paths[idx[0]].vendor);
	snprintf(m.product, sizeof(m.product), "%s", paths[idx[0]].product);
	snprintf(m.rev, sizeof(m.rev), "%s", paths[idx[0]].rev);

	m.groups = calloc(pgs.n ? pgs.n : 1, sizeof(*m.groups));
	if (!m.groups)
		goto fail;
	for (size_t g = 0; g < pgs.n; g++) {
		struct mp_map_group *mg = &m.groups[g];

		mg->members = calloc(pgs.groups[g].n, sizeof(*mg->members));
		if (!mg->members)
			goto fail;
		m.n_groups++;
		mg->n = pgs.groups[g].n;
		mg->prio = pgs.groups[g].prio;
		snprintf(mg->key, sizeof(mg->key), "%s", pgs.groups[g].key);
		for (size_t k = 0; k < mg->n; k++)
			mg->members[k] = members[pgs.groups[g].members[k]];
	}
	r = mp_map_build_table(&m, paths, &m.table);
	if (r < 0)
		goto fail;
	mp_pg_set_clear(&pgs);
	*ret = m;
	return 0;
fail:
	mp_pg_set_clear(&pgs);
	mp_map_clear(&m);
	return r;
}

/* Sort by device path the way the kernel enumerates (host2 before host10). */
static int devpath_cmp(const void *a, const void *b, void *arg)
{
	const struct mp_path *paths = arg;
	const struct mp_path *x = &paths[*(const size_t *)a], *y = &paths[*(const size_t *)b];
	int c = strverscmp(x->devpath, y->devpath);

	return c ? c : strverscmp(x->dev, y->dev);
}

static int name_for(const struct mp_topology_ops *ops, const char *wwid,
		    const struct mp_map_settings *s, char *buf, size_t size, char *origin,
		    size_t osize)
{
	int r;

	if (s->alias[0]) {
		snprintf(buf, size, "%s", s->alias);
		snprintf(origin, osize, "alias, %s", s->alias_origin);
		return 0;
	}
	if (ops->name) {
		r = ops->name(ops->data, wwid, s, buf, size);
		if (r == 0 && buf[0]) {
			snprintf(origin, osize, "%s",
				 s->user_friendly_names ? "user_friendly_names binding" : "names");
			return 0;
		}
		if (r < 0 && r != -ENOENT)
			return r;
	}
	snprintf(buf, size, "%s", wwid);
	snprintf(origin, osize, "wwid (no alias)");
	return 0;
}

static int build_wwid(struct mp_path *paths, const size_t *idx, size_t n,
		      const struct mp_topology_ops *ops, struct mp_map *ret)
{
	_cleanup_free_ const struct mp_path **ptrs = calloc(n, sizeof(*ptrs));
	struct mp_map_settings s;
	char name[256], origin[MP_ORIGIN_MAX + 16];
	const char *wwid = paths[idx[0]].wwid;
	int r;

	if (!ptrs)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		ptrs[i] = &paths[idx[i]];
	if (ops->want) {
		r = ops->want(ops->data, wwid, ptrs, n);
		if (r <= 0)
			return r;
	}
	mp_map_settings_init(&s);
	r = ops->settings(ops->data, ptrs[0], &s);
	if (r < 0)
		return r == -ENOMEM ? r : 0;
	r = name_for(ops, wwid, &s, name, sizeof(name), origin, sizeof(origin));
	if (r < 0)
		return r;
	r = mp_map_build_one(paths, idx, n, &s, name, origin, ret);
	return r < 0 ? r : 1;
}

int mp_topology_build(struct mp_path *paths, size_t n, const struct mp_topology_ops *ops,
		      struct mp_map_set *ret)
{
	_cleanup_free_ size_t *order = NULL;
	_cleanup_free_ size_t *members = NULL;
	_cleanup_free_ char *done = NULL;
	struct mp_map_set set = {0};
	size_t n_ord = 0;
	int r;

	if (!ops || !ops->settings || (n && !paths))
		return -EINVAL;
	order = calloc(n ? n : 1, sizeof(*order));
	members = calloc(n ? n : 1, sizeof(*members));
	done = calloc(n ? n : 1, 1);
	set.maps = calloc(n ? n : 1, sizeof(*set.maps));
	if (!order || !members || !done || !set.maps) {
		free(set.maps);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		if (paths[i].wwid[0])
			order[n_ord++] = i;
	qsort_r(order, n_ord, sizeof(*order), devpath_cmp, paths);

	for (size_t i = 0; i < n_ord; i++) {
		size_t nm = 0;

		if (done[i])
			continue;
		for (size_t j = i; j < n_ord; j++)
			if (!done[j] && streq(paths[order[j]].wwid, paths[order[i]].wwid)) {
				members[nm++] = order[j];
				done[j] = 1;
			}
		r = build_wwid(paths, members, nm, ops, &set.maps[set.n]);
		if (r < 0) {
			mp_map_set_clear(&set);
			return r;
		}
		if (r > 0)
			set.n++;
	}
	*ret = set;
	return (int)set.n;
}
