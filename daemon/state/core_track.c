/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tracked paths and maps: lookups, tracking and untracking, re-reading a
 * map from the kernel, and keeping each path pointed at its map and checked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/checker_sched.h"
#include "state/core_int.h"

/* ---- lookups ---- */

struct core_path *core_find_path(struct core *c, const char *name)
{
	unsigned major, minor;
	char tail;

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	if (sscanf(name, "%u:%u%c", &major, &minor, &tail) == 2)
		return core_find_path_devt(c, major, minor);
	for (size_t i = 0; i < c->n_paths; i++)
		if (!strcmp(c->paths[i]->p.dev, name))
			return c->paths[i];
	return NULL;
}

struct core_path *core_find_path_devt(struct core *c, unsigned major, unsigned minor)
{
	for (size_t i = 0; i < c->n_paths; i++)
		if (c->paths[i]->p.major == major && c->paths[i]->p.minor == minor)
			return c->paths[i];
	return NULL;
}

struct core_map *core_find_map(struct core *c, const char *name)
{
	unsigned minor;
	char tail;

	if (!strncmp(name, "/dev/mapper/", 12))
		name += 12;
	for (size_t i = 0; i < c->n_maps; i++) {
		struct core_map *m = c->maps[i];

		if (!strcmp(m->info.name, name) || !strcmp(m->info.uuid, name) ||
		    !strcmp(m->wwid, name))
			return m;
		if (sscanf(name, "dm-%u%c", &minor, &tail) == 1 && m->info.minor == minor)
			return m;
	}
	return NULL;
}

struct core_map *core_find_map_wwid(struct core *c, const char *wwid)
{
	for (size_t i = 0; i < c->n_maps; i++)
		if (!strcmp(c->maps[i]->wwid, wwid))
			return c->maps[i];
	return NULL;
}

/* ---- tracking ---- */

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	void *n;
	size_t nc;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap * 2 : 16;
	while (nc < need)
		nc *= 2;
	n = realloc(*arr, nc * elem);
	if (!n)
		return -ENOMEM;
	*arr = n;
	*cap = nc;
	return 0;
}

struct core_path *core_track_path(struct core *c, const struct mp_path *snap)
{
	struct core_path *p = core_find_path(c, snap->dev);

	if (p) {
		/* Same name: keep the checker verdict and prio the daemon holds. */
		enum mp_path_state st = p->p.state;
		int prio = p->p.prio;
		bool moved = p->p.major != snap->major || p->p.minor != snap->minor;

		p->p = *snap;
		p->p.state = moved ? MP_PATH_UNCHECKED : st;
		p->p.prio = prio;
		p->gone = false;
		return p;
	}
	if (grow((void **)&c->paths, &c->cap_paths, c->n_paths + 1, sizeof(*c->paths)) < 0)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->p = *snap;
	p->p.state = MP_PATH_UNCHECKED;
	p->core = c;
	snprintf(p->checker, sizeof(p->checker), "tur");
	c->paths[c->n_paths++] = p;
	return p;
}

void core_untrack_path(struct core *c, struct core_path *p)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		if (c->paths[i] != p)
			continue;
		sched_remove(p->sp);
		memmove(&c->paths[i], &c->paths[i + 1], (c->n_paths - i - 1) * sizeof(*c->paths));
		c->n_paths--;
		free(p);
		return;
	}
}

void core_untrack_map(struct core *c, struct core_map *m)
{
	for (size_t i = 0; i < c->n_paths; i++)
		if (c->paths[i]->map == m)
			c->paths[i]->map = NULL;
	for (size_t i = 0; i < c->n_maps; i++) {
		if (c->maps[i] != m)
			continue;
		memmove(&c->maps[i], &c->maps[i + 1], (c->n_maps - i - 1) * sizeof(*c->maps));
		c->n_maps--;
		core_policy_free_map(m);
		mp_dm_table_clear(&m->table);
		mp_dm_table_clear(&m->status);
		free(m);
		return;
	}
}

struct core_map *core_refresh_map(struct core *c, const char *name)
{
	struct mp_dm_map info;
	struct core_map *m = NULL;
	struct mp_dm_table table = {0}, status = {0};
	const char *wwid;
	int r = mp_dm_get_map(c->dm, name, &info);

	for (size_t i = 0; i < c->n_maps; i++)
		if (!strcmp(c->maps[i]->info.name, name))
			m = c->maps[i];
	if (r < 0 || strcmp(info.target_type, "multipath")) {
		if (m && (r == -ENXIO || r == -EMEDIUMTYPE || r == 0))
			core_untrack_map(c, m);
		return NULL;
	}
	if (!m) /* renamed: same uuid under a new name */
		for (size_t i = 0; i < c->n_maps && info.uuid[0]; i++)
			if (!strcmp(c->maps[i]->info.uuid, info.uuid))
				m = c->maps[i];
	if (mp_dm_get_table(c->dm, name, &table) < 0) {
		core_log(c, MP_LOG_WARNING, "%s: cannot read its table", name);
		return m;
	}
	if (mp_dm_get_status(c->dm, name, &status) < 0)
		memset(&status, 0, sizeof(status));
	if (!m) {
		if (grow((void **)&c->maps, &c->cap_maps, c->n_maps + 1, sizeof(*c->maps)) < 0 ||
		    !(m = calloc(1, sizeof(*m)))) {
			mp_dm_table_clear(&table);
			mp_dm_table_clear(&status);
			return NULL;
		}
		m->core = c;
		wwid = mp_dm_wwid_from_uuid(info.uuid);
		snprintf(m->wwid, sizeof(m->wwid), "%s", wwid ? wwid : info.name);
		core_policy_init_map(c, m);
		c->maps[c->n_maps++] = m;
	}
	m->info = info;
	mp_dm_table_clear(&m->table);
	mp_dm_table_clear(&m->status);
	m->table = table;
	m->status = status;
	/* A status whose layout does not match the table cannot be read per path. */
	if (m->status.n_groups != m->table.n_groups)
		mp_dm_table_clear(&m->status);
	return m;
}

bool core_table_holds(const struct mp_dm_table *t, const struct mp_path *p)
{
	for (size_t g = 0; g < t->n_groups; g++)
		for (size_t k = 0; k < t->groups[g].n_paths; k++)
			if (t->groups[g].paths[k].major == p->major &&
			    t->groups[g].paths[k].minor == p->minor)
				return true;
	return false;
}

static struct core_map *map_holding(struct core *c, const struct mp_path *p)
{
	for (size_t i = 0; i < c->n_maps; i++)
		if (core_table_holds(&c->maps[i]->table, p))
			return c->maps[i];
	return NULL;
}

void core_bind_paths(struct core *c)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];

		p->map = p->gone ? NULL : map_holding(c, &p->p);
		if (p->map && !p->sp && c->sched) {
			const struct mp_checker *ops = mp_checker_find(p->checker);
			int r;

			if (!ops) {
				core_log(c, MP_LOG_WARNING,
					 "%s: checker %s is not available, using tur", p->p.dev,
					 p->checker);
				ops = mp_checker_find("tur");
			}
			r = sched_add(c->sched, p->p.dev, ops, p, &p->sp);
			if (r < 0)
				core_log(c, MP_LOG_ERR, "%s: cannot start its checker: %s",
					 p->p.dev, strerror(-r));
		} else if (!p->map && p->sp) {
			sched_remove(p->sp);
			p->sp = NULL;
		}
	}
}

struct mp_path *core_path_array(struct core *c, size_t *ret_n)
{
	struct mp_path *a = calloc(c->n_paths ? c->n_paths : 1, sizeof(*a));

	if (!a)
		return NULL;
	for (size_t i = 0; i < c->n_paths; i++)
		a[i] = c->paths[i]->p;
	*ret_n = c->n_paths;
	return a;
}

