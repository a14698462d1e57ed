/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * features "1 queue_if_no_path" from a config file, through resolution and the
 * typed settings to the table's features: it queues when no_path_retry is set
 * nowhere, and a no_path_retry at any level wins (multipath-tools 0.9.4).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "config/config.h"
#include "topology/map.h"
#include "topology/settings_config.h"

static bool has_note(const struct mp_diags *d, const char *part)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].message, part))
			return true;
	return false;
}

/* The table features for vendor/product under text; diags gets the notes. */
static void features_for(const char *text, const char *vendor, struct mp_map_settings *s,
			 char *buf, size_t size, struct mp_diags *diags)
{
	struct mp_config *cfg = NULL;
	struct mp_resolved *r = NULL;
	const struct mp_device_id id = {.vendor = vendor, .product = "Q1", .wwid = "36ee"};

	assert_int_equal(mp_config_new(&cfg), 0);
	assert_int_equal(mp_config_load_string(cfg, "t.conf", text, NULL), 0);
	assert_int_equal(mp_config_resolve(cfg, &id, &r), 0);
	assert_int_equal(mp_map_settings_from_resolved(r, s, diags), 0);
	assert_int_equal(mp_map_features_string(s, buf, size), 0);
	mp_resolved_free(r);
	mp_config_free(cfg);
}

static void queue_feature_without_no_path_retry_queues(void **state)
{
	struct mp_map_settings s;
	struct mp_diags d = {0};
	char f[256];

	(void)state;
	features_for("defaults {\n\tfeatures \"1 queue_if_no_path\"\n}\n", "ACME", &s, f, sizeof(f),
		     &d);
	assert_string_equal(f, "1 queue_if_no_path");
	assert_int_equal(s.no_path_retry, MP_NPR_QUEUE);
	assert_non_null(strstr(s.no_path_retry_origin, "defaults section (t.conf:2)"));
	assert_true(has_note(&d, "is deprecated, please use 'no_path_retry queue' instead"));
	mp_diags_clear(&d);
}

static void no_path_retry_overrides_the_feature(void **state)
{
	struct mp_map_settings s;
	struct mp_diags d = {0};
	char f[256];

	(void)state;
	features_for("defaults {\n\tfeatures \"1 queue_if_no_path\"\n\tno_path_retry fail\n}\n",
		     "ACME", &s, f, sizeof(f), &d);
	assert_string_equal(f, "0");
	assert_true(has_note(&d, "ignoring feature 'queue_if_no_path' because no_path_retry is "
				 "set to 'fail'"));
	mp_diags_clear(&d);
	/* a built-in entry's no_path_retry counts too: (LIO-ORG|SUSE) says 12 */
	features_for("defaults {\n\tfeatures \"1 queue_if_no_path\"\n}\n", "LIO-ORG", &s, f,
		     sizeof(f), &d);
	assert_int_equal(s.no_path_retry, MP_NPR_COUNT);
	assert_true(has_note(&d, "set to '12'"));
	mp_diags_clear(&d);
}

static void nothing_set_means_no_queueing(void **state)
{
	struct mp_map_settings s;
	struct mp_diags d = {0};
	char f[256];

	(void)state;
	features_for("", "ACME", &s, f, sizeof(f), &d);
	assert_string_equal(f, "0");
	assert_int_equal(s.no_path_retry, MP_NPR_UNDEF);
	assert_int_equal(d.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(queue_feature_without_no_path_retry_queues),
		cmocka_unit_test(no_path_retry_overrides_the_feature),
		cmocka_unit_test(nothing_set_means_no_queueing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
