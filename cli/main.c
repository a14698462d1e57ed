/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mpath: parse the command line, open a session, run one action. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "control/client.h"
#include "interactive.h"
#include "options.h"
#include "persist.h"
#include "partitions.h"
#include "session.h"

static int check_config(const struct cli_options *opts)
{
	const char *path = opts->target ? opts->target : opts->config;
	struct mp_diags diags = {0};
	char line[1024];
	int r = mp_config_check(path, opts->config_dir, &diags);
	size_t warnings = mp_diags_count(&diags, MP_DIAG_WARNING);

	for (size_t i = 0; i < diags.n; i++) {
		mp_diag_format(&diags.items[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	mp_diags_clear(&diags);
	if (r < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(-r));
		return 1;
	}
	/* 1 only when the configuration in force is not what the files say */
	if (opts->verbosity >= 2)
		printf("%s (and its drop-in files): %d error(s), %zu warning(s)\n", path, r,
		       warnings);
	return r > 0 ? 1 : 0;
}

static int run(const struct cli_options *opts)
{
	struct cli_session s;
	bool need_dm;
	int status;

	switch (opts->action) {
	case CLI_HELP:
		cli_usage(stdout);
		return 0;
	case CLI_CHECK_CONFIG:
		return check_config(opts);
	case CLI_DAEMON:
		return cli_send_command(opts->daemon_cmd);
	case CLI_INTERACTIVE:
		return cli_interactive();
	default:
		break;
	}
	/* Dry runs and explain need the kernel's maps too: the plan is a diff. */
	need_dm = opts->action != CLI_DUMP_CONFIG;
	if (cli_session_open(&s, opts, need_dm) < 0) {
		cli_session_flush_diags(&s);
		cli_session_close(&s);
		return 1;
	}
	switch (opts->action) {
	case CLI_LIST:
	case CLI_LIST_LONG:
		status = cli_do_list(&s, opts->action == CLI_LIST_LONG);
		break;
	case CLI_FLUSH_ONE:
	case CLI_FLUSH_ALL:
		status = cli_do_flush(&s, opts->action == CLI_FLUSH_ONE ? opts->target : NULL);
		break;
	case CLI_IS_PATH:
		status = cli_do_is_path(&s);
		break;
	case CLI_USABLE:
		status = cli_do_usable(&s);
		break;
	case CLI_WWIDS_ADD:
	case CLI_WWIDS_REMOVE:
	case CLI_WWIDS_RESET:
		status = cli_do_wwids(&s);
		break;
	case CLI_EXPLAIN:
		status = cli_do_explain(&s);
		break;
	case CLI_DUMP_CONFIG:
		status = cli_do_dump_config(&s);
		break;
	default:
		status = cli_do_create(&s);
		break;
	}
	cli_session_close(&s);
	return status;
}

int main(int argc, char **argv)
{
	struct cli_options opts;
	char err[256];
	int status;

	if (cli_persist_wanted(argc, argv))
		return cli_persist_main(argc, argv);
	if (argc > 1 && strcmp(argv[1], "partitions") == 0)
		return cli_partitions_main(argc - 1, argv + 1);
	if (cli_parse_options(argc, argv, &opts, err, sizeof(err)) < 0) {
		fprintf(stderr, "mpath: %s\n", err);
		cli_usage(stderr);
		return 2;
	}
	status = run(&opts);
	cli_options_clear(&opts);
	return status;
}
