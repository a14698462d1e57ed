/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running the engine from the daemon: the whole world at start and on
 * reconfigure, one WWID after a uevent or a command. The planner compares
 * tables, so an adopted map whose table already matches gets no reload.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/checker_sched.h"
#include "state/core_int.h"
#include "observe/events.h"
#include "runtime/loop.h"
#include "observe/metrics.h"
#include "output/topology.h"

/* Names, checker and prio of each member of a desired map, and its policy. */
static void take_desired(struct core *c, const struct mp_map *dm, const struct mp_path *paths)
{
	struct core_map *m = core_find_map_wwid(c, dm->wwid);

	for (size_t g = 0; g < dm->n_groups; g++)
		for (size_t k = 0; k < dm->groups[g].n; k++) {
			const struct mp_map_member *mem = &dm->groups[g].members[k];
			const struct mp_path *sp = &paths[mem->path];
			struct core_path *p = core_find_path(c, sp->dev);
			struct mp_path_choice ck;

			if (!p)
				continue;
			mp_settings_path_checker(&dm->settings, sp, &ck);
			if (p->sp && strcmp(p->checker, ck.name)) {
				/* checker changed (reconfigure): restart it with the new one */
				sched_remove(p->sp);
				p->sp = NULL;
			}
			snprintf(p->checker, sizeof(p->checker), "%s", ck.name);
			snprintf(p->prio_name, sizeof(p->prio_name), "%s", mem->prio_by.name);
			snprintf(p->prio_args, sizeof(p->prio_args), "%s", mem->prio_by.args);
			p->p.prio = mem->prio;
		}
	if (m) {
		m->managed = true;
		core_policy_settings(c, &dm->settings, &m->pol);
	}
}

static void count_load(struct core *c, struct core_map *m, const struct mp_action *a,
		       uint64_t since_usec)
{
	uint64_t now;

	if (a->kind != MP_ACT_RELOAD && a->kind != MP_ACT_CREATE)
		return;
	if (c->env.metrics)
		c->env.metrics->reloads_total++;
	if (m)
		m->map_loads++;
	timeline_record(c->env.timeline, TL_MAP, a->map ? a->map->name : a->name,
			core_realtime_usec(), a->kind == MP_ACT_CREATE ? "absent" : "loaded",
			a->kind == MP_ACT_CREATE ? "created" : "reloaded", a->reason);
	if (!since_usec || !c->env.loop)
		return;
	now = loop_now(c->env.loop);
	core_log(c, MP_LOG_INFO, "%s: %s %.1f ms after the uevent", a->map ? a->map->name : a->name,
		 mp_action_name(a->kind), (double)(now - since_usec) / 1000.0);
	if (c->env.metrics)
		metrics_observe_uevent_latency(c->env.metrics, now - since_usec);
}

/* The current table without the paths that are gone: what a map keeps when
 * its last paths leave (the map itself stays unless flush_on_last_del). */
static int table_without_gone(struct core *c, const struct mp_dm_table *cur,
			      struct mp_dm_table *ret)
{
	struct mp_dm_table t;
	size_t ng = 0;
	int r = mp_dm_table_copy(cur, &t);

	if (r < 0)
		return r;
	for (size_t g = 0; g < t.n_groups; g++) {
		struct mp_dm_group *grp = &t.groups[g];
		size_t np = 0;

		for (size_t k = 0; k < grp->n_paths; k++) {
			struct core_path *p = core_find_path_devt(c, grp->paths[k].major,
								  grp->paths[k].minor);

			if (p && !p->gone) {
				grp->paths[np++] = grp->paths[k];
			} else {
				for (unsigned a = 0; a < grp->paths[k].n_args; a++)
					free(grp->paths[k].args[a]);
			}
		}
		grp->n_paths = np;
		if (np) {
			t.groups[ng++] = *grp;
		} else {
			free(grp->selector);
			for (unsigned a = 0; a < grp->n_sel_args; a++)
				free(grp->sel_args[a]);
			free(grp->paths);
		}
	}
	t.n_groups = ng;
	if (t.initial_pg > ng)
		t.initial_pg = ng ? 1 : 0;
	if (!ng)
		t.initial_pg = 0;
	*ret = t;
	return 0;
}

static bool has_gone_paths(struct core *c, const struct mp_dm_table *t)
{
	for (size_t g = 0; g < t->n_groups; g++)
		for (size_t k = 0; k < t->groups[g].n_paths; k++) {
			struct core_path *p = core_find_path_devt(c, t->groups[g].paths[k].major,
								  t->groups[g].paths[k].minor);
			if (!p || p->gone)
				return true;
		}
	return false;
}

/* A tracked path of the WWID that the map's table does not hold yet. */
static bool has_new_paths(struct core *c, const struct core_map *m)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		const struct core_path *p = c->paths[i];

		if (p->gone || p->excluded || p->left_out || p->pr_hold || strcmp(p->p.wwid, m->wwid))
			continue;
		if (!core_table_holds(&m->table, &p->p))
			return true;
	}
	return false;
}

/* Paths left the map (and none joined): the kernel's table minus them is
 * the answer, without running the planner, so a removal costs one reload
 * and no config resolution. Also what a map keeps when no desired map is
 * left for its WWID. */
static int shrink_orphan(struct core *c, struct core_map *m, uint64_t since_usec)
{
	struct mp_dm_table t;
	struct mp_action a = {.kind = MP_ACT_RELOAD, .name = m->info.name,
			      .reason = "paths removed"};
	int r;

	if (!has_gone_paths(c, &m->table))
		return 0;
	r = table_without_gone(c, &m->table, &t);
	if (r < 0)
		return r;
	if (!t.n_groups && m->pol.flush_on_last_del) {
		struct mp_diags diags = {0};

		bool deferred = false;

		/* partition maps first; an open one keeps the map, unless
		   deferred_remove: then the kernel removes it at its last close */
		r = mp_engine_remove_map(&c->engine, m->info.name, 0, &diags);
		if (r == -EBUSY && m->pol.deferred_remove) {
			deferred = true;
			r = mp_engine_remove_map(&c->engine, m->info.name, MP_DM_REMOVE_DEFERRED, &diags);
		}
		mp_diags_clear(&diags);
		core_log(c, r < 0 ? MP_LOG_WARNING : MP_LOG_NOTICE, "%s: last path gone, %s%s",
			 m->info.name, r < 0 ? "cannot flush: " : deferred ?
			 "in use: removed when its last user closes it (deferred_remove)" :
			 "flushed (flush_on_last_del)", r < 0 ? strerror(-r) : "");
		if (r == 0 && deferred) {
			/* still there until closed: it holds no path meanwhile */
			r = mp_dm_reload(c->dm, m->info.name, &t);
			mp_dm_table_clear(&t);
			if (r < 0 && r != -ENXIO && r != -ENODEV)
				core_log(c, MP_LOG_WARNING, "%s: reload without its paths failed: %s",
					 m->info.name, strerror(-r));
			timeline_record(c->env.timeline, TL_MAP, m->info.name, core_realtime_usec(),
					"loaded", "remove deferred", "last path gone, deferred_remove");
			count_load(c, m, &a, since_usec);
			return 0;
		}
		if (r == 0) {
			timeline_record(c->env.timeline, TL_MAP, m->info.name,
					core_realtime_usec(), "loaded", "removed",
					"last path gone, flush_on_last_del");
			mp_dm_table_clear(&t);
			core_untrack_map(c, m);
			return 0;
		}
	}
	r = mp_dm_reload(c->dm, m->info.name, &t);
	mp_dm_table_clear(&t);
	if (r < 0) {
		core_log(c, MP_LOG_ERR, "%s: reload without its removed paths failed: %s",
			 m->info.name, strerror(-r));
		return r;
	}
	core_log(c, MP_LOG_NOTICE, "%s: reloaded without its removed paths", m->info.name);
	count_load(c, m, &a, since_usec);
	return 0;
}

static void drop_gone(struct core *c, const char *wwid)
{
	for (size_t i = 0; i < c->n_paths;) {
		struct core_path *p = c->paths[i];

		if (p->gone && (!wwid || !strcmp(p->p.wwid, wwid)))
			core_untrack_path(c, p);
		else
			i++;
	}
}

/* A world holding the WWID's paths, and every tracked map (so a new name
 * never takes one in use) with only the WWID's map table. */
static int sub_world(struct core *c, const char *wwid, struct mp_world *w)
{
	size_t np = 0;

	memset(w, 0, sizeof(*w));
	w->paths = calloc(c->n_paths + 1, sizeof(*w->paths));
	w->notes = calloc(c->n_paths + 1, sizeof(*w->notes));
	w->dm_maps = calloc(c->n_maps + 1, sizeof(*w->dm_maps));
	w->tables = calloc(c->n_maps + 1, sizeof(*w->tables));
	w->status = calloc(c->n_maps + 1, sizeof(*w->status));
	if (!w->paths || !w->notes || !w->dm_maps || !w->tables || !w->status) {
		mp_world_clear(w);
		return -ENOMEM;
	}
	for (size_t i = 0; i < c->n_paths; i++)
		if (!c->paths[i]->gone && !c->paths[i]->pr_hold && !strcmp(c->paths[i]->p.wwid, wwid))
			w->paths[np++] = c->paths[i]->p;
	w->n_paths = np;
	for (size_t i = 0; i < c->n_maps; i++) {
		w->dm_maps[i] = c->maps[i]->info;
		if (!strcmp(c->maps[i]->wwid, wwid) &&
		    mp_dm_table_copy(&c->maps[i]->table, &w->tables[i]) < 0) {
			w->n_dm_maps = i;
			mp_world_clear(w);
			return -ENOMEM;
		}
	}
	w->n_dm_maps = c->n_maps;
	return 0;
}

int core_sync_wwid(struct core *c, const char *wwid_in, bool force, uint64_t since_usec)
{
	struct mp_desire_opts opts = {.only = NULL};
	struct mp_world w;
	struct mp_map_set maps = {0};
	struct mp_current_map *cur = NULL, *mine = NULL;
	struct mp_plan plan = {0};
	struct mp_plan_options popts = {0};
	struct mp_diags diags = {0};
	const struct mp_map *want = NULL;
	struct core_map *m;
	char wwid[256];
	size_t n_cur = 0;
	uint64_t t0 = c->env.loop ? loop_now(c->env.loop) : 0, t1 = t0, t2 = t0;
	int r;

	/* the caller's string may live in a path we untrack below */
	snprintf(wwid, sizeof(wwid), "%s", wwid_in);
	opts.only = wwid;
	m = core_find_map_wwid(c, wwid);
	if (m && m->managed)
		core_pr_hold_new_members(c, m);
	if (m && !force && m->managed && has_gone_paths(c, &m->table) && !has_new_paths(c, m)) {
		memset(&w, 0, sizeof(w));
		r = shrink_orphan(c, m, since_usec);
		goto done;
	}
	r = sub_world(c, wwid, &w);
	if (r < 0)
		return r;
	r = mp_engine_desire(&c->engine, &w, &opts, &maps, &diags);
	if (r < 0)
		goto out;
	if (c->env.loop)
		t1 = loop_now(c->env.loop);
	for (size_t i = 0; i < w.n_paths; i++) {
		struct core_path *p = core_find_path(c, w.paths[i].dev);

		if (p) {
			p->excluded = w.notes[i].excluded;
			p->left_out = w.notes[i].unusable;
		}
	}
	for (size_t i = 0; i < maps.n; i++)
		if (!strcmp(maps.maps[i].wwid, wwid))
			want = &maps.maps[i];
	r = mp_engine_current(&w, &cur, &n_cur);
	if (r < 0)
		goto out;
	for (size_t i = 0; i < n_cur; i++) {
		const char *cw = mp_dm_wwid_from_uuid(cur[i].uuid);

		if (cw && !strcmp(cw, wwid))
			mine = &cur[i];
	}
	m = core_find_map_wwid(c, wwid);
	if (!want) {
		if (m)
			r = shrink_orphan(c, m, since_usec);
		goto done;
	}
	if (mine && force)
		mine->table = NULL; /* an unknown table is always reloaded */
	r = mp_plan_build(want, 1, mine, mine ? 1 : 0, &popts, &plan);
	if (r < 0)
		goto out;
	core_ghost_filter_plan(c, &plan, w.paths);
	r = mp_engine_apply(&c->engine, &plan, &diags);
	if (r > 0)
		r = -EIO;
	if (c->env.loop)
		t2 = loop_now(c->env.loop);
	core_log(c, MP_LOG_DEBUG, "%s: since uevent %.1f ms, desire %.1f ms, apply %.1f ms", wwid,
		 since_usec ? (double)(t0 - since_usec) / 1000.0 : 0.0, (double)(t1 - t0) / 1000.0,
		 (double)(t2 - t1) / 1000.0);
	for (size_t i = 0; i < plan.n; i++) {
		struct mp_action *a = &plan.actions[i];

		if (a->kind == MP_ACT_NOTHING)
			continue;
		m = core_refresh_map(c, a->kind == MP_ACT_RENAME ? a->new_name : a->map ? a->map->name : a->name);
		count_load(c, m, a, since_usec);
	}
	if (!core_find_map_wwid(c, wwid) && want)
		core_refresh_map(c, want->name);
	take_desired(c, want, w.paths);
done:
	drop_gone(c, wwid);
	core_bind_paths(c);
	m = core_find_map_wwid(c, wwid);
	if (m) {
		core_refresh_map(c, m->info.name);
		core_policy_resync_map(c, m);
		core_policy_map_changed(c, m, NULL, MP_PATH_UNCHECKED);
	}
	core_left_out_watch(c);
	core_update_gauges(c);
out:
	core_flush_diags(c, &diags);
	mp_plan_clear(&plan);
	free(cur);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return r < 0 ? r : 0;
}

int core_sync_all(struct core *c, bool first_start)
{
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_current_map *cur = NULL;
	struct mp_plan plan = {0};
	struct mp_plan_options popts = {0};
	struct mp_diags diags = {0};
	size_t n_cur = 0;
	int r;

	r = mp_world_read(&c->engine, &w, &diags);
	if (r < 0)
		goto out;
	r = mp_engine_desire(&c->engine, &w, &(struct mp_desire_opts){0}, &maps, &diags);
	if (r < 0)
		goto out;
	/* Paths the world no longer has are forgotten; the rest keep their verdicts. */
	for (size_t i = 0; i < c->n_paths; i++)
		c->paths[i]->gone = mp_world_find_path(&w, c->paths[i]->p.dev) < 0;
	for (size_t i = 0; i < w.n_paths; i++) {
		struct core_path *p = core_track_path(c, &w.paths[i]);

		if (p) {
			p->excluded = w.notes[i].excluded;
			p->left_out = w.notes[i].unusable;
		}
	}
	r = mp_engine_current(&w, &cur, &n_cur);
	if (r < 0)
		goto out;
	r = mp_plan_build(maps.maps, maps.n, cur, n_cur, &popts, &plan);
	if (r < 0)
		goto out;
	core_ghost_filter_plan(c, &plan, w.paths);
	r = mp_engine_apply(&c->engine, &plan, &diags);
	for (size_t i = 0; i < w.n_dm_maps; i++)
		core_refresh_map(c, w.dm_maps[i].name);
	for (size_t i = 0; i < plan.n; i++) {
		const struct mp_action *a = &plan.actions[i];
		const char *name = a->kind == MP_ACT_RENAME ? a->new_name :
				   a->map ? a->map->name : a->name;
		struct core_map *m = a->kind == MP_ACT_REMOVE ? NULL : core_refresh_map(c, name);

		if (a->kind == MP_ACT_NOTHING && first_start && a->cur)
			core_log(c, MP_LOG_NOTICE, "%s: adopted, table unchanged", a->name);
		else if (a->kind != MP_ACT_NOTHING)
			core_log(c, MP_LOG_NOTICE, "%s: %s (%s)", name, mp_action_name(a->kind),
				 a->reason ? a->reason : "");
		count_load(c, m, a, 0);
	}
	for (size_t i = 0; i < maps.n; i++)
		take_desired(c, &maps.maps[i], w.paths);
	drop_gone(c, NULL);
	core_bind_paths(c);
	for (size_t i = 0; i < c->n_maps; i++) {
		core_policy_resync_map(c, c->maps[i]);
		core_policy_map_changed(c, c->maps[i], NULL, MP_PATH_UNCHECKED);
	}
	core_left_out_watch(c);
	core_update_gauges(c);
	r = r > 0 ? -EIO : r;
out:
	core_flush_diags(c, &diags);
	mp_plan_clear(&plan);
	free(cur);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return r < 0 && r != -EIO ? r : 0;
}

/* ---- coalescing: every WWID a loop iteration touched, synced once ---- */

static void run_pending_cb(struct loop *l, void *userdata)
{
	(void)l;
	core_run_pending(userdata);
}

void core_mark_dirty(struct core *c, const char *wwid, uint64_t since_usec)
{
	for (size_t i = 0; i < c->n_dirty; i++)
		if (!strcmp(c->dirty[i], wwid)) {
			if (since_usec && (!c->dirty_since[i] || since_usec < c->dirty_since[i]))
				c->dirty_since[i] = since_usec;
			return;
		}
	if (c->n_dirty == c->cap_dirty) {
		size_t nc = c->cap_dirty ? c->cap_dirty * 2 : 16;
		char **d = realloc(c->dirty, nc * sizeof(*d));
		uint64_t *s;

		if (!d)
			return;
		c->dirty = d;
		s = realloc(c->dirty_since, nc * sizeof(*s));
		if (!s)
			return;
		c->dirty_since = s;
		c->cap_dirty = nc;
	}
	if (!(c->dirty[c->n_dirty] = strdup(wwid)))
		return;
	c->dirty_since[c->n_dirty++] = since_usec;
	if (!c->sync_deferred && c->env.loop && loop_defer(c->env.loop, run_pending_cb, c) == 0)
		c->sync_deferred = true;
}

void core_run_pending(struct core *c)
{
	c->sync_deferred = false;
	while (c->n_dirty) {
		char *wwid = c->dirty[0];
		uint64_t since = c->dirty_since[0];
		int r;

		memmove(&c->dirty[0], &c->dirty[1], (c->n_dirty - 1) * sizeof(*c->dirty));
		memmove(&c->dirty_since[0], &c->dirty_since[1],
			(c->n_dirty - 1) * sizeof(*c->dirty_since));
		c->n_dirty--;
		r = core_sync_wwid(c, wwid, false, since);
		if (r < 0)
			core_log(c, MP_LOG_ERR, "%s: cannot update its map: %s", wwid, strerror(-r));
		free(wwid);
	}
}
