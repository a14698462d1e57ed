/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Commands that change paths and maps. Replies as multipathd gives them:
 * "ok" on success, "fail" (here with a reason line after it) on failure.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/cmd_core.h"
#include "state/core_int.h"
#include "discover/discover.h"
#include "observe/events.h"

static int fail_reply(struct strbuf *reply, int r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_reply(struct strbuf *reply, int r, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	strbuf_printf(reply, "fail\n%s\n", msg);
	return r;
}

CMD_HANDLER(cmd_path_action)
{
	struct core *c = env->core;
	const char *name = cmd->param[KW_PATH];
	struct core_path *p;
	char why[96];
	int r;

	if (cmd->id == CMD_ADD_PATH) {
		r = core_add_path(c, name);
		if (r == -EPERM)
			return fail_reply(reply, r, "%s: blacklisted or not multipathed", name);
		return r < 0 ? fail_reply(reply, r, "%s: no such device", name) : 0;
	}
	if (cmd->id == CMD_DEL_PATH) {
		r = core_del_path(c, name);
		return r < 0 ? fail_reply(reply, r, "%s: no such path", name) : 0;
	}
	p = core_find_path(c, name);
	if (!p)
		return fail_reply(reply, -ENODEV, "%s: no such path", name);
	if (!p->map)
		return fail_reply(reply, -ENODEV, "%s: not in a multipath map", name);
	if (cmd->id == CMD_FAIL_PATH)
		r = mp_dm_fail_path(c->dm, p->map->info.name, p->p.major, p->p.minor);
	else
		r = mp_dm_reinstate_path(c->dm, p->map->info.name, p->p.major, p->p.minor);
	if (r < 0)
		return fail_reply(reply, r, "%s", strerror(-r));
	snprintf(why, sizeof(why), "%s path command", cmd->id == CMD_FAIL_PATH ? "fail" : "reinstate");
	timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
			cmd->id == CMD_FAIL_PATH ? "active" : "failed",
			cmd->id == CMD_FAIL_PATH ? "failed" : "active", why);
	core_refresh_map(c, p->map->info.name);
	return 0;
}

/* The WWID a "add map X" names: a path, a map, or the WWID itself. */
static const char *wwid_of(struct core *c, const char *x)
{
	struct core_path *p = core_find_path(c, x);
	struct core_map *m;

	if (p)
		return p->p.wwid;
	m = core_find_map(c, x);
	return m ? m->wwid : x;
}

static int remove_map(struct core *c, struct core_map *m)
{
	struct mp_diags diags = {0};
	char name[128];
	int r;

	snprintf(name, sizeof(name), "%s", m->info.name);
	/* partition maps first; one still open keeps the map (-EBUSY) */
	r = mp_engine_remove_map(&c->engine, name, 0, &diags);
	for (size_t i = 0; i < diags.n; i++)
		core_log(c, MP_LOG_WARNING, "%s: %s", diags.items[i].source, diags.items[i].message);
	mp_diags_clear(&diags);
	if (r < 0)
		return r;
	timeline_record(c->env.timeline, TL_MAP, name, core_realtime_usec(), "loaded", "removed",
			"del map command");
	core_untrack_map(c, m);
	core_bind_paths(c);
	core_update_gauges(c);
	return 0;
}

/* Re-read the size of every path of the map before the engine runs. */
static void rediscover_paths(struct core *c, struct core_map *m)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];
		struct mp_diags diags = {0};
		struct mp_path snap;

		if (p->map != m)
			continue;
		if (mp_discover_path(c->ctx, p->p.dev, &snap, &diags) == 0)
			core_track_path(c, &snap);
		core_flush_diags(c, &diags);
	}
}

CMD_HANDLER(cmd_map_action)
{
	struct core *c = env->core;
	const char *name = cmd->param[KW_MAP];
	struct core_map *m;
	char wwid[256];
	int r = 0;

	if (cmd->id == CMD_DEL_MAPS) {
		int failed = 0;

		for (size_t i = c->n_maps; i-- > 0;)
			if (remove_map(c, c->maps[i]) < 0)
				failed++;
		return failed ? fail_reply(reply, -EBUSY, "%s", "some maps are in use") : 0;
	}
	if (cmd->id == CMD_ADD_MAP) {
		snprintf(wwid, sizeof(wwid), "%s", wwid_of(c, name));
		r = core_sync_wwid(c, wwid, false, 0);
		if (r < 0)
			return fail_reply(reply, r, "%s", strerror(-r));
		return core_find_map_wwid(c, wwid) ? 0 :
			fail_reply(reply, -ENODEV, "%s: no multipath map for it", name);
	}
	m = core_find_map(c, name);
	if (!m)
		return fail_reply(reply, -ENODEV, "%s: no such map", name);
	switch (cmd->id) {
	case CMD_DEL_MAP:
		r = remove_map(c, m);
		break;
	case CMD_SUSPEND_MAP:
		r = mp_dm_suspend(c->dm, m->info.name, true);
		break;
	case CMD_RESUME_MAP:
		r = mp_dm_resume(c->dm, m->info.name);
		break;
	case CMD_RESIZE_MAP:
		rediscover_paths(c, m);
		snprintf(wwid, sizeof(wwid), "%s", m->wwid);
		r = core_sync_wwid(c, wwid, false, 0);
		break;
	case CMD_RELOAD_MAP:
		snprintf(wwid, sizeof(wwid), "%s", m->wwid);
		r = core_sync_wwid(c, wwid, true, 0);
		break;
	default:
		return -EINVAL;
	}
	if (r < 0)
		return fail_reply(reply, r, "%s", r == -EBUSY ? "map in use" : strerror(-r));
	if (cmd->id == CMD_SUSPEND_MAP || cmd->id == CMD_RESUME_MAP)
		core_refresh_map(c, name);
	return 0;
}

CMD_HANDLER(cmd_switch_group)
{
	struct core *c = env->core;
	struct core_map *m = core_find_map(c, cmd->param[KW_MAP]);
	const char *g = cmd->param[KW_GROUP];
	char *end;
	unsigned long n = strtoul(g, &end, 10);
	int r;

	if (!m)
		return fail_reply(reply, -ENODEV, "%s: no such map", cmd->param[KW_MAP]);
	if (*end || n < 1 || n > m->table.n_groups)
		return fail_reply(reply, -EINVAL, "group %s: no such path group", g);
	r = mp_dm_switch_group(c->dm, m->info.name, (unsigned)n);
	if (r < 0)
		return fail_reply(reply, r, "%s", strerror(-r));
	m->switch_grp++;
	timeline_record(c->env.timeline, TL_MAP, m->info.name, core_realtime_usec(), "-", g,
			"switchgroup command");
	core_refresh_map(c, m->info.name);
	return 0;
}

static int queueing_one(struct core *c, struct core_map *m, bool restore)
{
	int r;

	if (restore) {
		/* only where the config wants queueing at all */
		m->queue_off_admin = false;
		if (m->pol.npr != MP_NPR_QUEUE && m->pol.npr != MP_NPR_COUNT)
			return 0;
		m->npr_expired = false;
	} else {
		m->queue_off_admin = true;
	}
	r = mp_dm_set_queueing(c->dm, m->info.name, restore);
	if (r == 0) {
		timeline_record(c->env.timeline, TL_MAP, m->info.name, core_realtime_usec(),
				restore ? "queueing off" : "queueing on",
				restore ? "queueing on" : "queueing off",
				restore ? "restorequeueing command" : "disablequeueing command");
		core_refresh_map(c, m->info.name);
	}
	return r;
}

CMD_HANDLER(cmd_queueing)
{
	struct core *c = env->core;
	bool restore = cmd->id == CMD_RESTOREQ_MAP || cmd->id == CMD_RESTOREQ_MAPS;
	int r = 0;

	if (cmd->id == CMD_DISABLEQ_MAPS || cmd->id == CMD_RESTOREQ_MAPS) {
		for (size_t i = 0; i < c->n_maps; i++)
			if (queueing_one(c, c->maps[i], restore) < 0)
				r = -EIO;
		return r < 0 ? fail_reply(reply, r, "%s", "a map did not take the message") : 0;
	}
	struct core_map *m = core_find_map(c, cmd->param[KW_MAP]);

	if (!m)
		return fail_reply(reply, -ENODEV, "%s: no such map", cmd->param[KW_MAP]);
	r = queueing_one(c, m, restore);
	return r < 0 ? fail_reply(reply, r, "%s", strerror(-r)) : 0;
}

CMD_HANDLER(cmd_core_reconfigure)
{
	struct strbuf errors = STRBUF_INIT;
	int r;

	(void)cmd;
	r = core_reconfigure(env->core, &errors);
	if (r < 0) {
		strbuf_append(reply, "fail\n");
		strbuf_printf(reply, "reconfigure refused, the running configuration stays:\n%s",
			      errors.len ? strbuf_str(&errors) : "");
		if (!errors.len)
			strbuf_printf(reply, "%s\n", strerror(-r));
	}
	strbuf_reset(&errors);
	return r;
}
