/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mpath-sysfs-capture on a fake sysfs tree: relative links survive unchanged
 * and resolve inside the copy, binary attributes keep their bytes, dangerous or
 * unreadable attributes are left out, and link loops end the walk instead of
 * hanging it.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "capture-rules.h"
#include "capture-sink.h"
#include "capture.h"

#define DEV "devices/pci0000:00/0000:00:01.0/host0/target0:0:0/0:0:0:0"
#define DM "devices/virtual/block/dm-0"

static const unsigned char vpd83[] = {0x00, 0x83, 0x00, 0x14, 0x01, 0x03, 0x00, 0x08,
				      0x60, 0x01, 0x40, 0x50, 0x00, 0x00, 0x00, 0xff,
				      0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

struct tree {
	char src[PATH_MAX];
	char out[PATH_MAX];
	char top[PATH_MAX];
};

static void mkdirs(const char *root, const char *rel)
{
	char p[PATH_MAX];

	assert_true(snprintf(p, sizeof(p), "%s/%s", root, rel) < (int)sizeof(p));
	for (char *s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
}

static void put_file(const char *root, const char *rel, const void *data, size_t len, mode_t mode)
{
	char p[PATH_MAX], dir[PATH_MAX];
	char *slash;
	int fd;

	assert_true(snprintf(dir, sizeof(dir), "%s", rel) < (int)sizeof(dir));
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdirs(root, dir);
	}
	assert_true(snprintf(p, sizeof(p), "%s/%s", root, rel) < (int)sizeof(p));
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	chmod(p, mode);
}

static void put_text(const char *root, const char *rel, const char *text)
{
	put_file(root, rel, text, strlen(text), 0444);
}

/* A link at @rel pointing at @target_rel (both relative to the root), written relative like sysfs.
 */
static void put_link(const char *root, const char *rel, const char *target_rel)
{
	char p[PATH_MAX], target[PATH_MAX] = "", dir[PATH_MAX];
	char *slash;

	for (const char *s = rel; (s = strchr(s, '/')); s++)
		strcat(target, "../");
	strcat(target, target_rel);
	assert_true(snprintf(dir, sizeof(dir), "%s", rel) < (int)sizeof(dir));
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdirs(root, dir);
	}
	assert_true(snprintf(p, sizeof(p), "%s/%s", root, rel) < (int)sizeof(p));
	assert_int_equal(symlink(target, p), 0);
}

static void put_raw_link(const char *root, const char *rel, const char *target)
{
	char p[PATH_MAX];

	assert_true(snprintf(p, sizeof(p), "%s/%s", root, rel) < (int)sizeof(p));
	assert_int_equal(symlink(target, p), 0);
}

static void build_fake_sysfs(const char *s)
{
	char *big = calloc(1, CAPTURE_MAX_ATTR + 10);
	char p[PATH_MAX];

	put_text(s, "devices/pci0000:00/0000:00:01.0/vendor", "0x1000\n");
	put_file(s, "devices/pci0000:00/0000:00:01.0/rescan", "", 0, 0200);
	put_text(s, "devices/pci0000:00/0000:00:01.0/host0/uevent", "DEVTYPE=scsi_host\n");
	put_file(s, "devices/pci0000:00/0000:00:01.0/host0/scan", "", 0, 0200);
	put_text(s, "devices/pci0000:00/0000:00:01.0/host0/scsi_host/host0/proc_name", "fake\n");
	put_link(s, "devices/pci0000:00/0000:00:01.0/host0/scsi_host/host0/device",
		 "devices/pci0000:00/0000:00:01.0/host0");
	put_text(s, "devices/pci0000:00/0000:00:01.0/host0/target0:0:0/uevent",
		 "DEVTYPE=scsi_target\n");

	put_text(s, DEV "/vendor", "LIO-ORG \n");
	put_text(s, DEV "/model", "disk0           \n");
	put_text(s, DEV "/access_state", "active/optimized\n");
	put_file(s, DEV "/vpd_pg83", vpd83, sizeof(vpd83), 0444);
	put_file(s, DEV "/inquiry", "\x00\x00\x06\x12\xff", 5, 0444);
	put_file(s, DEV "/state", "running\n", 8, 0200); /* write-only */
	put_file(s, DEV "/delete", "", 0, 0644);	 /* on the deny-list */
	put_file(s, DEV "/rescan", "", 0, 0200);
	put_file(s, DEV "/wwid", big, CAPTURE_MAX_ATTR + 10, 0444); /* over the bound */
	assert_true(snprintf(p, sizeof(p), "%s/%s/rev", s, DEV) < (int)sizeof(p));
	assert_int_equal(mkfifo(p, 0644), 0); /* would block a plain open() */
	put_text(s, DEV "/scsi_disk/0:0:0:0/cache_type", "write back\n");
	put_link(s, DEV "/scsi_disk/0:0:0:0/device", DEV);
	put_text(s, DEV "/block/sda/dev", "8:0\n");
	put_text(s, DEV "/block/sda/size", "2048\n");
	put_text(s, DEV "/block/sda/queue/logical_block_size", "512\n");
	put_text(s, DEV "/block/sda/stat", "not wanted\n");
	put_link(s, DEV "/block/sda/device", DEV);
	put_link(s, DEV "/block/sda/holders/dm-0", DM);
	mkdirs(s, DEV "/block/sda/slaves");

	put_text(s, DM "/dev", "254:0\n");
	put_text(s, DM "/dm/name", "mpatha\n");
	put_text(s, DM "/dm/uuid", "mpath-36001405aabbcc\n");
	put_link(s, DM "/slaves/sda", DEV "/block/sda");
	mkdirs(s, DM "/holders");
	put_text(s, "devices/virtual/block/loop0/dev", "7:0\n");

	put_link(s, "block/sda", DEV "/block/sda");
	put_link(s, "block/dm-0", DM);
	put_link(s, "block/loop0", "devices/virtual/block/loop0");
	put_raw_link(s, "block/sdx", "sdx");	      /* loops on itself */
	put_raw_link(s, "block/sdy", "../block/sdz"); /* two-link loop */
	put_raw_link(s, "block/sdz", "sdy");
	put_raw_link(s, "block/sdo", "/"); /* leaves the tree */
	put_link(s, "class/scsi_host/host0",
		 "devices/pci0000:00/0000:00:01.0/host0/scsi_host/host0");
	put_link(s, "class/block/sda", DEV "/block/sda");
	free(big);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	assert_true(snprintf(t->top, sizeof(t->top), "%s/capture-test-XXXXXX", tmp) <
		    (int)sizeof(t->top));
	if (!mkdtemp(t->top))
		return -1;
	assert_true(snprintf(t->src, sizeof(t->src), "%s/sys", t->top) < (int)sizeof(t->src));
	assert_true(snprintf(t->out, sizeof(t->out), "%s/out", t->top) < (int)sizeof(t->out));
	mkdir(t->src, 0755);
	build_fake_sysfs(t->src);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;

	nftw(t->top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return 0;
}

static size_t read_all(const char *root, const char *rel, unsigned char *buf, size_t cap)
{
	char p[PATH_MAX];
	int fd;
	ssize_t n;

	assert_true(snprintf(p, sizeof(p), "%s/%s", root, rel) < (int)sizeof(p));
	fd = open(p, O_RDONLY);
	if (fd < 0)
		return (size_t)-1;
	n = read(fd, buf, cap);
	close(fd);
	return n < 0 ? (size_t)-1 : (size_t)n;
}

static int exists(const char *root, const char *rel)
{
	char p[PATH_MAX];
	struct stat st;

	assert_true(snprintf(p, sizeof(p), "%s/%s", root, rel) < (int)sizeof(p));
	return lstat(p, &st) == 0;
}

static void assert_same_link(const struct tree *t, const char *rel)
{
	char a[PATH_MAX], b[PATH_MAX], la[PATH_MAX], lb[PATH_MAX];
	ssize_t na, nb;

	assert_true(snprintf(a, sizeof(a), "%s/%s", t->src, rel) < (int)sizeof(a));
	assert_true(snprintf(b, sizeof(b), "%s/%s", t->out, rel) < (int)sizeof(b));
	na = readlink(a, la, sizeof(la) - 1);
	nb = readlink(b, lb, sizeof(lb) - 1);
	assert_true(na > 0);
	assert_int_equal(na, nb);
	la[na] = lb[nb] = '\0';
	assert_string_equal(la, lb);
}

static void assert_same_bytes(const struct tree *t, const char *rel)
{
	unsigned char a[256], b[256];
	size_t na = read_all(t->src, rel, a, sizeof(a)), nb = read_all(t->out, rel, b, sizeof(b));

	assert_true(na != (size_t)-1);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

static void test_capture_dir(void **state)
{
	struct tree *t = *state;
	struct capture_sink *sink;
	struct capture_stats st;
	unsigned char buf[256];
	char err[256];

	assert_int_equal(capture_sink_dir_open(t->out, &sink, err, sizeof(err)), 0);
	assert_int_equal(capture_run(t->src, sink, &st, err, sizeof(err)), 0);
	assert_int_equal(sink->ops->close(sink, 1), 0);

	/* Links are copied verbatim and resolve inside the capture. */
	assert_same_link(t, "block/sda");
	assert_same_link(t, "block/dm-0");
	assert_same_link(t, "class/scsi_host/host0");
	assert_same_link(t, "class/block/sda");
	assert_same_link(t, DEV "/block/sda/holders/dm-0");
	assert_same_link(t, DM "/slaves/sda");
	assert_same_link(t, DEV "/block/sda/device");
	assert_same_bytes(t, "block/sda/device/vpd_pg83");
	assert_int_equal(read_all(t->out, "block/sda/device/vpd_pg83", buf, sizeof(buf)),
			 sizeof(vpd83));
	assert_same_bytes(t, "block/sda/device/inquiry");
	assert_same_bytes(t, "block/sda/queue/logical_block_size");
	assert_same_bytes(t, "block/sda/holders/dm-0/dm/name");
	assert_same_bytes(t, "block/dm-0/slaves/sda/device/model");
	assert_same_bytes(t, "class/scsi_host/host0/proc_name");
	assert_same_bytes(t, DEV "/scsi_disk/0:0:0:0/cache_type");
	assert_same_bytes(t, "devices/pci0000:00/0000:00:01.0/vendor");
	assert_true(exists(t->out, DEV "/block/sda/slaves"));
	assert_true(exists(t->out, DM "/holders"));

	/* Loops and escapes are copied as links but not followed. */
	assert_same_link(t, "block/sdx");
	assert_same_link(t, "block/sdy");
	assert_same_link(t, "block/sdo");
	assert_true(st.unresolved >= 4);

	/* Left out: deny-listed, write-only, over the bound, FIFO, not in the rules. */
	assert_false(exists(t->out, DEV "/delete"));
	assert_false(exists(t->out, DEV "/rescan"));
	assert_false(exists(t->out, DEV "/state"));
	assert_false(exists(t->out, DEV "/wwid"));
	assert_false(exists(t->out, DEV "/rev"));
	assert_false(exists(t->out, DEV "/block/sda/stat"));
	assert_false(exists(t->out, "devices/pci0000:00/0000:00:01.0/host0/scan"));
	assert_false(exists(t->out, "devices/pci0000:00/0000:00:01.0/rescan"));
	assert_false(exists(t->out, "block/loop0"));
	assert_false(exists(t->out, "devices/virtual/block/loop0"));
	assert_int_equal(st.unreadable, 1);
	assert_int_equal(st.too_big, 1);
	assert_true(st.files >= 15);
	assert_true(st.links >= 12);
}

static void test_capture_refuses_nonempty_output(void **state)
{
	struct tree *t = *state;
	struct capture_sink *sink = NULL;
	char err[256] = "";

	assert_int_equal(capture_sink_dir_open(t->src, &sink, err, sizeof(err)), -EEXIST);
	assert_null(sink);
	assert_non_null(strstr(err, "not empty"));
}

static void test_capture_missing_root(void **state)
{
	struct tree *t = *state;
	struct capture_sink *sink;
	struct capture_stats st;
	char err[256] = "", missing[PATH_MAX];

	assert_true(snprintf(missing, sizeof(missing), "%s/nope", t->top) < (int)sizeof(missing));
	assert_int_equal(capture_sink_dir_open(t->out, &sink, err, sizeof(err)), 0);
	assert_int_equal(capture_run(missing, sink, &st, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "nope"));
	sink->ops->close(sink, 0);
}

static void test_deny_list(void **state)
{
	(void)state;
	assert_true(capture_name_denied("delete"));
	assert_true(capture_name_denied("rescan"));
	assert_true(capture_name_denied("unbind"));
	assert_false(capture_name_denied("state"));
	assert_false(capture_name_denied("uevent"));
	assert_string_equal(capture_ancestor_kind("host12"), "host");
	assert_string_equal(capture_ancestor_kind("rport-2:0-1"), "host");
	assert_null(capture_ancestor_kind("block"));
}

static unsigned header_sum(const unsigned char *h)
{
	unsigned sum = 0;

	for (int i = 0; i < TAR_BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return sum;
}

static void test_tar_header(void **state)
{
	unsigned char h[TAR_BLOCK];
	char longname[300], chk[8];

	(void)state;
	assert_int_equal(
	    tar_header(h, "block/sda", "../devices/x/block/sda", TAR_SYMLINK, 0777, 0, 1700000000),
	    0);
	assert_string_equal((char *)h, "block/sda");
	assert_string_equal((char *)h + 157, "../devices/x/block/sda");
	assert_int_equal(h[156], '2');
	assert_memory_equal(h + 257,
			    "ustar\0"
			    "00",
			    8);
	assert_true(snprintf(chk, sizeof(chk), "%06o", header_sum(h)) < (int)sizeof(chk));
	assert_memory_equal(h + 148, chk, 6);

	/* 150 characters: split into prefix and name at a '/'. */
	memset(longname, 'a', 149);
	longname[60] = '/';
	longname[149] = '\0';
	assert_int_equal(tar_header(h, longname, NULL, TAR_FILE, 0644, 5, 0), 0);
	assert_memory_equal(h + 345, longname, 60);
	assert_string_equal((char *)h, longname + 61);
	assert_memory_equal(h + 124, "00000000005", 12);

	/* No usable '/': a GNU long-name record is needed. */
	memset(longname, 'b', 250);
	longname[250] = '\0';
	assert_int_equal(tar_header(h, longname, NULL, TAR_FILE, 0644, 0, 0), -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_capture_dir, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_capture_refuses_nonempty_output, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_capture_missing_root, setup, teardown),
	    cmocka_unit_test(test_deny_list),
	    cmocka_unit_test(test_tar_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
