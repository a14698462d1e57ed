/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Capture into a ustar archive, written by hand so the static binary needs no
 * libarchive. Names longer than ustar allows get a GNU long-name record, which
 * both GNU tar and busybox tar read. Compression is delegated to a gzip
 * process (gzip, else busybox gzip) so no zlib is linked in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "capture-sink.h"

#define TAR_NAME_LEN 100
#define TAR_PREFIX_LEN 155

struct tar_sink {
	struct capture_sink base;
	FILE *out;
	char *path;
	pid_t gzip_pid; /* 0 without compression */
	long long mtime;
	int err; /* first write error; later writes are pointless */
};

static void octal(unsigned char *field, size_t width, unsigned long long v)
{
	/* width - 1 digits, zero padded, then NUL. */
	field[width - 1] = '\0';
	for (size_t i = width - 1; i-- > 0; v >>= 3)
		field[i] = (unsigned char)('0' + (v & 7));
}

/* Where to split @name into prefix/name, or -ENAMETOOLONG. 0 means no split. */
static int name_split(const char *name, size_t *ret_split)
{
	size_t len = strlen(name);

	if (len <= TAR_NAME_LEN) {
		*ret_split = 0;
		return 0;
	}
	/* The prefix ends at a '/', which is dropped; the rest must fit the name field. */
	for (size_t i = len - 1; i > 0; i--) {
		if (name[i] != '/')
			continue;
		if (len - i - 1 > TAR_NAME_LEN)
			break;
		if (i <= TAR_PREFIX_LEN && len - i - 1 > 0) {
			*ret_split = i;
			return 0;
		}
	}
	return -ENAMETOOLONG;
}

int tar_header(unsigned char hdr[TAR_BLOCK], const char *name, const char *link, enum tar_type type,
	       unsigned mode, size_t size, long long mtime)
{
	size_t split = 0, len = strlen(name);
	unsigned sum = 0;
	int r = 0;

	memset(hdr, 0, TAR_BLOCK);
	if (name_split(name, &split) < 0) {
		r = -ENAMETOOLONG;
		memcpy(hdr, name, TAR_NAME_LEN);
	} else if (split) {
		memcpy(hdr + 345, name, split);
		memcpy(hdr, name + split + 1, len - split - 1);
	} else {
		memcpy(hdr, name, len);
	}
	octal(hdr + 100, 8, mode & 07777);
	octal(hdr + 108, 8, 0);
	octal(hdr + 116, 8, 0);
	octal(hdr + 124, 12, size);
	octal(hdr + 136, 12, mtime > 0 ? (unsigned long long)mtime : 0);
	hdr[156] = (unsigned char)type;
	if (link) {
		size_t llen = strlen(link);

		if (llen > TAR_NAME_LEN) {
			r = -ENAMETOOLONG;
			llen = TAR_NAME_LEN;
		}
		memcpy(hdr + 157, link, llen);
	}
	memcpy(hdr + 257, "ustar", 6);
	memcpy(hdr + 263, "00", 2);
	memcpy(hdr + 265, "root", 4);
	memcpy(hdr + 297, "root", 4);
	/* The checksum is computed with its own field read as spaces. */
	memset(hdr + 148, ' ', 8);
	for (size_t i = 0; i < TAR_BLOCK; i++)
		sum += hdr[i];
	octal(hdr + 148, 7, sum);
	hdr[155] = ' ';
	return r;
}

static void put(struct tar_sink *t, const void *data, size_t len)
{
	static const unsigned char zeros[TAR_BLOCK];
	size_t pad = (TAR_BLOCK - len % TAR_BLOCK) % TAR_BLOCK;

	if (t->err)
		return;
	if ((len && fwrite(data, 1, len, t->out) != len) ||
	    (pad && fwrite(zeros, 1, pad, t->out) != pad))
		t->err = errno ? -errno : -EIO;
}

static void put_long(struct tar_sink *t, enum tar_type type, const char *s)
{
	unsigned char hdr[TAR_BLOCK];

	tar_header(hdr, "././@LongLink", NULL, type, 0, strlen(s) + 1, 0);
	put(t, hdr, TAR_BLOCK);
	put(t, s, strlen(s) + 1);
}

static int entry(struct tar_sink *t, const char *name, const char *link, enum tar_type type,
		 unsigned mode, const void *data, size_t size)
{
	unsigned char hdr[TAR_BLOCK];
	size_t split;

	if (name_split(name, &split) < 0)
		put_long(t, TAR_LONGNAME, name);
	if (link && strlen(link) > TAR_NAME_LEN)
		put_long(t, TAR_LONGLINK, link);
	tar_header(hdr, name, link, type, mode, size, t->mtime);
	put(t, hdr, TAR_BLOCK);
	if (size)
		put(t, data, size);
	return t->err;
}

static int tar_mkdir(struct capture_sink *s, const char *path)
{
	struct tar_sink *t = (struct tar_sink *)s;
	char *name;
	int r;

	if (asprintf(&name, "%s/", path) < 0)
		return -ENOMEM;
	r = entry(t, name, NULL, TAR_DIR, 0755, NULL, 0);
	free(name);
	return r;
}

static int tar_symlink(struct capture_sink *s, const char *path, const char *target)
{
	return entry((struct tar_sink *)s, path, target, TAR_SYMLINK, 0777, NULL, 0);
}

static int tar_file(struct capture_sink *s, const char *path, const void *data, size_t len)
{
	return entry((struct tar_sink *)s, path, NULL, TAR_FILE, 0644, data, len);
}

static int tar_close(struct capture_sink *s, int ok)
{
	struct tar_sink *t = (struct tar_sink *)s;
	static const unsigned char end[2 * TAR_BLOCK];
	int r;

	if (ok)
		put(t, end, sizeof(end));
	r = t->err;
	if (fclose(t->out) != 0 && r == 0)
		r = -errno;
	if (t->gzip_pid > 0) {
		int status;

		while (waitpid(t->gzip_pid, &status, 0) < 0 && errno == EINTR)
			;
		/* A missing gzip explains a broken pipe better than EPIPE does. */
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			r = -ENOENT;
		else if (r == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
			r = -EPIPE;
	}
	if (!ok || r < 0)
		unlink(t->path);
	free(t->path);
	free(t);
	return r;
}

static const struct capture_sink_ops tar_ops = {
    .mkdir = tar_mkdir,
    .symlink = tar_symlink,
    .file = tar_file,
    .close = tar_close,
};

/* Returns the write end of a pipe into "gzip -c > outfd". */
static int spawn_gzip(int outfd, pid_t *ret_pid)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		int r = -errno;

		close(p[0]);
		close(p[1]);
		return r;
	}
	if (pid == 0) {
		if (dup2(p[0], STDIN_FILENO) < 0 || dup2(outfd, STDOUT_FILENO) < 0)
			_exit(126);
		execlp("gzip", "gzip", "-c", (char *)NULL);
		execlp("busybox", "busybox", "gzip", "-c", (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	*ret_pid = pid;
	return p[1];
}

int capture_sink_tar_open(const char *path, int gzip, struct capture_sink **ret, char *err,
			  size_t errlen)
{
	struct tar_sink *t = calloc(1, sizeof(*t));
	int fd, wfd, r;

	if (!t || !(t->path = strdup(path))) {
		free(t);
		return -ENOMEM;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		r = -errno;
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(-r));
		goto fail;
	}
	wfd = fd;
	if (gzip) {
		wfd = spawn_gzip(fd, &t->gzip_pid);
		close(fd);
		if (wfd < 0) {
			r = wfd;
			snprintf(err, errlen, "cannot start gzip: %s", strerror(-r));
			unlink(path);
			goto fail;
		}
	}
	t->out = fdopen(wfd, "w");
	if (!t->out) {
		r = -errno;
		close(wfd);
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(-r));
		unlink(path);
		goto fail;
	}
	t->mtime = (long long)time(NULL);
	t->base.ops = &tar_ops;
	*ret = &t->base;
	return 0;
fail:
	/* A gzip child started before the failure sees EOF and exits. */
	if (t->gzip_pid > 0)
		waitpid(t->gzip_pid, NULL, 0);
	free(t->path);
	free(t);
	return r;
}
