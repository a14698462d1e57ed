/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capture into a plain directory tree, usable directly as a --sysfs-root. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture-sink.h"

struct dir_sink {
	struct capture_sink base;
	int dirfd;
};

static int dir_mkdir(struct capture_sink *s, const char *path)
{
	struct dir_sink *d = (struct dir_sink *)s;

	if (mkdirat(d->dirfd, path, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int dir_symlink(struct capture_sink *s, const char *path, const char *target)
{
	struct dir_sink *d = (struct dir_sink *)s;

	return symlinkat(target, d->dirfd, path) < 0 ? -errno : 0;
}

static int dir_file(struct capture_sink *s, const char *path, const void *data, size_t len)
{
	struct dir_sink *d = (struct dir_sink *)s;
	const char *p = data;
	int fd, r = 0;

	fd = openat(d->dirfd, path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) < 0 && r == 0)
		r = -errno;
	return r;
}

static int dir_close(struct capture_sink *s, int ok)
{
	struct dir_sink *d = (struct dir_sink *)s;

	/* A partial tree is left in place for inspection; the caller says so. */
	(void)ok;
	close(d->dirfd);
	free(d);
	return 0;
}

static const struct capture_sink_ops dir_ops = {
    .mkdir = dir_mkdir,
    .symlink = dir_symlink,
    .file = dir_file,
    .close = dir_close,
};

static int dir_is_empty(int fd)
{
	int dupfd = dup(fd);
	DIR *dir;
	struct dirent *de;
	int empty = 1;

	if (dupfd < 0)
		return -errno;
	dir = fdopendir(dupfd);
	if (!dir) {
		close(dupfd);
		return -errno;
	}
	while ((de = readdir(dir)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(dir);
	return empty;
}

int capture_sink_dir_open(const char *path, struct capture_sink **ret, char *err, size_t errlen)
{
	struct dir_sink *d;
	int fd, r;

	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		r = -errno;
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(-r));
		return r;
	}
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		snprintf(err, errlen, "cannot open directory %s: %s", path, strerror(-r));
		return r;
	}
	/* Merging into an old capture would mix two machines' states. */
	r = dir_is_empty(fd);
	if (r <= 0) {
		snprintf(err, errlen, "%s: %s", path,
			 r == 0 ? "directory is not empty" : strerror(-r));
		close(fd);
		return r == 0 ? -EEXIST : r;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		close(fd);
		return -ENOMEM;
	}
	d->base.ops = &dir_ops;
	d->dirfd = fd;
	*ret = &d->base;
	return 0;
}
