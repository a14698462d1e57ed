/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From the world to the desired maps: which paths may be multipathed
 * (blacklist, find_multipaths), what each map is called (aliases, bindings)
 * and which settings apply (config resolution), handed to lib/topology.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "common/log.h"
#include "discover/udev_db.h"
#include "engine/engine.h"
#include "engine/identity.h"
#include "names/alias.h"
#include "names/policy.h"
#include "names/wwids.h"
#include "policy/blacklist/blacklist.h"
#include "policy/prio_vendor.h"
#include "topology/settings_config.h"

struct desire_run {
	struct mp_engine *e;
	struct mp_world *w;
	const struct mp_desire_opts *opts;
	struct mp_diags *diags;
	struct mp_bindings bindings; /* dry run: names are allocated here only */
	struct mp_wwids wwids;
	const char *only_wwid;
};

static const char *udev_db_dir(const struct mp_ctx *ctx)
{
	/* A captured sysfs tree has no udev database of its own: synthesize. */
	return streq(ctx->sysfs_root, "/sys") ? "/run/udev/data" : NULL;
}

static int resolve_for(const struct desire_run *run, const struct mp_path *p,
		       struct mp_resolved **ret)
{
	struct mp_device_id id;

	mp_engine_device_id(p, &id);
	return mp_config_resolve(run->e->cfg, &id, ret);
}

static int apply_blacklist(struct desire_run *run)
{
	const struct mp_blacklist_rule *rules, *exceptions;
	struct mp_blacklist *bl = NULL;
	size_t n_rules, n_exceptions;
	const char *dbdir = udev_db_dir(run->e->ctx);
	int r;

	rules = mp_config_blacklist(run->e->cfg, false, &n_rules);
	exceptions = mp_config_blacklist(run->e->cfg, true, &n_exceptions);
	r = mp_blacklist_new(rules, n_rules, exceptions, n_exceptions, &bl, run->diags);
	if (r < 0)
		return r;
	for (size_t i = 0; i < run->w->n_paths; i++) {
		struct mp_path *p = &run->w->paths[i];
		struct mp_udev_props props = {0};
		bool have_props = dbdir && mp_udev_props_load(dbdir, p->major, p->minor, &props,
							      NULL) == 0 && props.n > 0;
		struct mp_blacklist_input in = {.path = p, .props = have_props ? &props : NULL};
		struct mp_blacklist_verdict v;
		struct mp_resolved *res = NULL;
		char attr[128];

		r = resolve_for(run, p, &res);
		if (r < 0) {
			mp_udev_props_clear(&props);
			break;
		}
		in.uid_attribute = mp_path_uid_attribute(run->e->cfg, res, p, attr, sizeof(attr));
		if (mp_path_identity(run->e->cfg, res, p, in.props, run->w->notes[i].reason,
				     sizeof(run->w->notes[i].reason)) > 0) {
			run->w->notes[i].excluded = true;
		} else if (mp_blacklist_check(bl, &in, &v) == 0 && v.excluded) {
			run->w->notes[i].excluded = true;
			mp_blacklist_verdict_format(&v, p->dev, run->w->notes[i].reason,
						    sizeof(run->w->notes[i].reason));
		}
		mp_resolved_free(res);
		mp_udev_props_clear(&props);
	}
	mp_blacklist_free(bl);
	return r;
}

/* The sd driver refuses to open a device in these states (scsi_device_online()). */
bool mp_engine_path_openable(const struct mp_path *p)
{
	return !(streq(p->dev_state, "offline") || streq(p->dev_state, "transport-offline") ||
		 streq(p->dev_state, "cancel") || streq(p->dev_state, "deleted"));
}

static bool in_a_table(const struct mp_world *w, const struct mp_path *p)
{
	for (size_t i = 0; i < w->n_dm_maps; i++)
		for (size_t g = 0; g < w->tables[i].n_groups; g++)
			for (size_t k = 0; k < w->tables[i].groups[g].n_paths; k++)
				if (w->tables[i].groups[g].paths[k].major == p->major &&
				    w->tables[i].groups[g].paths[k].minor == p->minor)
					return true;
	return false;
}

/*
 * A table naming a device the kernel cannot open does not load, so one
 * offline path would cost the LUN its whole map: leave it out until it is
 * back (the daemon looks again every polling interval). A path the kernel
 * table already holds stays: the kernel keeps it open and fails it.
 */
static void leave_out_unusable(struct desire_run *run)
{
	for (size_t i = 0; i < run->w->n_paths; i++) {
		const struct mp_path *p = &run->w->paths[i];
		struct mp_path_note *note = &run->w->notes[i];

		if (note->excluded || mp_engine_path_openable(p) || in_a_table(run->w, p))
			continue;
		note->unusable = true;
		snprintf(note->reason, sizeof(note->reason),
			 "%s: device %s, left out of its map until it is usable", p->dev,
			 p->dev_state);
		mp_log(run->e->ctx, MP_LOG_NOTICE, "%s", note->reason);
	}
}

static int settings_cb(void *data, const struct mp_path *first, struct mp_map_settings *ret)
{
	struct desire_run *run = data;
	struct mp_resolved *res = NULL;
	int r = resolve_for(run, first, &res);

	if (r < 0)
		return r;
	r = mp_map_settings_from_resolved(res, ret, run->diags);
	mp_resolved_free(res);
	if (r < 0)
		return r;
	if (run->opts->pgpolicy) {
		enum mp_pgpolicy p;

		if (mp_pgpolicy_from_name(run->opts->pgpolicy, &p) < 0)
			return -EINVAL;
		ret->pgpolicy = p;
		snprintf(ret->pgpolicy_origin, sizeof(ret->pgpolicy_origin), "command line (-p)");
	}
	return 0;
}

struct alias_query {
	const struct desire_run *run;
	const char *wwid; /* the WWID being named: its own map does not block its name */
};

static bool alias_taken(const char *alias, void *data)
{
	const struct alias_query *q = data;
	ssize_t m = mp_world_find_map(q->run->w, alias);
	const char *holder;

	if (m < 0 || !streq(q->run->w->dm_maps[m].name, alias))
		return false;
	holder = mp_dm_wwid_from_uuid(q->run->w->dm_maps[m].uuid);
	return !holder || !streq(holder, q->wwid);
}

/* The name the kernel's map of this WWID already has, if it fits the alias scheme:
 * adopting it avoids renaming maps whose bindings entry was lost. */
static const char *existing_alias(const struct desire_run *run, const char *wwid,
				  const char *prefix)
{
	unsigned long index;

	for (size_t i = 0; i < run->w->n_dm_maps; i++) {
		const char *mw = mp_dm_wwid_from_uuid(run->w->dm_maps[i].uuid);

		if (mw && streq(mw, wwid) &&
		    mp_alias_parse(prefix, run->w->dm_maps[i].name, &index) == 0)
			return run->w->dm_maps[i].name;
	}
	return NULL;
}

static int name_cb(void *data, const char *wwid, const struct mp_map_settings *s, char *buf,
		   size_t size)
{
	struct desire_run *run = data;
	const char *prefix = mp_config_get(run->e->cfg, "alias_prefix", NULL);
	struct alias_query q = {.run = run, .wwid = wwid};
	bool write_file = !run->opts->dry_run && run->e->bindings_path;
	_cleanup_free_ char *alias = NULL;
	const char *name = NULL, *adopt;
	int r = -ENOENT;

	if (!s->user_friendly_names)
		return -ENOENT;
	if (!prefix)
		prefix = "mpath";
	if (run->opts->bindings_read_only) {
		name = mp_bindings_alias_of(&run->bindings, wwid);
		if (!name || snprintf(buf, size, "%s", name) >= (int)size)
			return -ENOENT;
		return 0;
	}
	adopt = mp_bindings_alias_of(&run->bindings, wwid) ? NULL
							    : existing_alias(run, wwid, prefix);
	if (adopt && !mp_bindings_wwid_of(&run->bindings, adopt) &&
	    (!write_file || mp_bindings_file_bind(run->e->bindings_path, adopt, wwid,
						  run->diags) == 0)) {
		/* Keep the kernel's name (its bindings entry was lost) rather than rename. */
		name = adopt;
		r = 0;
	} else if (!write_file) {
		r = mp_bindings_allocate(&run->bindings, prefix, wwid, alias_taken, &q, &name);
	} else {
		r = mp_bindings_file_get_alias(run->e->bindings_path, prefix, wwid, false,
					       alias_taken, &q, &alias, run->diags);
		name = alias;
	}
	if (r < 0) {
		mp_diags_add(run->diags, MP_DIAG_WARNING, run->e->bindings_path, 0,
			     "%s: no user friendly name (%s), using the WWID", wwid, strerror(-r));
		return -ENOENT;
	}
	/* Later WWIDs of this run must see the name as taken. */
	if (!mp_bindings_alias_of(&run->bindings, wwid))
		mp_bindings_add(&run->bindings, name, wwid);
	if (snprintf(buf, size, "%s", name) >= (int)size)
		return -ENOENT;
	return 0;
}

static bool map_exists_for(const struct mp_world *w, const char *wwid)
{
	for (size_t i = 0; i < w->n_dm_maps; i++) {
		const char *mw = mp_dm_wwid_from_uuid(w->dm_maps[i].uuid);

		if (mw && streq(mw, wwid))
			return true;
	}
	return false;
}

static bool named_in_multipaths_section(const struct desire_run *run, const struct mp_path *p)
{
	struct mp_resolved *res = NULL;
	const char *origin = NULL;
	bool named = false;

	if (resolve_for(run, p, &res) < 0)
		return false;
	if (mp_resolved_get(res, "alias", &origin) && origin)
		named = strstr(origin, "multipaths") != NULL;
	mp_resolved_free(res);
	return named;
}

static void note_paths(struct desire_run *run, const char *wwid, const char *why)
{
	for (size_t i = 0; i < run->w->n_paths; i++) {
		struct mp_path_note *note = &run->w->notes[i];

		if (!note->excluded && streq(run->w->paths[i].wwid, wwid)) {
			note->excluded = true;
			snprintf(note->reason, sizeof(note->reason), "%s: %s",
				 run->w->paths[i].dev, why);
		}
	}
}

static int want_cb(void *data, const char *wwid, const struct mp_path *const *paths, size_t n)
{
	struct desire_run *run = data;
	const char *reason = NULL;
	struct mp_find_input in = {
		.mode = mp_config_get(run->e->cfg, "find_multipaths", NULL),
		.n_paths = n,
		.in_wwids_file = run->opts->ignore_wwids ? false : mp_wwids_contains(&run->wwids, wwid),
		.has_multipaths_entry = named_in_multipaths_section(run, paths[0]),
		.map_exists = map_exists_for(run->w, wwid),
	};
	int r;

	if (run->only_wwid && !streq(run->only_wwid, wwid))
		return 0;
	r = mp_find_multipaths(&in, &reason);
	if (r < 0)
		return r;
	if (r == 0)
		note_paths(run, wwid, reason ? reason : "not multipathed (find_multipaths)");
	return r;
}

/* The WWID a -d/-c style target names: a path, a map name, or a WWID itself. */
static const char *target_wwid(const struct mp_world *w, const char *target)
{
	ssize_t i = mp_world_find_path(w, target);

	if (i >= 0)
		return w->paths[i].wwid;
	i = mp_world_find_map(w, target);
	if (i >= 0)
		return mp_dm_wwid_from_uuid(w->dm_maps[i].uuid);
	return target;
}

static void drop_feature(struct mp_dm_table *t, const char *word)
{
	size_t kept = 0;

	for (size_t i = 0; i < t->n_features; i++) {
		if (streq(t->features[i], word))
			free(t->features[i]);
		else
			t->features[kept++] = t->features[i];
	}
	t->n_features = kept;
}

/* Prioritizers of non-ALUA arrays must ask the device: do it here, with the
 * other commands of the run, so lib/topology stays pure. A path already known
 * to be down is not asked (0.9.4 does not run prioritizers on it either): a
 * hung device would hold the caller, mpathd's loop included, for the timeout. */
static void probe_prios(const struct desire_run *run, struct mp_path *paths, size_t n)
{
	/* The settings are resolved again per map later: report their diagnostics there only. */
	struct desire_run quiet = *run;
	long timeout_s = 0;

	quiet.diags = NULL;
	if (!run->e->cfg || mp_config_get_int(run->e->cfg, "checker_timeout", &timeout_s) < 0 ||
	    timeout_s <= 0 || timeout_s > 3600)
		timeout_s = 30;
	for (size_t i = 0; i < n; i++) {
		struct mp_map_settings s;
		struct mp_path_choice c = {0};

		if (settings_cb(&quiet, &paths[i], &s) < 0 ||
		    mp_settings_path_prio(&s, &paths[i], &c) < 0 || !mp_prio_needs_probe(c.name))
			continue;
		if (paths[i].state == MP_PATH_DOWN || paths[i].state == MP_PATH_TIMEOUT ||
		    (paths[i].dev_state[0] && !streq(paths[i].dev_state, "running"))) {
			mp_prio_probe_skip(&paths[i], c.name, c.args, "path is down, device not asked");
			continue;
		}
		mp_prio_probe(run->e->ctx, udev_db_dir(run->e->ctx), (unsigned int)timeout_s * 1000,
			      c.name, c.args, &paths[i]);
	}
}

/* A path whose prioritizer gave no value still carries I/O at prio 0; say so. */
static void log_prio_failures(const struct mp_engine *e, const struct mp_world *w,
			      const struct mp_map_set *set)
{
	for (size_t m = 0; m < set->n; m++)
		for (size_t g = 0; g < set->maps[m].n_groups; g++)
			for (size_t k = 0; k < set->maps[m].groups[g].n; k++) {
				const struct mp_map_member *mem = &set->maps[m].groups[g].members[k];

				if (mem->prio_err && mem->path < w->n_paths)
					mp_log(e->ctx, MP_LOG_WARNING,
					       "%s: prioritizer %s gave no priority (%s), using 0",
					       w->paths[mem->path].dev, mem->prio_by.name,
					       mem->prio_reason);
			}
}

int mp_engine_desire(struct mp_engine *e, struct mp_world *w, const struct mp_desire_opts *opts,
		     struct mp_map_set *ret, struct mp_diags *diags)
{
	struct desire_run run = {.e = e, .w = w, .opts = opts, .diags = diags};
	struct mp_topology_ops ops = {
		.settings = settings_cb,
		.name = name_cb,
		.want = want_cb,
		.data = &run,
	};
	_cleanup_free_ struct mp_path *candidates = NULL;
	size_t n = 0;
	int r;

	if (opts->only)
		run.only_wwid = target_wwid(w, opts->only);
	if (e->bindings_path)
		mp_bindings_load(&run.bindings, e->bindings_path, diags);
	if (e->wwids_path)
		mp_wwids_load(&run.wwids, e->wwids_path, diags);
	r = apply_blacklist(&run);
	if (r < 0)
		goto out;
	leave_out_unusable(&run);
	/* Topology sees only candidates; prios it computes are copied back for views. */
	candidates = calloc(w->n_paths ? w->n_paths : 1, sizeof(*candidates));
	if (!candidates) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < w->n_paths; i++)
		if (!w->notes[i].excluded && !w->notes[i].unusable)
			candidates[n++] = w->paths[i];
	probe_prios(&run, candidates, n);
	r = mp_topology_build(candidates, n, &ops, ret);
	if (r < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		ssize_t j = mp_world_find_path(w, candidates[i].dev);

		if (j >= 0) {
			w->paths[j].prio = candidates[i].prio;
			w->paths[j].probe = candidates[i].probe;
		}
	}
	if (opts->no_queueing)
		for (size_t m = 0; m < ret->n; m++)
			drop_feature(&ret->maps[m].table, "queue_if_no_path");
	/* Desired maps index into candidates: re-point them at the world's array. */
	for (size_t m = 0; m < ret->n; m++)
		for (size_t g = 0; g < ret->maps[m].n_groups; g++)
			for (size_t k = 0; k < ret->maps[m].groups[g].n; k++) {
				struct mp_map_member *mem = &ret->maps[m].groups[g].members[k];

				mem->path = (size_t)mp_world_find_path(w, candidates[mem->path].dev);
			}
	log_prio_failures(e, w, ret);
out:
	mp_bindings_clear(&run.bindings);
	mp_wwids_clear(&run.wwids);
	return r;
}

int mp_engine_current(const struct mp_world *w, struct mp_current_map **ret, size_t *ret_n)
{
	struct mp_current_map *cur = calloc(w->n_dm_maps ? w->n_dm_maps : 1, sizeof(*cur));

	if (!cur)
		return -ENOMEM;
	for (size_t i = 0; i < w->n_dm_maps; i++) {
		cur[i].name = w->dm_maps[i].name;
		cur[i].uuid = w->dm_maps[i].uuid;
		cur[i].table = w->tables[i].n_groups || w->tables[i].length ? &w->tables[i] : NULL;
		cur[i].open_count = w->dm_maps[i].open_count;
		cur[i].minor = (int)w->dm_maps[i].minor;
	}
	*ret = cur;
	*ret_n = w->n_dm_maps;
	return 0;
}
