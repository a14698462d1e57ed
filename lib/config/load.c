/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading configuration files: the main file, then every *.conf in config_dir
 * in byte-wise name order, so "10-site.conf" comes before "20-host.conf" and a
 * later file overrides an earlier one, whatever the locale.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config-private.h"

#define DEFAULT_CONFIG_DIR "/etc/multipath/conf.d"
/* Far beyond any real multipath.conf; keeps a wrong path (a disk image) from eating memory. */
#define MAX_CONFIG_SIZE (16u << 20)

static int read_text(const char *path, char **ret_text, size_t *ret_len)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 0;
	struct stat st;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			char *p;

			cap = cap ? cap * 2 : 8192;
			if (cap > MAX_CONFIG_SIZE + 1)
				return -EFBIG;
			p = realloc(buf, cap);
			if (!p)
				return -ENOMEM;
			buf = p;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*ret_len = len;
	*ret_text = TAKE_PTR(buf);
	return 0;
}

static int parse_file(struct mp_config *cfg, const char *path, bool is_main,
		      char **ret_config_dir, struct mp_diags *diags)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = read_text(path, &text, &len);

	if (r < 0)
		return r;
	if (strlen(text) != len && diags)
		mp_diags_add(diags, MP_DIAG_WARNING, path, 0,
			     "file contains a NUL byte; the text after it is ignored");
	return mp_config_parse(cfg, path, text, is_main, ret_config_dir, diags);
}

static int has_conf_suffix(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return d->d_name[0] != '.' && len > 5 && streq(d->d_name + len - 5, ".conf");
}

static int byte_order(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int load_dir(struct mp_config *cfg, const char *dir, struct mp_diags *diags)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, has_conf_suffix, byte_order);
	int r = 0;

	if (n < 0) {
		if (errno == ENOENT)
			return 0;
		r = -errno;
		if (diags)
			mp_diags_add(diags, MP_DIAG_WARNING, dir, 0, "cannot read directory: %s",
				     strerror(-r));
		return r == -ENOMEM ? r : 0;
	}
	for (int i = 0; i < n; i++) {
		char *path = NULL;
		int q;

		if (r == 0 && asprintf(&path, "%s/%s", dir, names[i]->d_name) < 0)
			r = -ENOMEM;
		if (r == 0) {
			q = parse_file(cfg, path, false, NULL, diags);
			if (q == -ENOMEM)
				r = q;
			else if (q < 0 && diags)
				mp_diags_add(diags, MP_DIAG_WARNING, path, 0, "cannot read: %s",
					     strerror(-q));
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return r;
}

int mp_config_load_file(struct mp_config *cfg, const char *path, struct mp_diags *diags)
{
	_cleanup_free_ char *config_dir = NULL;
	const char *dir;
	int r, q;

	if (!cfg || !path)
		return -EINVAL;
	r = parse_file(cfg, path, true, &config_dir, diags);
	if (r < 0 && r != -ENOENT)
		return r;
	/* conf.d applies even without a main file, as multipath-tools does */
	if (cfg->config_dir_overridden)
		dir = cfg->config_dir_override;
	else
		dir = config_dir ? config_dir : DEFAULT_CONFIG_DIR;
	if (dir && dir[0]) {
		q = load_dir(cfg, dir, diags);
		if (q < 0)
			return q;
	}
	q = mp_config_finalize(cfg, diags);
	return q < 0 ? q : r;
}

int mp_config_check(const char *path, const char *config_dir, struct mp_diags *diags)
{
	struct mp_config *cfg = NULL;
	size_t before = diags ? mp_diags_count(diags, MP_DIAG_ERROR) : 0;
	struct mp_diags local = {0};
	struct mp_diags *d = diags ? diags : &local;
	int r = mp_config_new(&cfg);

	if (r < 0)
		return r;
	r = mp_config_set_config_dir(cfg, config_dir);
	if (r == 0)
		r = mp_config_load_file(cfg, path, d);
	mp_config_free(cfg);
	if (r == 0)
		r = (int)(mp_diags_count(d, MP_DIAG_ERROR) - before);
	mp_diags_clear(&local);
	return r;
}
