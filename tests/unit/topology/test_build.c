/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snapshot + callbacks -> desired maps. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "fixture.h"
#include "topology/map.h"

static int settings_cb(void *data, const struct mp_path *first, struct mp_map_settings *ret)
{
	(void)data;
	ret->pgpolicy = MP_PGP_GROUP_BY_PRIO;
	if (streq(first->wwid, "wwid-alias"))
		MP_SETTING_SET(ret, alias, "db_lun", "multipaths section (test.conf:7)");
	if (streq(first->wwid, "wwid-broken"))
		return -EINVAL; /* the WWID is skipped, not the whole build */
	return 0;
}

static int name_cb(void *data, const char *wwid, const struct mp_map_settings *s, char *buf,
		   size_t size)
{
	int *counter = data;

	(void)s;
	if (streq(wwid, "wwid-noname"))
		return -ENOENT;
	snprintf(buf, size, "mpath%c", 'a' + (*counter)++);
	return 0;
}

static int want_cb(void *data, const char *wwid, const struct mp_path *const *paths, size_t n)
{
	(void)data;
	(void)paths;
	/* a find_multipaths-like rule: single-path devices are not multipathed */
	return !streq(wwid, "wwid-local") && n >= 2;
}

static void builds_maps_in_devpath_order(void **state)
{
	struct mp_path p[] = {
		fx_path("sdk", 8, 160, 10, "wwid-b", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdc", 8, 32, 2, "wwid-b", MP_ALUA_STANDBY),
		fx_path("sdd", 8, 48, 3, "wwid-alias", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sde", 8, 64, 4, "wwid-alias", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sda", 8, 0, 1, "wwid-local", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdf", 8, 80, 5, "", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdg", 8, 96, 6, "wwid-single", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdh", 8, 112, 7, "wwid-noname", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdi", 8, 128, 8, "wwid-noname", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdj", 8, 144, 9, "wwid-broken", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdl", 8, 176, 11, "wwid-broken", MP_ALUA_ACTIVE_OPTIMIZED),
	};
	int counter = 0;
	struct mp_topology_ops ops = {settings_cb, name_cb, want_cb, &counter};
	struct mp_map_set set;

	(void)state;
	assert_int_equal(mp_topology_build(p, sizeof(p) / sizeof(p[0]), &ops, &set), 3);
	/* host2 (sdc) sorts before host10 (sdk): wwid-b comes first, standby path and all */
	assert_string_equal(set.maps[0].wwid, "wwid-b");
	assert_string_equal(set.maps[0].name, "mpatha");
	assert_int_equal(set.maps[0].n_groups, 2);
	assert_int_equal(set.maps[0].groups[0].members[0].path, 0); /* sdk, A/O */
	assert_int_equal(set.maps[0].groups[1].members[0].path, 1); /* sdc, standby */
	assert_string_equal(set.maps[1].name, "db_lun");
	assert_non_null(strstr(set.maps[1].name_origin, "multipaths section"));
	assert_int_equal(set.maps[1].n_groups, 1);
	assert_int_equal(set.maps[1].groups[0].n, 2);
	assert_string_equal(set.maps[2].name, "wwid-noname");
	assert_string_equal(set.maps[2].name_origin, "wwid (no alias)");
	assert_int_equal(counter, 1);
	mp_map_set_clear(&set);
	assert_int_equal(set.n, 0);
}

static void empty_and_invalid(void **state)
{
	struct mp_topology_ops ops = {settings_cb, NULL, NULL, NULL};
	struct mp_topology_ops bad = {NULL, NULL, NULL, NULL};
	struct mp_map_set set;

	(void)state;
	assert_int_equal(mp_topology_build(NULL, 0, &ops, &set), 0);
	mp_map_set_clear(&set);
	assert_int_equal(mp_topology_build(NULL, 0, &bad, &set), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builds_maps_in_devpath_order),
		cmocka_unit_test(empty_and_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
