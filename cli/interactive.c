/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control/client.h"
#include "interactive.h"
#include "ksession.h"

static int send_conn(void *data, const char *cmd, char **ret_reply)
{
	return mp_control_command(data, cmd, ret_reply);
}

int cli_interactive(void)
{
	struct mp_control_conn *c = NULL;
	int r = mp_control_connect(NULL, 0, &c);

	if (r < 0) {
		char why[256];

		mp_control_strerror(NULL, r, why, sizeof(why));
		fprintf(stderr, "mpath: cannot reach the daemon: %s\n", why);
		return 1;
	}
	r = ksession_run(stdin, stdout, isatty(STDIN_FILENO), KSESSION_PLAIN, send_conn, c);
	mp_control_close(c);
	if (r < 0) {
		fprintf(stderr, "mpath: the daemon stopped answering: %s\n", strerror(-r));
		return 1;
	}
	return 0;
}

int cli_send_command(const char *cmd)
{
	char *reply = NULL;
	int r = mpathd_client_command(cmd, &reply, 30000);

	if (r < 0) {
		char why[256];

		mp_control_strerror(NULL, r, why, sizeof(why));
		fprintf(stderr, "mpath: cannot reach mpathd: %s\n", why);
		return 1;
	}
	fputs(reply, stdout);
	if (reply[0] && reply[strlen(reply) - 1] != '\n')
		putchar('\n');
	r = !strncmp(reply, "fail", 4) || !strncmp(reply, "error", 5) ||
	    !strncmp(reply, "permission deny", 15);
	free(reply);
	return r;
}
