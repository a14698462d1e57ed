/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The mpath command line: multipath(8)'s flags plus mpath's own long options and subcommands. */
#ifndef MPATH_CLI_OPTIONS_H
#define MPATH_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

enum cli_action {
	CLI_CREATE,        /* no flag: create/reload maps for all eligible paths (or one device) */
	CLI_LIST,          /* -l: topology from sysfs and dm, no path checks */
	CLI_LIST_LONG,     /* -ll: topology with path checks */
	CLI_FLUSH_ONE,     /* -f MAP */
	CLI_FLUSH_ALL,     /* -F */
	CLI_DUMP_CONFIG,   /* -t, `config show` */
	CLI_CHECK_CONFIG,  /* `config check [FILE]` */
	CLI_WWIDS_ADD,     /* -a DEV */
	CLI_WWIDS_REMOVE,  /* -w DEV */
	CLI_WWIDS_RESET,   /* -W */
	CLI_IS_PATH,       /* -c DEV / -u DEV */
	CLI_EXPLAIN,       /* `explain MAP|PATH` */
	CLI_DAEMON,        /* `ctl WORDS...`: send a command to mpathd */
	CLI_HELP,
};

struct cli_options {
	enum cli_action action;
	const char *target;     /* device, map or file the action names */
	const char *daemon_cmd; /* CLI_DAEMON: the command words joined by spaces (owned) */
	int verbosity;          /* -v0..4, default 2 (or the config's "verbosity") */
	bool verbosity_given;
	bool dry_run;           /* -d */
	bool force_reload;      /* -r */
	bool json;              /* --json */
	bool ignore_wwids;      /* -i */
	const char *sysfs_root; /* --sysfs-root */
	const char *config;     /* --config, default /etc/multipath.conf */
	const char *state_dir;  /* --state-dir: bindings and wwids files, default /etc/multipath */
	bool state_dir_given;
	bool mpt_layout;        /* -t: `multipath -t`'s layout (`config show` keeps mpath's) */
	const char *config_dir; /* --config-dir: instead of config_dir ("" = none) */
	const char *pgpolicy;   /* -p: override path_grouping_policy */
};

/* Parse argv. Return: 0; -EINVAL with a message in err (usage error). */
int cli_parse_options(int argc, char **argv, struct cli_options *ret, char *err, int errlen);
void cli_options_clear(struct cli_options *opts);
void cli_usage(FILE *out);

#endif
