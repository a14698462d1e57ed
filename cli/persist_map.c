/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "common/macros.h"
#include "dm/table.h"
#include "persist_map.h"

/* The kernel name of a block device number, from /sys/dev/block/M:m -> .../block/sdX. */
static int kernel_name(unsigned int major, unsigned int minor, char *buf, size_t size)
{
	char link[64], target[PATH_MAX];
	ssize_t n;
	const char *base;

	snprintf(link, sizeof(link), "/sys/dev/block/%u:%u", major, minor);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= size)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

/* A SCSI path whose device state is not "running" (offline, blocked) cannot take a command. */
static bool device_running(unsigned int major, unsigned int minor)
{
	char path[80], state[32] = "";
	_cleanup_close_ int fd = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/device/state", major, minor);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return true; /* not SCSI, or no such attribute: the kernel's status decides */
	n = read(fd, state, sizeof(state) - 1);
	if (n <= 0)
		return true;
	state[n] = '\0';
	return strncmp(state, "running", 7) == 0;
}

static int find_map(struct mp_dm *dm, dev_t rdev, struct mp_dm_map *ret)
{
	struct mp_dm_map *maps = NULL;
	size_t n = 0;
	int r = mp_dm_list_maps(dm, &maps, &n);

	if (r < 0)
		return r;
	r = -ENODEV;
	for (size_t i = 0; i < n; i++) {
		if (maps[i].major == major(rdev) && maps[i].minor == minor(rdev)) {
			*ret = maps[i];
			r = 0;
			break;
		}
	}
	free(maps);
	return r;
}

static int add_paths(struct persist_map *m, const struct mp_dm_table *status)
{
	size_t total = 0, k = 0;

	for (size_t g = 0; g < status->n_groups; g++)
		total += status->groups[g].n_paths;
	m->paths = calloc(total ? total : 1, sizeof(*m->paths));
	m->names = calloc(total ? total : 1, sizeof(*m->names));
	if (!m->paths || !m->names)
		return -ENOMEM;
	for (size_t g = 0; g < status->n_groups; g++) {
		for (size_t p = 0; p < status->groups[g].n_paths; p++) {
			const struct mp_dm_path *dp = &status->groups[g].paths[p];

			if (kernel_name(dp->major, dp->minor, m->names[k], sizeof(m->names[k])) < 0)
				snprintf(m->names[k], sizeof(m->names[k]), "%u:%u", dp->major,
					 dp->minor);
			m->paths[k].dev = m->names[k];
			m->paths[k].usable = dp->active && device_running(dp->major, dp->minor);
			k++;
		}
	}
	m->n_paths = k;
	return 0;
}

int persist_map_open(struct mp_dm *dm, const char *device, struct persist_map *ret, char *err,
		     size_t err_size)
{
	struct persist_map m = {0};
	struct mp_dm_table status = {0};
	struct mp_dm_map map;
	struct stat st;
	int r;

	if (stat(device, &st) < 0) {
		r = -errno;
		snprintf(err, err_size, "%s: %s", device, strerror(-r));
		return r;
	}
	if (!S_ISBLK(st.st_mode)) {
		snprintf(err, err_size, "%s: not a block device", device);
		return -ENOTBLK;
	}
	r = find_map(dm, st.st_rdev, &map);
	if (r < 0 || strncmp(map.uuid, "mpath-", 6) != 0) {
		snprintf(err, err_size, "%s: not a multipath device", device);
		return r < 0 && r != -ENODEV ? r : -ENODEV;
	}
	memcpy(m.name, map.name, strnlen(map.name, sizeof(m.name) - 1));
	memcpy(m.wwid, map.uuid + 6, strnlen(map.uuid + 6, sizeof(m.wwid) - 1));
	r = mp_dm_get_status(dm, m.name, &status);
	if (r < 0) {
		snprintf(err, err_size, "%s: cannot read the map's status: %s", m.name,
			 strerror(-r));
		return r;
	}
	r = add_paths(&m, &status);
	mp_dm_table_clear(&status);
	if (r < 0) {
		persist_map_close(&m);
		snprintf(err, err_size, "%s", strerror(-r));
		return r;
	}
	*ret = m;
	return 0;
}

void persist_map_close(struct persist_map *m)
{
	free(m->paths);
	free(m->names);
	m->paths = NULL;
	m->names = NULL;
	m->n_paths = 0;
}
