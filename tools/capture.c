/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture-rules.h"
#include "capture.h"
#include "common/macros.h"
#include "strset.h"

/* sysfs nests devices deeply, but never this deep; a guard against pathological trees. */
#define MAX_OBJECT_DEPTH 64
#define MAX_PATTERN_PARTS 8

struct walk {
	char root[PATH_MAX]; /* canonical: symlink targets are checked against it */
	size_t rootlen;
	int rootfd;
	struct capture_sink *sink;
	struct capture_stats *stats;
	struct strset emitted; /* output paths already written */
	struct strset visited; /* "kind\npath" objects already captured */
	char *buf;	       /* attribute read buffer */
	int err;	       /* first sink error: stops the walk */
	char *errmsg;
	size_t errlen;
};

static int capture_object(struct walk *w, const char *path, const char *kind, unsigned depth);

static void sink_failed(struct walk *w, int r, const char *what, const char *path)
{
	if (w->err)
		return;
	w->err = r;
	snprintf(w->errmsg, w->errlen, "cannot write %s %s: %s", what, path, strerror(-r));
}

static int join(char *out, size_t outlen, const char *a, const char *b)
{
	int n = *a ? snprintf(out, outlen, "%s/%s", a, b) : snprintf(out, outlen, "%s", b);

	return n < 0 || (size_t)n >= outlen ? -ENAMETOOLONG : 0;
}

/* Create @path and every parent not yet emitted, top down. */
static void emit_dirs(struct walk *w, const char *path)
{
	char p[PATH_MAX];
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof(p))
		return;
	memcpy(p, path, len + 1);
	for (size_t i = 0; i <= len && !w->err; i++) {
		int r;

		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		r = strset_add(&w->emitted, p);
		if (r > 0) {
			r = w->sink->ops->mkdir(w->sink, p);
			if (r < 0)
				sink_failed(w, r, "directory", p);
			else
				w->stats->dirs++;
		} else if (r < 0) {
			sink_failed(w, r, "directory", p);
		}
		if (i < len)
			p[i] = '/';
	}
}

static void emit_parent(struct walk *w, const char *path)
{
	char p[PATH_MAX];
	char *slash;

	snprintf(p, sizeof(p), "%s", path);
	slash = strrchr(p, '/');
	if (slash) {
		*slash = '\0';
		emit_dirs(w, p);
	}
}

/* Attributes are small; read whole, or not at all. */
static void copy_attr(struct walk *w, const char *path, const struct stat *st)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = 0;
	int fd, r;

	if (capture_name_denied(name)) {
		w->stats->denied++;
		return;
	}
	/* Root could read a write-only attribute anyway; sysfs means it as "not for reading". */
	if (!(st->st_mode & (S_IRUSR | S_IRGRP | S_IROTH))) {
		w->stats->unreadable++;
		return;
	}
	if (strset_contains(&w->emitted, path))
		return;
	/* O_NONBLOCK: harmless on sysfs, and keeps a stray FIFO in a test tree from hanging us. */
	fd = openat(w->rootfd, path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES || errno == EPERM)
			w->stats->unreadable++;
		else if (errno != ENOENT)
			w->stats->read_errors++;
		return;
	}
	for (;;) {
		ssize_t n = read(fd, w->buf + len, CAPTURE_MAX_ATTR + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (errno == EACCES || errno == EPERM)
				w->stats->unreadable++;
			else
				w->stats->read_errors++;
			close(fd);
			return;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CAPTURE_MAX_ATTR) {
			w->stats->too_big++;
			close(fd);
			return;
		}
	}
	close(fd);
	emit_parent(w, path);
	if (w->err)
		return;
	r = strset_add(&w->emitted, path);
	if (r > 0)
		r = w->sink->ops->file(w->sink, path, w->buf, len);
	if (r < 0) {
		sink_failed(w, r, "file", path);
		return;
	}
	w->stats->files++;
	w->stats->bytes += len;
}

/*
 * Resolve a symlink inside the tree to a path relative to the root, with
 * every symlink resolved. Loops (ELOOP), dangling links and links leaving the
 * tree yield -ENOENT and are not followed.
 */
static int resolve(struct walk *w, const char *path, char *out, size_t outlen)
{
	char abs[PATH_MAX], real[PATH_MAX];

	if (join(abs, sizeof(abs), w->root, path) < 0 || !realpath(abs, real))
		return -ENOENT;
	if (strncmp(real, w->root, w->rootlen) != 0 || real[w->rootlen] != '/')
		return -ENOENT;
	if ((size_t)snprintf(out, outlen, "%s", real + w->rootlen + 1) >= outlen)
		return -ENAMETOOLONG;
	return 0;
}

static void copy_link(struct walk *w, const char *path, const char *kind, unsigned depth)
{
	char target[PATH_MAX], resolved[PATH_MAX];
	ssize_t n;
	int r;

	n = readlinkat(w->rootfd, path, target, sizeof(target) - 1);
	if (n < 0)
		return;
	target[n] = '\0';
	emit_parent(w, path);
	r = w->err ? 0 : strset_add(&w->emitted, path);
	if (r > 0) {
		/* The target text is kept as is: sysfs links are relative, so they resolve
		 * inside the capture too. */
		r = w->sink->ops->symlink(w->sink, path, target);
		if (r == 0)
			w->stats->links++;
	}
	if (r < 0) {
		sink_failed(w, r, "symlink", path);
		return;
	}
	if (!kind)
		return;
	if (resolve(w, path, resolved, sizeof(resolved)) < 0) {
		w->stats->unresolved++;
		return;
	}
	capture_object(w, resolved, kind, depth + 1);
}

static unsigned type_of(const struct stat *st)
{
	if (S_ISLNK(st->st_mode))
		return CAP_MATCH_LINK;
	if (S_ISDIR(st->st_mode))
		return CAP_MATCH_DIR;
	if (S_ISREG(st->st_mode))
		return CAP_MATCH_FILE;
	return 0;
}

static void apply_rule(struct walk *w, const struct capture_rule *rule, const char *path,
		       unsigned depth)
{
	unsigned want = rule->match ? rule->match : CAP_MATCH_ANY;
	struct stat st;
	unsigned type;

	if (fstatat(w->rootfd, path, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return;
	type = type_of(&st);
	if (!(type & want))
		return;
	switch (type) {
	case CAP_MATCH_FILE:
		copy_attr(w, path, &st);
		break;
	case CAP_MATCH_LINK:
		copy_link(w, path, rule->kind, depth);
		break;
	case CAP_MATCH_DIR:
		if (rule->kind)
			capture_object(w, path, rule->kind, depth + 1);
		else
			emit_dirs(w, path);
		break;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_real_dir(struct walk *w, const char *path)
{
	struct stat st;

	return fstatat(w->rootfd, *path ? path : ".", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* Sorted names in directory @path, so output does not depend on readdir order. */
static int list_dir(struct walk *w, const char *path, char ***ret, size_t *ret_n)
{
	int fd =
	    openat(w->rootfd, *path ? path : ".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *dir;

	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return -errno;
	}
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' &&
		    (de->d_name[1] == '\0' || (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*names));

			if (!nn)
				goto oom;
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (!names[n])
			goto oom;
		n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	*ret = names;
	*ret_n = n;
	return 0;
oom:
	closedir(dir);
	while (n--)
		free(names[n]);
	free(names);
	return -ENOMEM;
}

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Match pattern parts [i, nparts) below @base; only real directories are entered. */
static void expand(struct walk *w, const struct capture_rule *rule, char *const *parts, size_t i,
		   size_t nparts, const char *base, unsigned depth)
{
	char path[PATH_MAX];
	char **names = NULL;
	size_t n = 0;

	if (w->err)
		return;
	if (i == nparts) {
		apply_rule(w, rule, base, depth);
		return;
	}
	if (i > 0 && !is_real_dir(w, base))
		return;
	if (!has_glob(parts[i])) {
		if (join(path, sizeof(path), base, parts[i]) == 0)
			expand(w, rule, parts, i + 1, nparts, path, depth);
		return;
	}
	if (!is_real_dir(w, base) || list_dir(w, base, &names, &n) < 0)
		return;
	for (size_t k = 0; k < n; k++) {
		if (fnmatch(parts[i], names[k], FNM_PERIOD) == 0 &&
		    join(path, sizeof(path), base, names[k]) == 0)
			expand(w, rule, parts, i + 1, nparts, path, depth);
		free(names[k]);
	}
	free(names);
}

static void match_rule(struct walk *w, const struct capture_rule *rule, const char *base,
		       unsigned depth)
{
	char pat[PATH_MAX];
	char *parts[MAX_PATTERN_PARTS], *save = NULL;
	size_t nparts = 0;

	snprintf(pat, sizeof(pat), "%s", rule->pattern);
	for (char *t = strtok_r(pat, "/", &save); t && nparts < MAX_PATTERN_PARTS;
	     t = strtok_r(NULL, "/", &save))
		parts[nparts++] = t;
	expand(w, rule, parts, 0, nparts, base, depth);
}

/* Directories above a device (host, target, rport, PCI function...) carry context too. */
static void capture_ancestors(struct walk *w, const char *path, unsigned depth)
{
	char p[PATH_MAX];
	char *slash;

	if (strncmp(path, "devices/", 8) != 0)
		return;
	snprintf(p, sizeof(p), "%s", path);
	while ((slash = strrchr(p, '/')) && !w->err) {
		const char *kind;

		*slash = '\0';
		slash = strrchr(p, '/');
		kind = capture_ancestor_kind(slash ? slash + 1 : p);
		if (kind)
			capture_object(w, p, kind, depth + 1);
	}
}

static int capture_object(struct walk *w, const char *path, const char *kind, unsigned depth)
{
	const struct capture_kind *k = capture_kind_find(kind);
	char key[PATH_MAX + 32];
	int r;

	if (!k || depth > MAX_OBJECT_DEPTH || w->err)
		return 0;
	snprintf(key, sizeof(key), "%s\n%s", kind, path);
	r = strset_add(&w->visited, key);
	if (r <= 0) {
		if (r < 0)
			sink_failed(w, r, "index for", path);
		return r;
	}
	emit_dirs(w, path);
	capture_ancestors(w, path, depth);
	for (const struct capture_rule *rule = k->rules; rule->pattern && !w->err; rule++)
		match_rule(w, rule, path, depth);
	return 0;
}

int capture_run(const char *sysfs_root, struct capture_sink *sink, struct capture_stats *stats,
		char *err, size_t errlen)
{
	struct walk w = {
	    .sink = sink, .stats = stats, .errmsg = err, .errlen = errlen, .rootfd = -1};
	int r;

	*stats = (struct capture_stats){0};
	if (!realpath(sysfs_root, w.root)) {
		r = -errno;
		snprintf(err, errlen, "%s: %s", sysfs_root, strerror(-r));
		return r;
	}
	w.rootlen = strlen(w.root);
	/* "/" as root would make every "<root>/" prefix check fail; sysfs is never "/". */
	if (w.rootlen == 1) {
		snprintf(err, errlen, "refusing to capture the whole filesystem");
		return -EINVAL;
	}
	w.rootfd = open(w.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w.rootfd < 0) {
		r = -errno;
		snprintf(err, errlen, "%s: %s", sysfs_root, strerror(-r));
		return r;
	}
	w.buf = malloc(CAPTURE_MAX_ATTR + 1);
	if (!w.buf) {
		close(w.rootfd);
		return -ENOMEM;
	}
	capture_object(&w, "", CAPTURE_ROOT_KIND, 0);
	free(w.buf);
	strset_clear(&w.emitted);
	strset_clear(&w.visited);
	close(w.rootfd);
	return w.err;
}
