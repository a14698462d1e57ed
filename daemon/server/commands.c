/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command handlers and their dispatch table. The ones about paths, maps and
 * the config live in cmd_show.c / cmd_action.c and need env->core; without
 * it (tests of the grammar alone) they answer "not implemented yet".
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "server/cmd_core.h"
#include "server/command_parse.h"
#include "server/commands.h"
#include "observe/events.h"
#include "observe/metrics.h"
#include "output/format.h"

typedef int (*cmd_handler)(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply);

static int cmd_not_implemented(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	(void)env;
	strbuf_printf(reply, "error: '%s' is not implemented yet\n", cmd->shape->usage);
	return -EOPNOTSUPP;
}

static int cmd_shutdown(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	(void)cmd;
	(void)reply; /* "ok" */
	if (!env->shutdown)
		return -EOPNOTSUPP;
	env->shutdown(env->data);
	return 0;
}

/* The client ends its session on quit/exit; a daemon that receives it has
 * nothing to do. */
static int cmd_quit(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	(void)env;
	(void)cmd;
	(void)reply;
	return 0;
}

static int cmd_reconfigure(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	int r;

	if (env->core)
		return cmd_core_reconfigure(env, cmd, reply);
	if (!env->reconfigure)
		return cmd_not_implemented(env, cmd, reply);
	r = env->reconfigure(env->data);
	if (r == -EOPNOTSUPP)
		return cmd_not_implemented(env, cmd, reply);
	return r;
}

static int cmd_show_daemon(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	(void)cmd;
	/* multipathd's wording, which scripts grep for */
	strbuf_printf(reply, "pid %d %s\n", (int)env->pid, env->state ? env->state : "running");
	return 0;
}

static unsigned long long sum_states(const uint64_t *v)
{
	unsigned long long t = 0;

	for (int s = 0; s < METRICS_NSTATES; s++)
		t += v[s];
	return t;
}

/* The checker state words multipathd 0.9.4's "show status" counts by
 * ("up", "down"), which differ from the path display words ("ready"). */
static const char *checker_state_word(enum mp_path_state s)
{
	switch (s) {
	case MP_PATH_UP:
		return "up";
	case MP_PATH_DOWN:
		return "down";
	case MP_PATH_UNCHECKED:
		return "unchecked";
	default:
		return mp_path_state_name(s); /* ghost, pending, shaky, delayed, ... */
	}
}

static int cmd_show_status(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	static const struct metrics empty;
	const struct metrics *m = env->metrics ? env->metrics : &empty;
	bool busy = env->state && strcmp(env->state, "idle") && strcmp(env->state, "running");

	(void)cmd;
	/* 0.9.4's lines first, in its layout; mpathd's own after them */
	strbuf_append(reply, "path checker states:\n");
	for (int s = 0; s < METRICS_NSTATES; s++)
		if (m->paths_by_state[s])
			strbuf_printf(reply, "%-20s%llu\n", checker_state_word((enum mp_path_state)s),
				      (unsigned long long)m->paths_by_state[s]);
	strbuf_printf(reply, "\npaths: %llu\nbusy: %s\n", sum_states(m->paths_by_state),
		      busy ? "True" : "False");
	strbuf_printf(reply, "maps: %llu\n", (unsigned long long)m->maps);
	strbuf_printf(reply, "uptime: %llu s\nworkers: %u (%u stuck)\nclients: %u\n",
		      (unsigned long long)(env->uptime_usec / 1000000u), env->workers,
		      env->workers_stuck, env->clients);
	strbuf_printf(reply, "uevents: %llu\nchecks: %llu\n", (unsigned long long)m->uevents_total,
		      sum_states(m->checks_total));
	return 0;
}

static int cmd_show_wildcards(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	(void)env;
	(void)cmd;
	return mp_format_wildcards(reply); /* only the wildcards that print data */
}

static int cmd_show_events(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	enum tl_kind kind = TL_ANY;
	const char *name = NULL;
	int r;

	if (!env->timeline)
		return cmd_not_implemented(env, cmd, reply);
	if (cmd->id == CMD_LIST_EVENTS_PATH) {
		kind = TL_PATH;
		name = cmd->param[KW_PATH];
	} else if (cmd->id == CMD_LIST_EVENTS_MAP) {
		kind = TL_MAP;
		name = cmd->param[KW_MAP];
	}
	r = timeline_format(env->timeline, kind, name, reply);
	if (r == -ENOENT) {
		strbuf_printf(reply, "no events for %s %s\n", kind == TL_PATH ? "path" : "map", name);
		return r;
	}
	if (r == 0)
		strbuf_append(reply, "no events\n");
	return r < 0 ? r : 0;
}

static int cmd_show_metrics(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)
{
	static const struct metrics empty;

	(void)cmd;
	return metrics_format(env->metrics ? env->metrics : &empty, reply);
}

/* Handlers marked core need the paths and maps (env->core). */
static const struct {
	cmd_handler fn;
	bool core;
} handlers[CMD__COUNT] = {
	[CMD_LIST_PATHS] = {cmd_show_paths, true},
	[CMD_LIST_PATHS_FMT] = {cmd_show_paths, true},
	[CMD_LIST_PATHS_JSON] = {cmd_show_paths, true},
	[CMD_LIST_PATH] = {cmd_show_paths, true},
	[CMD_LIST_MAPS] = {cmd_show_maps, true},
	[CMD_LIST_MAPS_FMT] = {cmd_show_maps, true},
	[CMD_LIST_MAPS_JSON] = {cmd_show_maps, true},
	[CMD_LIST_MAPS_STATUS] = {cmd_show_maps, true},
	[CMD_LIST_TOPOLOGY] = {cmd_show_topology, true},
	[CMD_LIST_TOPOLOGY_JSON] = {cmd_show_topology, true},
	[CMD_LIST_MAP_TOPOLOGY] = {cmd_show_topology, true},
	[CMD_LIST_MAP_JSON] = {cmd_show_maps, true},
	[CMD_LIST_MAP_FMT] = {cmd_show_maps, true},
	[CMD_LIST_CONFIG] = {cmd_show_config, true},
	[CMD_LIST_STATUS] = {cmd_show_status, false},
	[CMD_LIST_DAEMON] = {cmd_show_daemon, false},
	[CMD_LIST_BLACKLIST] = {cmd_show_blacklist, true},
	[CMD_LIST_DEVICES] = {cmd_show_devices, true},
	[CMD_LIST_WILDCARDS] = {cmd_show_wildcards, false},
	[CMD_LIST_EVENTS] = {cmd_show_events, false},
	[CMD_LIST_EVENTS_PATH] = {cmd_show_events, false},
	[CMD_LIST_EVENTS_MAP] = {cmd_show_events, false},
	[CMD_LIST_METRICS] = {cmd_show_metrics, false},
	[CMD_ADD_PATH] = {cmd_path_action, true},
	[CMD_DEL_PATH] = {cmd_path_action, true},
	[CMD_FAIL_PATH] = {cmd_path_action, true},
	[CMD_REINSTATE_PATH] = {cmd_path_action, true},
	[CMD_ADD_MAP] = {cmd_map_action, true},
	[CMD_DEL_MAP] = {cmd_map_action, true},
	[CMD_DEL_MAPS] = {cmd_map_action, true},
	[CMD_SWITCH_GROUP] = {cmd_switch_group, true},
	[CMD_SUSPEND_MAP] = {cmd_map_action, true},
	[CMD_RESUME_MAP] = {cmd_map_action, true},
	[CMD_RESIZE_MAP] = {cmd_map_action, true},
	[CMD_RELOAD_MAP] = {cmd_map_action, true},
	[CMD_DISABLEQ_MAP] = {cmd_queueing, true},
	[CMD_DISABLEQ_MAPS] = {cmd_queueing, true},
	[CMD_RESTOREQ_MAP] = {cmd_queueing, true},
	[CMD_RESTOREQ_MAPS] = {cmd_queueing, true},
	[CMD_RECONFIGURE] = {cmd_reconfigure, false},
	[CMD_SHUTDOWN] = {cmd_shutdown, false},
	[CMD_GETPRKEY] = {cmd_prkey, true},
	[CMD_SETPRKEY] = {cmd_prkey, true},
	[CMD_UNSETPRKEY] = {cmd_prkey, true},
	[CMD_LIST_PATHS_RAW] = {cmd_show_paths, true},
	[CMD_LIST_MAPS_RAW] = {cmd_show_maps, true},
	[CMD_LIST_MAP_RAW] = {cmd_show_maps, true},
	[CMD_LIST_MAPS_STATS] = {cmd_show_maps, true},
	[CMD_LIST_CONFIG_LOCAL] = {cmd_show_config_local, true},
	[CMD_RESET_MAPS_STATS] = {cmd_reset_stats, true},
	[CMD_RESET_MAP_STATS] = {cmd_reset_stats, true},
	[CMD_RESET_MAP] = {cmd_reset_map, true},
	[CMD_RECONFIGURE_ALL] = {cmd_reconfigure_all, true},
	[CMD_QUIT] = {cmd_quit, false},
	[CMD_FORCEQ_DAEMON] = {cmd_queue_daemon, true},
	[CMD_RESTOREQ_DAEMON] = {cmd_queue_daemon, true},
	[CMD_SET_MARGINAL] = {cmd_marginal, true},
	[CMD_UNSET_MARGINAL] = {cmd_marginal, true},
	[CMD_UNSET_MARGINAL_MAP] = {cmd_marginal, true},
	[CMD_GETPRSTATUS] = {cmd_prstatus, true},
	[CMD_SETPRSTATUS] = {cmd_prstatus, true},
	[CMD_UNSETPRSTATUS] = {cmd_prstatus, true},
};

int commands_help(struct strbuf *sb)
{
	unsigned n;
	const struct cmd_shape *s = cmd_shapes(&n);

	strbuf_append(sb, "mpathd commands (multipathd compatible; words may be abbreviated):\n");
	for (unsigned i = 0; i < n; i++)
		strbuf_printf(sb, "  %s\n", s[i].usage);
	return sb->buf ? 0 : -ENOMEM;
}

int commands_execute(struct cmd_env *env, const char *line, uid_t uid, char **ret_reply)
{
	struct strbuf reply = STRBUF_INIT, err = STRBUF_INIT;
	struct mpcmd cmd;
	int r;

	r = cmd_parse(line, &cmd, &err);
	if (r < 0) {
		if (r == -ENOMEM) {
			strbuf_reset(&err);
			*ret_reply = strdup("fail\n");
			return r;
		}
		strbuf_printf(&reply, "error: %s\n", strbuf_str(&err));
		commands_help(&reply);
		strbuf_reset(&err);
		*ret_reply = strbuf_steal(&reply);
		return r;
	}
	env->caller = uid;
	if (uid != 0 && !cmd.shape->read_only) {
		strbuf_append(&reply, "permission deny: need to be root\n");
		r = -EPERM;
	} else {
		if (handlers[cmd.id].core && !env->core)
			r = cmd_not_implemented(env, &cmd, &reply);
		else
			r = handlers[cmd.id].fn(env, &cmd, &reply);
		if (reply.len == 0)
			strbuf_append(&reply, r < 0 ? "fail\n" : "ok\n");
	}
	cmd_clear(&cmd);
	*ret_reply = strbuf_steal(&reply);
	return r;
}
