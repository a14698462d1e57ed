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
	      "       mpath partitions [-a|-d|-l|-u] MAP  (partition maps, as kpartx)\n"
	      "       mpath ctl COMMAND...        (send a command to mpathd, e.g. 'ctl show paths')\n"
	      "       mpath persist OPTIONS DEVICE (mpathpersist: 'persist -h' for its options)\n"
	      "       mpath ctl -k                (commands from standard input, as multipathd -k)\n"
	      "\n"
	      "  (no action)   create or reload the maps of all eligible paths (or of DEVICE)\n"
	      "  -d            dry run: print what would be done, change nothing\n"
	      "  -l / -ll      show the topology (-ll also checks the paths)\n"
	      "  -f MAP        flush one unused map        -F  flush all unused maps\n"
	      "  -r            force a reload of every map\n"
	      "  -t            print the merged configuration\n"
	      "  -T            the same, devices section limited to the devices present\n"
	      "  -a DEV        add DEV's wwid to the wwids file\n"
	      "  -w DEV        remove DEV's wwid from the wwids file\n"
	      "  -W            reset the wwids file to the current maps\n"
	      "  -c DEV        exit 0 if DEV is (or should be) a multipath path\n"
	      "  -u            the same for the device in udev's environment (DEVNAME)\n"
	      "  -C MAP        exit 0 if MAP has a usable path  -U  the same for DEVNAME\n"
	      "  -i            ignore the wwids file (find_multipaths)\n"
	      "  -p POLICY     force path_grouping_policy\n"
	      "  -q            keep queue_if_no_path although no daemon runs\n"
	      "  -B            bindings file read only  -b FILE  bindings file to use\n"
	      "  -R N          retry a flush of a map in use N times\n"
	      "  -e            enable foreign libraries (accepted; mpath has none)\n"
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

/* The shell already split the command: a word with a blank in it (a
 * format like '%d %c') is quoted again so the daemon's grammar keeps it
 * one word, as multipathd's client does. */
int cli_join_words(char **words, int n, const char **ret)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < n; i++) {
		bool quote = !words[i][0] || strpbrk(words[i], " \t") != NULL;
		int r = i ? strbuf_append(&sb, " ") : 0;

		if (r == 0)
			r = quote ? strbuf_printf(&sb, "\"%s\"", words[i])
				  : strbuf_append(&sb, words[i]);
		if (r < 0) {
			strbuf_reset(&sb);
			return -ENOMEM;
		}
	}
	*ret = strbuf_steal(&sb);
	return *ret ? 0 : -ENOMEM;
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
		if (argc == 2 && streq(argv[1], "-k")) {
			o->action = CLI_INTERACTIVE;
			return 0;
		}
		if (argc == 2 && !strncmp(argv[1], "-k", 2)) {
			/* -k'show maps': multipathd's one-command form */
			o->action = CLI_DAEMON;
			o->daemon_cmd = strdup(argv[1] + 2);
			return o->daemon_cmd ? 0 : -ENOMEM;
		}
		if (argc < 2) {
			snprintf(err, errlen, "usage: mpath ctl COMMAND... | ctl -k");
			return -EINVAL;
		}
		o->action = CLI_DAEMON;
		return cli_join_words(argv + 1, argc - 1, &o->daemon_cmd);
	}
	/* A lone word is a device or map for the current action, as in multipath(8). */
	if (o->target) {
		snprintf(err, errlen, "unexpected argument '%s'", word);
		return -EINVAL;
	}
	o->target = word;
	return 0;
}

static bool is_subcommand(const char *w)
{
	return streq(w, "config") || streq(w, "explain") || streq(w, "ctl");
}

static int parse_int(const char *s, int min, int max, int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -EINVAL;
	*ret = (int)v;
	return 0;
}

/* -u / -U: udev runs multipath with the device in its environment. */
static const char *udev_devname(void)
{
	const char *d = getenv("DEVNAME");

	if (d && !strncmp(d, "/dev/", 5))
		d += 5;
	return d && *d ? d : NULL;
}

static int one_option(int c, struct cli_options *o, int *list_count, char *err, int errlen,
		      char **argv)
{
	switch (c) {
	case 'h':
	case OPT_HELP:
		o->action = CLI_HELP;
		return 0;
	case 'd':
		o->dry_run = true;
		return 0;
	case 'l':
		(*list_count)++; /* -ll arrives as two -l */
		return 0;
	case 'v':
		if (parse_int(optarg, 0, 4, &o->verbosity) < 0) {
			snprintf(err, errlen, "invalid verbosity '%s' (0..4)", optarg);
			return -EINVAL;
		}
		o->verbosity_given = true;
		return 0;
	case 'f':
		return set_action(o, CLI_FLUSH_ONE, optarg, err, errlen);
	case 'F':
		return set_action(o, CLI_FLUSH_ALL, NULL, err, errlen);
	case 'r':
		o->force_reload = true;
		return 0;
	case 't':
	case 'T':
		o->dump_local = o->dump_local || c == 'T';
		o->mpt_layout = true; /* `multipath -t`'s layout; `config show` keeps mpath's */
		return set_action(o, CLI_DUMP_CONFIG, NULL, err, errlen);
	case 'a':
		return set_action(o, CLI_WWIDS_ADD, optarg, err, errlen);
	case 'w':
		return set_action(o, CLI_WWIDS_REMOVE, optarg, err, errlen);
	case 'W':
		return set_action(o, CLI_WWIDS_RESET, NULL, err, errlen);
	case 'c':
		return set_action(o, CLI_IS_PATH, optarg, err, errlen);
	case 'C':
		return set_action(o, CLI_USABLE, optarg, err, errlen);
	case 'u':
	case 'U':
		o->udev_export = c == 'u'; /* udev's IMPORT{program} reads the answer */
		return set_action(o, c == 'u' ? CLI_IS_PATH : CLI_USABLE, udev_devname(), err,
				  errlen);
	case 'i':
		o->ignore_wwids = true;
		return 0;
	case 'p':
		o->pgpolicy = optarg;
		return 0;
	case 'q':
		o->allow_queueing = true;
		return 0;
	case 'B':
		o->bindings_read_only = true;
		return 0;
	case 'b':
		o->bindings_file = optarg;
		return 0;
	case 'R':
		if (parse_int(optarg, 0, 1000, &o->flush_retries) < 0) {
			snprintf(err, errlen, "invalid retry count '%s'", optarg);
			return -EINVAL;
		}
		return 0;
	case 'e':
		o->enable_foreign = true;
		return 0;
	case OPT_SYSFS_ROOT:
		o->sysfs_root = optarg;
		return 0;
	case OPT_CONFIG:
		o->config = optarg;
		return 0;
	case OPT_CONFIG_DIR:
		o->config_dir = optarg;
		return 0;
	case OPT_STATE_DIR:
		o->state_dir = optarg;
		o->state_dir_given = true;
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case ':':
		snprintf(err, errlen, "option -%c needs an argument", optopt);
		return -EINVAL;
	default:
		if (optopt)
			snprintf(err, errlen, "unknown option -%c", optopt);
		else
			snprintf(err, errlen, "unknown option %s", argv[optind - 1]);
		return -EINVAL;
	}
}

int cli_parse_options(int argc, char **argv, struct cli_options *ret, char *err, int errlen)
{
	struct cli_options o = {.action = CLI_CREATE, .verbosity = 2, .flush_retries = -1};
	int list_count = 0, c, r = 0;

	optind = 0; /* reset getopt state: tests parse several command lines */
	opterr = 0;
	/* "+": stop at each word, so a subcommand's words stay its own; after a
	 * device name, options go on ("mpath sda -v3" as multipath takes it). */
	for (;;) {
		while ((c = getopt_long(argc, argv, "+:hdlv:f:FrtTa:w:Wc:C:uUip:qBb:R:e",
					long_options, NULL)) != -1)
			if ((r = one_option(c, &o, &list_count, err, errlen, argv)) < 0)
				goto fail;
		if (optind >= argc)
			break;
		if (is_subcommand(argv[optind])) {
			r = parse_subcommand(argc - optind, argv + optind, &o, err, errlen);
			if (r < 0)
				goto fail;
			break;
		}
		r = parse_subcommand(1, argv + optind, &o, err, errlen);
		if (r < 0)
			goto fail;
		optind++;
	}
	if (list_count) {
		r = set_action(&o, list_count > 1 ? CLI_LIST_LONG : CLI_LIST, NULL, err, errlen);
		if (r < 0)
			goto fail;
	}
	if ((o.action == CLI_IS_PATH || o.action == CLI_USABLE) && !o.target) {
		snprintf(err, errlen, "no device: give one, or DEVNAME in the environment for -u/-U");
		r = -EINVAL;
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
