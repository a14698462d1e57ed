/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The file I/O under the bindings and wwids files: a lock shared by every
 * mpath process (CLI and daemon), whole-file reads, and replacement by
 * write-temp + fsync + rename, so a crash leaves the old or the new file and
 * never half of one.
 */
#ifndef MPATH_NAMES_FILEIO_H
#define MPATH_NAMES_FILEIO_H

#include <sys/types.h>

struct mp_diags;

/* Files larger than this are refused (-EFBIG): they are not ours. */
#define MP_NAMES_FILE_MAX (16u << 20)

/* Take an exclusive flock on "<path>.lock" (created 0600 if missing).
 * A separate lock file, because rename() replaces the data file's inode and a
 * lock on the old inode would protect nothing. Returns the fd; close() unlocks. */
int mp_names_lock(const char *path, int *ret_fd);
/* Whole file as a NUL-terminated string; -ENOENT passes through. */
int mp_names_read(const char *path, char **ret_text);
/* Replace path with text atomically (same directory temp file, fsync, rename,
 * fsync of the directory). */
int mp_names_write_atomic(const char *path, const char *text, mode_t mode);

/* The same three with the failure reported in diags ("<path>: cannot lock/read/write: why"),
 * as every file transaction wants. mp_names_load(): a missing file is 0 with *ret_text NULL.
 * mp_names_store(): text NULL (the formatter ran out of memory) is -ENOMEM. */
int mp_names_lock_diag(const char *path, int *ret_fd, struct mp_diags *diags);
int mp_names_load(const char *path, char **ret_text, struct mp_diags *diags);
int mp_names_store(const char *path, const char *text, mode_t mode, struct mp_diags *diags);

#endif
