/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The show commands over the core's state, rendered by lib/output in
 * multipathd 0.9's layouts (show paths/maps with its wildcards and column
 * headers, show topology as multipath -ll prints it, JSON as its schema).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/cmd_core.h"
#include "config/config.h"
#include "state/core_int.h"
#include "discover/discover.h"
#include "output/format.h"
#include "output/json.h"
#include "output/topology.h"
#include "output/view.h"
#include "policy/blacklist/blacklist.h"

/* Everything a show command renders: a copy of the paths (views point
 * into it) and one view per selected map. */
struct snapshot {
	struct mp_path *paths;
	size_t n_paths;
	struct mp_view_map *views;
	size_t n_views;
};

static void snapshot_clear(struct snapshot *s)
{
	mp_engine_views_free(s->views, s->n_views);
	free(s->paths);
	memset(s, 0, sizeof(*s));
}

static void policy_text(const struct core_map *m, struct mp_view_map *v)
{
	switch (m->pol.failback) {
	case MP_FAILBACK_IMMEDIATE:
		snprintf(v->failback, sizeof(v->failback), "immediate");
		break;
	case MP_FAILBACK_FOLLOWOVER:
		snprintf(v->failback, sizeof(v->failback), "followover");
		break;
	case MP_FAILBACK_DEFERRED:
		snprintf(v->failback, sizeof(v->failback), "%d", m->pol.failback_secs);
		break;
	case MP_FAILBACK_MANUAL:
		snprintf(v->failback, sizeof(v->failback), "-");
		break;
	}
	if (m->queue_off_admin || m->npr_expired)
		snprintf(v->queueing, sizeof(v->queueing), "off");
	else if (m->pol.npr == MP_NPR_COUNT)
		snprintf(v->queueing, sizeof(v->queueing), "%d chk", m->pol.npr_n);
	else if (m->pol.npr == MP_NPR_QUEUE)
		snprintf(v->queueing, sizeof(v->queueing), "on");
	else if (m->pol.npr == MP_NPR_FAIL)
		snprintf(v->queueing, sizeof(v->queueing), "off");
}

static bool map_selected(struct core *c, struct core_map *m, const char *only)
{
	struct core_path *p;

	if (!only)
		return true;
	if (core_find_map(c, only) == m)
		return true;
	p = core_find_path(c, only);
	return p && p->map == m;
}

static int snapshot_take(struct core *c, const char *only, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->paths = core_path_array(c, &s->n_paths);
	s->views = calloc(c->n_maps ? c->n_maps : 1, sizeof(*s->views));
	if (!s->paths || !s->views) {
		snapshot_clear(s);
		return -ENOMEM;
	}
	for (size_t i = 0; i < c->n_maps; i++) {
		struct core_map *m = c->maps[i];
		struct mp_view_live live = {
			.minor = (int)m->info.minor,
			.read_only = m->info.read_only,
			.suspended = m->info.suspended,
			.status = m->status.n_groups ? &m->status : NULL,
			.checked = true,
		};
		struct mp_view_map *v = &s->views[s->n_views];

		if (!m->table.n_groups && !m->table.length)
			continue;
		if (!map_selected(c, m, only))
			continue;
		if (mp_view_from_dm(m->info.name, m->info.uuid, &m->table, &live, s->paths,
				    s->n_paths, v) < 0) {
			snapshot_clear(s);
			return -ENOMEM;
		}
		s->n_views++;
		if (m->managed)
			policy_text(m, v);
		v->path_faults = m->path_faults;
		v->switch_grp = m->switch_grp;
		v->map_loads = m->map_loads;
		for (size_t g = 0; g < v->n_groups; g++)
			for (size_t k = 0; k < v->groups[g].n; k++) {
				struct mp_view_path *vp = &v->groups[g].paths[k];
				struct core_path *p = core_find_path_devt(c, vp->major, vp->minor);

				if (p) {
					snprintf(vp->checker, sizeof(vp->checker), "%s", p->checker);
					vp->failures = p->failures;
				}
			}
	}
	return 0;
}

static int path_cmp(const void *a, const void *b)
{
	return mp_path_cmp(((const struct mp_path_row *)a)->path,
			   ((const struct mp_path_row *)b)->path);
}

/* One row per known path (blacklisted ones are not the daemon's), in the
 * kernel's enumeration order, with its place in a map when it has one. */
static struct mp_path_row *path_rows(struct core *c, const struct snapshot *s, const char *only,
				     size_t *ret_n)
{
	struct mp_path_row *rows = calloc(s->n_paths ? s->n_paths : 1, sizeof(*rows));
	size_t n = 0;

	if (!rows)
		return NULL;
	for (size_t i = 0; i < s->n_paths; i++) {
		const struct mp_path *p = &s->paths[i];
		struct mp_path_row *row = &rows[n];

		if (c->paths[i]->excluded)
			continue;
		if (only && strcmp(p->dev, only) && core_find_path(c, only) != c->paths[i])
			continue;
		row->path = p;
		row->marginal = c->paths[i]->admin_marginal;
		for (size_t v = 0; v < s->n_views && !row->vp; v++)
			for (size_t g = 0; g < s->views[v].n_groups && !row->vp; g++)
				for (size_t k = 0; k < s->views[v].groups[g].n; k++) {
					struct mp_view_path *vp = &s->views[v].groups[g].paths[k];

					if (vp->major == p->major && vp->minor == p->minor) {
						row->vp = vp;
						row->map_name = s->views[v].name;
						break;
					}
				}
		n++;
	}
	qsort(rows, n, sizeof(*rows), path_cmp);
	*ret_n = n;
	return rows;
}

static int render_format(enum mp_format_kind kind, const char *fmt, struct strbuf *reply,
			 struct mp_format **ret)
{
	char err[128];
	int r = mp_format_parse(kind, fmt, ret, err, sizeof(err));

	if (r == -EINVAL || r == -E2BIG)
		strbuf_printf(reply, "error: %s\n", err);
	return r;
}

/*
 * "raw format": no header line, no column padding (for scripts). multipathd
 * 0.9.4 prints one map ("show map M [raw] format") and one path ("show path
 * P") without a header but padded, raw or not: the same here.
 */
static unsigned layout(const struct mpcmd *cmd)
{
	if (cmd->id == CMD_LIST_MAP_FMT || cmd->id == CMD_LIST_MAP_RAW || cmd->id == CMD_LIST_PATH)
		return MP_FORMAT_PAD;
	return (cmd->shape->kws & (UINT64_C(1) << KW_RAW)) ? 0 : MP_FORMAT_HEADER | MP_FORMAT_PAD;
}

/* multipathd 0.9.4's columns: next_check where mpath -l shows vend/prod/rev,
 * and only the device state for one path. */
#define SHOW_PATHS_FORMAT "%i %d %D %p %t %T %o %C"
#define SHOW_PATH_FORMAT "%o"

CMD_HANDLER(cmd_show_paths)
{
	struct core *c = env->core;
	struct snapshot s;
	struct mp_path_row *rows = NULL;
	struct mp_format *f = NULL;
	const char *fmt = SHOW_PATHS_FORMAT, *only = NULL;
	size_t n = 0;
	int r;

	if (cmd->id == CMD_LIST_PATHS_FMT || cmd->id == CMD_LIST_PATHS_RAW)
		fmt = cmd->param[KW_FORMAT];
	if (cmd->id == CMD_LIST_PATH) {
		only = cmd->param[KW_PATH];
		fmt = SHOW_PATH_FORMAT;
	}
	if ((r = snapshot_take(c, NULL, &s)) < 0)
		return r;
	rows = path_rows(c, &s, only, &n);
	if (!rows) {
		r = -ENOMEM;
	} else if (only && n == 0) {
		strbuf_printf(reply, "fail\nno such path %s\n", only);
		r = -ENODEV;
	} else if (cmd->id == CMD_LIST_PATHS_JSON) {
		r = mp_json_paths(rows, n, reply);
	} else if ((r = render_format(MP_FORMAT_PATHS, fmt, reply, &f)) == 0) {
		r = mp_format_paths(f, rows, n, layout(cmd), reply);
	}
	mp_format_free(f);
	free(rows);
	snapshot_clear(&s);
	return r;
}

CMD_HANDLER(cmd_show_maps)
{
	struct snapshot s;
	struct mp_format *f = NULL;
	const char *fmt = MP_FORMAT_MAPS_DEFAULT, *only = NULL;
	int r;

	if (cmd->id == CMD_LIST_MAPS_FMT || cmd->id == CMD_LIST_MAP_FMT ||
	    cmd->id == CMD_LIST_MAPS_RAW || cmd->id == CMD_LIST_MAP_RAW)
		fmt = cmd->param[KW_FORMAT];
	else if (cmd->id == CMD_LIST_MAPS_STATUS)
		fmt = "%n %F %Q %N %t %r"; /* multipathd's "show maps status" columns */
	else if (cmd->id == CMD_LIST_MAPS_STATS)
		fmt = "%n %0 %1 %2 %3 %4"; /* and its "show maps stats" columns */
	if (cmd->id == CMD_LIST_MAP_FMT || cmd->id == CMD_LIST_MAP_JSON ||
	    cmd->id == CMD_LIST_MAP_RAW)
		only = cmd->param[KW_MAP];
	if ((r = snapshot_take(env->core, only, &s)) < 0)
		return r;
	if (only && !s.n_views) {
		strbuf_printf(reply, "fail\nno such map %s\n", only);
		r = -ENODEV;
	} else if (cmd->id == CMD_LIST_MAPS_JSON) {
		r = mp_json_maps(s.views, s.n_views, reply);
	} else if (cmd->id == CMD_LIST_MAP_JSON) {
		r = mp_json_map(&s.views[0], reply);
	} else if ((r = render_format(MP_FORMAT_MAPS, fmt, reply, &f)) == 0) {
		r = mp_format_maps(f, s.views, s.n_views, layout(cmd), reply);
	}
	mp_format_free(f);
	snapshot_clear(&s);
	return r;
}

CMD_HANDLER(cmd_show_topology)
{
	struct snapshot s;
	const char *only = cmd->id == CMD_LIST_MAP_TOPOLOGY ? cmd->param[KW_MAP] : NULL;
	int r = snapshot_take(env->core, only, &s);

	if (r < 0)
		return r;
	if (only && !s.n_views) {
		strbuf_printf(reply, "fail\nno such map %s\n", only);
		r = -ENODEV;
	} else if (cmd->id == CMD_LIST_TOPOLOGY_JSON) {
		r = mp_json_maps(s.views, s.n_views, reply);
	} else {
		r = mp_output_topology(s.views, s.n_views, reply);
		if (r == 0 && reply->len == 0)
			strbuf_append(reply, "\n"); /* multipathd answers an empty line: no maps */
	}
	snapshot_clear(&s);
	return r;
}

CMD_HANDLER(cmd_show_config)
{
	(void)cmd;
	/* reservation keys are secrets: root reads them, others see they are set */
	return env->caller == 0 ? mp_config_dump(env->core->cfg, reply)
				: mp_config_dump_public(env->core->cfg, reply);
}

/* One kind of rule, blacklist then exceptions, in multipathd 0.9.4's layout:
 * "(default rule)" for built-in rules, "(config file rule)" for the files'. */
static void bl_kind(const struct mp_config *cfg, enum mp_blacklist_kind kind, const char *title,
		    struct strbuf *reply)
{
	strbuf_printf(reply, "%s:\n", title);
	for (int exc = 0; exc < 2; exc++) {
		size_t n, shown = 0;
		const struct mp_blacklist_rule *r = mp_config_blacklist(cfg, exc, &n);

		strbuf_append(reply, exc ? "- exceptions:\n" : "- blacklist:\n");
		for (size_t i = 0; i < n; i++) {
			const char *who = r[i].origin && strcmp(r[i].origin, "built-in") ?
						  "(config file rule)" : "(default rule)";

			if (r[i].kind != kind)
				continue;
			shown++;
			if (kind == MP_BL_DEVICE)
				strbuf_printf(reply, "        %-19s%s:%s\n", who,
					      r[i].vendor ? r[i].vendor : "",
					      r[i].product ? r[i].product : "");
			else
				strbuf_printf(reply, "        %-19s%s\n", who,
					      r[i].pattern ? r[i].pattern : "");
		}
		if (!shown)
			strbuf_append(reply, "        <empty>\n");
	}
}

CMD_HANDLER(cmd_show_blacklist)
{
	static const struct {
		enum mp_blacklist_kind kind;
		const char *title;
	} kinds[] = {
		{MP_BL_DEVNODE, "device node rules"}, {MP_BL_PROPERTY, "udev property rules"},
		{MP_BL_PROTOCOL, "protocol rules"},   {MP_BL_WWID, "wwid rules"},
		{MP_BL_DEVICE, "device rules"},
	};

	(void)cmd;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		bl_kind(env->core->cfg, kinds[i].kind, kinds[i].title, reply);
	return 0;
}

CMD_HANDLER(cmd_show_devices)
{
	struct core *c = env->core;

	(void)cmd;
	strbuf_append(reply, "available block devices:\n");
	for (size_t i = 0; i < c->n_paths; i++) {
		const struct core_path *p = c->paths[i];

		/* two blanks before an allowed device's words: 0.9.4's layout */
		strbuf_printf(reply, "    %s %s%s\n", p->p.dev,
			      p->excluded ? "devnode blacklisted, unmonitored" : " devnode whitelisted",
			      p->excluded ? "" : p->map ? ", monitored" : ", unmonitored");
	}
	return 0;
}
