/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command dispatch: parse (command_parse.h), check the caller's permission
 * from the command's shape, run the handler from the table in commands.c.
 * Replies follow multipathd's conventions: "ok\n" when a command has
 * nothing to say, "fail\n" when it failed without saying why,
 * "permission deny: need to be root\n" for a non-root caller of a
 * modifying command, and the command reference after an unknown command.
 */
#ifndef MPATHD_COMMANDS_H
#define MPATHD_COMMANDS_H

#include <stdint.h>
#include <sys/types.h>

#include "common/strbuf.h"

struct timeline;
struct metrics;
struct core;

/* What handlers may see and do; the daemon fills it, tests fake it. */
struct cmd_env {
	struct timeline *timeline;
	const struct metrics *metrics;
	struct core *core; /* paths and maps; NULL: those commands answer "not implemented" */
	pid_t pid;
	const char *state;  /* "idle", "running", "configure", "shutdown" */
	uint64_t uptime_usec;
	unsigned workers, workers_stuck, clients;
	void (*shutdown)(void *data);    /* ask the loop to stop */
	int (*reconfigure)(void *data);  /* the same hook as SIGHUP */
	void *data;
	uid_t caller; /* set by commands_execute() for the handler it runs */
};

/**
 * commands_execute() - run one command line for a caller with @uid.
 * @ret_reply: malloc'ed reply text, always set on return >= -EPERM paths
 * Return: 0, or -errno of the failure (-ENOENT/-ESRCH/-EINVAL: bad command,
 * -EPERM, -EOPNOTSUPP: not implemented yet, -ENOMEM).
 */
int commands_execute(struct cmd_env *env, const char *line, uid_t uid, char **ret_reply);

/* The command reference sent after an unknown command. */
int commands_help(struct strbuf *sb);

#endif
