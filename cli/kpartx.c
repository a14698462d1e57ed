/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kpartx with the flags scripts and udev rules use (-a -d -l -u -v -p -s
 * -n -r -g -f), for multipath maps only: mpath's compat package installs it
 * as /sbin/kpartx. Without -p the delimiter is kpartx's own rule ("p" after
 * a name ending in a digit); `kpartx -u -p -part`, as multipath-tools' udev
 * rule runs it, gives <map>-partN. -s/-n are accepted: creation always waits
 * for udev when udev runs.
 */
#include <stdio.h>

#include "partitions.h"

static void usage(FILE *out)
{
	fputs("usage: kpartx [-a|-d|-l|-u] [-r] [-p DELIM] [-g] [-s|-n] [-v] MULTIPATH-MAP\n", out);
}

int cli_kpartx_main(int argc, char **argv)
{
	struct part_cmd c = {.what = PART_LIST, .kpartx_default_delim = true,
			     .config = "/etc/multipath.conf"};

	if (part_cmd_parse(argc, argv, "adlup:rgfvsnt:", &c) != 0) {
		usage(stderr);
		return 1;
	}
	return part_cmd_run(&c, "kpartx");
}

#ifdef KPARTX_MAIN
int main(int argc, char **argv)
{
	return cli_kpartx_main(argc, argv);
}
#endif
