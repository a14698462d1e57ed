/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The topology handle: building it over the engine's views, lookups, JSON, freeing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api-private.h"
#include "common/strbuf.h"
#include "output/fields.h"
#include "output/json.h"

/* Our own numbering, so the ABI does not move when model.h's enum does. */
static enum mp_check_state check_state(enum mp_path_state s)
{
	switch (s) {
	case MP_PATH_UP:
		return MP_CHECK_READY;
	case MP_PATH_DOWN:
		return MP_CHECK_FAULTY;
	case MP_PATH_GHOST:
		return MP_CHECK_GHOST;
	case MP_PATH_PENDING:
		return MP_CHECK_PENDING;
	case MP_PATH_SHAKY:
		return MP_CHECK_SHAKY;
	case MP_PATH_DELAYED:
		return MP_CHECK_DELAYED;
	case MP_PATH_MARGINAL:
		return MP_CHECK_MARGINAL;
	case MP_PATH_TIMEOUT:
		return MP_CHECK_TIMEOUT;
	case MP_PATH_UNCHECKED:
		break;
	}
	return MP_CHECK_UNCHECKED;
}

static void fill_path(struct mp_path_info *pi, const struct mp_view_path *vp, bool checked)
{
	pi->v = vp;
	pi->check = checked && vp->path ? check_state(vp->path->state) : MP_CHECK_UNCHECKED;
	if (vp->path && vp->path->host >= 0)
		mp_view_hcil(vp->path, pi->hctl, sizeof(pi->hctl));
	else
		pi->hctl[0] = '\0';
}

int mp_topology_wrap(struct mp_world *w, struct mp_view_map *views, size_t n, bool checked,
		     struct mp_topology **ret)
{
	struct mp_topology *t = calloc(1, sizeof(*t));
	size_t n_groups = 0, n_paths = 0, gi = 0, pi = 0;

	if (!t)
		return -ENOMEM;
	for (size_t m = 0; m < n; m++) {
		n_groups += views[m].n_groups;
		for (size_t g = 0; g < views[m].n_groups; g++)
			n_paths += views[m].groups[g].n;
	}
	/* +1: calloc(0) may return NULL, which would read as a failure */
	t->maps = calloc(n + 1, sizeof(*t->maps));
	t->groups = calloc(n_groups + 1, sizeof(*t->groups));
	t->paths = calloc(n_paths + 1, sizeof(*t->paths));
	if (!t->maps || !t->groups || !t->paths) {
		free(t->maps);
		free(t->groups);
		free(t->paths);
		free(t);
		return -ENOMEM;
	}
	for (size_t m = 0; m < n; m++) {
		struct mp_map_info *mi = &t->maps[m];

		mi->v = &views[m];
		mi->groups = &t->groups[gi];
		mi->n_active = mp_view_active_paths(&views[m]);
		for (size_t g = 0; g < views[m].n_groups; g++, gi++) {
			const struct mp_view_group *vg = &views[m].groups[g];

			t->groups[gi].v = vg;
			t->groups[gi].paths = &t->paths[pi];
			mi->n_paths += vg->n;
			for (size_t k = 0; k < vg->n; k++, pi++)
				fill_path(&t->paths[pi], &vg->paths[k], checked);
		}
	}
	t->views = views;
	t->n = n;
	t->world = *w;
	memset(w, 0, sizeof(*w));
	*ret = t;
	return 0;
}

MP_EXPORT void mp_topology_free(struct mp_topology *t)
{
	if (!t)
		return;
	free(t->paths);
	free(t->groups);
	free(t->maps);
	mp_engine_views_free(t->views, t->n);
	mp_world_clear(&t->world);
	free(t);
}

MP_EXPORT size_t mp_topology_map_count(const struct mp_topology *t)
{
	return t ? t->n : 0;
}

MP_EXPORT const struct mp_map_info *mp_topology_map(const struct mp_topology *t, size_t i)
{
	return t && i < t->n ? &t->maps[i] : NULL;
}

static bool matches(const struct mp_view_map *v, const char *key)
{
	unsigned int minor;
	char tail;

	if (streq(v->name, key) || streq(v->wwid, key))
		return true;
	if (!strncmp(key, "mpath-", 6) && streq(v->wwid, key + 6))
		return true;
	return v->minor >= 0 && sscanf(key, "dm-%u%c", &minor, &tail) == 1 &&
	       minor == (unsigned int)v->minor;
}

MP_EXPORT const struct mp_map_info *mp_topology_find_map(const struct mp_topology *t,
							 const char *key)
{
	if (!t || !key)
		return NULL;
	/* Names first: an alias that looks like another map's WWID names its own map. */
	for (size_t i = 0; i < t->n; i++)
		if (streq(t->views[i].name, key))
			return &t->maps[i];
	for (size_t i = 0; i < t->n; i++)
		if (matches(&t->views[i], key))
			return &t->maps[i];
	return NULL;
}

MP_EXPORT int mp_topology_to_json(const struct mp_topology *t, char **ret_json)
{
	struct strbuf out = STRBUF_INIT;
	char *json;
	int r;

	if (!t || !ret_json)
		return -EINVAL;
	r = mp_json_maps(t->views, t->n, &out);
	if (r < 0) {
		strbuf_reset(&out);
		return r;
	}
	json = strbuf_steal(&out);
	if (!json)
		return -ENOMEM;
	*ret_json = json;
	return 0;
}
