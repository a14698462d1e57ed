/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The prkeys file: multipath-tools' format, bad lines, set/remove, the locked file transaction. */
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

#include "config/config.h"
#include "names/fileio.h"
#include "names/prkeys.h"

/* As multipathd 0.9.4 writes it: its header, a removed entry commented out with '#'. */
static const char mpt_file[] =
	"# Multipath persistent reservation keys, Version : 1.0\n"
	"# NOTE: this file is automatically maintained by the multipathd program.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Format:\n"
	"# prkey wwid\n"
	"#\n"
	"0x0000000000123abc 36001405aaaa\n"
	"#x0000000000000007 36001405bbbb\n"
	"0X00000000000000ff 36001405cccc\n";

static void parse_multipath_tools_file(void **state)
{
	struct mp_prkeys k = {0};
	struct mp_diags d = {0};
	const struct mp_prkey *e;

	(void)state;
	assert_int_equal(mp_prkeys_parse(&k, "prkeys", mpt_file, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(k.n, 2);
	e = mp_prkeys_find(&k, "36001405aaaa");
	assert_non_null(e);
	assert_true(e->key == 0x123abc);
	assert_false(e->aptpl);
	e = mp_prkeys_find(&k, "36001405cccc");
	assert_non_null(e);
	assert_true(e->key == 0xff && e->aptpl);
	assert_null(mp_prkeys_find(&k, "36001405bbbb"));
	mp_prkeys_clear(&k);
}

static void bad_lines(void **state)
{
	const char *text = "123abc 3600a\n"              /* no 0x */
			   "0x 3600b\n"                  /* no digits */
			   "0x00000000000000000 3600c\n" /* 17 digits */
			   "0x0000000000000000 3600d\n"  /* key 0 */
			   "0x12 3600e extra\n"          /* a third word */
			   "0x12\n"                      /* no wwid */
			   "0x12g 3600f\n"
			   "0x5 3600ok\n"
			   "0x6 3600ok\n"; /* second key: used, with a note */
	struct mp_prkeys k = {0};
	struct mp_diags d = {0};

	(void)state;
	assert_int_equal(mp_prkeys_parse(&k, "prkeys", text, &d), 7);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR), 7);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_NOTE), 1);
	assert_int_equal(d.items[0].line, 1);
	assert_string_equal(d.items[0].source, "prkeys");
	assert_int_equal(k.n, 1);
	assert_true(mp_prkeys_find(&k, "3600ok")->key == 6);
	mp_prkeys_clear(&k);
	mp_diags_clear(&d);
}

static void set_format_round_trip(void **state)
{
	struct mp_prkeys k = {0}, k2 = {0};
	struct mp_diags d = {0};
	char *out;

	(void)state;
	assert_int_equal(mp_prkeys_set(&k, "3600a", 0xabc, false), 1);
	assert_int_equal(mp_prkeys_set(&k, "3600a", 0xabc, false), 0);
	assert_int_equal(mp_prkeys_set(&k, "3600b", 0xffffffffffffffffull, true), 1);
	assert_int_equal(mp_prkeys_set(&k, "3600a", 0xabd, false), 1);
	assert_int_equal(mp_prkeys_set(&k, "3600c", 0, false), 0);
	assert_int_equal(mp_prkeys_set(&k, "bad wwid", 1, false), -EINVAL);
	assert_int_equal(mp_prkeys_set(&k, "", 1, false), -EINVAL);
	out = mp_prkeys_format(&k);
	assert_non_null(out);
	/* the same line layout multipathd writes and reads */
	assert_non_null(strstr(out, "\n0x0000000000000abd 3600a\n"));
	assert_non_null(strstr(out, "\n0Xffffffffffffffff 3600b\n"));
	assert_int_equal(mp_prkeys_parse(&k2, "out", out, &d), 0);
	assert_int_equal(k2.n, 2);
	assert_int_equal(mp_prkeys_set(&k2, "3600a", 0, false), 1);
	assert_int_equal(k2.n, 1);
	assert_string_equal(k2.items[0].wwid, "3600b");
	free(out);
	mp_prkeys_clear(&k);
	mp_prkeys_clear(&k2);
}

static void file_transaction(void **state)
{
	char dir[] = "/tmp/mpath-prkeys-XXXXXX", path[64], lock[80];
	struct mp_diags d = {0};
	uint64_t key = 0;
	bool aptpl = true;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/prkeys", dir);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	assert_int_equal(mp_prkeys_file_get(path, "3600a", &key, &aptpl, &d), 0); /* no file */
	assert_int_equal(mp_prkeys_file_set(path, "3600a", 0x123abc, false, &d), 1);
	assert_int_equal(mp_prkeys_file_set(path, "3600a", 0x123abc, false, &d), 0);
	assert_int_equal(mp_prkeys_file_set(path, "3600b", 0x77, true, &d), 1);
	assert_int_equal(mp_prkeys_file_get(path, "3600a", &key, &aptpl, &d), 1);
	assert_true(key == 0x123abc && !aptpl);
	assert_int_equal(mp_prkeys_file_get(path, "3600b", &key, &aptpl, &d), 1);
	assert_true(key == 0x77 && aptpl);
	assert_int_equal(mp_prkeys_file_set(path, "3600a", 0, false, &d), 1);
	assert_int_equal(mp_prkeys_file_get(path, "3600a", &key, &aptpl, &d), 0);
	assert_int_equal(d.n, 0);
	unlink(path);
	unlink(lock);
	assert_int_equal(rmdir(dir), 0);
}

static void map_key_from_config_or_file(void **state)
{
	const char text[] = "defaults {\n\treservation_key 0x77:aptpl\n}\n"
			    "multipaths {\n\tmultipath {\n\t\twwid 3600f\n"
			    "\t\treservation_key file\n\t}\n}\n";
	char dir[] = "/tmp/mpath-prkeys-XXXXXX", path[64], lock[80];
	struct mp_reservation_key k;
	struct mp_diags d = {0};
	struct mp_config *cfg = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/prkeys", dir);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	assert_int_equal(mp_config_new_without_builtins(&cfg), 0);
	assert_string_equal(mp_prkeys_path(cfg), "/etc/multipath/prkeys");
	assert_int_equal(mp_config_load_string(cfg, "t", text, &d), 0);
	assert_int_equal(mp_prkeys_map_key(cfg, path, "3600x", &k, &d), 0);
	assert_true(!k.from_file && k.key == 0x77 && k.aptpl);
	assert_int_equal(mp_prkeys_map_key(cfg, path, "3600f", &k, &d), 0);
	assert_true(k.from_file && k.key == 0);
	assert_int_equal(mp_prkeys_file_set(path, "3600f", 0xabc, false, &d), 1);
	assert_int_equal(mp_prkeys_map_key(cfg, path, "3600f", &k, &d), 0);
	assert_true(k.from_file && k.key == 0xabc && !k.aptpl);
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR) + mp_diags_count(&d, MP_DIAG_WARNING), 0);
	mp_diags_clear(&d);
	mp_config_free(cfg);
	unlink(path);
	unlink(lock);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_multipath_tools_file),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(set_format_round_trip),
		cmocka_unit_test(file_transaction),
		cmocka_unit_test(map_key_from_config_or_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
