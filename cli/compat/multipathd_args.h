/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line of multipath-tools' multipathd(8), mapped onto mpath's
 * programs: with -k or command words it is a client of the control socket;
 * otherwise it starts mpathd with the daemon flags mpathd shares. Pure: no
 * I/O, so a test can check every shape tools send.
 */
#ifndef MPATH_COMPAT_MULTIPATHD_ARGS_H
#define MPATH_COMPAT_MULTIPATHD_ARGS_H

#include <stddef.h>

enum mpd_mode {
	MPD_DAEMON,      /* exec mpathd with daemon_argv */
	MPD_COMMAND,     /* -k"CMD" or CMD words: one command, print the reply */
	MPD_INTERACTIVE, /* -k alone: commands from stdin, one per line */
	MPD_HELP,        /* -h */
};

#define MPD_MAX_DAEMON_ARGS 8

struct mpd_args {
	enum mpd_mode mode;
	char *command;  /* MPD_COMMAND: the words joined by spaces (owned) */
	const char *daemon_argv[MPD_MAX_DAEMON_ARGS]; /* MPD_DAEMON: NULL-terminated, [0] = "mpathd" */
	unsigned ignored; /* incumbent daemon flags mpathd has no use for (-B -n -w) */
};

/**
 * mpd_args_parse() - classify @argv as multipathd 0.9.4 would.
 * The strings in daemon_argv point into @argv (or are literals).
 * Return: 0, or -EINVAL with a message in @err; -ENOMEM.
 */
int mpd_args_parse(int argc, char **argv, struct mpd_args *ret, char *err, size_t errlen);
void mpd_args_clear(struct mpd_args *a);

#endif
