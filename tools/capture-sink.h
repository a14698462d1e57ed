/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where a capture goes: a directory tree, or a ustar archive (optionally piped
 * through gzip). Paths are relative to the capture root and arrive parents
 * first; each path is emitted once.
 */
#ifndef MPATH_TOOLS_CAPTURE_SINK_H
#define MPATH_TOOLS_CAPTURE_SINK_H

#include <stddef.h>

struct capture_sink;

struct capture_sink_ops {
	int (*mkdir)(struct capture_sink *s, const char *path);
	int (*symlink)(struct capture_sink *s, const char *path, const char *target);
	int (*file)(struct capture_sink *s, const char *path, const void *data, size_t len);
	/* Flushes and frees; with @ok false, also removes the partial output. */
	int (*close)(struct capture_sink *s, int ok);
};

struct capture_sink {
	const struct capture_sink_ops *ops;
};

/* @path must not exist or be an empty directory. */
int capture_sink_dir_open(const char *path, struct capture_sink **ret, char *err, size_t errlen);

/*
 * A tar archive at @path; with @gzip, written through "gzip -c" (or
 * "busybox gzip -c" where only busybox exists).
 */
int capture_sink_tar_open(const char *path, int gzip, struct capture_sink **ret, char *err,
			  size_t errlen);

/* Archive helpers, exposed for the unit tests. */
#define TAR_BLOCK 512
enum tar_type {
	TAR_FILE = '0',
	TAR_SYMLINK = '2',
	TAR_DIR = '5',
	TAR_LONGNAME = 'L',
	TAR_LONGLINK = 'K'
};
/*
 * Fill a ustar header. Returns 0, or -ENAMETOOLONG if @name (or @link) does not
 * fit and a GNU long-name record must precede the header.
 */
int tar_header(unsigned char hdr[TAR_BLOCK], const char *name, const char *link, enum tar_type type,
	       unsigned mode, size_t size, long long mtime);

#endif
