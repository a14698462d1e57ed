/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mpathd: parse the command line, then start, run and stop the daemon. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon.h"

static void usage(FILE *f)
{
	fputs("Usage: mpathd [-d] [-s] [-v N] [--config FILE] [--socket NAME] [--pidfile FILE]\n"
	      "  -d             stay in the foreground, log to stderr\n"
	      "  -s             no timestamps in log lines\n"
	      "  -v N           verbosity 0..4 (default 2)\n"
	      "  --config FILE  configuration file (default /etc/multipath.conf)\n"
	      "  --socket NAME  abstract control socket name\n"
	      "                 (default /org/kernel/linux/storage/multipathd)\n",
	      f);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'},
		{"socket", required_argument, NULL, 'S'},
		{"pidfile", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct daemon_options opt = {.verbosity = 2, .config = "/etc/multipath.conf"};
	struct daemon d;
	int c, r;

	while ((c = getopt_long(argc, argv, "dsv:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			opt.foreground = true;
			break;
		case 's':
			opt.no_timestamps = true;
			break;
		case 'v':
			opt.verbosity = atoi(optarg);
			break;
		case 'c':
			opt.config = optarg;
			break;
		case 'S':
			opt.socket = optarg;
			break;
		case 'p':
			opt.pidfile = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			usage(stderr);
			return EXIT_FAILURE;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return EXIT_FAILURE;
	}
	if (!opt.foreground && daemon(0, 0) < 0) {
		perror("mpathd: daemon");
		return EXIT_FAILURE;
	}
	daemon_init(&d, &opt);
	r = daemon_start(&d);
	if (r == 0)
		r = daemon_run(&d);
	else
		r = EXIT_FAILURE;
	daemon_stop(&d);
	return r;
}
