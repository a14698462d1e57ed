/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mpath run under the name multipathd (a link multipathd -> mpath): the
 * client forms of multipathd(8) 0.9.4 are answered here — `-k` alone (the
 * interactive session on standard input), `-kCOMMAND`, and command words
 * (`multipathd show paths`); every other command line starts the daemon:
 * mpathd is executed with the same arguments (-d, -s, -v N, ...).
 */
#ifndef MPATH_CLI_MULTIPATHD_NAME_H
#define MPATH_CLI_MULTIPATHD_NAME_H

#include <stdbool.h>

enum cli_mpd_form {
	CLI_MPD_DAEMON,      /* no client form: exec mpathd */
	CLI_MPD_INTERACTIVE, /* -k */
	CLI_MPD_COMMAND,     /* -kCMD or command words */
};

bool cli_invoked_as_multipathd(const char *argv0);
/* Which form @argv is; for CLI_MPD_COMMAND *ret_cmd gets the command (malloc'ed). */
int cli_multipathd_form(int argc, char **argv, enum cli_mpd_form *ret, const char **ret_cmd);
/* Return: the exit status (or does not return: exec of mpathd). */
int cli_multipathd_main(int argc, char **argv);

#endif
