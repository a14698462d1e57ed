/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "common/log.h"
#include "discover/discover_internal.h"
#include "discover/sysfs.h"

int mp_discover_attr(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size,
		     struct mp_diags *diags)
{
	int r = mp_sysfs_read_str(ctx, rel, buf, size);

	/* The kernel prints INQUIRY's bytes as they came: a device can put an
	   escape sequence or a newline in its vendor or model. */
	if (r == 0 && mp_text_sanitize(buf) > 0)
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel,
			     "unprintable bytes replaced by '?': \"%s\"", buf);
	if (r < 0) {
		buf[0] = '\0';
		if (r != -ENOENT)
			mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "unreadable attribute: %s",
				     r == -EINVAL ? "not text or too long" : strerror(-r));
	}
	return r;
}

int mp_discover_device_attr(const struct mp_ctx *ctx, const char *name, const char *attr,
			    char *buf, size_t size, struct mp_diags *diags)
{
	char rel[PATH_MAX];

	snprintf(rel, sizeof(rel), "block/%s/device/%s", name, attr);
	return mp_discover_attr(ctx, rel, buf, size, diags);
}

int mp_discover_block_common(const struct mp_ctx *ctx, const char *name, struct mp_path *p,
			     struct mp_diags *diags)
{
	char rel[PATH_MAX], buf[64];
	int r;

	snprintf(p->dev, sizeof(p->dev), "%s", name);
	snprintf(rel, sizeof(rel), "block/%s", name);
	r = mp_sysfs_resolve(ctx, rel, p->devpath, sizeof(p->devpath));
	if (r < 0) {
		if (r == -ENOENT)
			return -ENODEV;
		mp_diag_file(diags, MP_DIAG_ERROR, ctx, rel, "cannot resolve device path: %s",
			     strerror(-r));
		return -EINVAL;
	}
	snprintf(rel, sizeof(rel), "block/%s/dev", name);
	r = mp_sysfs_read_str(ctx, rel, buf, sizeof(buf));
	if (r < 0 || mp_parse_devt(buf, &p->major, &p->minor) < 0) {
		mp_diag_file(diags, MP_DIAG_ERROR, ctx, rel, "%s",
			     r < 0 ? strerror(-r) : "not MAJOR:MINOR");
		return -EINVAL;
	}
	snprintf(rel, sizeof(rel), "block/%s/size", name);
	r = mp_sysfs_read_u64(ctx, rel, &p->size);
	if (r < 0)
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "%s",
			     r == -EINVAL ? "not a number of sectors" : strerror(-r));
	return 0;
}

bool mp_nvme_native_multipath(const struct mp_ctx *ctx)
{
	char buf[8];

	if (mp_sysfs_read_str(ctx, "module/nvme_core/parameters/multipath", buf, sizeof(buf)) < 0)
		return true;
	return !(buf[0] == 'N' || buf[0] == 'n' || buf[0] == '0');
}

/* sd plus letters only: "sda1" is a partition. */
static bool is_scsi_disk(const char *name)
{
	if (strncmp(name, "sd", 2) != 0 || !name[2])
		return false;
	for (const char *c = name + 2; *c; c++)
		if (!islower((unsigned char)*c))
			return false;
	return true;
}

/* nvme<ctrl>n<ns> exactly: hidden per-controller paths (nvmeXcYnZ) and partitions are not. */
static bool is_nvme_ns(const char *name)
{
	const char *c = name + 4;

	if (strncmp(name, "nvme", 4) != 0 || !isdigit((unsigned char)*c))
		return false;
	while (isdigit((unsigned char)*c))
		c++;
	if (*c++ != 'n' || !isdigit((unsigned char)*c))
		return false;
	while (isdigit((unsigned char)*c))
		c++;
	return *c == '\0';
}

static const struct mp_discover_opts default_opts = {.wwid_mode = MP_WWID_SG3_UDEV};

int mp_discover_path_opts(const struct mp_ctx *ctx, const struct mp_discover_opts *opts,
			  const char *name, struct mp_path *ret, struct mp_diags *diags)
{
	struct mp_path p;
	int r;

	if (!opts)
		opts = &default_opts;
	if (!*name || strchr(name, '/') || streq(name, ".") || streq(name, "..") ||
	    strlen(name) >= sizeof(p.dev))
		return -EINVAL;
	memset(&p, 0, sizeof(p));
	p.host = p.channel = p.target = -1;
	p.tpg_id = -1;
	p.alua_state = MP_ALUA_UNKNOWN;
	if (is_scsi_disk(name))
		r = mp_discover_scsi_disk(ctx, opts, name, &p, diags);
	else if (is_nvme_ns(name) && !mp_nvme_native_multipath(ctx))
		r = mp_discover_nvme_ns(ctx, name, &p, diags);
	else
		r = -ENODEV;
	if (r < 0)
		return r;
	*ret = p;
	return 0;
}

int mp_discover_path(const struct mp_ctx *ctx, const char *name, struct mp_path *ret,
		     struct mp_diags *diags)
{
	return mp_discover_path_opts(ctx, NULL, name, ret, diags);
}

/* Compare strings with digit runs taken as numbers: "host10" after "host9". */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *ea = a, *eb = b;
			size_t la, lb;
			int c;

			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			for (ea = a; isdigit((unsigned char)*ea); ea++)
				;
			for (eb = b; isdigit((unsigned char)*eb); eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			c = memcmp(a, b, la);
			if (c)
				return c < 0 ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

int mp_path_cmp(const struct mp_path *a, const struct mp_path *b)
{
	bool sa = a->host >= 0, sb = b->host >= 0;
	int c;

	if (sa != sb)
		return sa ? -1 : 1;
	if (sa) {
		if (a->host != b->host)
			return a->host < b->host ? -1 : 1;
		if (a->channel != b->channel)
			return a->channel < b->channel ? -1 : 1;
		if (a->target != b->target)
			return a->target < b->target ? -1 : 1;
		if (a->lun != b->lun)
			return a->lun < b->lun ? -1 : 1;
	}
	c = natural_cmp(a->devpath, b->devpath);
	return c ? c : strcmp(a->dev, b->dev);
}

static int path_qsort_cmp(const void *a, const void *b)
{
	return mp_path_cmp(a, b);
}

int mp_discover_paths_opts(const struct mp_ctx *ctx, const struct mp_discover_opts *opts,
			   struct mp_path **ret_paths, size_t *ret_n, struct mp_diags *diags)
{
	char dir[PATH_MAX];
	_cleanup_free_ struct mp_path *paths = NULL;
	size_t n = 0, cap = 0;
	DIR *d;
	struct dirent *de;
	int r;

	r = mp_sysfs_path(ctx, "block", dir, sizeof(dir));
	if (r < 0)
		return r;
	d = opendir(dir);
	if (!d) {
		r = -errno;
		if (diags)
			mp_diags_add(diags, MP_DIAG_ERROR, dir, 0, "cannot list: %s", strerror(-r));
		return r;
	}
	while ((de = readdir(d))) {
		struct mp_path p;

		if (de->d_name[0] == '.')
			continue;
		r = mp_discover_path_opts(ctx, opts, de->d_name, &p, diags);
		if (r == -ENODEV || r == -EINVAL)
			continue; /* not a candidate, or broken: already in diags */
		if (r < 0)
			break;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct mp_path *np = realloc(paths, ncap * sizeof(*np));

			if (!np) {
				r = -ENOMEM;
				break;
			}
			paths = np;
			cap = ncap;
		}
		paths[n++] = p;
		mp_dbg(ctx, "discovered %s (%s) wwid '%s'", p.dev, p.devpath, p.wwid);
	}
	closedir(d);
	if (r < 0 && r != -ENODEV && r != -EINVAL)
		return r;
	if (n)
		qsort(paths, n, sizeof(*paths), path_qsort_cmp);
	*ret_paths = TAKE_PTR(paths);
	*ret_n = n;
	return (int)n;
}

int mp_discover_paths(const struct mp_ctx *ctx, struct mp_path **ret_paths, size_t *ret_n,
		      struct mp_diags *diags)
{
	return mp_discover_paths_opts(ctx, NULL, ret_paths, ret_n, diags);
}
