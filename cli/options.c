/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common/macros.h"
#include "common/strbuf.h"

enum {
	OPT_SYSFS_ROOT = 0x100,
	OPT_CONFIG,
	OPT_STATE_DIR,
	OPT_JSON,
	OPT_HELP,
	OPT_CONFIG_DIR,
};

static const struct option long_options[] = {
	{"sysfs-root", required_argument, NULL, OPT_SYSFS_ROOT},
	{"config", required_argument, NULL, OPT_CONFIG},
	{"config-dir", required_argument, NULL, OPT_CONFIG_DIR},
	{"state-dir", required_argument, NULL, OPT_STATE_DIR},
	{"json", no_argument, NULL, OPT_JSON},
	{"help", no_argument, NULL, OPT_HELP},
	{},
};

void cli_usage(FILE *out)
{
	fputs("usage: mpath [options] [DEVICE]\n"
	      "       mpath config check [FILE] | config show\n"
	      "       mpath explain MAP|PATH\n"
	      "       mpath ctl COMMAND...        (send a command to mpathd, e.g. 'ctl show paths')\n"
	      "\n"
	      "  (no action)   create or reload the maps of all eligible paths (or of DEVICE)\n"
	      "  -d            dry run: print what would be done, change nothing\n"
	      "  -l / -ll      show the topology (-ll also checks the paths)\n"
	      "  -f MAP        flush one unused map        -F  flush all unused maps\n"
	      "  -r            force a reload of every map\n"
	      "  -t            print the merged configuration\n"
	      "  -a DEV        add DEV's wwid to the wwids file\n"
	      "  -w DEV        remove DEV's wwid from the wwids file\n"
	      "  -W            reset the wwids file to the current maps\n"
	      "  -c DEV, -u DEV  exit 0 if DEV is (or should be) a multipath path\n"
	      "  -i            ignore the wwids file (find_multipaths)\n"
	      "  -p POLICY     force path_grouping_policy\n"
	      "  -v N          verbosity 0..4 (default 2)\n"
	      "  --json        machine-readable output\n"
	      "  --config FILE      (default /etc/multipath.conf)\n"
	      "  --config-dir DIR   drop-in files instead of config_dir (\"\" = none)\n"
	      "  --sysfs-root DIR   read a captured sysfs tree instead of /sys\n"
	      "  --state-dir DIR    bindings and wwids files (default /etc/multipath)\n",
	      out);
}

static int set_action(struct cli_options *o, enum cli_action a, const char *target, char *err,
		      int errlen)
{
	if (o->action != CLI_CREATE && o->action != a) {
		snprintf(err, errlen, "conflicting actions on the command line");
		return -EINVAL;
	}
	o->action = a;
	if (target)
		o->target = target;
	return 0;
}

static int join_words(char **words, int n, const char **ret)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < n; i++)
		if ((i && strbuf_append(&sb, " ") < 0) || strbuf_append(&sb, words[i]) < 0) {
			strbuf_reset(&sb);
			return -ENOMEM;
		}
	*ret = strbuf_steal(&sb);
	return 0;
}

static int parse_subcommand(int argc, char **argv, struct cli_options *o, char *err, int errlen)
{
	const char *word = argv[0];

	if (streq(word, "config")) {
		if (argc >= 2 && streq(argv[1], "show") && argc == 2)
			return set_action(o, CLI_DUMP_CONFIG, NULL, err, errlen);
		if (argc >= 2 && streq(argv[1], "check") && argc <= 3)
			return set_action(o, CLI_CHECK_CONFIG, argc == 3 ? argv[2] : NULL, err,
					  errlen);
		snprintf(err, errlen, "usage: mpath config check [FILE] | config show");
		return -EINVAL;
	}
	if (streq(word, "explain")) {
		if (argc != 2) {
			snprintf(err, errlen, "usage: mpath explain MAP|PATH");
			return -EINVAL;
		}
		return set_action(o, CLI_EXPLAIN, argv[1], err, errlen);
	}
	if (streq(word, "ctl")) {
		if (argc < 2) {
			snprintf(err, errlen, "usage: mpath ctl COMMAND...");
			return -EINVAL;
		}
		o->action = CLI_DAEMON;
		return join_words(argv + 1, argc - 1, &o->daemon_cmd);
	}
	if (argc != 1) {
		snprintf(err, errlen, "unexpected argument '%s'", argv[1]);
		return -EINVAL;
	}
	/* A lone word is a device or map for the current action, as in multipath(8). */
	if (o->target && o->action != CLI_CREATE) {
		snprintf(err, errlen, "unexpected argument '%s'", word);
		return -EINVAL;
	}
	o->target = word;
	return 0;
}

int cli_parse_options(int argc, char **argv, struct cli_options *ret, char *err, int errlen)
{
	struct cli_options o = {.action = CLI_CREATE, .verbosity = 2};
	int list_count = 0, c, r;
	char *end;

	optind = 0; /* reset getopt state: tests parse several command lines */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hdlv:f:Frta:w:Wc:u:ip:", long_options, NULL)) !=
	       -1) {
		r = 0;
		switch (c) {
		case 'h':
		case OPT_HELP:
			o.action = CLI_HELP;
			break;
		case 'd':
			o.dry_run = true;
			break;
		case 'l':
			/* -ll arrives as two -l */
			list_count++;
			break;
		case 'v':
			o.verbosity = (int)strtol(optarg, &end, 10);
			o.verbosity_given = true;
			if (*end || end == optarg || o.verbosity < 0 || o.verbosity > 4) {
				snprintf(err, errlen, "invalid verbosity '%s' (0..4)", optarg);
				r = -EINVAL;
			}
			break;
		case 'f':
			r = set_action(&o, CLI_FLUSH_ONE, optarg, err, errlen);
			break;
		case 'F':
			r = set_action(&o, CLI_FLUSH_ALL, NULL, err, errlen);
			break;
		case 'r':
			o.force_reload = true;
			break;
		case 't':
			r = set_action(&o, CLI_DUMP_CONFIG, NULL, err, errlen);
			o.mpt_layout = true;
			break;
		case 'a':
			r = set_action(&o, CLI_WWIDS_ADD, optarg, err, errlen);
			break;
		case 'w':
			r = set_action(&o, CLI_WWIDS_REMOVE, optarg, err, errlen);
			break;
		case 'W':
			r = set_action(&o, CLI_WWIDS_RESET, NULL, err, errlen);
			break;
		case 'c':
		case 'u':
			r = set_action(&o, CLI_IS_PATH, optarg, err, errlen);
			break;
		case 'i':
			o.ignore_wwids = true;
			break;
		case 'p':
			o.pgpolicy = optarg;
			break;
		case OPT_SYSFS_ROOT:
			o.sysfs_root = optarg;
			break;
		case OPT_CONFIG:
			o.config = optarg;
			break;
		case OPT_CONFIG_DIR:
			o.config_dir = optarg;
			break;
		case OPT_STATE_DIR:
			o.state_dir = optarg;
			o.state_dir_given = true;
			break;
		case OPT_JSON:
			o.json = true;
			break;
		case ':':
			snprintf(err, errlen, "option -%c needs an argument", optopt);
			r = -EINVAL;
			break;
		default:
			if (optopt)
				snprintf(err, errlen, "unknown option -%c", optopt);
			else
				snprintf(err, errlen, "unknown option %s", argv[optind - 1]);
			r = -EINVAL;
			break;
		}
		if (r < 0)
			goto fail;
	}
	if (list_count) {
		r = set_action(&o, list_count > 1 ? CLI_LIST_LONG : CLI_LIST, NULL, err, errlen);
		if (r < 0)
			goto fail;
	}
	if (optind < argc) {
		r = parse_subcommand(argc - optind, argv + optind, &o, err, errlen);
		if (r < 0)
			goto fail;
	}
	if (!o.config)
		o.config = "/etc/multipath.conf";
	if (!o.state_dir)
		o.state_dir = "/etc/multipath";
	*ret = o;
	return 0;
fail:
	free((char *)o.daemon_cmd);
	return r;
}

void cli_options_clear(struct cli_options *opts)
{
	free((char *)opts->daemon_cmd);
	opts->daemon_cmd = NULL;
}
