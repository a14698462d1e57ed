/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/macros.h"
#include "common/diag.h"
#include "names/fileio.h"

int mp_names_lock(const char *path, int *ret_fd)
{
	_cleanup_free_ char *lock = NULL;
	_cleanup_close_ int fd = -1;

	if (asprintf(&lock, "%s.lock", path) < 0)
		return -ENOMEM;
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR)
			return -errno;
	*ret_fd = TAKE_FD(fd);
	return 0;
}

int mp_names_read(const char *path, char **ret_text)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 0;
	struct stat st;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	for (;;) {
		ssize_t n;

		if (cap - len < 4096) {
			char *p;

			cap = cap ? cap * 2 : 8192;
			if (cap > MP_NAMES_FILE_MAX + 8192)
				return -EFBIG;
			p = realloc(buf, cap);
			if (!p)
				return -ENOMEM;
			buf = p;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > MP_NAMES_FILE_MAX)
			return -EFBIG;
	}
	if (!buf && !(buf = malloc(1)))
		return -ENOMEM;
	buf[len] = '\0';
	*ret_text = TAKE_PTR(buf);
	return 0;
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_dir_of(const char *path)
{
	_cleanup_free_ char *copy = strdup(path);
	_cleanup_close_ int fd = -1;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	return fsync(fd) < 0 ? -errno : 0;
}

int mp_names_write_atomic(const char *path, const char *text, mode_t mode)
{
	_cleanup_free_ char *tmp = NULL;
	_cleanup_close_ int fd = -1;
	int r;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = write_all(fd, text, strlen(text));
	if (r == 0 && fchmod(fd, mode) < 0)
		r = -errno;
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		return r;
	}
	/* The rename itself must reach the disk before we call it done. */
	return fsync_dir_of(path);
}

int mp_names_lock_diag(const char *path, int *ret_fd, struct mp_diags *diags)
{
	int r = mp_names_lock(path, ret_fd);

	if (r < 0)
		mp_diags_add(diags, MP_DIAG_ERROR, path, 0, "cannot lock: %s", strerror(-r));
	return r;
}

int mp_names_load(const char *path, char **ret_text, struct mp_diags *diags)
{
	int r = mp_names_read(path, ret_text);

	if (r == -ENOENT) {
		*ret_text = NULL;
		return 0;
	}
	if (r < 0)
		mp_diags_add(diags, MP_DIAG_ERROR, path, 0, "cannot read: %s", strerror(-r));
	return r;
}

int mp_names_store(const char *path, const char *text, mode_t mode, struct mp_diags *diags)
{
	int r = text ? mp_names_write_atomic(path, text, mode) : -ENOMEM;

	if (r < 0)
		mp_diags_add(diags, MP_DIAG_ERROR, path, 0, "cannot write: %s", strerror(-r));
	return r;
}
