/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover/udev_db.h"
#include "testlib.h"

static void parses_properties(void **state)
{
	static const char text[] = "S:disk/by-id/scsi-36001405abc\n"
				   "I:1234567\n"
				   "E:ID_SERIAL=36001405abc\n"
				   "E:ID_WWN=0x6001405abc\n"
				   "E:SCSI_IDENT_LUN_NAA_REGEXT=6001405abc\n"
				   "E:ID_SERIAL=36001405abd\n"
				   "G:systemd\n"
				   "bogus line\n"
				   "E:=novalue\n"
				   "E:EMPTY=\n";
	struct mp_udev_props p;
	struct mp_diags d = {0};

	(void)state;
	assert_int_equal(mp_udev_props_parse("b8:0", text, sizeof(text) - 1, &p, &d), 0);
	assert_true(p.initialized);
	assert_int_equal(p.n, 4);
	assert_string_equal(mp_udev_props_get(&p, "ID_SERIAL"), "36001405abd");
	assert_string_equal(mp_udev_props_get(&p, "ID_WWN"), "0x6001405abc");
	assert_string_equal(mp_udev_props_get(&p, "EMPTY"), "");
	assert_null(mp_udev_props_get(&p, "S"));
	assert_int_equal(d.n, 2);
	assert_int_equal(d.items[0].line, 8);
	assert_int_equal(d.items[1].line, 9);
	mp_udev_props_clear(&p);
	mp_diags_clear(&d);
}

static void loads_from_a_directory(void **state)
{
	struct fakesys fs;
	struct mp_udev_props p;
	char dir[512];

	(void)state;
	fs_init(&fs);
	fs_writes(&fs, "data/b8:16", "E:ID_SERIAL=1Linux_scsi_debug_2000\n");
	snprintf(dir, sizeof(dir), "%s/data", fs.root);
	assert_int_equal(mp_udev_props_load(dir, 8, 16, &p, NULL), 0);
	assert_false(p.initialized);
	assert_string_equal(mp_udev_props_get(&p, "ID_SERIAL"), "1Linux_scsi_debug_2000");
	mp_udev_props_clear(&p);
	assert_int_equal(mp_udev_props_load(dir, 8, 0, &p, NULL), -ENOENT);
	fs_cleanup(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_properties),
		cmocka_unit_test(loads_from_a_directory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
