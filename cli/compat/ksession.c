/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "ksession.h"

static size_t trim(char *line, size_t n)
{
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
		     line[n - 1] == '\t'))
		line[--n] = '\0';
	return n;
}

int ksession_run(FILE *in, FILE *out, bool tty, ksession_send_fn send, void *userdata)
{
	char *line = NULL, *reply;
	size_t cap = 0;
	ssize_t got;
	int r = 0;

	for (;;) {
		fputs(KSESSION_PROMPT, out);
		fflush(out);
		got = getline(&line, &cap, in);
		if (got < 0)
			break;
		trim(line, (size_t)got);
		if (!tty)
			fprintf(out, "%s\n", line);
		if (!line[0])
			continue;
		if (!strcmp(line, "quit") || !strcmp(line, "exit"))
			break;
		r = send(userdata, line, &reply);
		if (r < 0)
			break;
		fputs(reply, out);
		if (reply[0] && reply[strlen(reply) - 1] != '\n')
			fputc('\n', out);
		free(reply);
	}
	fflush(out);
	free(line);
	return r;
}
