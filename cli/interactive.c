/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control/client.h"
#include "interactive.h"

/* Blanks around a command mean nothing to the grammar; CR from a Windows
 * editor's file neither. */
static char *trim(char *s)
{
	size_t n = strlen(s);

	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int cli_session_loop(FILE *in, FILE *out, bool tty, cli_send_fn send, void *data)
{
	char *buf = NULL, *line, *reply;
	size_t cap = 0;
	int r = 0;

	for (;;) {
		if (tty) {
			fputs(CLI_PROMPT, out);
			fflush(out);
		}
		if (getline(&buf, &cap, in) < 0)
			break;
		line = trim(buf);
		if (!*line)
			continue;
		if (!strcmp(line, "quit") || !strcmp(line, "exit"))
			break;
		r = send(data, line, &reply);
		if (r < 0)
			break;
		fputs(reply, out);
		if (reply[0] && reply[strlen(reply) - 1] != '\n')
			fputc('\n', out);
		free(reply);
	}
	if (tty)
		fputc('\n', out); /* the prompt's line, at the end of the input */
	fflush(out);
	free(buf);
	return r;
}

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
	r = cli_session_loop(stdin, stdout, isatty(STDIN_FILENO), send_conn, c);
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
