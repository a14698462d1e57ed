/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel's maps as views, for the topology listings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "output/view.h"

static bool map_holds_path(const struct mp_dm_table *t, const struct mp_path *p)
{
	for (size_t g = 0; g < t->n_groups; g++)
		for (size_t k = 0; k < t->groups[g].n_paths; k++)
			if (t->groups[g].paths[k].major == p->major &&
			    t->groups[g].paths[k].minor == p->minor)
				return true;
	return false;
}

static bool selected(const struct mp_world *w, size_t i, const char *only)
{
	ssize_t p;

	if (!only)
		return true;
	if (mp_world_find_map(w, only) == (ssize_t)i)
		return true;
	p = mp_world_find_path(w, only);
	return p >= 0 && map_holds_path(&w->tables[i], &w->paths[p]);
}

int mp_engine_views(const struct mp_world *w, bool checked, const char *only,
		    struct mp_view_map **ret, size_t *ret_n)
{
	struct mp_view_map *views = calloc(w->n_dm_maps ? w->n_dm_maps : 1, sizeof(*views));
	size_t n = 0;

	if (!views)
		return -ENOMEM;
	for (size_t i = 0; i < w->n_dm_maps; i++) {
		const struct mp_dm_map *m = &w->dm_maps[i];
		struct mp_view_live live = {
			.minor = (int)m->minor,
			.read_only = m->read_only,
			.suspended = m->suspended,
			.status = w->status[i].n_groups ? &w->status[i] : NULL,
			.checked = checked,
		};

		if (!w->tables[i].n_groups && !w->tables[i].length)
			continue; /* unreadable table: reported when the world was read */
		if (!selected(w, i, only))
			continue;
		if (mp_view_from_dm(m->name, m->uuid, &w->tables[i], &live, w->paths, w->n_paths,
				    &views[n]) < 0) {
			mp_engine_views_free(views, n);
			return -ENOMEM;
		}
		n++;
	}
	*ret = views;
	*ret_n = n;
	return (int)n;
}

void mp_engine_views_free(struct mp_view_map *views, size_t n)
{
	for (size_t i = 0; views && i < n; i++)
		mp_view_map_clear(&views[i]);
	free(views);
}
