/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"

static void die(const char *what, const char *path)
{
	fprintf(stderr, "test setup: %s %s: %s\n", what, path, strerror(errno));
	abort();
}

void vpd_begin(struct vpd *v, uint8_t page)
{
	memset(v, 0, sizeof(*v));
	v->b[1] = page;
	v->len = 4;
}

void vpd_desig(struct vpd *v, uint8_t code_set, uint8_t assoc, uint8_t type, const void *id,
	       size_t len)
{
	uint8_t *d = v->b + v->len;

	d[0] = code_set;
	d[1] = (uint8_t)((assoc << 4) | type);
	d[2] = 0;
	d[3] = (uint8_t)len;
	memcpy(d + 4, id, len);
	v->len += 4 + len;
}

void vpd_raw(struct vpd *v, const void *data, size_t len)
{
	memcpy(v->b + v->len, data, len);
	v->len += len;
}

void vpd_end(struct vpd *v)
{
	v->b[2] = (uint8_t)((v->len - 4) >> 8);
	v->b[3] = (uint8_t)(v->len - 4);
}

void vpd_scsi_debug(struct vpd *v, uint16_t tpg)
{
	static const uint8_t naa_lu[8] = {0x33, 0x33, 0x33, 0x30, 0x00, 0x00, 0x07, 0xd0};
	static const uint8_t naa_port[8] = {0x52, 0x22, 0x22, 0x20, 0x00, 0x00, 0x00, 0x01};
	const uint8_t relport[4] = {0, 0, 0, 1};
	const uint8_t group[4] = {0, 0, (uint8_t)(tpg >> 8), (uint8_t)tpg};
	const char *t10 = "Linux   scsi_debug      2000";

	vpd_begin(v, 0x83);
	vpd_desig(v, 2, 0, 1, t10, strlen(t10));
	vpd_desig(v, 1, 0, 3, naa_lu, sizeof(naa_lu));
	vpd_desig(v, 0x61, 1, 4, relport, sizeof(relport));
	v->b[v->len - 8 + 1] |= 0x80; /* PIV */
	vpd_desig(v, 0x61, 1, 3, naa_port, sizeof(naa_port));
	vpd_desig(v, 1, 1, 5, group, sizeof(group));
	vpd_desig(v, 3, 2, 8, "naa.32222220000007d0\0\0\0", 24);
	vpd_end(v);
}

void vpd_lio(struct vpd *v, uint16_t tpg)
{
	static const uint8_t naa6[16] = {0x60, 0x01, 0x40, 0x5a, 0xbc, 0xde, 0xf0, 0x12,
					 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x12};
	const uint8_t relport[4] = {0, 0, 0, 2};
	const uint8_t group[4] = {0, 0, (uint8_t)(tpg >> 8), (uint8_t)tpg};
	const char *t10 = "LIO-ORG abcdef01-2345-6789-abcd-ef0123456789";

	vpd_begin(v, 0x83);
	vpd_desig(v, 1, 0, 3, naa6, sizeof(naa6));
	vpd_desig(v, 2, 0, 1, t10, strlen(t10));
	vpd_desig(v, 1, 1, 4, relport, sizeof(relport));
	vpd_desig(v, 1, 1, 5, group, sizeof(group));
	vpd_desig(v, 3, 2, 8, "naa.5001405abcdef012\0\0\0\0", 24);
	vpd_end(v);
}

static void put_field(uint8_t *dst, const char *s, size_t width)
{
	memset(dst, ' ', width);
	memcpy(dst, s, strlen(s) < width ? strlen(s) : width);
}

void std_inquiry(uint8_t out[96], const char *vendor, const char *product, const char *rev,
		 int tpgs)
{
	memset(out, 0, 96);
	out[2] = 0x06; /* SPC-4 */
	out[3] = 0x02;
	out[4] = 91;
	out[5] = (uint8_t)(tpgs << 4);
	put_field(out + 8, vendor, 8);
	put_field(out + 16, product, 16);
	put_field(out + 32, rev, 4);
}

void fs_init(struct fakesys *fs)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(fs->root, sizeof(fs->root), "%s/mpath-sysfs-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(fs->root))
		die("mkdtemp", fs->root);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void fs_cleanup(struct fakesys *fs)
{
	nftw(fs->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void full(struct fakesys *fs, const char *rel, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", fs->root, rel);
}

void fs_mkdir(struct fakesys *fs, const char *rel)
{
	char path[1024];

	full(fs, rel, path, sizeof(path));
	for (char *p = path + strlen(fs->root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			die("mkdir", path);
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		die("mkdir", path);
}

static void parent_dir(struct fakesys *fs, const char *rel)
{
	char dir[1024];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		fs_mkdir(fs, dir);
	}
}

void fs_write(struct fakesys *fs, const char *rel, const void *data, size_t len)
{
	char path[1024];
	FILE *f;

	parent_dir(fs, rel);
	full(fs, rel, path, sizeof(path));
	f = fopen(path, "w");
	if (!f)
		die("fopen", path);
	if (len && fwrite(data, 1, len, f) != len)
		die("fwrite", path);
	fclose(f);
}

void fs_writes(struct fakesys *fs, const char *rel, const char *text)
{
	fs_write(fs, rel, text, strlen(text));
}

void fs_symlink(struct fakesys *fs, const char *target, const char *rel)
{
	char path[1024];

	parent_dir(fs, rel);
	full(fs, rel, path, sizeof(path));
	if (symlink(target, path) < 0)
		die("symlink", path);
}

/* "../" repeated once per component of rel's directory, to reach the root. */
static void up_to_root(const char *rel, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const char *p = rel; *p; p++)
		if (*p == '/' && n + 3 < size) {
			strcat(buf, "../");
			n += 3;
		}
}

const char *fs_add_scsi_disk(struct fakesys *fs, const char *parent, const char *hctl,
			     const char *name, const char *devt, const char *vendor,
			     const char *model)
{
	static char sdev[512];
	char rel[1024], up[256], target[1024];

	snprintf(sdev, sizeof(sdev), "%s/%s", parent, hctl);
	snprintf(rel, sizeof(rel), "%s/block/%s/dev", sdev, name);
	fs_writes(fs, rel, devt);
	snprintf(rel, sizeof(rel), "%s/block/%s/size", sdev, name);
	fs_writes(fs, rel, "32768\n");
	/* block/<name>/device -> ../../../<hctl> */
	snprintf(rel, sizeof(rel), "%s/block/%s/device", sdev, name);
	snprintf(target, sizeof(target), "../../../%s", hctl);
	fs_symlink(fs, target, rel);
	snprintf(rel, sizeof(rel), "block/%s", name);
	up_to_root(rel, up, sizeof(up));
	snprintf(target, sizeof(target), "%s%s/block/%s", up, sdev, name);
	fs_symlink(fs, target, rel);
	snprintf(rel, sizeof(rel), "%s/vendor", sdev);
	fs_writes(fs, rel, vendor);
	snprintf(rel, sizeof(rel), "%s/model", sdev);
	fs_writes(fs, rel, model);
	snprintf(rel, sizeof(rel), "%s/rev", sdev);
	fs_writes(fs, rel, "0191\n");
	snprintf(rel, sizeof(rel), "%s/state", sdev);
	fs_writes(fs, rel, "running\n");
	return sdev;
}

const char *fs_add_scsi_debug_path(struct fakesys *fs, int host, int lun,
				   const char *access_state)
{
	static char sdev_dir[1024];
	char parent[256], hctl[64], name[16], devt[16], rel[1200], serial[16], t10[64];
	int idx = lun * 4 + host;
	uint8_t inq[96];
	struct vpd v;
	const uint8_t group[4] = {0, 0, 0, (uint8_t)(host % 3 + 1)};

	snprintf(parent, sizeof(parent), "devices/pseudo_0/adapter0/host%d/target%d:0:0", host, host);
	snprintf(hctl, sizeof(hctl), "%d:0:0:%d", host, lun);
	snprintf(name, sizeof(name), "sd%c", 'a' + idx);
	snprintf(devt, sizeof(devt), "8:%d\n", 16 * idx);
	snprintf(sdev_dir, sizeof(sdev_dir), "%s",
		 fs_add_scsi_disk(fs, parent, hctl, name, devt, "Linux   \n", "scsi_debug      \n"));
	std_inquiry(inq, "Linux", "scsi_debug", "0191", 1);
	snprintf(rel, sizeof(rel), "%s/inquiry", sdev_dir);
	fs_write(fs, rel, inq, sizeof(inq));
	snprintf(serial, sizeof(serial), "200%d", lun);
	snprintf(t10, sizeof(t10), "Linux   scsi_debug      %s", serial);
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 2, 0, 1, t10, strlen(t10));
	vpd_desig(&v, 1, 1, 5, group, sizeof(group));
	vpd_end(&v);
	snprintf(rel, sizeof(rel), "%s/vpd_pg83", sdev_dir);
	fs_write(fs, rel, v.b, v.len);
	vpd_begin(&v, 0x80);
	vpd_raw(&v, serial, strlen(serial));
	vpd_end(&v);
	snprintf(rel, sizeof(rel), "%s/vpd_pg80", sdev_dir);
	fs_write(fs, rel, v.b, v.len);
	snprintf(rel, sizeof(rel), "%s/access_state", sdev_dir);
	fs_writes(fs, rel, access_state);
	snprintf(rel, sizeof(rel), "%s/preferred_path", sdev_dir);
	fs_writes(fs, rel, "0\n");
	snprintf(rel, sizeof(rel), "%s/dh_state", sdev_dir);
	fs_writes(fs, rel, "alua\n");
	return sdev_dir;
}
