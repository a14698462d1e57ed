/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `mpath ctl -k` (commands from standard input over one connection, in
 * the plain style of compat/ksession.h: Debian 12's multipathd -k on a
 * pipe) and `mpath ctl COMMAND`.
 */
#ifndef MPATH_CLI_INTERACTIVE_H
#define MPATH_CLI_INTERACTIVE_H

/* The loop on stdin/stdout against the daemon's socket. Return: exit status. */
int cli_interactive(void);

/* One command, its reply on stdout. Return: exit status, 1 for a reply that
 * is a failure ("fail", "error: ...", "permission deny..."). */
int cli_send_command(const char *cmd);

#endif
