/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `mpath ctl -k` and `multipathd -k`: commands read from standard input,
 * one per line, sent to the daemon over one connection, each reply printed
 * as multipathd 0.9.4's interactive client prints it. Hypervisor storage
 * managers drive that client on a pipe and compare what it prints. Debian
 * 12's multipathd -k (0.9.4, its line editor is libedit) was observed in
 * the lab on a pipe: no prompt, no echo, only each reply; an empty line
 * sends nothing; quit/exit or the end of the input ends the session. On a
 * terminal it prompts "multipathd> ".
 */
#ifndef MPATH_CLI_INTERACTIVE_H
#define MPATH_CLI_INTERACTIVE_H

#include <stdbool.h>
#include <stdio.h>

#define CLI_PROMPT "multipathd> "

/* Sends @cmd; 0 with a malloc'ed *ret_reply, or -errno (the session ends). */
typedef int (*cli_send_fn)(void *data, const char *cmd, char **ret_reply);

/**
 * cli_session_loop() - the loop, over any streams (unit-tested).
 * @tty: @in is a terminal: prompt before each line
 * Return: 0 at the end of the input or on quit/exit, else the send's -errno.
 */
int cli_session_loop(FILE *in, FILE *out, bool tty, cli_send_fn send, void *data);

/* The loop on stdin/stdout against the daemon's socket. Return: exit status. */
int cli_interactive(void);

/* One command, its reply on stdout. Return: exit status, 1 for a reply that
 * is a failure ("fail", "error: ...", "permission deny..."). */
int cli_send_command(const char *cmd);

#endif
