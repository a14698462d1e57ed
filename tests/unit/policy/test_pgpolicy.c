/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../topology/fixture.h"
#include "policy/pgpolicy.h"

#define N 4
struct world {
	struct mp_path p[N];
	const struct mp_path *ptr[N];
};

/* sda h2 A/O, sdb h3 standby, sdc h4 A/O, sdd h5 standby: two controllers */
static void setup_world(struct world *w)
{
	static const enum mp_alua_state st[N] = {MP_ALUA_ACTIVE_OPTIMIZED, MP_ALUA_STANDBY,
						 MP_ALUA_ACTIVE_OPTIMIZED, MP_ALUA_STANDBY};
	static const int prio[N] = {50, 1, 50, 1};
	char dev[8];

	for (int i = 0; i < N; i++) {
		snprintf(dev, sizeof(dev), "sd%c", 'a' + i);
		w->p[i] = fx_path(dev, 8, (unsigned)i * 16, 2 + i, "3600", st[i]);
		w->p[i].prio = prio[i];
		w->ptr[i] = &w->p[i];
	}
}

static void assert_members(const struct mp_pg *g, size_t n, const size_t *want)
{
	assert_int_equal(g->n, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(g->members[i], want[i]);
}

static void failover_orders_by_prio(void **state)
{
	struct world w;
	struct mp_pg_set s;

	(void)state;
	setup_world(&w);
	w.p[2].prio = 10;
	assert_int_equal(mp_pgpolicy_group(MP_PGP_FAILOVER, w.ptr, N, &s), 4);
	/* 50, 10, then the two prio-1 paths in discovery order */
	assert_members(&s.groups[0], 1, (size_t[]){0});
	assert_members(&s.groups[1], 1, (size_t[]){2});
	assert_members(&s.groups[2], 1, (size_t[]){1});
	assert_members(&s.groups[3], 1, (size_t[]){3});
	assert_string_equal(s.groups[1].key, "path sdc");
	mp_pg_set_clear(&s);
	assert_null(s.groups);
}

static void multibus_one_group_average(void **state)
{
	struct world w;
	struct mp_pg_set s;

	(void)state;
	setup_world(&w);
	assert_int_equal(mp_pgpolicy_group(MP_PGP_MULTIBUS, w.ptr, N, &s), 1);
	assert_members(&s.groups[0], 4, (size_t[]){0, 1, 2, 3});
	assert_int_equal(s.groups[0].prio, (50 + 1 + 50 + 1) / 4);
	mp_pg_set_clear(&s);
}

static void group_by_prio_two_groups(void **state)
{
	struct world w;
	struct mp_pg_set s;

	(void)state;
	setup_world(&w);
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_PRIO, w.ptr, N, &s), 2);
	assert_members(&s.groups[0], 2, (size_t[]){0, 2});
	assert_members(&s.groups[1], 2, (size_t[]){1, 3});
	assert_int_equal(s.groups[0].prio, 50);
	assert_int_equal(s.groups[1].prio, 1);
	assert_string_equal(s.groups[0].key, "prio 50");
	mp_pg_set_clear(&s);
}

static void group_by_serial_node_tpg(void **state)
{
	struct world w;
	struct mp_pg_set s;

	(void)state;
	setup_world(&w);
	/* serial and node name follow host parity: {sda,sdc} and {sdb,sdd} */
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_SERIAL, w.ptr, N, &s), 2);
	assert_members(&s.groups[0], 2, (size_t[]){0, 2});
	assert_string_equal(s.groups[0].key, "serial serial0");
	mp_pg_set_clear(&s);
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_NODE_NAME, w.ptr, N, &s), 2);
	assert_members(&s.groups[1], 2, (size_t[]){1, 3});
	mp_pg_set_clear(&s);
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_TPG, w.ptr, N, &s), 2);
	assert_members(&s.groups[0], 2, (size_t[]){0, 2});
	assert_string_equal(s.groups[0].key, "tpg 1");
	mp_pg_set_clear(&s);
}

static void down_paths_do_not_count(void **state)
{
	struct world w;
	struct mp_pg_set s;

	(void)state;
	setup_world(&w);
	/* the optimized group loses one path: average of the remaining one stays 50 */
	w.p[0].state = MP_PATH_DOWN;
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_PRIO, w.ptr, N, &s), 2);
	assert_int_equal(s.groups[0].prio, 50);
	assert_int_equal(s.groups[0].n_usable, 1);
	mp_pg_set_clear(&s);
	/* all of it down: prio 0, the standby group goes first */
	w.p[2].state = MP_PATH_DOWN;
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_PRIO, w.ptr, N, &s), 2);
	assert_members(&s.groups[0], 2, (size_t[]){1, 3});
	assert_int_equal(s.groups[1].prio, 0);
	mp_pg_set_clear(&s);
}

static void ties_prefer_more_usable_then_order(void **state)
{
	struct world w;
	struct mp_pg_set s;

	(void)state;
	setup_world(&w);
	for (int i = 0; i < N; i++)
		w.p[i].prio = 5;
	w.p[0].state = MP_PATH_DOWN; /* serial0 group: 1 usable, serial1 group: 2 */
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_SERIAL, w.ptr, N, &s), 2);
	assert_string_equal(s.groups[0].key, "serial serial1");
	mp_pg_set_clear(&s);
	w.p[0].state = MP_PATH_UP;
	assert_int_equal(mp_pgpolicy_group(MP_PGP_GROUP_BY_SERIAL, w.ptr, N, &s), 2);
	assert_string_equal(s.groups[0].key, "serial serial0");
	mp_pg_set_clear(&s);
}

static void names_and_errors(void **state)
{
	enum mp_pgpolicy p;
	struct mp_pg_set s = {0};

	(void)state;
	assert_int_equal(mp_pgpolicy_from_name("group_by_tpg", &p), 0);
	assert_int_equal(p, MP_PGP_GROUP_BY_TPG);
	assert_string_equal(mp_pgpolicy_name(MP_PGP_GROUP_BY_NODE_NAME), "group_by_node_name");
	assert_int_equal(mp_pgpolicy_from_name("nope", &p), -EINVAL);
	assert_int_equal(mp_pgpolicy_group((enum mp_pgpolicy)42, NULL, 0, &s), -EINVAL);
	assert_int_equal(mp_pgpolicy_group(MP_PGP_FAILOVER, NULL, 0, &s), 0);
	assert_int_equal(s.n, 0);
	mp_pg_set_clear(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failover_orders_by_prio),
		cmocka_unit_test(multibus_one_group_average),
		cmocka_unit_test(group_by_prio_two_groups),
		cmocka_unit_test(group_by_serial_node_tpg),
		cmocka_unit_test(down_paths_do_not_count),
		cmocka_unit_test(ties_prefer_more_usable_then_order),
		cmocka_unit_test(names_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
