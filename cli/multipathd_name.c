/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interactive.h"
#include "multipathd_name.h"
#include "options.h"

bool cli_invoked_as_multipathd(const char *argv0)
{
	const char *base = argv0 ? strrchr(argv0, '/') : NULL;

	base = base ? base + 1 : argv0;
	return base && !strcmp(base, "multipathd");
}

int cli_multipathd_form(int argc, char **argv, enum cli_mpd_form *ret, const char **ret_cmd)
{
	*ret = CLI_MPD_DAEMON;
	*ret_cmd = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-k")) {
			*ret = CLI_MPD_INTERACTIVE;
			return 0;
		}
		if (!strncmp(argv[i], "-k", 2)) {
			*ret = CLI_MPD_COMMAND;
			*ret_cmd = strdup(argv[i] + 2);
			return *ret_cmd ? 0 : -ENOMEM;
		}
		if (argv[i][0] != '-') {
			/* multipathd 0.9.4 takes the words after its options as a command */
			*ret = CLI_MPD_COMMAND;
			return cli_join_words(argv + i, argc - i, ret_cmd);
		}
		if (!strcmp(argv[i], "-v") && i + 1 < argc)
			i++; /* its level is not a command word */
	}
	return 0;
}

int cli_multipathd_main(int argc, char **argv)
{
	enum cli_mpd_form form;
	const char *cmd = NULL;
	int status;

	if (cli_multipathd_form(argc, argv, &form, &cmd) < 0) {
		fputs("multipathd: out of memory\n", stderr);
		return 1;
	}
	switch (form) {
	case CLI_MPD_INTERACTIVE:
		return cli_interactive();
	case CLI_MPD_COMMAND:
		status = cli_send_command(cmd);
		free((char *)cmd);
		return status;
	case CLI_MPD_DAEMON:
	default:
		argv[0] = (char *)"mpathd";
		execvp("mpathd", argv);
		fprintf(stderr, "multipathd: cannot run mpathd: %s\n", strerror(errno));
		return 1;
	}
}
