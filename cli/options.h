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
	CLI_IS_PATH,       /* -c DEV / -u (the device udev's environment names: DEVNAME) */
	CLI_EXPLAIN,       /* `explain MAP|PATH` */
	CLI_DAEMON,        /* `ctl WORDS...`: send a command to mpathd */
	CLI_INTERACTIVE,   /* `ctl -k`: commands from standard input (multipathd -k) */
	CLI_USABLE,        /* -C MAP / -U: exit 0 if the map has a usable path */
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
	bool udev_export;       /* -u: answer as udev properties (IMPORT{program}) */
	const char *sysfs_root; /* --sysfs-root */
	const char *config;     /* --config, default /etc/multipath.conf */
	const char *state_dir;  /* --state-dir: bindings and wwids files, default /etc/multipath */
	bool state_dir_given;
	bool mpt_layout;        /* -t: `multipath -t`'s layout (`config show` keeps mpath's) */
	const char *config_dir; /* --config-dir: instead of config_dir ("" = none) */
	const char *pgpolicy;   /* -p: override path_grouping_policy */
	bool dump_local;        /* -T: -t limited to the devices present */
	bool allow_queueing;    /* -q: keep queue_if_no_path without a daemon */
	bool bindings_read_only; /* -B */
	const char *bindings_file; /* -b FILE */
	int flush_retries;      /* -R N: retries of a flush of a map in use; -1: remove_retries */
	bool enable_foreign;    /* -e: accepted; mpath has no foreign libraries */
};

/* Parse argv; options and the device may come in any order, the words after
 * a subcommand (ctl, config, explain) are its own.
 * Return: 0; -EINVAL with a message in err (usage error). */
int cli_parse_options(int argc, char **argv, struct cli_options *ret, char *err, int errlen);
void cli_options_clear(struct cli_options *opts);
/* Words joined by blanks, a word holding a blank in "double quotes" (malloc'ed). */
int cli_join_words(char **words, int n, const char **ret);
void cli_usage(FILE *out);

#endif
