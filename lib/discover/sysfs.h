/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading sysfs attributes below ctx->sysfs_root. A captured tree may hold
 * anything (truncated files, FIFOs, garbage), so every reader bounds its
 * size, refuses non-regular files instead of blocking on them, and reports
 * problems as diagnostics naming the full file path.
 */
#ifndef MPATH_DISCOVER_SYSFS_H
#define MPATH_DISCOVER_SYSFS_H

#include <stddef.h>
#include <stdint.h>

#include "common/diag.h"

struct mp_ctx;

/* Largest attribute we read: VPD pages are at most 64 KiB + header. */
#define MP_SYSFS_MAX_ATTR (65536 + 4)

/* "<root>/<rel>" into buf. Return: 0, or -ENAMETOOLONG. */
int mp_sysfs_path(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size);

/* Same as mp_sysfs_read() for an absolute path (udev database, fixtures). */
int mp_read_file(const char *path, uint8_t **ret_buf, size_t *ret_len);

/*
 * mp_sysfs_read() - read a whole attribute file (binary safe).
 * @rel: path relative to the sysfs root
 * @ret_buf: malloc'ed contents, NUL-terminated for convenience; caller frees
 * @ret_len: number of bytes read (excluding the extra NUL)
 * Return: 0; -ENOENT if absent; -EINVAL if not a regular file; -EFBIG if
 * larger than MP_SYSFS_MAX_ATTR; other -errno from open/read.
 */
int mp_sysfs_read(const struct mp_ctx *ctx, const char *rel, uint8_t **ret_buf, size_t *ret_len);

/*
 * mp_sysfs_read_str() - read a text attribute, leading and trailing blanks
 * and newlines trimmed, into buf. Return: 0, -ENOENT, -EINVAL (not a regular
 * file, embedded NUL or does not fit in buf), other -errno.
 */
int mp_sysfs_read_str(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size);

/* Decimal unsigned attribute. Return: 0, -ENOENT, -EINVAL (not a number), -errno. */
int mp_sysfs_read_u64(const struct mp_ctx *ctx, const char *rel, uint64_t *ret);

/*
 * mp_sysfs_resolve() - follow the symlinks of rel and return the resolved
 * path relative to the sysfs root ("devices/pci0000:00/.../block/sda").
 * Return: 0, -ENOENT, -EXDEV when the result leaves the root, -errno.
 */
int mp_sysfs_resolve(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size);

/* Basename of the symlink target of rel (e.g. "device" -> "0:0:0:0"). */
int mp_sysfs_link_name(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size);

/* Parse "MAJ:MIN\n" as found in a block device's dev attribute. */
int mp_parse_devt(const char *s, unsigned int *ret_major, unsigned int *ret_minor);

/* Parse "H:C:T:L" (the scsi_device name). */
int mp_parse_hctl(const char *s, int *ret_host, int *ret_channel, int *ret_target,
		  uint64_t *ret_lun);

/* Trim blanks/newlines in place at both ends; returns s. */
char *mp_strtrim(char *s);
/* Device-provided text (vendor, model, rev, serial) made safe for names, files,
 * logs, terminals and JSON: every control byte, DEL, non-ASCII byte, quote and
 * backslash becomes '?'. Return: the number of bytes replaced. */
size_t mp_text_sanitize(char *s);

/* mp_diags_add that tolerates a NULL list: callers may not care. */
void mp_diag_file(struct mp_diags *diags, enum mp_diag_severity sev, const struct mp_ctx *ctx,
		  const char *rel, const char *fmt, ...) MP_PRINTF(5, 6);

#endif
