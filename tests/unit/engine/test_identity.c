/* SPDX-License-Identifier: GPL-2.0-or-later */
/* uid_attribute / uid_attrs read from the udev database, allow_usb_devices. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "config/config.h"
#include "discover/udev_db.h"
#include "engine/identity.h"

struct env {
	struct mp_config *cfg;
	struct mp_resolved *r;
	struct mp_udev_props props;
	struct mp_path p;
};

static void prepare(struct env *e, const char *conf, const char *db)
{
	const struct mp_device_id id = {.vendor = "ACME", .product = "X"};

	memset(e, 0, sizeof(*e));
	assert_int_equal(mp_config_new(&e->cfg), 0);
	assert_int_equal(mp_config_load_string(e->cfg, "t.conf", conf, NULL), 0);
	assert_int_equal(mp_config_resolve(e->cfg, &id, &e->r), 0);
	if (db)
		assert_int_equal(mp_udev_props_parse("db", db, strlen(db), &e->props, NULL), 0);
	snprintf(e->p.dev, sizeof(e->p.dev), "sdb");
	snprintf(e->p.devpath, sizeof(e->p.devpath), "devices/pci0000:00/0000:00:05.0/host2/target2:0:0/2:0:0:1");
	snprintf(e->p.wwid, sizeof(e->p.wwid), "36001405aa00000000000000000000001");
}

static void finish(struct env *e)
{
	mp_udev_props_clear(&e->props);
	mp_resolved_free(e->r);
	mp_config_free(e->cfg);
}

static const char db[] = "I:123\nE:ID_SERIAL=36001405aa00000000000000000000001\n"
			 "E:ID_WWN=0x6001405aa0000000\nE:MY_ID=custom-42\n";

static void udev_value_of_uid_attribute_is_the_wwid(void **state)
{
	struct env e;
	char reason[200] = "";

	(void)state;
	prepare(&e, "defaults {\n\tuid_attribute MY_ID\n}\n", db);
	assert_int_equal(mp_path_identity(e.cfg, e.r, &e.p, &e.props, reason, sizeof(reason)), 0);
	assert_string_equal(e.p.wwid, "custom-42");
	finish(&e);
}

static void uid_attrs_by_devnode_wins_over_uid_attribute(void **state)
{
	struct env e;
	char reason[200] = "", buf[64];

	(void)state;
	prepare(&e, "defaults {\n\tuid_attrs \"nvme:ID_WWN sd:ID_WWN\"\n\tuid_attribute MY_ID\n}\n",
		db);
	assert_string_equal(mp_path_uid_attribute(e.cfg, e.r, &e.p, buf, sizeof(buf)), "ID_WWN");
	assert_int_equal(mp_path_identity(e.cfg, e.r, &e.p, &e.props, reason, sizeof(reason)), 0);
	assert_string_equal(e.p.wwid, "0x6001405aa0000000");
	finish(&e);
}

static void no_udev_value_keeps_the_vpd_wwid(void **state)
{
	struct env e;
	char reason[200] = "";

	(void)state;
	prepare(&e, "defaults {\n\tuid_attribute NOT_THERE\n}\n", db);
	assert_int_equal(mp_path_identity(e.cfg, e.r, &e.p, &e.props, reason, sizeof(reason)), 0);
	assert_string_equal(e.p.wwid, "36001405aa00000000000000000000001");
	finish(&e);
	prepare(&e, "", NULL); /* no database at all */
	assert_int_equal(mp_path_identity(e.cfg, e.r, &e.p, NULL, reason, sizeof(reason)), 0);
	assert_string_equal(e.p.wwid, "36001405aa00000000000000000000001");
	finish(&e);
}

static void usb_devices_skipped_unless_allowed(void **state)
{
	struct env e;
	char reason[200] = "";

	(void)state;
	prepare(&e, "", NULL);
	snprintf(e.p.devpath, sizeof(e.p.devpath), "devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0");
	assert_int_equal(mp_path_identity(e.cfg, e.r, &e.p, NULL, reason, sizeof(reason)), 1);
	assert_non_null(strstr(reason, "allow_usb_devices"));
	finish(&e);
	prepare(&e, "defaults {\n\tallow_usb_devices yes\n}\n", NULL);
	snprintf(e.p.devpath, sizeof(e.p.devpath), "devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0");
	assert_int_equal(mp_path_identity(e.cfg, e.r, &e.p, NULL, reason, sizeof(reason)), 0);
	finish(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(udev_value_of_uid_attribute_is_the_wwid),
		cmocka_unit_test(uid_attrs_by_devnode_wins_over_uid_attribute),
		cmocka_unit_test(no_udev_value_keeps_the_vpd_wwid),
		cmocka_unit_test(usb_devices_skipped_unless_allowed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
