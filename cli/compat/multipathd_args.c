/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multipathd_args.h"

static int join(char **words, int n, char **ret)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	s = malloc(len);
	if (!s)
		return -ENOMEM;
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, words[i]);
	}
	*ret = s;
	return 0;
}

static int valid_verbosity(const char *v)
{
	return v && v[0] >= '0' && v[0] <= '6' && !v[1];
}

/*
 * Hand-written rather than getopt: -k takes an optional attached argument
 * (-k"show maps"), and command words after the options are operands that
 * may themselves start with a dash in no case we know of.
 */
int mpd_args_parse(int argc, char **argv, struct mpd_args *ret, char *err, size_t errlen)
{
	struct mpd_args a = {.mode = MPD_DAEMON};
	const char *verbosity = NULL, *kcmd = NULL;
	bool foreground = false, no_ts = false, k = false;
	int i, n = 0;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "--")) {
			i++;
			break;
		}
		for (const char *c = o + 1; *c; c++) {
			switch (*c) {
			case 'd':
				foreground = true;
				continue;
			case 's':
				no_ts = true;
				continue;
			case 'B':
			case 'n':
			case 'w':
				a.ignored++;
				continue;
			case 'h':
				a.mode = MPD_HELP;
				*ret = a;
				return 0;
			case 'k':
				k = true;
				if (c[1])
					kcmd = c + 1;
				break;
			case 'v':
				verbosity = c[1] ? c + 1 : (i + 1 < argc ? argv[++i] : NULL);
				if (!valid_verbosity(verbosity)) {
					snprintf(err, errlen, "-v needs a verbosity 0..6");
					return -EINVAL;
				}
				break;
			default:
				snprintf(err, errlen, "invalid option -%c", *c);
				return -EINVAL;
			}
			break; /* -k and -v consume the rest of the word */
		}
	}
	if (kcmd && i < argc) {
		snprintf(err, errlen, "give the command either after -k or as words, not both");
		return -EINVAL;
	}
	if (kcmd || i < argc) {
		a.command = kcmd ? strdup(kcmd) : NULL;
		if (kcmd ? !a.command : join(argv + i, argc - i, &a.command) < 0)
			return -ENOMEM;
		a.mode = MPD_COMMAND;
		*ret = a;
		return 0;
	}
	if (k) {
		a.mode = MPD_INTERACTIVE;
		*ret = a;
		return 0;
	}
	a.daemon_argv[n++] = "mpathd";
	if (foreground)
		a.daemon_argv[n++] = "-d";
	if (no_ts)
		a.daemon_argv[n++] = "-s";
	if (verbosity) {
		/* multipathd counts to 6, mpathd to 4: the top levels are both "everything" */
		a.daemon_argv[n++] = "-v";
		a.daemon_argv[n++] = verbosity[0] > '4' ? "4" : verbosity;
	}
	a.daemon_argv[n] = NULL;
	*ret = a;
	return 0;
}

void mpd_args_clear(struct mpd_args *a)
{
	free(a->command);
	a->command = NULL;
}
