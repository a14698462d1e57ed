/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `mpath partitions` and the kpartx-compatible command: one core, two spellings. */
#ifndef MPATH_CLI_PARTITIONS_H
#define MPATH_CLI_PARTITIONS_H

#include <stdbool.h>

enum part_what {
	PART_LIST,   /* -l: what -a would create */
	PART_ADD,    /* -a: create or reload, keep maps of vanished partitions */
	PART_UPDATE, /* -u: as -a, and remove maps of vanished partitions */
	PART_DELETE, /* -d: remove all (refused while one is open) */
};

struct part_cmd {
	enum part_what what;
	const char *device;  /* MAP, /dev/mapper/MAP or /dev/dm-N */
	const char *delim;   /* NULL: see kpartx_default_delim */
	bool kpartx_default_delim; /* no -p: kpartx's rule instead of the config's */
	bool verbose;
	bool read_only;
	bool force_gpt;
	const char *config;  /* multipath.conf, for partition_delimiter */
};

/* getopt over argv with the flags in optstring (a subset of
 * "adlup:rgfvsnth"). Return: 0, 1 for -h, -1 on a usage error. */
int part_cmd_parse(int argc, char **argv, const char *optstring, struct part_cmd *c);
/* Run it; prints what kpartx prints. Return: the exit status. */
int part_cmd_run(const struct part_cmd *c, const char *prog);

/* `mpath partitions [-a|-d|-l|-u] [-p DELIM] [-r] [-g] [-v] MAP` */
int cli_partitions_main(int argc, char **argv);
/* kpartx's flags: -a -d -l -u -v -p DELIM -s -n -r -g -f, one device. */
int cli_kpartx_main(int argc, char **argv);

#endif
