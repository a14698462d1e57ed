/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Desired maps and their exact dm tables. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "topology/map.h"

static char *table_of(struct mp_path *paths, size_t n, const struct mp_map_settings *s,
		      struct mp_map *m)
{
	size_t idx[8];

	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	assert_int_equal(mp_map_build_one(paths, idx, n, s, "mpatha", "test", m), 0);
	return mp_dm_table_format(&m->table);
}

static void alua_two_groups(void **state)
{
	struct mp_path p[2] = {
		fx_path("sda", 8, 0, 2, "36001405aa", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdb", 8, 16, 3, "36001405aa", MP_ALUA_STANDBY),
	};
	struct mp_map_settings s;
	struct mp_map m;
	char *t;

	(void)state;
	mp_map_settings_init(&s);
	s.pgpolicy = MP_PGP_GROUP_BY_PRIO;
	s.no_path_retry = MP_NPR_QUEUE;
	t = table_of(p, 2, &s, &m);
	assert_string_equal(t, "0 204800 multipath 1 queue_if_no_path 1 alua 2 1 "
			       "service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1");
	assert_int_equal(m.n_groups, 2);
	assert_int_equal(m.groups[0].prio, 50);
	assert_int_equal(m.groups[1].prio, 1);
	/* detect_prio chose sysfs (kernel handler attached); prio written back to the snapshot */
	assert_string_equal(m.groups[0].members[0].prio_by.name, "sysfs");
	assert_int_equal(p[1].prio, 1);
	/* hwhandler came from the attached kernel handler */
	assert_string_equal(m.settings.hwhandler, "1 alua");
	assert_non_null(strstr(m.settings.hwhandler_origin, "retain"));
	assert_string_equal(m.uuid, "mpath-36001405aa");
	free(t);
	mp_map_clear(&m);
}

static void standby_first_in_discovery_goes_second(void **state)
{
	struct mp_path p[3] = {
		fx_path("sda", 8, 0, 2, "w", MP_ALUA_STANDBY),
		fx_path("sdb", 8, 16, 3, "w", MP_ALUA_ACTIVE_OPTIMIZED),
		fx_path("sdc", 8, 32, 4, "w", MP_ALUA_ACTIVE_OPTIMIZED),
	};
	struct mp_map_settings s;
	struct mp_map m;
	char *t;

	(void)state;
	mp_map_settings_init(&s);
	s.pgpolicy = MP_PGP_GROUP_BY_PRIO;
	MP_SETTING_SET(&s, selector, "round-robin 0", "devices section (test:3)");
	s.rr_weight = MP_RR_WEIGHT_PRIORITIES;
	t = table_of(p, 3, &s, &m);
	/* repeat count = rr_min_io_rq (1) x prio */
	assert_string_equal(t, "0 204800 multipath 0 1 alua 2 1 round-robin 0 2 1 8:16 50 8:32 50 "
			       "round-robin 0 1 1 8:0 1");
	free(t);
	mp_map_clear(&m);
}

static void feature_rules(void **state)
{
	struct mp_map_settings s;
	char buf[128];

	(void)state;
	mp_map_settings_init(&s);
	MP_SETTING_SET(&s, features, "2 queue_if_no_path retain_attached_hw_handler", "x");
	assert_int_equal(mp_map_features_string(&s, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1 queue_if_no_path"); /* undef: features decide */
	s.no_path_retry = MP_NPR_FAIL;
	assert_int_equal(mp_map_features_string(&s, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0");
	s.no_path_retry = MP_NPR_COUNT;
	s.no_path_retry_n = 12;
	MP_SETTING_SET(&s, features, "2 pg_init_retries 50", "x");
	assert_int_equal(mp_map_features_string(&s, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "3 queue_if_no_path pg_init_retries 50");
}

static void non_alua_device_keeps_config(void **state)
{
	struct mp_path p[2] = {
		fx_path("sda", 8, 0, 2, "w", MP_ALUA_UNKNOWN),
		fx_path("sdb", 8, 16, 3, "w", MP_ALUA_UNKNOWN),
	};
	struct mp_map_settings s;
	struct mp_map m;
	char *t;

	(void)state;
	for (int i = 0; i < 2; i++) {
		p[i].tpgs = MP_TPGS_NONE;
		snprintf(p[i].dh_state, sizeof(p[i].dh_state), "detached");
	}
	mp_map_settings_init(&s);
	s.pgpolicy = MP_PGP_MULTIBUS;
	MP_SETTING_SET(&s, prio, "alua", "devices section (test:9)");
	t = table_of(p, 2, &s, &m);
	assert_string_equal(t, "0 204800 multipath 0 0 1 1 service-time 0 2 1 8:0 1 8:16 1");
	/* alua configured without TPGS: const fallback, not an error */
	assert_string_equal(m.groups[0].members[0].prio_by.name, "const");
	assert_int_equal(m.groups[0].prio, 1);
	free(t);
	mp_map_clear(&m);
}

static void user_prio_beats_detect_prio(void **state)
{
	struct mp_path p = fx_path("sda", 8, 0, 2, "w", MP_ALUA_ACTIVE_OPTIMIZED);
	struct mp_map_settings s;
	struct mp_path_choice c;

	(void)state;
	mp_map_settings_init(&s);
	mp_settings_path_prio(&s, &p, &c);
	assert_string_equal(c.name, "sysfs");
	snprintf(p.dh_state, sizeof(p.dh_state), "detached");
	mp_settings_path_prio(&s, &p, &c);
	assert_string_equal(c.name, "alua");
	assert_string_equal(c.origin, "detect_prio (ALUA device)");
	MP_SETTING_SET(&s, prio, "const", "built-in hardware table: LIO-ORG");
	mp_settings_path_prio(&s, &p, &c);
	assert_string_equal(c.name, "alua");
	MP_SETTING_SET(&s, prio, "weightedpath", "overrides section (/etc/multipath.conf:4)");
	mp_settings_path_prio(&s, &p, &c);
	assert_string_equal(c.name, "weightedpath");
	s.detect_prio = true;
	MP_SETTING_SET(&s, prio, "const", NULL);
	s.detect_prio = false;
	mp_settings_path_prio(&s, &p, &c);
	assert_string_equal(c.name, "const");
	mp_settings_path_checker(&s, &p, &c);
	assert_string_equal(c.name, "tur");
}

static void settings_parsers(void **state)
{
	enum mp_failback fb;
	enum mp_no_path_retry npr;
	int n;
	bool b;
	struct mp_map_settings s;
	struct mp_setting_item it;

	(void)state;
	assert_int_equal(mp_failback_parse("followover", &fb, &n), 0);
	assert_int_equal(fb, MP_FAILBACK_FOLLOWOVER);
	assert_int_equal(mp_failback_parse("30", &fb, &n), 0);
	assert_int_equal(fb, MP_FAILBACK_DEFERRED);
	assert_int_equal(n, 30);
	assert_int_equal(mp_failback_parse("soon", &fb, &n), -EINVAL);
	assert_int_equal(mp_no_path_retry_parse("0", &npr, &n), 0);
	assert_int_equal(npr, MP_NPR_FAIL);
	assert_int_equal(mp_no_path_retry_parse("queue", &npr, &n), 0);
	assert_int_equal(npr, MP_NPR_QUEUE);
	assert_int_equal(mp_no_path_retry_parse("-1", &npr, &n), -EINVAL);
	assert_int_equal(mp_bool_parse("on", &b), 0);
	assert_true(b);
	assert_int_equal(mp_bool_parse("maybe", &b), -EINVAL);
	mp_map_settings_init(&s);
	assert_int_equal(mp_map_settings_item(&s, 0, &it), 0);
	assert_string_equal(it.keyword, "path_grouping_policy");
	assert_string_equal(it.value, "failover");
	assert_string_equal(it.origin, "default");
	assert_int_equal(mp_map_settings_item(&s, mp_map_settings_count(), &it), -ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alua_two_groups),
		cmocka_unit_test(standby_first_in_discovery_goes_second),
		cmocka_unit_test(feature_rules),
		cmocka_unit_test(non_alua_device_keeps_config),
		cmocka_unit_test(user_prio_beats_detect_prio),
		cmocka_unit_test(settings_parsers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
