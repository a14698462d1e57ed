/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Commands read from standard input, one per line, each reply printed as
 * multipath-tools' interactive client prints it, because callers compare
 * the transcript verbatim. Two clients of that client disagree, so there
 * are two styles:
 *  - KSESSION_TRANSCRIPT, for `multipathd -k`: a readline-built client's
 *    transcript. XenServer's storage manager feeds one command on a pipe
 *    and accepts only "multipathd> CMD\nok\nmultipathd> " (prompt, the
 *    line echoed as a non-terminal readline does, the reply, the next
 *    prompt, then EOF). On a terminal the line is not echoed.
 *  - KSESSION_PLAIN, for `mpath ctl -k`: Debian 12's multipathd -k (0.9.4,
 *    built with libedit) as recorded in the lab on a pipe: no prompt, no
 *    echo, only each reply. On a terminal it prompts, and ends the prompt's
 *    line at the end of the input.
 * In both an empty line sends nothing, blanks around a command (and a CR)
 * mean nothing, and quit/exit or the end of the input ends the session.
 */
#ifndef MPATH_COMPAT_KSESSION_H
#define MPATH_COMPAT_KSESSION_H

#include <stdbool.h>
#include <stdio.h>

#define KSESSION_PROMPT "multipathd> "

enum ksession_style {
	KSESSION_TRANSCRIPT,
	KSESSION_PLAIN,
};

/*
 * Sends @cmd, returns 0 with a malloc'ed *ret_reply the session frees,
 * or -errno when the daemon cannot be reached (the session then ends).
 */
typedef int (*ksession_send_fn)(void *userdata, const char *cmd, char **ret_reply);

/**
 * ksession_run() - commands from @in until EOF, "quit" or "exit".
 * @tty: @in is a terminal
 * Return: 0, or the -errno of a failed send.
 */
int ksession_run(FILE *in, FILE *out, bool tty, enum ksession_style style,
		 ksession_send_fn send, void *userdata);

#endif
