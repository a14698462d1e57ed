/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `mpath persist`: the multipath map behind a device node, and its paths. */
#ifndef MPATH_CLI_PERSIST_MAP_H
#define MPATH_CLI_PERSIST_MAP_H

#include "dm/dm.h"
#include "persist/map.h"

struct persist_map {
	char name[128];
	char wwid[129];           /* the map's uuid without "mpath-" */
	size_t n_paths;
	struct mp_pr_path *paths; /* .dev points into names */
	char (*names)[32];
};

/*
 * persist_map_open() - the map whose device node is device ("/dev/mapper/X",
 * "/dev/dm-N"), with every path of its table; usable = active in the kernel's
 * status and "running" in sysfs.
 * Return: 0; -ENOENT/-ENOTBLK (device node; why in err), -ENODEV (not a
 * multipath map), -errno.
 */
int persist_map_open(struct mp_dm *dm, const char *device, struct persist_map *ret, char *err,
		     size_t err_size);
void persist_map_close(struct persist_map *m);

#endif
