/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Desired vs current -> ordered actions. Matching is by dm uuid, which the
 * kernel keeps across renames and which we (and multipath-tools) set to
 * "mpath-<wwid>"; names are only labels.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "common/strbuf.h"
#include "topology/plan.h"

const char *mp_action_name(enum mp_action_kind k)
{
	switch (k) {
	case MP_ACT_CREATE:
		return "create";
	case MP_ACT_RELOAD:
		return "reload";
	case MP_ACT_RENAME:
		return "rename";
	case MP_ACT_REMOVE:
		return "remove";
	case MP_ACT_MESSAGE:
		return "message";
	case MP_ACT_NOTHING:
		break;
	}
	return "nothing";
}

void mp_plan_clear(struct mp_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n; i++) {
		free(plan->actions[i].name);
		free(plan->actions[i].new_name);
		free(plan->actions[i].uuid);
		free(plan->actions[i].reason);
		free(plan->actions[i].message);
	}
	free(plan->actions);
	plan->actions = NULL;
	plan->n = 0;
}

static int add(struct mp_plan *p, enum mp_action_kind kind, const char *name,
	       const char *new_name, const char *uuid, const struct mp_map *map,
	       const struct mp_current_map *cur, char *reason /* taken */)
{
	struct mp_action *a = &p->actions[p->n];

	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->map = map;
	a->cur = cur;
	a->reason = reason;
	a->name = strdup(name ? name : "");
	a->new_name = new_name ? strdup(new_name) : NULL;
	a->uuid = strdup(uuid ? uuid : "");
	p->n++; /* counted now so that clear frees a partial action */
	if (!reason || !a->name || !a->uuid || (new_name && !a->new_name))
		return -ENOMEM;
	return 0;
}

static const struct mp_current_map *find_uuid(const struct mp_current_map *cur, size_t n,
					      const char *uuid)
{
	for (size_t i = 0; i < n; i++)
		if (cur[i].uuid && streq(cur[i].uuid, uuid))
			return &cur[i];
	return NULL;
}

static const struct mp_current_map *find_name(const struct mp_current_map *cur, size_t n,
					      const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (cur[i].name && streq(cur[i].name, name))
			return &cur[i];
	return NULL;
}

static bool has_queueing(const struct mp_dm_table *t)
{
	for (size_t i = 0; i < t->n_features; i++)
		if (streq(t->features[i], "queue_if_no_path"))
			return true;
	return false;
}

static bool is_ours(const struct mp_current_map *c)
{
	return c->uuid && strncmp(c->uuid, MP_UUID_PREFIX, strlen(MP_UUID_PREFIX)) == 0;
}

static bool wanted(const struct mp_map *d, size_t n, const char *uuid)
{
	for (size_t i = 0; i < n; i++)
		if (streq(d[i].uuid, uuid))
			return true;
	return false;
}

/* Which pass an action belongs to: the plan is applied in this order. */
enum pass { PASS_REMOVE, PASS_RENAME, PASS_RELOAD, PASS_CREATE, PASS_NOTHING, PASS_COUNT };

static int plan_removals(const struct mp_map *d, size_t nd, const struct mp_current_map *cur,
			 size_t nc, const struct mp_plan_options *o, enum pass pass,
			 struct mp_plan *p)
{
	int r;

	for (size_t i = 0; i < nc; i++) {
		const struct mp_current_map *c = &cur[i];
		char *why = NULL;
		bool flush = o && o->flush;
		enum mp_action_kind k = flush && c->open_count == 0 ? MP_ACT_REMOVE : MP_ACT_NOTHING;

		if (!is_ours(c) || wanted(d, nd, c->uuid))
			continue;
		if ((k == MP_ACT_REMOVE) != (pass == PASS_REMOVE))
			continue;
		if (k == MP_ACT_REMOVE)
			why = strdup("no paths left");
		else if (flush && asprintf(&why, "no paths left, but in use (open count %d)",
					   c->open_count) < 0)
			why = NULL;
		else if (!flush)
			why = strdup("no paths left; not flushing");
		r = add(p, k, c->name, NULL, c->uuid, NULL, c, why);
		if (r < 0)
			return r;
	}
	return 0;
}

static int plan_one(const struct mp_map *m, const struct mp_current_map *cur, size_t nc,
		    enum pass pass, struct mp_plan *p)
{
	const struct mp_current_map *c = find_uuid(cur, nc, m->uuid);
	struct strbuf why = STRBUF_INIT;
	bool rename_blocked = false;
	int r;

	if (!c) {
		if (pass != PASS_CREATE)
			return 0;
		return add(p, MP_ACT_CREATE, m->name, NULL, m->uuid, m, NULL, strdup("new map"));
	}
	if (c->name && !streq(c->name, m->name)) {
		const struct mp_current_map *holder = find_name(cur, nc, m->name);

		rename_blocked = holder != NULL;
		if (pass == PASS_RENAME && !rename_blocked) {
			char *reason = NULL;

			if (asprintf(&reason, "name should be %s (%s)", m->name, m->name_origin) < 0)
				reason = NULL;
			r = add(p, MP_ACT_RENAME, c->name, m->name, m->uuid, m, c, reason);
			if (r < 0)
				return r;
		}
	}
	if (c->table && mp_dm_table_equal(c->table, &m->table) &&
	    (mp_dm_table_diff(c->table, &m->table) & MP_DM_DIFF_QUEUEING)) {
		/* queue_if_no_path is runtime state: switched by a message, no reload */
		bool on = has_queueing(&m->table);
		char *reason = NULL;

		if (pass != PASS_RELOAD)
			return 0;
		if (asprintf(&reason, "queueing differs: %s -> %s", on ? "off" : "on",
			     on ? "on" : "off") < 0)
			reason = NULL;
		r = add(p, MP_ACT_MESSAGE, rename_blocked ? c->name : m->name, NULL, m->uuid, m, c,
			reason);
		if (r == 0 && !(p->actions[p->n - 1].message =
					strdup(on ? "queue_if_no_path" : "fail_if_no_path")))
			r = -ENOMEM;
		return r;
	}
	if (!c->table || !mp_dm_table_equal(c->table, &m->table)) {
		if (pass != PASS_RELOAD)
			return 0;
		if (!c->table)
			r = strbuf_append(&why, "current table unreadable");
		else
			r = mp_table_diff(c->table, &m->table, &why);
		if (r == 0)
			r = strbuf_append(&why, "table differs");
		if (r < 0) {
			strbuf_reset(&why);
			return r;
		}
		/* reload under the name the map will have after the rename pass */
		return add(p, MP_ACT_RELOAD, rename_blocked ? c->name : m->name, NULL, m->uuid, m, c,
			   strbuf_steal(&why));
	}
	if (pass != PASS_NOTHING || (c->name && !streq(c->name, m->name) && !rename_blocked))
		return 0;
	if (rename_blocked) {
		char *reason = NULL;

		if (asprintf(&reason, "table up to date; cannot rename to %s: name in use",
			     m->name) < 0)
			reason = NULL;
		return add(p, MP_ACT_NOTHING, c->name, NULL, m->uuid, m, c, reason);
	}
	return add(p, MP_ACT_NOTHING, m->name, NULL, m->uuid, m, c, strdup("table up to date"));
}

int mp_plan_build(const struct mp_map *desired, size_t n_desired,
		  const struct mp_current_map *current, size_t n_current,
		  const struct mp_plan_options *opts, struct mp_plan *ret)
{
	struct mp_plan p = {0};
	/* each desired map: at most rename + reload; each current: one */
	size_t cap = 2 * n_desired + n_current + 1;
	int r = 0;

	if ((n_desired && !desired) || (n_current && !current))
		return -EINVAL;
	p.actions = calloc(cap, sizeof(*p.actions));
	if (!p.actions)
		return -ENOMEM;
	for (int pass = 0; pass < PASS_COUNT && r >= 0; pass++) {
		if (pass == PASS_REMOVE)
			r = plan_removals(desired, n_desired, current, n_current, opts, pass, &p);
		for (size_t i = 0; i < n_desired && r >= 0; i++)
			r = plan_one(&desired[i], current, n_current, pass, &p);
		/* no-ops: desired maps first, then maps nobody wants */
		if (pass == PASS_NOTHING && r >= 0)
			r = plan_removals(desired, n_desired, current, n_current, opts, pass, &p);
	}
	if (r < 0) {
		mp_plan_clear(&p);
		return r;
	}
	*ret = p;
	return (int)p.n;
}
