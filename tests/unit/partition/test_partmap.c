/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Partition maps: names and uuids as kpartx makes them, the plan, and the
 * sync/remove through the recording dm fake (what reaches device-mapper).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/diag.h"
#include "dm/dm_fake.h"
#include "fixture.h"
#include "partition/partmap.h"
#include "partition/partsync.h"

static const char *dir = FIXTURE_DIR;

#define WWID "36001405a1b2c3d4e5f60718293a4b5c6"
#define MAP_TABLE "0 131072 multipath 0 0 1 1 round-robin 0 1 1 8:16 1"

static void test_names(void **state)
{
	char buf[128];

	(void)state;
	assert_int_equal(mp_part_map_name("mpatha", "-part", 1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "mpatha-part1");
	/* kpartx's own rule: "p" only after a trailing digit */
	assert_int_equal(mp_part_map_name("mpatha", NULL, 5, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "mpatha5");
	assert_int_equal(mp_part_map_name(WWID, NULL, 2, buf, sizeof(buf)), 0);
	assert_string_equal(buf, WWID "p2");
	/* an empty partition_delimiter is used as is */
	assert_int_equal(mp_part_map_name("disk9", "", 3, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "disk93");

	char longname[128];
	memset(longname, 'x', 125);
	longname[125] = '\0';
	assert_int_equal(mp_part_map_name(longname, "-part", 1, buf, sizeof(buf)), -ENAMETOOLONG);
	assert_int_equal(mp_part_map_name("", "-part", 1, buf, sizeof(buf)), -EINVAL);

	assert_int_equal(mp_part_map_uuid("mpath-" WWID, 12, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "part12-mpath-" WWID);
	assert_int_equal(mp_part_uuid_number("part12-mpath-" WWID, "mpath-" WWID), 12);
	assert_int_equal(mp_part_uuid_number("part1-mpath-" WWID "0", "mpath-" WWID), 0);
	assert_int_equal(mp_part_uuid_number("part01-mpath-" WWID, "mpath-" WWID), 0);
	assert_int_equal(mp_part_uuid_number("part0-mpath-" WWID, "mpath-" WWID), 0);
	assert_int_equal(mp_part_uuid_number("part999-mpath-" WWID, "mpath-" WWID), 0);
	assert_int_equal(mp_part_uuid_number("mpath-" WWID, "mpath-" WWID), 0);
}

static void load_table(const char *name, struct mp_part_table *t)
{
	struct mp_part_source src;
	struct fixture f;

	fixture_load(dir, name, &f);
	fixture_source(&f, &src);
	assert_true(mp_part_read_table(&src, t, NULL) > 0);
	fixture_free(&f);
}

static void test_want(void **state)
{
	struct mp_part_parent p = {"mpatha", "mpath-" WWID, 253, 3, 131072};
	struct mp_part_map want[MP_PART_MAX];
	struct mp_diags d = {0};
	struct mp_part_table t;

	(void)state;
	load_table("dos-logical", &t);
	assert_int_equal(mp_part_want(&t, &p, "-part", want, NULL), 4);
	assert_string_equal(want[1].name, "mpatha-part2");
	assert_string_equal(want[1].uuid, "part2-mpath-" WWID);
	assert_int_equal(want[1].table.length, 2); /* the extended partition */
	assert_string_equal(want[2].name, "mpatha-part5");
	assert_int_equal(want[2].table.major, 253);
	assert_int_equal(want[2].table.minor, 3);
	assert_int_equal(want[2].table.offset, 20480);
	assert_int_equal(want[2].table.length, 16384);

	/* A map smaller than its table (LUN shrunk): the last one is left out. */
	p.sectors = 100000;
	assert_int_equal(mp_part_want(&t, &p, "-part", want, &d), 3);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_WARNING), 1);
	mp_diags_clear(&d);
}

static void test_plan(void **state)
{
	struct mp_part_map want[3] = {
		{"m-part1", "part1-mpath-x", 1, {100, 253, 0, 10}},
		{"m-part2", "part2-mpath-x", 2, {200, 253, 0, 110}},
		{"m-part3", "part3-mpath-x", 3, {300, 253, 0, 310}},
	};
	struct mp_part_have have[3] = {
		{"m-part1", 1, true, {100, 253, 0, 10}, 0},  /* as wanted */
		{"old-part2", 2, true, {150, 253, 0, 110}, 0}, /* renamed map, resized */
		{"m-part4", 4, true, {10, 253, 0, 900}, 0},  /* partition gone */
	};
	struct mp_part_action *a = NULL;
	int n;

	(void)state;
	n = mp_part_plan(want, 3, have, 3, 0, &a);
	assert_int_equal(n, 4);
	assert_int_equal(a[0].op, MP_PART_OP_REMOVE);
	assert_string_equal(a[0].name, "m-part4");
	assert_int_equal(a[1].op, MP_PART_OP_RENAME);
	assert_string_equal(a[1].name, "old-part2");
	assert_string_equal(a[1].map.name, "m-part2");
	assert_int_equal(a[2].op, MP_PART_OP_RELOAD);
	assert_string_equal(a[2].name, "m-part2");
	assert_int_equal(a[3].op, MP_PART_OP_CREATE);
	assert_string_equal(a[3].map.name, "m-part3");
	free(a);

	/* kpartx -a keeps maps of partitions that are gone */
	n = mp_part_plan(want, 3, have, 3, MP_PART_KEEP_STALE, &a);
	assert_int_equal(n, 3);
	assert_int_not_equal(a[0].op, MP_PART_OP_REMOVE);
	free(a);

	/* nothing to do */
	n = mp_part_plan(want, 1, have, 1, 0, &a);
	assert_int_equal(n, 0);
	assert_null(a);
}

static struct mp_dm *fake_with_map(void)
{
	struct mp_dm *dm;

	assert_int_equal(mp_dm_fake_new(&dm), 0);
	assert_int_equal(mp_dm_fake_add_map(dm, "mpatha", "mpath-" WWID, MAP_TABLE), 0);
	return dm;
}

static void test_sync_and_remove(void **state)
{
	struct mp_part_parent_info pi;
	struct mp_part_result *res = NULL;
	struct mp_part_table t;
	struct mp_dm_map m;
	size_t n = 0;
	struct mp_dm *dm = fake_with_map();

	(void)state;
	assert_int_equal(mp_part_parent_get(dm, "mpatha", &pi), 0);
	assert_int_equal(pi.p.sectors, 131072);
	load_table("gpt-5", &t);
	assert_int_equal(mp_part_sync(dm, &pi.p, &t, "-part", 0, &res, &n), 0);
	assert_int_equal(n, 5);
	free(res);
	assert_string_equal(mp_dm_fake_calls(dm),
			    "create mpatha-part1 part1-mpath-" WWID " 0 16384 linear 253:0 2048\n"
			    "create mpatha-part2 part2-mpath-" WWID " 0 16384 linear 253:0 18432\n"
			    "create mpatha-part3 part3-mpath-" WWID " 0 16384 linear 253:0 34816\n"
			    "create mpatha-part4 part4-mpath-" WWID " 0 16384 linear 253:0 51200\n"
			    "create mpatha-part5 part5-mpath-" WWID " 0 63455 linear 253:0 67584\n");
	/* the partition maps hold the multipath map open */
	assert_int_equal(mp_dm_get_map(dm, "mpatha", &m), 0);
	assert_int_equal(m.open_count, 5);
	/* partition maps are not multipath maps */
	struct mp_dm_map *maps;
	size_t n_maps;
	assert_int_equal(mp_dm_list_maps(dm, &maps, &n_maps), 0);
	assert_int_equal(n_maps, 1);
	free(maps);

	/* Again: nothing to do. */
	mp_dm_fake_clear_calls(dm);
	assert_int_equal(mp_part_sync(dm, &pi.p, &t, "-part", 0, &res, &n), 0);
	assert_int_equal(n, 0);
	assert_string_equal(mp_dm_fake_calls(dm), "");

	/* The table changed: partition 5 shrank, 4 went away. */
	t.parts[4].size -= 1000;
	t.parts[3] = t.parts[4];
	t.n = 4;
	assert_int_equal(mp_part_sync(dm, &pi.p, &t, "-part", 0, &res, &n), 0);
	free(res);
	assert_string_equal(mp_dm_fake_calls(dm),
			    "remove mpatha-part4\n"
			    "reload mpatha-part5 0 62455 linear 253:0 67584\n");

	/* A mounted partition: nothing is removed, the open one is named. */
	mp_dm_fake_clear_calls(dm);
	assert_int_equal(mp_dm_fake_set_open_count(dm, "mpatha-part2", 1), 0);
	assert_int_equal(mp_part_remove_all(dm, "mpath-" WWID, 0, &res, &n), -EBUSY);
	assert_int_equal(n, 1);
	assert_string_equal(res[0].action.name, "mpatha-part2");
	assert_int_equal(res[0].result, -EBUSY);
	free(res);
	assert_string_equal(mp_dm_fake_calls(dm), "");

	assert_int_equal(mp_dm_fake_set_open_count(dm, "mpatha-part2", 0), 0);
	assert_int_equal(mp_part_remove_all(dm, "mpath-" WWID, 0, &res, &n), 0);
	assert_int_equal(n, 4);
	free(res);
	assert_string_equal(mp_dm_fake_calls(dm), "remove mpatha-part5\n"
						  "remove mpatha-part3\n"
						  "remove mpatha-part2\n"
						  "remove mpatha-part1\n");
	assert_int_equal(mp_dm_get_map(dm, "mpatha", &m), 0);
	assert_int_equal(m.open_count, 0);
	assert_int_equal(mp_dm_remove(dm, "mpatha", 0), 0);
	mp_dm_free(dm);
}

/* A failed create does not stop the others, and the first error is returned. */
static void test_sync_failure(void **state)
{
	struct mp_part_parent_info pi;
	struct mp_part_result *res = NULL;
	struct mp_part_table t;
	size_t n = 0;
	struct mp_dm *dm = fake_with_map();

	(void)state;
	assert_int_equal(mp_part_parent_get(dm, "mpatha", &pi), 0);
	load_table("dos-logical", &t);
	assert_int_equal(mp_dm_fake_fail_next(dm, "create", EIO), 0);
	assert_int_equal(mp_part_sync(dm, &pi.p, &t, NULL, 0, &res, &n), -EIO);
	assert_int_equal(n, 4);
	assert_int_equal(res[0].result, -EIO);
	assert_int_equal(res[1].result, 0);
	assert_string_equal(res[3].action.map.name, "mpatha6");
	free(res);
	mp_dm_free(dm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_want),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_sync_and_remove),
		cmocka_unit_test(test_sync_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
