/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Files: the main file, config_dir merge order, `config check`, and the dump round trip. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define MAIN_CONF CONFIG_TEST_DATA "/multipath.conf"
#define CONF_D CONFIG_TEST_DATA "/conf.d"

static bool has_file_diag(const struct mp_diags *d, enum mp_diag_severity sev, const char *file,
			  int line, const char *part)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].severity == sev && d->items[i].line == line &&
		    streq(d->items[i].source, file) && strstr(d->items[i].message, part))
			return true;
	print_diags(d);
	return false;
}

static void main_file_then_conf_d_in_name_order(void **state)
{
	struct mp_config *cfg = NULL;
	struct mp_diags d = {0};
	const char *origin;

	(void)state;
	assert_int_equal(mp_config_new(&cfg), 0);
	assert_int_equal(mp_config_set_config_dir(cfg, CONF_D), 0);
	assert_int_equal(mp_config_load_file(cfg, MAIN_CONF, &d), 0);
	/* 10-first then 20-second: the later file wins; notes.txt is not a .conf */
	assert_string_equal(mp_config_get(cfg, "polling_interval", &origin), "30");
	assert_string_equal(origin, "defaults section (" CONF_D "/20-second.conf:2)");
	assert_string_equal(mp_config_get(cfg, "max_polling_interval", NULL), "120");
	assert_string_equal(mp_config_get(cfg, "no_path_retry", &origin), "5");
	assert_string_equal(origin, "defaults section (" CONF_D "/10-first.conf:3)");
	assert_string_equal(mp_config_get(cfg, "user_friendly_names", &origin), "yes");
	assert_string_equal(origin, "defaults section (" MAIN_CONF ":4)");
	/* diagnostics name the file they come from */
	assert_true(has_file_diag(&d, MP_DIAG_WARNING, MAIN_CONF, 5, "unknown keyword"));
	assert_true(has_file_diag(&d, MP_DIAG_WARNING, CONF_D "/20-second.conf", 3,
				  "config_dir is honoured only in the main"));
	assert_true(has_file_diag(&d, MP_DIAG_ERROR, CONF_D "/30-broken.conf", 2,
				  "invalid value \"sometimes\""));
	assert_true(has_file_diag(&d, MP_DIAG_WARNING, CONF_D "/30-broken.conf", 1,
				  "section \"overrides\" is not closed"));
	assert_string_equal(mp_config_get(cfg, "config_dir", NULL), "/etc/multipath/conf.d");
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

static void config_dir_keyword_in_main_file_is_honoured(void **state)
{
	char path[] = "/tmp/mpath-config-test-XXXXXX";
	struct mp_config *cfg = NULL;
	struct mp_diags d = {0};
	FILE *f;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fprintf(f, "defaults {\n\tconfig_dir \"%s\"\n\tpolling_interval 2\n}\n", CONF_D);
	fclose(f);
	assert_int_equal(mp_config_new(&cfg), 0);
	assert_int_equal(mp_config_load_file(cfg, path, &d), 0);
	assert_string_equal(mp_config_get(cfg, "polling_interval", NULL), "30");
	mp_config_free(cfg);
	mp_diags_clear(&d);
	/* "" switches the directory off */
	assert_int_equal(mp_config_new(&cfg), 0);
	assert_int_equal(mp_config_set_config_dir(cfg, ""), 0);
	assert_int_equal(mp_config_load_file(cfg, path, &d), 0);
	assert_string_equal(mp_config_get(cfg, "polling_interval", NULL), "2");
	assert_int_equal(d.n, 0);
	mp_config_free(cfg);
	unlink(path);
}

static void missing_file_is_enoent_and_keeps_defaults(void **state)
{
	struct mp_config *cfg = NULL;
	struct mp_diags d = {0};

	(void)state;
	assert_int_equal(mp_config_new(&cfg), 0);
	assert_int_equal(mp_config_set_config_dir(cfg, CONFIG_TEST_DATA "/none"), 0);
	assert_int_equal(mp_config_load_file(cfg, CONFIG_TEST_DATA "/absent.conf", &d), -ENOENT);
	assert_int_equal(mp_config_load_file(cfg, CONFIG_TEST_DATA, &d), -EISDIR);
	assert_string_equal(mp_config_get(cfg, "polling_interval", NULL), "5");
	assert_int_equal(d.n, 0);
	mp_config_free(cfg);
}

static void check_counts_errors_of_one_file(void **state)
{
	struct mp_diags d = {0};

	(void)state;
	assert_int_equal(mp_config_check(MAIN_CONF, "", &d), 0);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_WARNING), 1);
	mp_diags_clear(&d);
	/* the invalid value counts; the missing '}' at the end loses nothing */
	assert_int_equal(mp_config_check(CONF_D "/30-broken.conf", "", &d), 1);
	mp_diags_clear(&d);
	assert_int_equal(mp_config_check(CONFIG_TEST_DATA "/absent.conf", "", &d), -ENOENT);
	assert_int_equal(mp_config_check(MAIN_CONF, "", NULL), 0);
}

/* What the daemon reads, config check reads: an error in a drop-in file counts,
 * reported with that file's name and line. */
static void check_reads_the_drop_in_files(void **state)
{
	struct mp_diags d = {0};

	(void)state;
	assert_int_equal(mp_config_check(MAIN_CONF, CONF_D, &d), 1);
	assert_true(has_file_diag(&d, MP_DIAG_ERROR, CONF_D "/30-broken.conf", 2,
				  "invalid value \"sometimes\""));
	assert_true(has_file_diag(&d, MP_DIAG_WARNING, MAIN_CONF, 5, "unknown keyword"));
	mp_diags_clear(&d);
	/* no main file: the drop-ins still count, and the caller hears -ENOENT */
	assert_int_equal(mp_config_check(CONFIG_TEST_DATA "/absent.conf", CONF_D, &d), -ENOENT);
	assert_true(has_file_diag(&d, MP_DIAG_ERROR, CONF_D "/30-broken.conf", 2, "sometimes"));
	mp_diags_clear(&d);
}

static const char rich[] = "defaults {\n\tpolling_interval 9\n\tuser_friendly_names yes\n"
			   "\talias_prefix \"a\"\"b c#d\"\n}\n"
			   "blacklist {\n\tdevnode \"^loop\"\n"
			   "\tdevice {\n\t\tvendor VMware\n\t}\n}\n"
			   "blacklist_exceptions {\n\twwid \"^3600\"\n}\n"
			   "devices {\n\tdevice {\n\t\tvendor ACME\n\t\tproduct \"Box 2\"\n"
			   "\t\trevision \"^2\"\n\t\tfeatures \"1 queue_if_no_path\"\n\t}\n}\n"
			   "overrides {\n\tno_path_retry 12\n\tprotocol {\n\t\ttype scsi:fcp\n"
			   "\t\tdev_loss_tmo infinity\n\t}\n}\n"
			   "multipaths {\n\tmultipath {\n\t\twwid 3600a0\n\t\talias \"my db\"\n"
			   "\t}\n}\n";

static void assert_same_resolution(const struct mp_config *a, const struct mp_config *b,
				   const struct mp_device_id *id)
{
	static const char *const keywords[] = {
		"path_grouping_policy", "prio", "features", "no_path_retry", "dev_loss_tmo",
		"alias", "alias_prefix", "hardware_handler", "failback", "user_friendly_names",
	};
	struct mp_resolved *ra, *rb;

	assert_int_equal(mp_config_resolve(a, id, &ra), 0);
	assert_int_equal(mp_config_resolve(b, id, &rb), 0);
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		const char *va = mp_resolved_get(ra, keywords[i], NULL);
		const char *vb = mp_resolved_get(rb, keywords[i], NULL);

		if (!va || !vb)
			assert_ptr_equal(va, vb);
		else
			assert_string_equal(va, vb);
	}
	mp_resolved_free(ra);
	mp_resolved_free(rb);
}

static void dump_parses_back_to_the_same_configuration(void **state)
{
	struct mp_diags d = {0};
	struct mp_config *cfg = config_from(rich, &d);
	struct mp_config *again;
	struct strbuf out = STRBUF_INIT;
	const struct mp_device_id ids[] = {
		{.vendor = "ACME", .product = "Box 2", .revision = "2.1", .wwid = "3600a0",
		 .transport = MP_TRANSPORT_FC},
		{.vendor = "NETAPP", .product = "LUN", .transport = MP_TRANSPORT_ISCSI},
		{.vendor = "DGC", .product = "VRAID", .transport = MP_TRANSPORT_FC},
	};
	size_t n1, n2;

	(void)state;
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR) + mp_diags_count(&d, MP_DIAG_WARNING), 0);
	assert_int_equal(mp_config_dump(cfg, &out), 0);
	assert_non_null(strstr(strbuf_str(&out), "\talias_prefix \"a\"\"b c#d\"\n"));
	assert_non_null(strstr(strbuf_str(&out), "\tpolling_interval 9\n"));
	assert_non_null(strstr(strbuf_str(&out), "\t\tvendor \"NETAPP\"\n\t\tproduct \"LUN\"\n"));
	again = config_from(strbuf_str(&out), &d);
	if (mp_diags_count(&d, MP_DIAG_ERROR) + mp_diags_count(&d, MP_DIAG_WARNING)) {
		print_diags(&d);
		fail();
	}
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		assert_same_resolution(cfg, again, &ids[i]);
	assert_string_equal(mp_config_get(again, "alias_prefix", NULL), "a\"b c#d");
	/* the user rules come back, and the second copy of the built-in ones folds away */
	mp_config_blacklist(cfg, false, &n1);
	mp_config_blacklist(again, false, &n2);
	assert_int_equal(n2, n1);
	strbuf_reset(&out);
	mp_config_free(again);
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

/* reservation_key is a secret: the public dump says it is set, never the key,
 * and still parses back without a diagnostic. */
static void public_dump_masks_reservation_keys(void **state)
{
	static const char text[] = "defaults {\n\treservation_key 0x1234abcd\n}\n"
				   "multipaths {\n\tmultipath {\n\t\twwid 3600a1\n"
				   "\t\treservation_key 0x99aa\n\t}\n}\n";
	struct mp_diags d = {0};
	struct mp_config *cfg = config_from(text, &d), *again;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR), 0);
	assert_int_equal(mp_config_dump(cfg, &out), 0);
	assert_non_null(strstr(strbuf_str(&out), "0x1234abcd"));
	assert_non_null(strstr(strbuf_str(&out), "0x99aa"));
	strbuf_reset(&out);
	assert_int_equal(mp_config_dump_public(cfg, &out), 0);
	assert_null(strstr(strbuf_str(&out), "1234abcd"));
	assert_null(strstr(strbuf_str(&out), "99aa"));
	assert_non_null(strstr(strbuf_str(&out), "\t# reservation_key (set; shown to root only)\n"));
	assert_non_null(strstr(strbuf_str(&out), "\t\t# reservation_key (set; shown to root only)\n"));
	again = config_from(strbuf_str(&out), &d);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR) + mp_diags_count(&d, MP_DIAG_WARNING), 0);
	mp_config_free(again);
	strbuf_reset(&out);
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(main_file_then_conf_d_in_name_order),
		cmocka_unit_test(config_dir_keyword_in_main_file_is_honoured),
		cmocka_unit_test(missing_file_is_enoent_and_keeps_defaults),
		cmocka_unit_test(check_counts_errors_of_one_file),
		cmocka_unit_test(check_reads_the_drop_in_files),
		cmocka_unit_test(dump_parses_back_to_the_same_configuration),
		cmocka_unit_test(public_dump_masks_reservation_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
