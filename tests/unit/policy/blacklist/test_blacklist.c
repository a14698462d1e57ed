/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "policy/blacklist/blacklist.h"

/* What multipath-tools builds in, plus a few admin entries. */
static const struct mp_blacklist_rule rules[] = {
	{.kind = MP_BL_DEVNODE, .pattern = "!^(sd[a-z]|dasd[a-z]|nvme[0-9])", .origin = "built-in"},
	{.kind = MP_BL_DEVICE, .vendor = "^DGC$", .product = "LUNZ", .origin = "built-in"},
	{.kind = MP_BL_DEVICE, .vendor = "^QEMU", .origin = "/etc/multipath.conf:3"},
	{.kind = MP_BL_WWID, .pattern = "^3600a0b8", .origin = "/etc/multipath.conf:5"},
	{.kind = MP_BL_PROTOCOL, .pattern = "scsi:(fcp|sas)", .origin = "/etc/multipath.conf:6"},
	{.kind = MP_BL_PROPERTY, .pattern = "^ID_FS_TYPE$", .origin = "/etc/multipath.conf:7"},
	{.kind = MP_BL_DEVNODE, .pattern = "^sdz$", .origin = "/etc/multipath.conf:8"},
};

static const struct mp_blacklist_rule exceptions[] = {
	{.kind = MP_BL_PROPERTY, .pattern = "(SCSI_IDENT_|ID_WWN)", .origin = "built-in"},
	{.kind = MP_BL_WWID, .pattern = "^3600a0b8000000001", .origin = "/etc/multipath.conf:12"},
	{.kind = MP_BL_PROTOCOL, .pattern = "scsi:sas", .origin = "/etc/multipath.conf:13"},
	{.kind = MP_BL_WWID, .pattern = "^sdz$", .origin = "/etc/multipath.conf:14"},
};

struct env {
	struct mp_blacklist *bl;
	struct mp_path p;
};

static int setup(void **state)
{
	static struct env e;

	memset(&e, 0, sizeof(e));
	assert_int_equal(mp_blacklist_new(rules, ARRAY_SIZE(rules), exceptions,
					  ARRAY_SIZE(exceptions), &e.bl, NULL),
			 0);
	snprintf(e.p.dev, sizeof(e.p.dev), "sda");
	snprintf(e.p.vendor, sizeof(e.p.vendor), "LIO-ORG");
	snprintf(e.p.product, sizeof(e.p.product), "ramdisk");
	snprintf(e.p.wwid, sizeof(e.p.wwid), "36001405abcdef");
	e.p.transport = MP_TRANSPORT_ISCSI;
	snprintf(e.p.protocol, sizeof(e.p.protocol), "scsi:iscsi");
	e.p.tpg_id = -1;
	*state = &e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	mp_blacklist_free(e->bl);
	return 0;
}

static struct mp_blacklist_verdict check(struct env *e, const struct mp_udev_props *props)
{
	struct mp_blacklist_input in = {.path = &e->p, .props = props};
	struct mp_blacklist_verdict v;

	assert_int_equal(mp_blacklist_check(e->bl, &in, &v), 0);
	return v;
}

static void plain_device_is_included(void **state)
{
	struct env *e = *state;
	struct mp_blacklist_verdict v = check(e, NULL);
	char text[256];

	assert_false(v.excluded);
	assert_null(v.rule);
	mp_blacklist_verdict_format(&v, "sda", text, sizeof(text));
	assert_string_equal(text, "sda: included (no blacklist rule matches)");
}

static void devnode_builtin_inverted_rule(void **state)
{
	struct env *e = *state;
	struct mp_blacklist_verdict v;
	char text[256];

	snprintf(e->p.dev, sizeof(e->p.dev), "loop0");
	v = check(e, NULL);
	assert_true(v.excluded);
	assert_int_equal(v.kind, MP_BL_DEVNODE);
	assert_ptr_equal(v.rule, &rules[0]);
	assert_string_equal(v.subject, "loop0");
	mp_blacklist_verdict_format(&v, "loop0", text, sizeof(text));
	assert_string_equal(text, "loop0: excluded by blacklist devnode "
				  "\"!^(sd[a-z]|dasd[a-z]|nvme[0-9])\" (built-in) matching \"loop0\"");
	snprintf(e->p.dev, sizeof(e->p.dev), "nvme0n1");
	assert_false(check(e, NULL).excluded);
	/* A wwid exception does not save a device from a devnode rule. */
	snprintf(e->p.dev, sizeof(e->p.dev), "sdz");
	v = check(e, NULL);
	assert_true(v.excluded);
	assert_ptr_equal(v.rule, &rules[6]);
}

static void device_vendor_product(void **state)
{
	struct env *e = *state;
	struct mp_blacklist_verdict v;

	snprintf(e->p.vendor, sizeof(e->p.vendor), "DGC");
	snprintf(e->p.product, sizeof(e->p.product), "LUNZ");
	v = check(e, NULL);
	assert_true(v.excluded);
	assert_int_equal(v.kind, MP_BL_DEVICE);
	assert_ptr_equal(v.rule, &rules[1]);
	assert_string_equal(v.subject, "DGC:LUNZ");
	/* Vendor matches, product does not. */
	snprintf(e->p.product, sizeof(e->p.product), "VRAID");
	assert_false(check(e, NULL).excluded);
	/* No product regex: any product. */
	snprintf(e->p.vendor, sizeof(e->p.vendor), "QEMU");
	v = check(e, NULL);
	assert_true(v.excluded);
	assert_string_equal(v.rule->origin, "/etc/multipath.conf:3");
}

static void wwid_rule_and_exception(void **state)
{
	struct env *e = *state;
	struct mp_blacklist_verdict v;
	char text[256];

	snprintf(e->p.wwid, sizeof(e->p.wwid), "3600a0b8000000002");
	v = check(e, NULL);
	assert_true(v.excluded);
	assert_int_equal(v.kind, MP_BL_WWID);
	assert_ptr_equal(v.rule, &rules[3]);
	snprintf(e->p.wwid, sizeof(e->p.wwid), "3600a0b8000000001");
	v = check(e, NULL);
	assert_false(v.excluded);
	assert_ptr_equal(v.exception, &exceptions[1]);
	mp_blacklist_verdict_format(&v, "sda", text, sizeof(text));
	assert_string_equal(text, "sda: included by blacklist_exceptions wwid "
				  "\"^3600a0b8000000001\" (/etc/multipath.conf:12)");
}

static void protocol_rule_and_exception(void **state)
{
	struct env *e = *state;
	struct mp_blacklist_verdict v;

	snprintf(e->p.protocol, sizeof(e->p.protocol), "scsi:fcp");
	v = check(e, NULL);
	assert_true(v.excluded);
	assert_int_equal(v.kind, MP_BL_PROTOCOL);
	assert_string_equal(v.subject, "scsi:fcp");
	snprintf(e->p.protocol, sizeof(e->p.protocol), "scsi:sas");
	v = check(e, NULL);
	assert_false(v.excluded);
	assert_ptr_equal(v.exception, &exceptions[2]);
	/* Without a protocol string the transport kind gives it. */
	e->p.protocol[0] = '\0';
	e->p.transport = MP_TRANSPORT_FC;
	assert_string_equal(mp_blacklist_path_protocol(&e->p), "scsi:fcp");
	assert_true(check(e, NULL).excluded);
}

static void set_props(struct mp_udev_props *props, struct mp_udev_prop *items, size_t n)
{
	props->items = items;
	props->n = n;
	props->initialized = true;
}

static void property_semantics(void **state)
{
	struct env *e = *state;
	struct mp_udev_prop only_serial[] = {{"DEVNAME", "/dev/sda"}, {"ID_SERIAL", "3600"}};
	struct mp_udev_prop with_ident[] = {{"ID_SERIAL", "3600"},
					   {"SCSI_IDENT_LUN_NAA_REGEXT", "600"}};
	struct mp_udev_prop with_fs[] = {{"SCSI_IDENT_LUN_T10", "x"},
					 {"ID_FS_TYPE", "LVM2_member"},
					 {"ID_SERIAL", "1x"}};
	struct mp_udev_prop no_uid[] = {{"DEVNAME", "/dev/sda"}};
	struct mp_udev_props props;
	struct mp_blacklist_verdict v;
	char text[256];

	set_props(&props, only_serial, ARRAY_SIZE(only_serial));
	v = check(e, &props);
	assert_true(v.excluded);
	assert_true(v.property_missing);
	assert_int_equal(v.kind, MP_BL_PROPERTY);
	assert_null(v.rule);
	mp_blacklist_verdict_format(&v, "sda", text, sizeof(text));
	assert_non_null(strstr(text, "udev property missing"));

	set_props(&props, with_ident, ARRAY_SIZE(with_ident));
	assert_false(check(e, &props).excluded);

	/* Names are tried in sorted order: ID_FS_TYPE comes before SCSI_IDENT_*. */
	set_props(&props, with_fs, ARRAY_SIZE(with_fs));
	v = check(e, &props);
	assert_true(v.excluded);
	assert_false(v.property_missing);
	assert_ptr_equal(v.rule, &rules[5]);
	assert_string_equal(v.subject, "ID_FS_TYPE");

	/* udev did not get a WWID: a missing property is not held against the device. */
	set_props(&props, no_uid, ARRAY_SIZE(no_uid));
	assert_false(check(e, &props).excluded);
}

static void properties_synthesized_without_udev(void **state)
{
	struct env *e = *state;
	struct mp_blacklist_verdict v;

	/* NAA WWID: ID_WWN and SCSI_IDENT_LUN_NAA would be there. */
	assert_false(check(e, NULL).excluded);
	/* T10 WWID (scsi_debug): SCSI_IDENT_LUN_T10. */
	snprintf(e->p.wwid, sizeof(e->p.wwid), "1Linux_scsi_debug_2000");
	assert_false(check(e, NULL).excluded);
	/* Serial-only WWID: SCSI_IDENT_SERIAL matches the default exception. */
	snprintf(e->p.wwid, sizeof(e->p.wwid), "SLinux_x_1");
	assert_false(check(e, NULL).excluded);
	/* No WWID: nothing to miss. */
	e->p.wwid[0] = '\0';
	assert_false(check(e, NULL).excluded);
	/* NVMe: ID_WWN is its uid attribute. */
	snprintf(e->p.dev, sizeof(e->p.dev), "nvme0n1");
	snprintf(e->p.wwid, sizeof(e->p.wwid), "eui.0025");
	e->p.transport = MP_TRANSPORT_NVME;
	snprintf(e->p.protocol, sizeof(e->p.protocol), "nvme:tcp");
	v = check(e, NULL);
	assert_false(v.excluded);
}

static void bad_regex_is_reported_and_ignored(void **state)
{
	static const struct mp_blacklist_rule bad[] = {
		{.kind = MP_BL_WWID, .pattern = "([unclosed", .origin = "/etc/multipath.conf:20"},
		{.kind = MP_BL_DEVICE, .vendor = "ok", .product = "[z-a]", .origin = "x.conf:2"},
		{.kind = MP_BL_WWID, .pattern = NULL, .origin = "x.conf:3"},
	};
	struct mp_diags d = {0};
	struct mp_blacklist *bl = NULL;
	struct mp_path p = {.dev = "sda", .wwid = "([unclosed"};
	struct mp_blacklist_input in = {.path = &p};
	struct mp_blacklist_verdict v;

	(void)state;
	assert_int_equal(mp_blacklist_new(bad, ARRAY_SIZE(bad), NULL, 0, &bl, &d), 0);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR), 2);
	assert_string_equal(d.items[1].source, "x.conf:2");
	assert_string_equal(d.items[0].source, "/etc/multipath.conf:20");
	assert_non_null(strstr(d.items[0].message, "blacklist wwid"));
	assert_int_equal(mp_blacklist_check(bl, &in, &v), 0);
	assert_false(v.excluded);
	in.path = NULL;
	assert_int_equal(mp_blacklist_check(bl, &in, &v), -EINVAL);
	mp_blacklist_free(bl);
	mp_blacklist_free(NULL);
	mp_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(plain_device_is_included, setup, teardown),
		cmocka_unit_test_setup_teardown(devnode_builtin_inverted_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(device_vendor_product, setup, teardown),
		cmocka_unit_test_setup_teardown(wwid_rule_and_exception, setup, teardown),
		cmocka_unit_test_setup_teardown(protocol_rule_and_exception, setup, teardown),
		cmocka_unit_test_setup_teardown(property_semantics, setup, teardown),
		cmocka_unit_test_setup_teardown(properties_synthesized_without_udev, setup, teardown),
		cmocka_unit_test(bad_regex_is_reported_and_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
