/* SPDX-License-Identifier: GPL-2.0-or-later */
/* desired vs current -> actions. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "fixture.h"
#include "topology/plan.h"

struct world {
	struct mp_path p[3];
	struct mp_map want;   /* sda + sdb + sdc */
	struct mp_map before; /* sda + sdb: what the kernel has after sdc appeared */
};

static void build(struct world *w)
{
	struct mp_map_settings s;
	size_t idx[3] = {0, 1, 2};

	w->p[0] = fx_path("sda", 8, 0, 2, "3600a", MP_ALUA_ACTIVE_OPTIMIZED);
	w->p[1] = fx_path("sdb", 8, 16, 3, "3600a", MP_ALUA_STANDBY);
	w->p[2] = fx_path("sdc", 8, 32, 4, "3600a", MP_ALUA_ACTIVE_OPTIMIZED);
	mp_map_settings_init(&s);
	s.pgpolicy = MP_PGP_GROUP_BY_PRIO;
	assert_int_equal(mp_map_build_one(w->p, idx, 3, &s, "mpatha", "bindings", &w->want), 0);
	assert_int_equal(mp_map_build_one(w->p, idx, 2, &s, "mpatha", "bindings", &w->before), 0);
}

static void teardown_world(struct world *w, struct mp_plan *plan)
{
	mp_plan_clear(plan);
	mp_map_clear(&w->want);
	mp_map_clear(&w->before);
}

static void create_new_map(void **state)
{
	struct world w;
	struct mp_plan plan;

	(void)state;
	build(&w);
	assert_int_equal(mp_plan_build(&w.want, 1, NULL, 0, NULL, &plan), 1);
	assert_int_equal(plan.actions[0].kind, MP_ACT_CREATE);
	assert_string_equal(plan.actions[0].name, "mpatha");
	assert_string_equal(plan.actions[0].uuid, "mpath-3600a");
	assert_string_equal(plan.actions[0].reason, "new map");
	assert_ptr_equal(plan.actions[0].map, &w.want);
	teardown_world(&w, &plan);
}

static void nothing_when_equal(void **state)
{
	struct world w;
	struct mp_plan plan;
	struct mp_dm_table copy;
	struct mp_current_map cur = {"mpatha", "mpath-3600a", &copy, 1, 0};

	(void)state;
	build(&w);
	/* what `dmsetup table` gives back, parsed: equal to what we would load */
	char *text = mp_dm_table_format(&w.want.table);
	assert_int_equal(mp_dm_table_parse(text, &copy), 0);
	free(text);
	assert_int_equal(mp_plan_build(&w.want, 1, &cur, 1, NULL, &plan), 1);
	assert_int_equal(plan.actions[0].kind, MP_ACT_NOTHING);
	assert_string_equal(plan.actions[0].reason, "table up to date");
	mp_dm_table_clear(&copy);
	teardown_world(&w, &plan);
}

static void reload_on_added_path(void **state)
{
	struct world w;
	struct mp_plan plan;
	struct mp_current_map cur = {"mpatha", "mpath-3600a", NULL, 1, 0};

	(void)state;
	build(&w);
	cur.table = &w.before.table;
	assert_int_equal(mp_plan_build(&w.want, 1, &cur, 1, NULL, &plan), 1);
	assert_int_equal(plan.actions[0].kind, MP_ACT_RELOAD);
	assert_string_equal(plan.actions[0].reason, "path 8:32 added");
	mp_plan_clear(&plan);
	/* the other way round: a path went away */
	cur.table = &w.want.table;
	assert_int_equal(mp_plan_build(&w.before, 1, &cur, 1, NULL, &plan), 1);
	assert_int_equal(plan.actions[0].kind, MP_ACT_RELOAD);
	assert_string_equal(plan.actions[0].reason, "path 8:32 removed");
	teardown_world(&w, &plan);
}

static void reload_reason_features(void **state)
{
	struct world w;
	struct mp_plan plan;
	struct mp_current_map cur = {"mpatha", "mpath-3600a", NULL, 1, 0};
	struct mp_map queued;
	size_t idx[3] = {0, 1, 2};

	(void)state;
	build(&w);
	queued.settings = w.want.settings;
	queued.settings.no_path_retry = MP_NPR_QUEUE;
	assert_int_equal(mp_map_build_one(w.p, idx, 3, &queued.settings, "mpatha", "b", &queued), 0);
	cur.table = &w.want.table;
	/* queueing alone is runtime state: a message, not a reload */
	assert_int_equal(mp_plan_build(&queued, 1, &cur, 1, NULL, &plan), 1);
	assert_int_equal(plan.actions[0].kind, MP_ACT_MESSAGE);
	assert_string_equal(plan.actions[0].message, "queue_if_no_path");
	assert_string_equal(plan.actions[0].reason, "queueing differs: off -> on");
	mp_plan_clear(&plan);
	mp_map_clear(&queued);
	struct mp_map_settings s = w.want.settings;
	MP_SETTING_SET(&s, features, "2 pg_init_retries 50", "devices section (t:1)");
	assert_int_equal(mp_map_build_one(w.p, idx, 3, &s, "mpatha", "b", &queued), 0);
	assert_int_equal(mp_plan_build(&queued, 1, &cur, 1, NULL, &plan), 1);
	assert_int_equal(plan.actions[0].kind, MP_ACT_RELOAD);
	assert_string_equal(plan.actions[0].reason,
			    "features differ: '0' -> '2 pg_init_retries 50'");
	mp_map_clear(&queued);
	teardown_world(&w, &plan);
}

static void rename_then_reload(void **state)
{
	struct world w;
	struct mp_plan plan;
	struct mp_current_map cur = {"3600a", "mpath-3600a", NULL, 0, 0};

	(void)state;
	build(&w);
	cur.table = &w.before.table;
	assert_int_equal(mp_plan_build(&w.want, 1, &cur, 1, NULL, &plan), 2);
	assert_int_equal(plan.actions[0].kind, MP_ACT_RENAME);
	assert_string_equal(plan.actions[0].name, "3600a");
	assert_string_equal(plan.actions[0].new_name, "mpatha");
	assert_int_equal(plan.actions[1].kind, MP_ACT_RELOAD);
	assert_string_equal(plan.actions[1].name, "mpatha");
	mp_plan_clear(&plan);
	/* the name is taken by another map: no rename, table up to date */
	struct mp_current_map two[2] = {{"3600a", "mpath-3600a", &w.want.table, 0, 0},
					{"mpatha", "mpath-other", NULL, 0, 1}};
	assert_int_equal(mp_plan_build(&w.want, 1, two, 2, NULL, &plan), 2);
	assert_int_equal(plan.actions[0].kind, MP_ACT_NOTHING);
	assert_non_null(strstr(plan.actions[0].reason, "name in use"));
	/* mpath-other has no desired map and we are not flushing */
	assert_int_equal(plan.actions[1].kind, MP_ACT_NOTHING);
	assert_string_equal(plan.actions[1].reason, "no paths left; not flushing");
	teardown_world(&w, &plan);
}

static void remove_only_when_flushing_and_unused(void **state)
{
	struct world w;
	struct mp_plan plan;
	struct mp_plan_options flush = {.flush = true};
	struct mp_current_map cur[3] = {
		{"old", "mpath-gone", NULL, 0, 3},
		{"busy", "mpath-busy", NULL, 2, 4},
		{"vg-root", "LVM-abc", NULL, 0, 5}, /* not ours: never touched */
	};

	(void)state;
	build(&w);
	assert_int_equal(mp_plan_build(&w.want, 1, cur, 3, &flush, &plan), 3);
	assert_int_equal(plan.actions[0].kind, MP_ACT_REMOVE);
	assert_string_equal(plan.actions[0].name, "old");
	assert_int_equal(plan.actions[1].kind, MP_ACT_CREATE);
	assert_int_equal(plan.actions[2].kind, MP_ACT_NOTHING);
	assert_string_equal(plan.actions[2].name, "busy");
	assert_non_null(strstr(plan.actions[2].reason, "open count 2"));
	assert_string_equal(mp_action_name(plan.actions[0].kind), "remove");
	teardown_world(&w, &plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_new_map),
		cmocka_unit_test(nothing_when_equal),
		cmocka_unit_test(reload_on_added_path),
		cmocka_unit_test(reload_reason_features),
		cmocka_unit_test(rename_then_reload),
		cmocka_unit_test(remove_only_when_flushing_and_unused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
