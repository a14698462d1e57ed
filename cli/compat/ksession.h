/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `multipathd -k` reading commands from standard input: the transcript is
 * what multipath-tools' client prints, because callers compare it
 * verbatim. XenServer's storage manager feeds one command on a pipe and
 * expects "multipathd> CMD\nok\nmultipathd> " (prompt, the line echoed as a
 * non-terminal readline does, the reply, the next prompt, then EOF). On a
 * terminal the line is not echoed (the terminal already shows it).
 */
#ifndef MPATH_COMPAT_KSESSION_H
#define MPATH_COMPAT_KSESSION_H

#include <stdbool.h>
#include <stdio.h>

#define KSESSION_PROMPT "multipathd> "

/*
 * Sends @cmd, returns 0 with a malloc'ed *ret_reply the session frees,
 * or -errno when the daemon cannot be reached (the session then ends).
 */
typedef int (*ksession_send_fn)(void *userdata, const char *cmd, char **ret_reply);

/**
 * ksession_run() - commands from @in, one per line, until EOF, "quit" or "exit".
 * Return: 0, or the -errno of a failed send.
 */
int ksession_run(FILE *in, FILE *out, bool tty, ksession_send_fn send, void *userdata);

#endif
