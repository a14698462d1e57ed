/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `mpath persist ...`, and the same command when installed as `mpathpersist`. */
#ifndef MPATH_CLI_PERSIST_H
#define MPATH_CLI_PERSIST_H

#include <stdbool.h>

/* Whether this invocation is the persist command (argv[0] "mpathpersist", or "mpath persist"). */
bool cli_persist_wanted(int argc, char **argv);
/* Runs it; returns mpathpersist's exit status (MPATH_PR_*: 0 ok, 1 syntax, 11 conflict, ...). */
int cli_persist_main(int argc, char **argv);

#endif
