/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bindings, wwids file, find_multipaths and naming precedence. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "names/alias.h"
#include "names/bindings.h"
#include "names/fileio.h"
#include "names/policy.h"
#include "names/wwids.h"

static void alias_scheme(void **state)
{
	static const struct {
		unsigned long index;
		const char *alias;
	} cases[] = {
		{1, "mpatha"},    {2, "mpathb"},    {26, "mpathz"},    {27, "mpathaa"},
		{28, "mpathab"},  {52, "mpathaz"},  {53, "mpathba"},   {702, "mpathzz"},
		{703, "mpathaaa"}, {704, "mpathaab"}, {18278, "mpathzzz"}, {18279, "mpathaaaa"},
	};
	char buf[64];
	unsigned long idx;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(mp_alias_format("mpath", cases[i].index, buf, sizeof(buf)), 0);
		assert_string_equal(buf, cases[i].alias);
		assert_int_equal(mp_alias_parse("mpath", cases[i].alias, &idx), 0);
		assert_int_equal(idx, cases[i].index);
	}
	/* every index round-trips, none is skipped */
	for (unsigned long i = 1; i < 20000; i++) {
		assert_int_equal(mp_alias_format("p", i, buf, sizeof(buf)), 0);
		assert_int_equal(mp_alias_parse("p", buf, &idx), 0);
		assert_int_equal(idx, i);
	}
	assert_int_equal(mp_alias_format("mpath", 0, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(mp_alias_format("mpath", 27, buf, 7), -ENAMETOOLONG);
	assert_int_equal(mp_alias_parse("mpath", "mpath", &idx), -EINVAL);
	assert_int_equal(mp_alias_parse("mpath", "mpathA", &idx), -EINVAL);
	assert_int_equal(mp_alias_parse("mpath", "mpath1", &idx), -EINVAL);
	assert_int_equal(mp_alias_parse("mpath", "data", &idx), -EINVAL);
	assert_int_equal(mp_alias_parse("mpath", "mpathaaaaaaaaaaaaa", &idx), -EINVAL);
}

static void bindings_parse_and_diags(void **state)
{
	const char *text = "# Multipath bindings, Version : 1.0\n"
			   "mpatha 3600a0b800026b282\n"
			   "\n"
			   "  mpathb\t3600a0b800026b283   # trailing comment\n"
			   "mpathc\n"                        /* 5: no wwid */
			   "mpathd 1 2\n"                    /* 6: extra word */
			   "mpatha 3600a0b800026b999\n"      /* 7: alias rebound */
			   "mpathx 3600a0b800026b282\n"      /* 8: wwid rebound */
			   "mpathb 3600a0b800026b283\n"      /* 9: exact duplicate */
			   "bad/alias 3600\n"                /* 10 */
			   "data1 3600a0b800026b284";        /* no final newline */
	struct mp_bindings b = {0};
	struct mp_diags d = {0};
	char msg[512];

	(void)state;
	assert_int_equal(mp_bindings_parse(&b, "/etc/multipath/bindings", text, &d), 6);
	assert_int_equal(b.n, 3);
	assert_string_equal(mp_bindings_alias_of(&b, "3600a0b800026b283"), "mpathb");
	assert_string_equal(mp_bindings_wwid_of(&b, "data1"), "3600a0b800026b284");
	assert_string_equal(mp_bindings_alias_of(&b, "3600a0b800026b282"), "mpatha");
	assert_null(mp_bindings_alias_of(&b, "3600a0b800026b999"));
	assert_int_equal(d.n, 6);
	assert_int_equal(d.items[0].line, 5);
	assert_int_equal(d.items[1].line, 6);
	assert_int_equal(d.items[2].line, 7);
	assert_int_equal(d.items[3].line, 8);
	assert_int_equal(d.items[4].line, 9);
	assert_int_equal(d.items[4].severity, MP_DIAG_WARNING);
	assert_int_equal(d.items[5].line, 10);
	mp_diag_format(&d.items[2], msg, sizeof(msg));
	assert_non_null(strstr(msg, "/etc/multipath/bindings:7: error: alias \"mpatha\""));
	mp_diags_clear(&d);
	mp_bindings_clear(&b);
}

static void bindings_allocate(void **state)
{
	struct mp_bindings b = {0};
	struct mp_diags d = {0};
	const char *alias;
	char wwid[32];

	(void)state;
	/* gaps are reused, lowest first; other prefixes and custom names don't count */
	assert_int_equal(mp_bindings_parse(&b, "t", "mpatha w1\nmpathc w3\nmpathe w5\ndata w9\n"
						  "otherb w8\n",
					   &d),
			 0);
	assert_int_equal(mp_bindings_allocate(&b, "mpath", "w3", NULL, NULL, &alias), 0);
	assert_string_equal(alias, "mpathc");
	assert_int_equal(mp_bindings_allocate(&b, "mpath", "new1", NULL, NULL, &alias), 1);
	assert_string_equal(alias, "mpathb");
	assert_int_equal(mp_bindings_allocate(&b, "mpath", "new2", NULL, NULL, &alias), 1);
	assert_string_equal(alias, "mpathd");
	assert_int_equal(mp_bindings_allocate(&b, "mpath", "new3", NULL, NULL, &alias), 1);
	assert_string_equal(alias, "mpathf");
	assert_int_equal(mp_bindings_allocate(&b, "other", "new4", NULL, NULL, &alias), 1);
	assert_string_equal(alias, "othera");
	mp_bindings_clear(&b);

	/* 26 -> 27th is mpathaa; 702nd mpathzz, 703rd mpathaaa */
	for (int i = 1; i <= 703; i++) {
		snprintf(wwid, sizeof(wwid), "36000%d", i);
		assert_int_equal(mp_bindings_allocate(&b, "mpath", wwid, NULL, NULL, &alias), 1);
		if (i == 26)
			assert_string_equal(alias, "mpathz");
		if (i == 27)
			assert_string_equal(alias, "mpathaa");
		if (i == 702)
			assert_string_equal(alias, "mpathzz");
		if (i == 703)
			assert_string_equal(alias, "mpathaaa");
	}
	assert_int_equal(mp_bindings_remove_wwid(&b, "3600027"), 1);
	assert_int_equal(mp_bindings_remove_wwid(&b, "3600027"), 0);
	assert_int_equal(mp_bindings_allocate(&b, "mpath", "again", NULL, NULL, &alias), 1);
	assert_string_equal(alias, "mpathaa");
	assert_int_equal(mp_bindings_add(&b, "mpathaa", "x"), -EEXIST);
	assert_int_equal(mp_bindings_add(&b, "y", "again"), -EEXIST);
	assert_int_equal(mp_bindings_add(&b, "a b", "z"), -EINVAL);
	assert_int_equal(mp_bindings_allocate(&b, "mpath", "bad wwid", NULL, NULL, &alias), -EINVAL);
	mp_bindings_clear(&b);
	mp_diags_clear(&d);
}

static bool taken_by_config(const char *alias, void *data)
{
	(void)data;
	return strcmp(alias, "mpatha") == 0 || strcmp(alias, "mpathb") == 0;
}

static void bindings_allocate_skips_taken(void **state)
{
	struct mp_bindings b = {0};
	const char *alias;

	(void)state;
	assert_int_equal(mp_bindings_allocate(&b, "mpath", "w1", taken_by_config, NULL, &alias), 1);
	assert_string_equal(alias, "mpathc");
	mp_bindings_clear(&b);
}

static void bindings_format_round_trip(void **state)
{
	struct mp_bindings b = {0}, b2 = {0};
	struct mp_diags d = {0};
	char *text;

	(void)state;
	assert_int_equal(mp_bindings_add(&b, "mpathb", "3600b"), 0);
	assert_int_equal(mp_bindings_add(&b, "mpatha", "3600a"), 0);
	text = mp_bindings_format(&b);
	assert_non_null(strstr(text, "\nmpathb 3600b\nmpatha 3600a\n"));
	assert_int_equal(text[0], '#');
	assert_int_equal(mp_bindings_parse(&b2, "x", text, &d), 0);
	assert_int_equal(b2.n, 2);
	assert_string_equal(b2.items[0].alias, "mpathb");
	free(text);
	mp_bindings_clear(&b);
	mp_bindings_clear(&b2);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int make_tmpdir(void **state)
{
	char *dir = strdup("/tmp/mpath-names-XXXXXX");

	assert_non_null(mkdtemp(dir));
	*state = dir;
	return 0;
}

static int remove_tmpdir(void **state)
{
	nftw(*state, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(*state);
	return 0;
}

static char *path_in(const char *dir, const char *name)
{
	char *p;

	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	return p;
}

static void bindings_file_transaction(void **state)
{
	char *path = path_in(*state, "bindings");
	struct mp_diags d = {0};
	struct mp_bindings b = {0};
	char *alias, *text;
	struct stat st;

	/* missing file: read-only finds nothing, writable creates it */
	assert_int_equal(mp_bindings_file_get_alias(path, "mpath", "3600a", true, NULL, NULL, &alias, &d),
			 -ENOENT);
	assert_int_equal(mp_bindings_file_get_alias(path, "mpath", "3600a", false, NULL, NULL, &alias, &d), 1);
	assert_string_equal(alias, "mpatha");
	free(alias);
	assert_int_equal(mp_bindings_file_get_alias(path, "mpath", "3600b", false, NULL, NULL, &alias, &d), 1);
	assert_string_equal(alias, "mpathb");
	free(alias);
	assert_int_equal(mp_bindings_file_get_alias(path, "mpath", "3600a", false, NULL, NULL, &alias, &d), 0);
	assert_string_equal(alias, "mpatha");
	free(alias);
	assert_int_equal(mp_bindings_file_get_alias(path, "mpath", "3600b", true, NULL, NULL, &alias, &d), 0);
	free(alias);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* reread from disk */
	assert_int_equal(mp_bindings_load(&b, path, &d), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(mp_bindings_wwid_of(&b, "mpathb"), "3600b");
	mp_bindings_clear(&b);
	/* an existing multipath-tools file is used as is; its bad line is reported with file:line */
	assert_int_equal(mp_names_write_atomic(path, "# comment\nmpathc 3600c\nbroken\n", 0600), 0);
	assert_int_equal(mp_bindings_file_get_alias(path, "mpath", "3600d", false, NULL, NULL, &alias, &d), 1);
	assert_string_equal(alias, "mpatha");
	free(alias);
	assert_int_equal(d.n, 1); /* reported once, with its line */
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].source, path);
	assert_int_equal(mp_names_read(path, &text), 0);
	assert_non_null(strstr(text, "mpathc 3600c\nmpatha 3600d\n"));
	free(text);
	/* no temp files left behind */
	assert_int_equal(access(path, F_OK), 0);
	mp_diags_clear(&d);
	free(path);
}

static void wwids_parse_format(void **state)
{
	struct mp_wwids w = {0}, w2 = {0};
	struct mp_diags d = {0};
	char *text;

	(void)state;
	assert_int_equal(mp_wwids_parse(&w, "wwids",
					"# Multipath wwids, Version : 1.0\n"
					"/3600a/\n"
					"  /3600b/  # why not\n"
					"3600c\n"  /* 4: no slashes */
					"//\n"     /* 5: empty */
					"/3600a/\n" /* 6: duplicate */
					"/36 00/\n", /* 7: blank inside */
					&d),
			 4);
	assert_int_equal(w.n, 2);
	assert_true(mp_wwids_contains(&w, "3600b"));
	assert_false(mp_wwids_contains(&w, "3600c"));
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[1].line, 5);
	assert_int_equal(d.items[2].line, 6);
	assert_int_equal(d.items[2].severity, MP_DIAG_NOTE);
	assert_int_equal(d.items[3].line, 7);
	text = mp_wwids_format(&w);
	assert_non_null(strstr(text, "\n/3600a/\n/3600b/\n"));
	assert_int_equal(mp_wwids_parse(&w2, "x", text, &d), 0);
	assert_int_equal(w2.n, 2);
	free(text);
	assert_int_equal(mp_wwids_add(&w, "3600a"), 0);
	assert_int_equal(mp_wwids_add(&w, "a/b"), -EINVAL);
	assert_int_equal(mp_wwids_remove(&w, "3600a"), 1);
	assert_int_equal(mp_wwids_remove(&w, "3600a"), 0);
	mp_wwids_clear(&w);
	mp_wwids_clear(&w2);
	mp_diags_clear(&d);
}

static void wwids_file_ops(void **state)
{
	char *path = path_in(*state, "wwids");
	const char *current[] = {"3600c", "3600a"};
	struct mp_diags d = {0};
	char *text;

	assert_int_equal(mp_wwids_file_check(path, "3600a", &d), 0);
	assert_int_equal(mp_wwids_file_add(path, "3600a", &d), 1);  /* -a */
	assert_int_equal(mp_wwids_file_add(path, "3600a", &d), 0);
	assert_int_equal(mp_wwids_file_add(path, "3600b", &d), 1);
	assert_int_equal(mp_wwids_file_check(path, "3600b", &d), 1);
	assert_int_equal(mp_wwids_file_remove(path, "3600b", &d), 1); /* -w */
	assert_int_equal(mp_wwids_file_remove(path, "3600b", &d), 0);
	assert_int_equal(mp_wwids_file_check(path, "3600b", &d), 0);
	assert_int_equal(mp_wwids_file_reset(path, current, 2, &d), 1); /* -W */
	assert_int_equal(mp_wwids_file_reset(path, current, 2, &d), 0);
	assert_int_equal(mp_names_read(path, &text), 0);
	assert_non_null(strstr(text, "# Multipath wwids, Version : 1.0\n"));
	assert_non_null(strstr(text, "\n/3600c/\n/3600a/\n"));
	free(text);
	assert_int_equal(mp_wwids_file_add(path, "bad/wwid", &d), -EINVAL);
	assert_int_equal(d.n, 0);
	mp_diags_clear(&d);
	free(path);
}

static void fileio_errors(void **state)
{
	char *dir_as_file = path_in(*state, "");
	char *missing = path_in(*state, "no/such/dir/file");
	char *text;

	assert_int_equal(mp_names_read(dir_as_file, &text), -EINVAL);
	assert_int_equal(mp_names_read(missing, &text), -ENOENT);
	assert_true(mp_names_write_atomic(missing, "x", 0600) < 0);
	free(dir_as_file);
	free(missing);
}

static void find_multipaths_matrix(void **state)
{
	static const struct {
		const char *mode;
		size_t n_paths;
		bool in_wwids, entry, exists;
		int expect;
	} cases[] = {
		/* mode    paths wwids  entry  exists */
		{"strict", 2, false, false, false, 0},
		{"strict", 1, true, false, false, 1},
		{"strict", 4, false, true, false, 0},
		{"strict", 1, false, false, true, 1},
		{"off", 1, false, false, false, 1},
		{"no", 1, false, false, false, 1},
		{"greedy", 1, false, false, false, 1},
		{"on", 1, false, false, false, 0},
		{"yes", 2, false, false, false, 1},
		{"on", 1, true, false, false, 1},
		{"on", 1, false, true, false, 1},
		{"smart", 1, false, false, false, 0},
		{"smart", 2, false, false, false, 1},
		{"smart", 1, true, false, false, 1},
		{"SMART", 1, false, false, true, 1},
	};
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mp_find_input in = {.mode = cases[i].mode,
					   .n_paths = cases[i].n_paths,
					   .in_wwids_file = cases[i].in_wwids,
					   .has_multipaths_entry = cases[i].entry,
					   .map_exists = cases[i].exists};
		int r = mp_find_multipaths(&in, &why);

		if (r != cases[i].expect)
			fail_msg("case %zu (%s): got %d, expected %d", i, cases[i].mode, r,
				 cases[i].expect);
		assert_non_null(why);
	}
	struct mp_find_input bad = {.mode = "maybe"};
	assert_int_equal(mp_find_multipaths(&bad, &why), -EINVAL);
	bad.mode = NULL;
	assert_int_equal(mp_find_multipaths(&bad, &why), -EINVAL);
}

static void naming_precedence(void **state)
{
	struct mp_bindings b = {0};
	struct mp_name_input in = {.wwid = "3600a", .config_alias = "oradata",
				   .user_friendly_names = true};
	enum mp_name_source src;
	const char *name;

	(void)state;
	assert_int_equal(mp_bindings_add(&b, "mpathq", "3600a"), 0);
	/* multipaths alias wins over a binding */
	assert_int_equal(mp_names_choose(&in, &b, NULL, NULL, &name, &src), 0);
	assert_string_equal(name, "oradata");
	assert_int_equal(src, MP_NAME_CONFIG_ALIAS);
	/* then the existing binding */
	in.config_alias = NULL;
	assert_int_equal(mp_names_choose(&in, &b, NULL, NULL, &name, &src), 0);
	assert_string_equal(name, "mpathq");
	assert_int_equal(src, MP_NAME_BINDING);
	/* a new binding with the configured prefix */
	in.wwid = "3600b";
	in.alias_prefix = "disk";
	assert_int_equal(mp_names_choose(&in, &b, NULL, NULL, &name, &src), 0);
	assert_string_equal(name, "diska");
	assert_int_equal(src, MP_NAME_NEW_BINDING);
	/* without user_friendly_names: the wwid */
	in.user_friendly_names = false;
	assert_int_equal(mp_names_choose(&in, &b, NULL, NULL, &name, &src), 0);
	assert_string_equal(name, "3600b");
	assert_int_equal(src, MP_NAME_WWID);
	in.wwid = "";
	assert_int_equal(mp_names_choose(&in, &b, NULL, NULL, &name, &src), -EINVAL);
	mp_bindings_clear(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alias_scheme),
		cmocka_unit_test(bindings_parse_and_diags),
		cmocka_unit_test(bindings_allocate),
		cmocka_unit_test(bindings_allocate_skips_taken),
		cmocka_unit_test(bindings_format_round_trip),
		cmocka_unit_test_setup_teardown(bindings_file_transaction, make_tmpdir, remove_tmpdir),
		cmocka_unit_test(wwids_parse_format),
		cmocka_unit_test_setup_teardown(wwids_file_ops, make_tmpdir, remove_tmpdir),
		cmocka_unit_test_setup_teardown(fileio_errors, make_tmpdir, remove_tmpdir),
		cmocka_unit_test(find_multipaths_matrix),
		cmocka_unit_test(naming_precedence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
