/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Each class of mistake in multipath.conf, with the exact line it is reported at. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "helpers.h"

static void get_is(const struct mp_config *cfg, const char *kw, const char *want)
{
	const char *v = mp_config_get(cfg, kw, NULL);

	assert_non_null(v);
	assert_string_equal(v, want);
}

static void valid_file_has_no_diagnostics(void **state)
{
	struct fixture *f = load(state, "# comment\n"
					"defaults {\n"
					"\tpolling_interval 7 ! another comment\n"
					"\tpath_selector \"round-robin 0\"\n"
					"\tfeatures \"2 pg_init_retries 50\"\n"
					"\tno_path_retry queue\n"
					"\tfailback 15\n"
					"}\n"
					"blacklist {\n\twwid \"^36000\"\n}\n"
					"multipaths {\n\tmultipath {\n\t\twwid 3600a\n\t\talias db\n\t}\n}\n");

	assert_int_equal(f->diags.n, 0);
	get_is(f->cfg, "polling_interval", "7");
	get_is(f->cfg, "max_polling_interval", "28");
	get_is(f->cfg, "features", "2 pg_init_retries 50");
	get_is(f->cfg, "failback", "15");
}

static void unknown_keyword_warns_and_is_ignored(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tpolling_intervall 3\n}\n");

	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 2, "unknown keyword \"polling_intervall\""));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
	get_is(f->cfg, "polling_interval", "5");
	assert_string_equal(f->diags.items[0].source, "test.conf");
}

static void invalid_values_are_errors_and_keep_the_default(void **state)
{
	struct fixture *f = load(state, "defaults {\n"
					"\tpolling_interval fast\n"
					"\tverbosity 9\n"
					"\tpath_grouping_policy round_robin\n"
					"\tfailback sometimes\n"
					"\tno_path_retry -1\n"
					"\tuser_friendly_names maybe\n"
					"\tfeatures \"2 queue_if_no_path\"\n"
					"\tpath_selector \"service-time 1\"\n"
					"\tenable_foreign \"(\"\n"
					"\tfast_io_fail_tmo off\n"
					"}\n");

	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 2, "invalid value \"fast\""));
	/* out of range: brought to the bound, as 0.9.4 does */
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 3, "capping at 6"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 4, "expected one of: failover"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 5, "immediate"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 6, "no_path_retry"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 7, "yes or no"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 8, "announces 2 argument(s) but has 1"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 9, "announces 1 argument(s) but has 0"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 10, "regular expression"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 9);
	get_is(f->cfg, "polling_interval", "5");
	get_is(f->cfg, "verbosity", "6"); /* 9 capped */
	get_is(f->cfg, "path_grouping_policy", "failover");
	get_is(f->cfg, "failback", "manual");
	get_is(f->cfg, "no_path_retry", "0"); /* -1 capped: fail */
	get_is(f->cfg, "features", "0");
	get_is(f->cfg, "fast_io_fail_tmo", "off");
}

static void keyword_in_wrong_section_warns(void **state)
{
	struct fixture *f = load(state, "defaults {\n"
					"\talias mydb\n"
					"\thardware_handler \"1 alua\"\n"
					"}\n"
					"multipaths {\n\tmultipath {\n\t\twwid 36\n"
					"\t\tpath_checker tur\n"
					"\t}\n}\n"
					"polling_interval 3\n");

	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 2, "\"alias\" is not allowed in section defaults"));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 3, "\"hardware_handler\" is not allowed"));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 8, "\"path_checker\" is not allowed in section multipath"));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 11, "not allowed in top level"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
}

static void unmatched_close_brace(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tverbosity 3\n}\n}\ndefaults {\n\tverbosity 4\n}\n");

	/* a warning: nothing the admin wrote is lost */
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 4, "unmatched '}'"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
	get_is(f->cfg, "verbosity", "4");
}

static void unclosed_section_reported_at_its_opening_line(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tverbosity 3\n}\n"
					"devices {\n\tdevice {\n\t\tvendor X\n\t\tproduct Y\n"
					"\t\tno_path_retry 3\n");
	const struct mp_device_id id = {.vendor = "X", .product = "Y"};
	struct mp_resolved *r;

	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 5, "section \"device\" is not closed"));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 4, "section \"devices\" is not closed"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
	/* what was read is kept */
	assert_int_equal(mp_config_resolve(f->cfg, &id, &r), 0);
	assert_string_equal(mp_resolved_get(r, "no_path_retry", NULL), "3");
	mp_resolved_free(r);
}

static void unterminated_quote_skips_the_line(void **state)
{
	struct fixture *f = load(state, "defaults {\n\talias_prefix \"dm\n\tverbosity 3\n}\n");

	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 2, "unterminated quoted string"));
	get_is(f->cfg, "alias_prefix", "mpath");
	get_is(f->cfg, "verbosity", "3");
}

static void missing_value_and_misplaced_brace(void **state)
{
	struct fixture *f = load(state, "defaults\n{\n\tverbosity 3\n}\n"
					"overrides {\n\tno_path_retry\n}\n");

	/* as in multipath-tools: the section opens anyway and its brace on the next line is taken */
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 1, "missing '{' after \"defaults\""));
	assert_false(has_diag(&f->diags, MP_DIAG_ERROR, 2, "'{' without a section name"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 6, "missing value for \"no_path_retry\""));
	get_is(f->cfg, "verbosity", "3");
}

static void entries_without_identity_are_dropped(void **state)
{
	struct fixture *f = load(state, "devices {\n\tdevice {\n\t\tproduct LUN\n\t}\n}\n"
					"multipaths {\n\tmultipath {\n\t\talias a\n\t}\n}\n"
					"overrides {\n\tprotocol {\n\t\tdev_loss_tmo 9\n\t}\n}\n"
					"blacklist {\n\tdevice {\n\t\tproduct P\n\t}\n}\n");

	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 2, "device entry without vendor"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 7, "multipath entry without wwid"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 12, "protocol subsection without type"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 17, "device rule without vendor"));
}

static void unknown_sections_are_skipped_whole(void **state)
{
	struct fixture *f = load(state, "colors {\n\tred 1\n\tsub {\n\t\tverbosity 6\n\t}\n}\n"
					"devices {\n\tdisk {\n\t}\n}\n"
					"defaults {\n\tverbosity 4\n}\n");

	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 1, "unknown section \"colors\""));
	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 8, "section \"disk\" is not allowed in \"devices\""));
	assert_int_equal(f->diags.n, 2);
	get_is(f->cfg, "verbosity", "4");
}

static void deprecated_and_not_acting_get_notes(void **state)
{
	struct fixture *f = load(state, "defaults {\n"
					"\tgetuid_callout \"/lib/udev/scsi_id -g\"\n"
					"\tdelay_watch_checks 12\n"
					"\tretrigger_tries 2\n"
					"}\n");

	assert_true(has_diag(&f->diags, MP_DIAG_NOTE, 2, "deprecated; its value is ignored"));
	assert_true(has_diag(&f->diags, MP_DIAG_NOTE, 3, "deprecated"));
	assert_true(has_diag(&f->diags, MP_DIAG_NOTE, 4, "accepted but not (yet) acting"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_WARNING) +
				 mp_diags_count(&f->diags, MP_DIAG_ERROR),
			 0);
	assert_null(mp_config_get(f->cfg, "getuid_callout", NULL));
	get_is(f->cfg, "retrigger_tries", "2");
}

static void extra_words_warn_and_first_word_counts(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tpath_checker tur rdac\n\tverbosity 1 }\n");

	assert_true(has_diag(&f->diags, MP_DIAG_WARNING, 2, "extra text \"rdac\" ignored"));
	get_is(f->cfg, "path_checker", "tur");
	/* the '}' on the value line still closes the section */
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 0);
	get_is(f->cfg, "verbosity", "1");
}

static void checker_is_an_alias_of_path_checker(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tchecker rdac\n}\n");
	const char *origin;

	assert_int_equal(f->diags.n, 0);
	assert_string_equal(mp_config_get(f->cfg, "path_checker", &origin), "rdac");
	assert_string_equal(origin, "defaults section (test.conf:2)");
	assert_true(mp_config_keyword_known("checker"));
	assert_false(mp_config_keyword_known("chequer"));
}

static void later_value_wins_and_typed_getters(void **state)
{
	struct fixture *f = load(state, "defaults {\n\tpolling_interval 3\n\tpolling_interval 4\n"
					"\tqueue_without_daemon on\n}\n");
	long v = 0;
	bool b = false;

	assert_int_equal(mp_config_get_int(f->cfg, "polling_interval", &v), 0);
	assert_int_equal(v, 4);
	assert_int_equal(mp_config_get_int(f->cfg, "max_polling_interval", &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(mp_config_get_bool(f->cfg, "queue_without_daemon", &b), 0);
	assert_true(b);
	assert_int_equal(mp_config_get_int(f->cfg, "find_multipaths", &v), -EINVAL);
	assert_int_equal(mp_config_get_int(f->cfg, "checker_timeout", &v), -ENOENT);
}

static void multipath_tools_defaults(void **state)
{
	struct fixture *f = load(state, "");
	static const char *const expected[][2] = {
		{"path_grouping_policy", "failover"}, {"path_selector", "service-time 0"},
		{"path_checker", "tur"}, {"prio", "const"}, {"detect_prio", "yes"},
		{"detect_checker", "yes"}, {"features", "0"}, {"failback", "manual"},
		{"rr_weight", "uniform"}, {"rr_min_io", "1000"},
		{"rr_min_io_rq", "1"}, {"user_friendly_names", "no"}, {"alias_prefix", "mpath"},
		{"find_multipaths", "strict"}, {"polling_interval", "5"},
		{"max_polling_interval", "20"}, {"fast_io_fail_tmo", "5"},
		{"flush_on_last_del", "no"}, {"queue_without_daemon", "no"},
		{"retain_attached_hw_handler", "yes"}, {"ghost_delay", "no"},
		{"uid_attribute", "ID_SERIAL"}, {"wwids_file", "/etc/multipath/wwids"},
		{"bindings_file", "/etc/multipath/bindings"}, {"skip_kpartx", "no"},
		{"verbosity", "2"}, {"config_dir", "/etc/multipath/conf.d"},
		{"marginal_path_double_failed_time", "no"}, {"san_path_err_threshold", "no"},
	};
	const char *origin;

	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		const char *v = mp_config_get(f->cfg, expected[i][0], &origin);

		assert_non_null(v);
		assert_string_equal(v, expected[i][1]);
		assert_string_equal(origin, "default");
	}
	assert_null(mp_config_get(f->cfg, "checker_timeout", &origin));
	assert_null(mp_config_get(f->cfg, "no_path_retry", &origin));
	assert_null(mp_config_get(f->cfg, "dev_loss_tmo", NULL));
	assert_null(mp_config_get(f->cfg, "max_sectors_kb", NULL));
	assert_null(mp_config_get(f->cfg, "no_such_keyword", NULL));
}

static void regexes_that_would_explode_are_refused(void **state)
{
	struct fixture *f = load(state, "blacklist {\n"
					"\tdevnode \"a++++++++++++++++++++++++++++++++\"\n"
					"\tdevnode \"((a{60}){60}){60}\"\n"
					"\twwid \"(a*)*\\1\"\n"
					"\tdevnode \"^(sd[a-z]{1,3}|nvme[0-9]+n[0-9]+)$\"\n"
					"\tdevnode \"[[:alpha:]]{2}(x|y)+\"\n"
					"}\n");
	size_t n0, n;

	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 2, "too complex"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 3, "too complex"));
	assert_true(has_diag(&f->diags, MP_DIAG_ERROR, 4, "back references"));
	assert_int_equal(mp_diags_count(&f->diags, MP_DIAG_ERROR), 3);
	mp_config_blacklist(f->cfg, false, &n);
	{
		struct mp_config *plain = NULL;

		assert_int_equal(mp_config_new(&plain), 0);
		mp_config_blacklist(plain, false, &n0);
		mp_config_free(plain);
	}
	assert_int_equal(n, n0 + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(valid_file_has_no_diagnostics, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(unknown_keyword_warns_and_is_ignored, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(invalid_values_are_errors_and_keep_the_default, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(keyword_in_wrong_section_warns, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(unmatched_close_brace, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(unclosed_section_reported_at_its_opening_line, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(unterminated_quote_skips_the_line, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(missing_value_and_misplaced_brace, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(entries_without_identity_are_dropped, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(unknown_sections_are_skipped_whole, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(deprecated_and_not_acting_get_notes, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(extra_words_warn_and_first_word_counts, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(checker_is_an_alias_of_path_checker, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(later_value_wins_and_typed_getters, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(multipath_tools_defaults, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(regexes_that_would_explode_are_refused, fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
