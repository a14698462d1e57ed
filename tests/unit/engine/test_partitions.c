/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Flushing a map with partition maps (lib/engine/partitions.c) through the
 * dm fake: partitions go first, and an open one stops the whole flush. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "common/diag.h"
#include "config/config.h"
#include "dm/dm_fake.h"
#include "engine/engine.h"
#include "topology/settings_config.h"

#define UUID "mpath-36001405aabbccdd"

static void test_flush_with_partitions(void **state)
{
	struct mp_diags d = {0};
	struct mp_engine e = {0};
	struct mp_dm *dm;

	(void)state;
	assert_int_equal(mp_dm_fake_new(&dm), 0);
	e.dm = dm;
	assert_int_equal(mp_dm_fake_add_map(dm, "mpatha", UUID,
					    "0 4096 multipath 0 0 1 1 round-robin 0 1 1 8:16 1"),
			 0);
	assert_int_equal(mp_dm_fake_add_map(dm, "mpatha-part1", "part1-" UUID,
					    "0 1000 linear 253:0 34"),
			 0);
	assert_int_equal(mp_dm_fake_add_map(dm, "mpatha-part2", "part2-" UUID,
					    "0 1000 linear 253:0 1034"),
			 0);
	/* a map of someone else's: left alone */
	assert_int_equal(mp_dm_fake_add_map(dm, "other", "part1-mpath-3600other",
					    "0 10 linear 8:0 0"),
			 0);
	assert_int_equal(mp_dm_fake_set_open_count(dm, "mpatha-part2", 1), 0);

	assert_int_equal(mp_engine_remove_map(&e, "mpatha", 0, &d), -EBUSY);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR), 1);
	assert_non_null(strstr(d.items[0].message, "mpatha-part2 is open"));
	assert_string_equal(mp_dm_fake_calls(dm), "");
	mp_diags_clear(&d);

	assert_int_equal(mp_dm_fake_set_open_count(dm, "mpatha-part2", 0), 0);
	assert_int_equal(mp_engine_remove_map(&e, "mpatha", 0, &d), 0);
	assert_string_equal(mp_dm_fake_calls(dm), "remove mpatha-part2\n"
						  "remove mpatha-part1\n"
						  "remove mpatha\n");
	for (size_t i = 0; i < d.n; i++)
		if (d.items[i].severity == MP_DIAG_ERROR)
			fail_msg("%s:%d: %s", d.items[i].source, d.items[i].line, d.items[i].message);
	/* manage_partitions off: no device is read, nothing happens */
	assert_int_equal(mp_engine_partitions_sync(&e, "other", NULL, &d), 0);
	mp_diags_clear(&d);
	mp_dm_free(dm);
}

/* skip_kpartx per map/device/defaults and partition_delimiter reach the settings. */
static void settings_for(const char *conf, const char *wwid, struct mp_map_settings *ret)
{
	struct mp_device_id id = {.vendor = "LIO-ORG", .product = "ramdisk", .wwid = wwid};
	struct mp_config *cfg;
	struct mp_resolved *r;
	struct mp_diags d = {0};

	assert_int_equal(mp_config_new(&cfg), 0);
	assert_true(mp_config_load_string(cfg, "test.conf", conf, &d) >= 0);
	for (size_t i = 0; i < d.n; i++)
		if (d.items[i].severity == MP_DIAG_ERROR)
			fail_msg("%s:%d: %s", d.items[i].source, d.items[i].line, d.items[i].message);
	assert_int_equal(mp_config_resolve(cfg, &id, &r), 0);
	assert_int_equal(mp_map_settings_from_resolved(r, ret, NULL), 0);
	mp_resolved_free(r);
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

static void test_settings(void **state)
{
	struct mp_map_settings s;

	(void)state;
	settings_for("defaults {\n}\n", "3600a", &s);
	assert_false(s.skip_kpartx);
	assert_false(s.partition_delimiter_set);

	settings_for("defaults {\n partition_delimiter _p\n}\n"
		     "multipaths {\n multipath {\n  wwid 3600a\n  skip_kpartx yes\n }\n}\n",
		     "3600a", &s);
	assert_true(s.skip_kpartx);
	assert_non_null(strstr(s.skip_kpartx_origin, "multipaths"));
	assert_true(s.partition_delimiter_set);
	assert_string_equal(s.partition_delimiter, "_p");

	settings_for("defaults {\n skip_kpartx yes\n partition_delimiter /UNSET/\n}\n"
		     "devices {\n device {\n  vendor LIO-ORG\n  product ramdisk\n  skip_kpartx no\n }\n}\n",
		     "3600b", &s);
	assert_false(s.skip_kpartx); /* devices beats defaults */
	assert_false(s.partition_delimiter_set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flush_with_partitions),
		cmocka_unit_test(test_settings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
