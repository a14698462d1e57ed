/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Precedence, origins, protocol overrides, the hardware table and blacklist rules. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "config/hwtable.h"
#include "config/keywords.h"
#include "helpers.h"

static struct mp_resolved *resolve(const struct mp_config *cfg, const struct mp_device_id *id)
{
	struct mp_resolved *r = NULL;

	assert_int_equal(mp_config_resolve(cfg, id, &r), 0);
	return r;
}

static void expect(const struct mp_resolved *r, const char *kw, const char *value,
		   const char *origin)
{
	const char *got_origin = NULL;
	const char *got = mp_resolved_get(r, kw, &got_origin);

	assert_non_null(got);
	assert_string_equal(got, value);
	if (origin)
		assert_string_equal(got_origin, origin);
}

static const char layered[] = "defaults {\n"                    /* 1 */
			      "\tno_path_retry 1\n"             /* 2 */
			      "\trr_min_io 10\n"                /* 3 */
			      "\trr_weight priorities\n"         /* 4 */
			      "\tdev_loss_tmo 100\n"            /* 5 */
			      "}\n"                             /* 6 */
			      "devices {\n"                     /* 7 */
			      "\tdevice {\n"                    /* 8 */
			      "\t\tvendor \"NETAPP\"\n"         /* 9 */
			      "\t\tproduct \"LUN\"\n"           /* 10 */
			      "\t\tno_path_retry 2\n"           /* 11 */
			      "\t\trr_min_io 20\n"              /* 12 */
			      "\t}\n"                           /* 13 */
			      "}\n"                             /* 14 */
			      "overrides {\n"                   /* 15 */
			      "\tno_path_retry 3\n"             /* 16 */
			      "\tdev_loss_tmo 300\n"            /* 17 */
			      "\tprotocol {\n"                  /* 18 */
			      "\t\ttype scsi:fcp\n"             /* 19 */
			      "\t\tdev_loss_tmo 30\n"           /* 20 */
			      "\t}\n"                           /* 21 */
			      "\tprotocol {\n"                  /* 22 */
			      "\t\ttype scsi:iscsi\n"           /* 23 */
			      "\t\tfast_io_fail_tmo 2\n"        /* 24 */
			      "\t}\n"                           /* 25 */
			      "}\n"                             /* 26 */
			      "multipaths {\n"                  /* 27 */
			      "\tmultipath {\n"                 /* 28 */
			      "\t\twwid 360a98000aaa\n"         /* 29 */
			      "\t\talias db\n"                  /* 30 */
			      "\t\tno_path_retry 4\n"           /* 31 */
			      "\t}\n"                           /* 32 */
			      "}\n";                            /* 33 */

static void precedence_multipaths_overrides_devices_defaults(void **state)
{
	struct mp_diags d = {0};
	struct mp_config *cfg = config_from(layered, &d);
	const struct mp_device_id netapp = {.vendor = "NETAPP", .product = "LUN",
					    .wwid = "360a98000aaa", .transport = MP_TRANSPORT_FC};
	const struct mp_device_id other = {.vendor = "NETAPP", .product = "LUN",
					   .wwid = "360a98000bbb", .transport = MP_TRANSPORT_SAS};
	struct mp_resolved *r;

	(void)state;
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR) + mp_diags_count(&d, MP_DIAG_WARNING), 0);
	r = resolve(cfg, &netapp);
	expect(r, "no_path_retry", "4", "multipaths section (test.conf:31)");
	expect(r, "alias", "db", "multipaths section (test.conf:30)");
	expect(r, "dev_loss_tmo", "30", "overrides section, protocol scsi:fcp (test.conf:20)");
	expect(r, "rr_min_io", "20", "devices section (test.conf:12)");
	expect(r, "rr_weight", "priorities", "defaults section (test.conf:4)");
	expect(r, "failback", "immediate", "built-in hardware table: NETAPP LUN");
	/* the built-in NETAPP LUN entry sets these */
	expect(r, "prio", "ontap", "built-in hardware table: NETAPP LUN");
	expect(r, "features", "2 pg_init_retries 50", "built-in hardware table: NETAPP LUN");
	expect(r, "path_selector", "service-time 0", "default");
	assert_string_equal(mp_resolved_hwentry(r), "NETAPP LUN");
	mp_resolved_free(r);

	r = resolve(cfg, &other);
	expect(r, "no_path_retry", "3", "overrides section (test.conf:16)");
	expect(r, "dev_loss_tmo", "300", "overrides section (test.conf:17)");
	expect(r, "fast_io_fail_tmo", "5", "default");
	assert_null(mp_resolved_get(r, "alias", NULL));
	mp_resolved_free(r);
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

static void protocol_override_by_transport_and_exact_protocol(void **state)
{
	struct mp_diags d = {0};
	struct mp_config *cfg = config_from(layered, &d);
	const struct mp_device_id iscsi = {.vendor = "X", .product = "Y",
					   .transport = MP_TRANSPORT_ISCSI};
	const struct mp_device_id named = {.vendor = "X", .product = "Y",
					   .transport = MP_TRANSPORT_ISCSI, .protocol = "scsi:fcp"};
	struct mp_resolved *r;

	(void)state;
	r = resolve(cfg, &iscsi);
	expect(r, "fast_io_fail_tmo", "2", "overrides section, protocol scsi:iscsi (test.conf:24)");
	expect(r, "dev_loss_tmo", "300", "overrides section (test.conf:17)");
	assert_null(mp_resolved_hwentry(r));
	mp_resolved_free(r);
	r = resolve(cfg, &named);
	expect(r, "dev_loss_tmo", "30", NULL);
	expect(r, "fast_io_fail_tmo", "5", "default");
	mp_resolved_free(r);
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

static void later_protocol_and_multipath_entries_win(void **state)
{
	struct mp_diags d = {0};
	struct mp_config *cfg = config_from(
		"overrides {\n\tprotocol {\n\t\ttype nvme:tcp\n\t\tdev_loss_tmo 10\n\t}\n"
		"\tprotocol {\n\t\ttype nvme:tcp\n\t\tdev_loss_tmo 20\n\t}\n}\n"
		"multipaths {\n\tmultipath {\n\t\twwid w1\n\t\tno_path_retry 1\n\t\trr_min_io 7\n\t}\n"
		"\tmultipath {\n\t\twwid w1\n\t\tno_path_retry 2\n\t}\n}\n",
		&d);
	const struct mp_device_id id = {.vendor = "NVME", .product = "Linux", .wwid = "w1",
					.transport = MP_TRANSPORT_NVME};
	struct mp_resolved *r;

	(void)state;
	/* the two w1 entries fold into one (with a warning), the later values win */
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR), 0);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_WARNING), 1);
	r = resolve(cfg, &id);
	expect(r, "dev_loss_tmo", "20", "overrides section, protocol nvme:tcp (test.conf:8)");
	expect(r, "no_path_retry", "2", "multipaths section (test.conf:19)");
	expect(r, "rr_min_io", "7", "multipaths section (test.conf:15)");
	/* NVM[eE] .* from the built-in table */
	expect(r, "uid_attribute", "ID_WWN", "built-in hardware table: NVM[eE] .*");
	mp_resolved_free(r);
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

static void user_device_overrides_builtin_for_same_device(void **state)
{
	struct mp_diags d = {0};
	struct mp_config *cfg = config_from("devices {\n"
					    "\tdevice {\n\t\tvendor PURE\n\t\tproduct FlashArray\n"
					    "\t\tfast_io_fail_tmo 20\n\t\tno_path_retry 1\n\t}\n"
					    "\tdevice {\n\t\tvendor PURE\n\t\tproduct \".*\"\n"
					    "\t\tno_path_retry 9\n\t}\n}\n",
					    &d);
	const struct mp_device_id id = {.vendor = "PURE", .product = "FlashArray"};
	struct mp_resolved *r = resolve(cfg, &id);
	long v;

	(void)state;
	expect(r, "fast_io_fail_tmo", "20", "devices section (test.conf:5)");
	expect(r, "no_path_retry", "9", "devices section (test.conf:11)");
	expect(r, "hardware_handler", "1 alua", "built-in hardware table: PURE FlashArray");
	assert_int_equal(mp_resolved_int(r, "no_path_retry", &v), 0);
	assert_int_equal(v, 9);
	assert_string_equal(mp_resolved_hwentry(r), "PURE FlashArray");
	mp_resolved_free(r);
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

struct array_case {
	const char *vendor, *product;
	const char *hwentry;
	const char *keyword, *value;
};

static void real_arrays_match_their_builtin_entries(void **state)
{
	static const struct array_case cases[] = {
		{"NETAPP", "LUN C-Mode", "NETAPP LUN", "prio", "ontap"},
		{"NETAPP", "LUN", "NETAPP LUN", "no_path_retry", "queue"},
		{"DGC", "VRAID", "^DGC ^(RAID|DISK|VRAID)", "path_checker", "emc_clariion"},
		{"DGC", "RAID 5", "^DGC ^(RAID|DISK|VRAID)", "hardware_handler", "1 emc"},
		{"3PARdata", "VV", "3PARdata VV", "dev_loss_tmo", "infinity"},
		{"3PARdata", "VV", "3PARdata VV", "no_path_retry", "18"},
		{"PURE", "FlashArray", "PURE FlashArray", "prio", "alua"},
		{"IBM", "2145", "IBM ^2145", "no_path_retry", "queue"},
		{"HITACHI", "OPEN-V", "(HITACHI|HP|HPE) ^OPEN-", "path_grouping_policy", "multibus"},
		{"LIO-ORG", "lun0", "(LIO-ORG|SUSE) .*", "no_path_retry", "12"},
		{"LIO-ORG", "lun0", "(LIO-ORG|SUSE) .*", "path_grouping_policy", "group_by_prio"},
	};
	struct mp_config *cfg = config_from("", NULL);

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct mp_device_id id = {.vendor = cases[i].vendor,
						.product = cases[i].product, .revision = "0001"};
		struct mp_resolved *r = resolve(cfg, &id);

		assert_non_null(mp_resolved_hwentry(r));
		assert_string_equal(mp_resolved_hwentry(r), cases[i].hwentry);
		expect(r, cases[i].keyword, cases[i].value, NULL);
		mp_resolved_free(r);
	}
	mp_config_free(cfg);
}

static void scsi_debug_gets_plain_defaults(void **state)
{
	struct mp_config *cfg = config_from("", NULL);
	const struct mp_device_id id = {.vendor = "Linux", .product = "scsi_debug",
					.revision = "0191", .transport = MP_TRANSPORT_OTHER};
	struct mp_resolved *r = resolve(cfg, &id);
	bool b;

	(void)state;
	assert_null(mp_resolved_hwentry(r));
	expect(r, "path_grouping_policy", "failover", "default");
	expect(r, "path_checker", "tur", "default");
	expect(r, "prio", "const", "default");
	/* unset, as in 0.9.4: features decides (no queue_if_no_path: fail) */
	assert_null(mp_resolved_get(r, "no_path_retry", NULL));
	assert_int_equal(mp_resolved_bool(r, "detect_prio", &b), 0);
	assert_true(b);
	assert_int_equal(mp_resolved_int(r, "no_path_retry", &(long){0}), -ENOENT);
	assert_int_equal(mp_resolved_int(r, "dev_loss_tmo", &(long){0}), -ENOENT);
	assert_null(mp_resolved_get(r, "unknown_thing", NULL));
	expect(r, "find_multipaths", "strict", "default");
	mp_resolved_free(r);
	mp_config_free(cfg);
}

static void revision_regex_restricts_a_user_entry(void **state)
{
	struct mp_config *cfg = config_from("devices {\n\tdevice {\n\t\tvendor ACME\n"
					    "\t\tproduct Box\n\t\trevision \"^2\"\n"
					    "\t\tprio alua\n\t}\n}\n",
					    NULL);
	const struct mp_device_id v1 = {.vendor = "ACME", .product = "Box", .revision = "1.0"};
	const struct mp_device_id v2 = {.vendor = "ACME", .product = "Box", .revision = "2.0"};
	struct mp_resolved *r;

	(void)state;
	r = resolve(cfg, &v1);
	expect(r, "prio", "const", "default");
	mp_resolved_free(r);
	r = resolve(cfg, &v2);
	expect(r, "prio", "alua", "devices section (test.conf:6)");
	mp_resolved_free(r);
	mp_config_free(cfg);
}

static void builtin_table_is_large_and_valid(void **state)
{
	size_t n;
	const struct mp_hw_builtin *hw = mp_hwtable_builtin(&n);
	char why[512];

	(void)state;
	assert_true(n >= 100);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(mp_validate_regex(hw[i].vendor, why, sizeof(why)), 0);
		assert_int_equal(mp_validate_regex(hw[i].product, why, sizeof(why)), 0);
		for (size_t j = 0; j < MP_HW_MAX_SETTINGS && hw[i].settings[j].keyword; j++) {
			const struct mp_keyword *kw = mp_keyword_find(hw[i].settings[j].keyword);

			assert_non_null(kw);
			assert_true(kw->sections & MP_SEC_DEVICE);
			if (mp_keyword_validate(kw, hw[i].settings[j].value, why, sizeof(why)) < 0)
				fail_msg("%s %s: %s: %s", hw[i].vendor, hw[i].product, kw->name, why);
		}
	}
}

static void keyword_table_is_consistent(void **state)
{
	size_t n;
	const struct mp_keyword *t = mp_keyword_table(&n);
	char why[512];

	(void)state;
	/* multipath.conf(5) of 0.9.4 names 79 keywords; "checker" is an alias */
	assert_true(n >= 80);
	for (size_t i = 0; i < n; i++) {
		if (t[i].alias_of) {
			assert_non_null(mp_keyword_find(t[i].alias_of));
			continue;
		}
		assert_true(t[i].sections != 0);
		/* every default must pass its own validation */
		if (t[i].default_value &&
		    mp_keyword_validate(&t[i], t[i].default_value, why, sizeof(why)) < 0)
			fail_msg("%s: default %s: %s", t[i].name, t[i].default_value, why);
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(t[i].name, t[j].name);
	}
}

static bool has_rule(const struct mp_blacklist_rule *rules, size_t n, enum mp_blacklist_kind kind,
		     const char *pattern, const char *vendor, const char *product,
		     const char *origin)
{
	for (size_t i = 0; i < n; i++) {
		const struct mp_blacklist_rule *r = &rules[i];

		if (r->kind != kind || !streq(r->origin, origin))
			continue;
		if (pattern && (!r->pattern || !streq(r->pattern, pattern)))
			continue;
		if (vendor && (!r->vendor || !streq(r->vendor, vendor)))
			continue;
		if (product && (!r->product || !streq(r->product, product)))
			continue;
		return true;
	}
	return false;
}

static void blacklist_rules_builtin_then_user(void **state)
{
	struct mp_diags d = {0};
	struct mp_config *cfg = config_from("blacklist {\n"
					    "\tdevnode \"^loop\"\n"
					    "\twwid \"^3600\"\n"
					    "\tdevice {\n\t\tvendor VMware\n\t\tproduct \"Virtual disk\"\n\t}\n"
					    "\tprotocol \"scsi:usb\"\n"
					    "\tdevnode \"[\"\n"
					    "}\n"
					    "blacklist_exceptions {\n\twwid \"^3600a\"\n"
					    "\tproperty \"ID_WWN\"\n}\n"
					    "devices {\n\tdevice {\n\t\tvendor ACME\n\t\tproduct Box\n"
					    "\t\tproduct_blacklist Gatekeeper\n\t}\n}\n",
					    &d);
	size_t n, ne;
	const struct mp_blacklist_rule *bl = mp_config_blacklist(cfg, false, &n);
	const struct mp_blacklist_rule *ex = mp_config_blacklist(cfg, true, &ne);

	(void)state;
	assert_true(has_diag(&d, MP_DIAG_ERROR, 9, "rule ignored"));
	assert_true(n > 10);
	assert_int_equal(bl[0].kind, MP_BL_DEVNODE);
	assert_string_equal(bl[0].pattern, "!^(sd[a-z]|dasd[a-z]|nvme[0-9])");
	assert_string_equal(bl[0].origin, "built-in");
	assert_true(has_rule(bl, n, MP_BL_DEVICE, NULL, "^DGC", "LUNZ", "built-in"));
	assert_true(has_rule(bl, n, MP_BL_DEVICE, NULL, "(NETAPP|LSI|ENGENIO)", "Universal Xport",
			     "built-in"));
	assert_true(has_rule(bl, n, MP_BL_DEVNODE, "^loop", NULL, NULL, "test.conf:2"));
	assert_true(has_rule(bl, n, MP_BL_WWID, "^3600", NULL, NULL, "test.conf:3"));
	assert_true(has_rule(bl, n, MP_BL_DEVICE, NULL, "VMware", "Virtual disk", "test.conf:4"));
	assert_true(has_rule(bl, n, MP_BL_PROTOCOL, "scsi:usb", NULL, NULL, "test.conf:8"));
	assert_true(has_rule(bl, n, MP_BL_DEVICE, NULL, "ACME", "Gatekeeper", "test.conf:19"));
	assert_false(has_rule(bl, n, MP_BL_DEVNODE, "[", NULL, NULL, "test.conf:9"));
	/* built-in rules come first */
	for (size_t i = 1; i < n; i++)
		if (streq(bl[i - 1].origin, "test.conf:2"))
			assert_string_not_equal(bl[i].origin, "built-in");
	assert_int_equal(ne, 3);
	assert_int_equal(ex[0].kind, MP_BL_PROPERTY);
	assert_string_equal(ex[0].pattern, "(SCSI_IDENT_|ID_WWN)");
	assert_string_equal(ex[0].origin, "built-in");
	assert_true(has_rule(ex, ne, MP_BL_WWID, "^3600a", NULL, NULL, "test.conf:12"));
	mp_config_free(cfg);
	mp_diags_clear(&d);
}

static void config_without_builtins_has_only_keyword_defaults(void **state)
{
	struct mp_config *cfg = NULL;
	const struct mp_device_id id = {.vendor = "NETAPP", .product = "LUN"};
	struct mp_resolved *r;
	size_t n;

	(void)state;
	assert_int_equal(mp_config_new_without_builtins(&cfg), 0);
	assert_int_equal(mp_config_load_string(cfg, "t", "defaults {\n\tprio alua\n}\n", NULL), 0);
	r = resolve(cfg, &id);
	assert_null(mp_resolved_hwentry(r));
	expect(r, "prio", "alua", "defaults section (t:2)");
	expect(r, "failback", "manual", "default");
	mp_resolved_free(r);
	mp_config_blacklist(cfg, false, &n);
	assert_int_equal(n, 0);
	mp_config_blacklist(cfg, true, &n);
	assert_int_equal(n, 0);
	mp_config_free(cfg);
}

static void reservation_key_forms_and_resolution(void **state)
{
	const char text[] = "defaults {\n"
			    "\treservation_key 0x123abc\n"
			    "\tprkeys_file /var/lib/mp/prkeys\n"
			    "}\n"
			    "multipaths {\n"
			    "\tmultipath {\n"
			    "\t\twwid 3600a\n"
			    "\t\treservation_key file\n"
			    "\t}\n"
			    "\tmultipath {\n"
			    "\t\twwid 3600b\n"
			    "\t\treservation_key 0xFFFFffffFFFFffff:aptpl\n"
			    "\t}\n"
			    "}\n";
	const struct mp_device_id a = {.vendor = "LIO-ORG", .product = "x", .wwid = "3600a"};
	const struct mp_device_id b = {.vendor = "LIO-ORG", .product = "x", .wwid = "3600b"};
	const struct mp_device_id c = {.vendor = "LIO-ORG", .product = "x", .wwid = "3600c"};
	struct mp_reservation_key k;
	struct mp_diags diags = {0};
	struct mp_config *cfg = config_from(text, &diags);
	struct mp_resolved *r;

	(void)state;
	assert_int_equal(mp_diags_count(&diags, MP_DIAG_ERROR), 0);
	assert_string_equal(mp_config_get(cfg, "prkeys_file", NULL), "/var/lib/mp/prkeys");
	r = resolve(cfg, &a);
	assert_int_equal(mp_reservation_key_parse(mp_resolved_get(r, "reservation_key", NULL), &k), 0);
	assert_true(k.from_file && k.key == 0 && !k.aptpl);
	mp_resolved_free(r);
	r = resolve(cfg, &b);
	assert_int_equal(mp_reservation_key_parse(mp_resolved_get(r, "reservation_key", NULL), &k), 0);
	assert_true(!k.from_file && k.key == 0xffffffffffffffffull && k.aptpl);
	mp_resolved_free(r);
	r = resolve(cfg, &c);
	expect(r, "reservation_key", "0x123abc", "defaults section (test.conf:2)");
	assert_int_equal(mp_reservation_key_parse("123abc", &k), 0);
	assert_true(k.key == 0x123abc && !k.aptpl);
	mp_resolved_free(r);
	assert_int_equal(mp_reservation_key_parse("0x", &k), -EINVAL);
	assert_int_equal(mp_reservation_key_parse("0x12345678901234567", &k), -EINVAL);
	assert_int_equal(mp_reservation_key_parse("0x12:APTPL", &k), -EINVAL);
	assert_int_equal(mp_reservation_key_parse("files", &k), -EINVAL);
	mp_diags_clear(&diags);
	mp_config_free(cfg);
	cfg = config_from("defaults {\n\treservation_key 0xzz\n}\n", &diags);
	assert_true(has_diag(&diags, MP_DIAG_ERROR, 2, "hex key"));
	mp_diags_clear(&diags);
	mp_config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(precedence_multipaths_overrides_devices_defaults),
		cmocka_unit_test(protocol_override_by_transport_and_exact_protocol),
		cmocka_unit_test(later_protocol_and_multipath_entries_win),
		cmocka_unit_test(user_device_overrides_builtin_for_same_device),
		cmocka_unit_test(real_arrays_match_their_builtin_entries),
		cmocka_unit_test(scsi_debug_gets_plain_defaults),
		cmocka_unit_test(revision_regex_restricts_a_user_entry),
		cmocka_unit_test(builtin_table_is_large_and_valid),
		cmocka_unit_test(keyword_table_is_consistent),
		cmocka_unit_test(blacklist_rules_builtin_then_user),
		cmocka_unit_test(config_without_builtins_has_only_keyword_defaults),
		cmocka_unit_test(reservation_key_forms_and_resolution),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
