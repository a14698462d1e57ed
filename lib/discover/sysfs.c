/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/ctx.h"
#include "discover/sysfs.h"

int mp_sysfs_path(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s", ctx->sysfs_root, rel);

	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

void mp_diag_file(struct mp_diags *diags, enum mp_diag_severity sev, const struct mp_ctx *ctx,
		  const char *rel, const char *fmt, ...)
{
	char path[PATH_MAX];
	char msg[512];
	va_list ap;

	if (!diags)
		return;
	if (mp_sysfs_path(ctx, rel, path, sizeof(path)) < 0)
		snprintf(path, sizeof(path), "%s", rel);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mp_diags_add(diags, sev, path, 0, "%s", msg);
}

int mp_read_file(const char *path, uint8_t **ret_buf, size_t *ret_len)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ uint8_t *buf = NULL;
	size_t len = 0;
	struct stat st;

	/* O_NONBLOCK: a FIFO planted in a fixture must not hang discovery. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	/* sysfs reports a page-sized st_size whatever the content: read until EOF. */
	buf = malloc(MP_SYSFS_MAX_ATTR + 1);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (len == MP_SYSFS_MAX_ATTR) {
			uint8_t extra;

			n = read(fd, &extra, 1);
			if (n > 0)
				return -EFBIG;
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return -errno;
			break;
		}
		n = read(fd, buf + len, MP_SYSFS_MAX_ATTR - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*ret_buf = TAKE_PTR(buf);
	*ret_len = len;
	return 0;
}

int mp_sysfs_read(const struct mp_ctx *ctx, const char *rel, uint8_t **ret_buf, size_t *ret_len)
{
	char path[PATH_MAX];
	int r;

	r = mp_sysfs_path(ctx, rel, path, sizeof(path));
	if (r < 0)
		return r;
	return mp_read_file(path, ret_buf, ret_len);
}

char *mp_strtrim(char *s)
{
	size_t len = strlen(s);
	size_t start = 0;

	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	while (start < len && isspace((unsigned char)s[start]))
		start++;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
	return s;
}

size_t mp_text_sanitize(char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
			*s = '?';
			n++;
		}
	}
	return n;
}

int mp_sysfs_read_str(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size)
{
	_cleanup_free_ uint8_t *data = NULL;
	size_t len;
	int r;

	r = mp_sysfs_read(ctx, rel, &data, &len);
	if (r < 0)
		return r;
	if (memchr(data, '\0', len))
		return -EINVAL;
	mp_strtrim((char *)data);
	if (strlen((char *)data) >= size)
		return -EINVAL;
	strcpy(buf, (char *)data);
	return 0;
}

int mp_sysfs_read_u64(const struct mp_ctx *ctx, const char *rel, uint64_t *ret)
{
	char buf[64];
	char *end;
	unsigned long long v;
	int r;

	r = mp_sysfs_read_str(ctx, rel, buf, sizeof(buf));
	if (r < 0)
		return r;
	if (!isdigit((unsigned char)buf[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(buf, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*ret = v;
	return 0;
}

int mp_sysfs_resolve(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size)
{
	char path[PATH_MAX];
	_cleanup_free_ char *root = NULL;
	_cleanup_free_ char *target = NULL;
	size_t rootlen;
	const char *tail;
	int r;

	r = mp_sysfs_path(ctx, rel, path, sizeof(path));
	if (r < 0)
		return r;
	root = realpath(ctx->sysfs_root, NULL);
	if (!root)
		return -errno;
	target = realpath(path, NULL);
	if (!target)
		return -errno;
	rootlen = strlen(root);
	/* A captured tree with a link pointing outside itself is broken, not a path into the host. */
	if (streq(root, "/"))
		rootlen = 0;
	else if (strncmp(target, root, rootlen) != 0 || (target[rootlen] != '/' && target[rootlen]))
		return -EXDEV;
	tail = target + rootlen;
	while (*tail == '/')
		tail++;
	if (strlen(tail) >= size)
		return -ENAMETOOLONG;
	strcpy(buf, tail);
	return 0;
}

int mp_sysfs_link_name(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size)
{
	char path[PATH_MAX];
	char target[PATH_MAX];
	const char *base;
	ssize_t n;
	int r;

	r = mp_sysfs_path(ctx, rel, path, sizeof(path));
	if (r < 0)
		return r;
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	while (n > 0 && target[n - 1] == '/')
		target[--n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!*base || strlen(base) >= size)
		return -EINVAL;
	strcpy(buf, base);
	return 0;
}

static int parse_uint(const char **s, char stop, unsigned long long max, unsigned long long *ret)
{
	char *end;
	unsigned long long v;

	if (!isdigit((unsigned char)**s))
		return -EINVAL;
	errno = 0;
	v = strtoull(*s, &end, 10);
	if (errno || v > max || *end != stop)
		return -EINVAL;
	*s = stop ? end + 1 : end;
	*ret = v;
	return 0;
}

int mp_parse_devt(const char *s, unsigned int *ret_major, unsigned int *ret_minor)
{
	unsigned long long ma, mi;
	char buf[64];
	const char *p = buf;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	mp_strtrim(buf);
	if (parse_uint(&p, ':', 0xfff, &ma) < 0 || parse_uint(&p, '\0', 0xfffff, &mi) < 0)
		return -EINVAL;
	*ret_major = (unsigned int)ma;
	*ret_minor = (unsigned int)mi;
	return 0;
}

int mp_parse_hctl(const char *s, int *ret_host, int *ret_channel, int *ret_target,
		  uint64_t *ret_lun)
{
	unsigned long long h, c, t, l;
	const char *p = s;

	if (parse_uint(&p, ':', INT_MAX, &h) < 0 || parse_uint(&p, ':', INT_MAX, &c) < 0 ||
	    parse_uint(&p, ':', INT_MAX, &t) < 0 || parse_uint(&p, '\0', UINT64_MAX, &l) < 0)
		return -EINVAL;
	*ret_host = (int)h;
	*ret_channel = (int)c;
	*ret_target = (int)t;
	*ret_lun = l;
	return 0;
}
