/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../topology/fixture.h"
#include "policy/prio.h"

static struct mp_path alua_path(enum mp_alua_state st, bool pref)
{
	struct mp_path p = fx_path("sda", 8, 0, 2, "36001405aaaa", st);

	p.alua_preferred = pref;
	return p;
}

static int prio_of(const char *name, const char *args, const struct mp_path *p)
{
	struct mp_prio_result r;
	int rc = mp_prio_compute(name, args, p, &r);

	return rc < 0 ? rc : r.prio;
}

static void alua_state_values(void **state)
{
	(void)state;
	struct {
		enum mp_alua_state st;
		int want;
	} cases[] = {
		{MP_ALUA_ACTIVE_OPTIMIZED, 50}, {MP_ALUA_ACTIVE_NON_OPTIMIZED, 10},
		{MP_ALUA_LBA_DEPENDENT, 5},     {MP_ALUA_STANDBY, 1},
		{MP_ALUA_UNAVAILABLE, 0},       {MP_ALUA_OFFLINE, 0},
		{MP_ALUA_TRANSITIONING, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mp_path p = alua_path(cases[i].st, false);

		assert_int_equal(prio_of("alua", NULL, &p), cases[i].want);
		assert_int_equal(prio_of("sysfs", NULL, &p), cases[i].want);
	}
}

static void alua_preferred_bit(void **state)
{
	struct mp_path nao = alua_path(MP_ALUA_ACTIVE_NON_OPTIMIZED, true);
	struct mp_path ao = alua_path(MP_ALUA_ACTIVE_OPTIMIZED, true);
	struct mp_path sb = alua_path(MP_ALUA_STANDBY, true);
	struct mp_prio_result r;

	(void)state;
	assert_int_equal(prio_of("alua", NULL, &nao), 90);
	assert_int_equal(prio_of("alua", NULL, &sb), 81);
	/* an optimized group only gets the bonus with exclusive_pref_bit */
	assert_int_equal(prio_of("alua", NULL, &ao), 50);
	assert_int_equal(prio_of("alua", "exclusive_pref_bit", &ao), 130);
	assert_int_equal(prio_of("alua", "not_exclusive_pref_bit", &ao), 50);
	assert_int_equal(mp_prio_compute("alua", NULL, &nao, &r), 0);
	assert_non_null(strstr(r.reason, "preferred"));
}

static void alua_without_data(void **state)
{
	struct mp_path p = alua_path(MP_ALUA_ACTIVE_OPTIMIZED, false);
	struct mp_path u = alua_path(MP_ALUA_UNKNOWN, false);

	(void)state;
	p.tpgs = MP_TPGS_NONE;
	assert_int_equal(prio_of("alua", NULL, &p), -ENOTSUP);
	assert_int_equal(prio_of("alua", NULL, &u), -ENODATA);
	p.tpgs = MP_TPGS_IMPLICIT;
	snprintf(p.dh_state, sizeof(p.dh_state), "detached");
	assert_int_equal(prio_of("sysfs", NULL, &p), -ENODATA);
	assert_int_equal(prio_of("alua", NULL, &p), 50);
}

static void const_random_unknown(void **state)
{
	struct mp_path a = fx_path("sda", 8, 0, 2, "w", MP_ALUA_STANDBY);
	struct mp_path b = fx_path("sdb", 8, 16, 3, "w", MP_ALUA_STANDBY);
	int ra, rb, seen_diff = 0;

	(void)state;
	assert_int_equal(prio_of("const", NULL, &a), 1);
	assert_int_equal(prio_of("nosuch", NULL, &a), -ENOTSUP);
	assert_false(mp_prio_known("nosuch"));
	assert_true(mp_prio_known("weightedpath"));
	ra = prio_of("random", "seed1", &a);
	assert_int_equal(ra, prio_of("random", "seed1", &a)); /* deterministic */
	for (int i = 0; i < 20; i++) {
		char seed[16];

		snprintf(seed, sizeof(seed), "s%d", i);
		ra = prio_of("random", seed, &a);
		rb = prio_of("random", seed, &b);
		assert_in_range(ra, 1, 10);
		assert_in_range(rb, 1, 10);
		seen_diff += ra != rb;
	}
	assert_true(seen_diff > 0);
}

static void weightedpath_rules(void **state)
{
	struct mp_path h1 = fx_path("sda", 8, 0, 1, "w", MP_ALUA_STANDBY);
	struct mp_path h4 = fx_path("sdb", 8, 16, 4, "w", MP_ALUA_STANDBY);
	struct mp_path h3 = fx_path("sdd", 8, 48, 3, "w", MP_ALUA_STANDBY);
	struct mp_prio_result r;

	(void)state;
	assert_int_equal(prio_of("weightedpath", "hbtl 1:.:.:. 2 4:.:.:. 4", &h1), 2);
	assert_int_equal(prio_of("weightedpath", "hbtl 1:.:.:. 2 4:.:.:. 4", &h4), 4);
	assert_int_equal(prio_of("weightedpath", "hbtl 1:.:.:. 2 4:.:.:. 4", &h3), 0);
	assert_int_equal(prio_of("weightedpath", "devname sd[a-c] 10", &h4), 10);
	assert_int_equal(prio_of("weightedpath", "devname sd[a-c] 10", &h3), 0);
	/* first match wins */
	assert_int_equal(prio_of("weightedpath", "devname sd 7 sdb 9", &h4), 7);
	assert_int_equal(prio_of("weightedpath", "serial ^serial0$ 30", &h4), 30);
	assert_int_equal(prio_of("weightedpath", "serial ^serial0$ 30", &h3), 0);
	assert_int_equal(prio_of("weightedpath", "wwn :iqn.*:t0 5", &h4), 5);
	assert_int_equal(prio_of("weightedpath", NULL, &h4), 0);
	assert_int_equal(prio_of("weightedpath", "bogus x 1", &h4), -EINVAL);
	assert_int_equal(prio_of("weightedpath", "devname sd[a-c]", &h4), -EINVAL);
	assert_int_equal(prio_of("weightedpath", "devname sd[ 3", &h4), -EINVAL);
	assert_int_equal(prio_of("weightedpath", "devname sdb -3", &h4), -EINVAL);
	assert_int_equal(mp_prio_compute("weightedpath", "devname sd[a-c] 10", &h4, &r), 0);
	assert_non_null(strstr(r.reason, "sd[a-c]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alua_state_values),   cmocka_unit_test(alua_preferred_bit),
		cmocka_unit_test(alua_without_data),   cmocka_unit_test(const_random_unknown),
		cmocka_unit_test(weightedpath_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
