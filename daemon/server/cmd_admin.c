/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * multipathd 0.9's administrative commands beyond show and the path/map
 * actions: statistics reset, reset map (reassign), reconfigure all,
 * forcequeueing/restorequeueing daemon, set/unset marginal, show config local.
 * Replies as multipathd gives them: "ok" or "fail" (here with a reason line).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/cmd_core.h"
#include "common/ctx.h"
#include "config/config.h"
#include "observe/events.h"
#include "state/core_int.h"

static int fail_reason(struct strbuf *reply, int r, const char *what, const char *name)
{
	strbuf_printf(reply, "fail\n%s: %s\n", name, what);
	return r;
}

static void reset_one(struct core_map *m)
{
	m->path_faults = 0;
	m->switch_grp = 0;
	m->map_loads = 0;
}

CMD_HANDLER(cmd_reset_stats)
{
	struct core *c = env->core;
	struct core_map *m;

	if (cmd->id == CMD_RESET_MAPS_STATS) {
		for (size_t i = 0; i < c->n_maps; i++)
			reset_one(c->maps[i]);
		return 0;
	}
	m = core_find_map(c, cmd->param[KW_MAP]);
	if (!m)
		return fail_reason(reply, -ENODEV, "no such map", cmd->param[KW_MAP]);
	reset_one(m);
	return 0;
}

/*
 * Whether a dm device other than @m holds member @dev: that is what
 * multipathd's "reset map" re-points at the map (an LVM volume activated
 * on a path before the map existed). Return: 1, 0, -errno.
 */
static int foreign_holder(struct core *c, struct core_map *m, const char *dev, char *ret_name,
			  size_t size)
{
	char dir[512];
	char self[32];
	struct dirent *d;
	DIR *dp;
	int found = 0;

	snprintf(dir, sizeof(dir), "%s/block/%s/holders", c->ctx->sysfs_root, dev);
	snprintf(self, sizeof(self), "dm-%u", m->info.minor);
	dp = opendir(dir);
	if (!dp)
		return errno == ENOENT ? 0 : -errno;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.' || !strcmp(d->d_name, self))
			continue;
		snprintf(ret_name, size, "%s", d->d_name);
		found = 1;
		break;
	}
	closedir(dp);
	return found;
}

CMD_HANDLER(cmd_reset_map)
{
	struct core *c = env->core;
	struct core_map *m = core_find_map(c, cmd->param[KW_MAP]);
	char holder[256], why[400];

	if (!m)
		return fail_reason(reply, -ENODEV, "no such map", cmd->param[KW_MAP]);
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];
		int r;

		if (p->map != m)
			continue;
		r = foreign_holder(c, m, p->p.dev, holder, sizeof(holder));
		if (r < 0)
			return fail_reason(reply, r, strerror(-r), p->p.dev);
		if (r > 0) {
			/* Rewriting another target's table is not done yet: say so
			 * rather than answer "ok" for a table left on the path. */
			snprintf(why, sizeof(why), "held by %s; reassigning its table is not supported",
				 holder);
			return fail_reason(reply, -EOPNOTSUPP, why, p->p.dev);
		}
	}
	return 0; /* no table uses a member directly: nothing to reassign */
}

CMD_HANDLER(cmd_reconfigure_all)
{
	struct core *c = env->core;
	int r = cmd_core_reconfigure(env, cmd, reply);
	char wwid[256];
	size_t failed = 0;

	if (r < 0)
		return r;
	/* every map reloaded, changed or not: what "multipath -r" asks for */
	for (size_t i = 0; i < c->n_maps; i++) {
		if (!c->maps[i]->managed || !c->maps[i]->wwid[0])
			continue;
		snprintf(wwid, sizeof(wwid), "%s", c->maps[i]->wwid);
		if (core_sync_wwid(c, wwid, true, 0) < 0)
			failed++;
	}
	if (failed) {
		strbuf_printf(reply, "fail\n%zu map(s) could not be reloaded\n", failed);
		return -EIO;
	}
	return 0;
}

CMD_HANDLER(cmd_queue_daemon)
{
	struct core *c = env->core;

	(void)reply;
	c->force_queue_without_daemon = cmd->id == CMD_FORCEQ_DAEMON;
	core_log(c, MP_LOG_NOTICE, "%s: queue_without_daemon %s",
		 cmd->id == CMD_FORCEQ_DAEMON ? "forcequeueing daemon" : "restorequeueing daemon",
		 c->force_queue_without_daemon ? "forced on" : "as configured");
	return 0;
}

static void set_marginal(struct core *c, struct core_path *p, bool on, const char *why)
{
	if (p->admin_marginal == on)
		return;
	p->admin_marginal = on;
	timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
			on ? "normal" : "marginal", on ? "marginal" : "normal", why);
}

CMD_HANDLER(cmd_marginal)
{
	struct core *c = env->core;

	if (cmd->id == CMD_UNSET_MARGINAL_MAP) {
		struct core_map *m = core_find_map(c, cmd->param[KW_MAP]);

		if (!m)
			return fail_reason(reply, -ENODEV, "no such map", cmd->param[KW_MAP]);
		for (size_t i = 0; i < c->n_paths; i++)
			if (c->paths[i]->map == m)
				set_marginal(c, c->paths[i], false, "unsetmarginal map command");
		return 0;
	}
	struct core_path *p = core_find_path(c, cmd->param[KW_PATH]);

	if (!p)
		return fail_reason(reply, -ENODEV, "no such path", cmd->param[KW_PATH]);
	if (!p->map)
		return fail_reason(reply, -ENODEV, "not in a multipath map", cmd->param[KW_PATH]);
	set_marginal(c, p, cmd->id == CMD_SET_MARGINAL,
		     cmd->id == CMD_SET_MARGINAL ? "setmarginal command" : "unsetmarginal command");
	return 0;
}

CMD_HANDLER(cmd_show_config_local)
{
	struct core *c = env->core;
	struct mp_device_id *ids = calloc(c->n_paths ? c->n_paths : 1, sizeof(*ids));
	size_t n = 0;
	int r;

	(void)cmd;
	if (!ids)
		return -ENOMEM;
	for (size_t i = 0; i < c->n_paths; i++) {
		const struct mp_path *p = &c->paths[i]->p;

		if (c->paths[i]->gone)
			continue;
		ids[n++] = (struct mp_device_id){
			.vendor = p->vendor,
			.product = p->product,
			.revision = p->rev,
			.wwid = p->wwid,
			.transport = p->transport,
		};
	}
	r = mp_config_dump_local(c->cfg, ids, n, env->caller != 0, reply); /* secrets: root only */
	free(ids);
	return r;
}
