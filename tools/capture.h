/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The walk over a sysfs tree that decides, by capture-rules, what goes into a sink. */
#ifndef MPATH_TOOLS_CAPTURE_H
#define MPATH_TOOLS_CAPTURE_H

#include <stddef.h>

#include "capture-sink.h"

#define CAPTURE_MAX_ATTR (64 * 1024)

struct capture_stats {
	size_t dirs, files, links;
	size_t bytes;
	size_t denied;	    /* attribute names on the deny-list */
	size_t unreadable;  /* no read permission bits, or EACCES/EPERM */
	size_t read_errors; /* EIO, EINVAL, ENODEV... from the driver */
	size_t too_big;	    /* over CAPTURE_MAX_ATTR */
	size_t unresolved;  /* symlinks looping, dangling or leaving the tree: not followed */
};

/*
 * Capture @sysfs_root into @sink. Read failures of single attributes are
 * counted in @stats, not fatal; a failing sink is (-errno, message in @err).
 */
int capture_run(const char *sysfs_root, struct capture_sink *sink, struct capture_stats *stats,
		char *err, size_t errlen);

#endif
