/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * multipathd: the incumbent's name for tools that call it (XenServer's storage
 * manager, fence_mpath, sosreport). As a client it speaks to mpathd over the
 * same control socket and prints the replies unchanged; as a daemon it
 * becomes mpathd.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control/client.h"
#include "ksession.h"
#include "multipathd_args.h"

#ifndef MPATHD_PATH
#define MPATHD_PATH "/usr/sbin/mpathd"
#endif

static int send_to_mpathd(void *userdata, const char *cmd, char **ret_reply)
{
	int r = mpathd_client_command(cmd, ret_reply, 0);

	(void)userdata;
	if (r < 0)
		fprintf(stderr, "multipathd: cannot reach mpathd: %s\n", strerror(-r));
	return r;
}

/* Return: 0, 1 when the daemon answered with a failure, 2 when it cannot be reached. */
static int one_command(const char *cmd)
{
	char *reply = NULL;
	int r;

	if (send_to_mpathd(NULL, cmd, &reply) < 0)
		return 2;
	fputs(reply, stdout);
	if (reply[0] && reply[strlen(reply) - 1] != '\n')
		putchar('\n');
	r = !strncmp(reply, "fail", 4) || !strncmp(reply, "timeout", 7);
	free(reply);
	fflush(stdout);
	return r;
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
		status = ksession_run(stdin, stdout, isatty(STDIN_FILENO), KSESSION_TRANSCRIPT,
				      send_to_mpathd, NULL) < 0;
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
