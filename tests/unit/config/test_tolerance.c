/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The mistakes multipath-tools 0.9.4 runs with, and what it makes of them
 * (observed with `multipath -t` in the lab: the NAME.err files of tests/golden/config-t).
 * Each test: the effect on the configuration, and the file:line warning.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "common/strbuf.h"
#include "helpers.h"

static const char *value_for(struct fixture *f, const char *vendor, const char *product,
			     const char *wwid, const char *kw, const char **origin)
{
	const struct mp_device_id id = {.vendor = vendor, .product = product, .wwid = wwid};

	mp_resolved_free(f->r);
	f->r = NULL;
	assert_int_equal(mp_config_resolve(f->cfg, &id, &f->r), 0);
	return mp_resolved_get(f->r, kw, origin);
}

static size_t count_in_dump(const struct mp_config *cfg, const char *needle)
{
	struct strbuf out = STRBUF_INIT;
	size_t n = 0;

	assert_int_equal(mp_config_dump_mpt(cfg, false, &out), 0);
	for (const char *p = strstr(strbuf_str(&out), needle); p; p = strstr(p + 1, needle))
		n++;
	strbuf_reset(&out);
	return n;
}

static void brace_on_the_next_line_applies_the_section(void **state)
{
	struct fixture *f = load(state, "defaults\n{\n\tpolling_interval 7\n}\n"
					"devices\n{\n\tdevice\n\t{\n\t\tvendor ACME\n\t\tproduct X\n"
					"\t\tno_path_retry 9\n\t}\n}\n");

	assert_string_equal(mp_config_get(f->cfg, "polling_interval", NULL), "7");
	assert_string_equal(value_for(f, "ACME", "X", NULL, "no_path_retry", NULL), "9");
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 1, "missing '{' after \"defaults\""));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 7, "missing '{' after \"device\""));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
}

/* 0.9.4 does not open overrides without its brace: its lines are lost there too. */
static void overrides_without_brace_is_lost_as_in_0_9_4(void **state)
{
	struct fixture *f = load(state, "overrides\n{\n\tno_path_retry 4\n}\n");

	assert_null(value_for(f, "ACME", "X", NULL, "no_path_retry", NULL));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 1, "'{' must follow \"overrides\""));
}

static void missing_closing_brace_at_eof_keeps_what_was_read(void **state)
{
	struct fixture *f = load(state, "multipaths {\n\tmultipath {\n\t\twwid 3600a1\n"
					"\t\talias lastone\n");

	assert_string_equal(value_for(f, "ACME", "X", "3600a1", "alias", NULL), "lastone");
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 2, "section \"multipath\" is not closed"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
}

static void duplicate_sections_and_keywords_merge_later_wins(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tpolling_interval 4\n\tverbosity 3\n}\n"
					"defaults {\n\tpolling_interval 9\n\tpolling_interval 8\n}\n");

	assert_string_equal(mp_config_get(f->cfg, "polling_interval", NULL), "8");
	assert_string_equal(mp_config_get(f->cfg, "verbosity", NULL), "3");
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 5, "duplicate section \"defaults\""));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 7, "duplicate keyword \"polling_interval\""));
	assert_false(has_diag(&f->diags, MP_DIAG_WARNING, 6, "duplicate keyword"));
}

static void device_without_product_or_vendor_is_dropped(void **state)
{
	/* XenServer's file has such an entry (LIO-ORG): 0.9.4 drops it, the built-in LIO-ORG stays */
	struct fixture *f = load(state, "devices {\n\tdevice {\n\t\tvendor \"LIO-ORG\"\n"
					"\t\tpath_selector \"queue-length 0\"\n\t}\n"
					"\tdevice {\n\t\tproduct FOO\n\t}\n}\n");
	const char *origin;

	assert_string_equal(value_for(f, "LIO-ORG", "TCMU device", NULL, "path_selector", &origin),
			    "service-time 0");
	assert_string_equal(origin, "default");
	assert_string_equal(value_for(f, "LIO-ORG", "TCMU device", NULL, "no_path_retry", &origin),
			    "12");
	assert_string_equal(origin, "built-in hardware table: (LIO-ORG|SUSE) .*");
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 2, "device entry without product"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 6, "device entry without vendor"));
}

static void invalid_values_keep_the_default_out_of_range_caps(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tpath_grouping_policy bogus\n"
					"\tmax_fds lots\n\tfast_io_fail_tmo -3\n"
					"\tuser_friendly_names maybe\n\tverbosity 9\n}\n");

	assert_string_equal(mp_config_get(f->cfg, "path_grouping_policy", NULL), "failover");
	assert_string_equal(mp_config_get(f->cfg, "max_fds", NULL), "max");
	assert_string_equal(mp_config_get(f->cfg, "user_friendly_names", NULL), "no");
	/* 0.9.4: "value for fast_io_fail_tmo too small, capping at 1" */
	assert_string_equal(mp_config_get(f->cfg, "fast_io_fail_tmo", NULL), "1");
	assert_string_equal(mp_config_get(f->cfg, "verbosity", NULL), "6");
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 2, "invalid value \"bogus\""));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 4, "capping at 1"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 6, "capping at 6"));
}

static void unknown_keywords_and_sections_warn(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tno_such_keyword 42\n}\n"
					"unknown_section {\n\tfoo bar\n}\n"
					"devices {\n\tdevice {\n\t\tvendor A\n\t\tproduct B\n"
					"\t\tbogus_kw yes\n\t}\n}\n");

	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 2, "unknown keyword \"no_such_keyword\""));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 4, "unknown section \"unknown_section\""));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 11, "unknown keyword \"bogus_kw\""));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
}

static void crlf_line_ends_read_like_lf(void **state)
{
	struct fixture *f = load(state, "defaults {\r\n\tpolling_interval 6\r\n"
					"\talias_prefix \"dm\"\r\n}\r\n");

	assert_string_equal(mp_config_get(f->cfg, "polling_interval", NULL), "6");
	assert_string_equal(mp_config_get(f->cfg, "alias_prefix", NULL), "dm");
	assert_int_equal(f->diags.n, 0);
}

static void multipaths_aliases_kept_despite_warnings(void **state)
{
	struct fixture *f = load(state, "multipaths {\n"
					"\tmultipath {\n\t\twwid 36bb\n\t\talias mpatha\n"
					"\t\tunknown_kw 1\n\t}\n"
					"\tmultipath {\n\t\twwid 36cc\n\t\talias mpatha\n\t}\n"
					"\tmultipath {\n\t\twwid 36bb\n\t\tno_path_retry 4\n\t}\n}\n");

	assert_string_equal(value_for(f, "A", "B", "36bb", "alias", NULL), "mpatha");
	assert_string_equal(value_for(f, "A", "B", "36bb", "no_path_retry", NULL), "4");
	assert_string_equal(value_for(f, "A", "B", "36cc", "alias", NULL), "mpatha");
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 2, "duplicate multipath section"));
	/* merged: one entry per wwid in -t */
	assert_int_equal(count_in_dump(f->cfg, "wwid \"36bb\""), 1);
}

static void zero_values_0_9_4_accepts(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tfailback 0\n\tchecker_timeout 0\n}\n"
					"devices {\n\tdevice {\n\t\tvendor NETAPP\n\t\tproduct LUN\n"
					"\t\tfailback 0\n\t}\n}\n");

	/* 0 means unset: the next level applies (NETAPP LUN's built-in "immediate") */
	assert_string_equal(mp_config_get(f->cfg, "failback", NULL), "manual");
	assert_null(mp_config_get(f->cfg, "checker_timeout", NULL));
	assert_string_equal(value_for(f, "NETAPP", "LUN", NULL, "failback", NULL), "immediate");
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_WARNING), 0);
}

static void recheck_wwid_in_devices_and_mode_uid_gid_known(void **state)
{
	struct fixture *f = load(state, "devices {\n\tdevice {\n\t\tvendor A\n\t\tproduct B\n"
					"\t\trecheck_wwid yes\n\t}\n}\n"
					"overrides {\n\trecheck_wwid no\n}\n"
					"multipaths {\n\tmultipath {\n\t\twwid 36dd\n\t\tmode 0600\n"
					"\t\tuid 100\n\t\tgid disk\n\t}\n}\n"
					"defaults {\n\tmode 0640\n\tmode 999\n}\n");

	assert_string_equal(value_for(f, "A", "B", NULL, "recheck_wwid", NULL), "no");
	assert_string_equal(value_for(f, "A", "B", "36dd", "mode", NULL), "0600");
	assert_string_equal(value_for(f, "A", "B", "36dd", "gid", NULL), "disk");
	assert_string_equal(mp_config_get(f->cfg, "mode", NULL), "0640");
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 21, "octal mode"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 1);
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_WARNING), 1); /* mode twice */
	/* as 0.9.4 prints them: octal with a leading 0 */
	assert_int_equal(count_in_dump(f->cfg, "\t\tuid 0144\n"), 1);
}

static void duplicate_devices_merge_and_absorb_builtin(void **state)
{
	struct fixture *f = load(state, "devices {\n"
					"\tdevice {\n\t\tvendor NETAPP\n\t\tproduct LUN\n"
					"\t\tno_path_retry 11\n\t\trr_min_io 5\n\t}\n"
					"\tdevice {\n\t\tvendor NETAPP\n\t\tproduct LUN\n"
					"\t\tno_path_retry 13\n\t}\n}\n");
	const char *origin;

	assert_string_equal(value_for(f, "NETAPP", "LUN", NULL, "no_path_retry", &origin), "13");
	assert_string_equal(origin, "devices section (test.conf:11)");
	assert_string_equal(value_for(f, "NETAPP", "LUN", NULL, "rr_min_io", NULL), "5");
	/* the built-in NETAPP LUN entry's values come along, named as built-in */
	assert_string_equal(value_for(f, "NETAPP", "LUN", NULL, "prio", &origin), "ontap");
	assert_string_equal(origin, "built-in hardware table: NETAPP LUN");
	assert_non_null(mp_resolved_hwentry(f->r));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 2, "duplicate device section"));
	assert_int_equal(count_in_dump(f->cfg, "vendor \"NETAPP\"\n\t\tproduct \"LUN\"\n"), 1);
}

static void builtin_blacklist_devices_listed_once(void **state)
{
	struct fixture *f = load(state, "blacklist {\n\tdevnode \"^hd[a-z]\"\n"
					"\tdevnode \"^hd[a-z]\"\n}\n");

	assert_int_equal(count_in_dump(f->cfg, "devnode \"^hd[a-z]\""), 1);
	assert_int_equal(count_in_dump(f->cfg, "vendor \"SGI\"\n\t\tproduct \"Universal Xport\""),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
		T(brace_on_the_next_line_applies_the_section),
		T(overrides_without_brace_is_lost_as_in_0_9_4),
		T(missing_closing_brace_at_eof_keeps_what_was_read),
		T(duplicate_sections_and_keywords_merge_later_wins),
		T(device_without_product_or_vendor_is_dropped),
		T(invalid_values_keep_the_default_out_of_range_caps),
		T(unknown_keywords_and_sections_warn),
		T(crlf_line_ends_read_like_lf),
		T(multipaths_aliases_kept_despite_warnings),
		T(zero_values_0_9_4_accepts),
		T(recheck_wwid_in_devices_and_mode_uid_gid_known),
		T(duplicate_devices_merge_and_absorb_builtin),
		T(builtin_blacklist_devices_listed_once),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
