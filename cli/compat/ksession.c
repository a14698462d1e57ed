/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "ksession.h"

static char *trim(char *s)
{
	size_t n = strlen(s);

	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int ksession_run(FILE *in, FILE *out, bool tty, enum ksession_style style,
		 ksession_send_fn send, void *userdata)
{
	bool prompt = tty || style == KSESSION_TRANSCRIPT;
	char *buf = NULL, *line, *reply;
	size_t cap = 0;
	int r = 0;

	for (;;) {
		if (prompt) {
			fputs(KSESSION_PROMPT, out);
			fflush(out);
		}
		if (getline(&buf, &cap, in) < 0)
			break;
		line = trim(buf);
		if (!tty && style == KSESSION_TRANSCRIPT)
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
	if (tty && style == KSESSION_PLAIN)
		fputc('\n', out); /* the prompt's line, at the end of the input */
	fflush(out);
	free(buf);
	return r;
}
