/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * multipathd: the incumbent's name for tools that call it (XenServer's storage
 * manager, fence_mpath, sosreport). As a client it speaks to mpathd over the
 * same control socket and prints the replies unchanged; as a daemon it
 * becomes mpathd.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control/client.h"
#include "multipathd_args.h"

#ifndef MPATHD_PATH
#define MPATHD_PATH "/usr/sbin/mpathd"
#endif

/* Return: 0, 1 when the daemon answered with a failure, 2 when it cannot be reached. */
static int one_command(const char *cmd)
{
	char *reply = NULL;
	int r = mpathd_client_command(cmd, &reply, 0);

	if (r < 0) {
		fprintf(stderr, "multipathd: cannot reach mpathd: %s\n", strerror(-r));
		return 2;
	}
	fputs(reply, stdout);
	if (reply[0] && reply[strlen(reply) - 1] != '\n')
		putchar('\n');
	r = !strncmp(reply, "fail", 4) || !strncmp(reply, "timeout", 7);
	free(reply);
	fflush(stdout);
	return r;
}

/* One command per line until EOF or "quit"/"exit"; a prompt only for a terminal. */
static int interactive(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool tty = isatty(STDIN_FILENO);
	int status = 0;

	for (;;) {
		if (tty) {
			fputs("multipathd> ", stdout);
			fflush(stdout);
		}
		n = getline(&line, &cap, stdin);
		if (n < 0)
			break;
		while (n && (line[n - 1] == '\n' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		if (!n)
			continue;
		if (!strcmp(line, "quit") || !strcmp(line, "exit"))
			break;
		status = one_command(line);
		if (status == 2)
			break;
	}
	free(line);
	return status == 2 ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct mpd_args a;
	char err[160];
	int status = 0;

	if (mpd_args_parse(argc, argv, &a, err, sizeof(err)) < 0) {
		fprintf(stderr, "multipathd: %s\n", err);
		return 1;
	}
	switch (a.mode) {
	case MPD_HELP:
		printf("usage: multipathd [-d] [-s] [-v N]      run the daemon (mpathd)\n"
		       "       multipathd [-v N] -k[COMMAND]     talk to the daemon\n"
		       "       multipathd [-v N] COMMAND...\n"
		       "This is mpath's compatibility entry point: see mpathd(8).\n");
		break;
	case MPD_COMMAND:
		status = one_command(a.command) ? 1 : 0;
		break;
	case MPD_INTERACTIVE:
		status = interactive();
		break;
	case MPD_DAEMON:
		if (a.ignored)
			fprintf(stderr, "multipathd: -B, -n and -w have no mpathd equivalent; ignored\n");
		execv(MPATHD_PATH, (char *const *)a.daemon_argv);
		fprintf(stderr, "multipathd: cannot run %s: %s\n", MPATHD_PATH, strerror(errno));
		status = 1;
		break;
	}
	mpd_args_clear(&a);
	return status;
}
