/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dm-multipath table/status text: round trips on literal lines, rejects, equality rules. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "dm/table.h"

/* Parse, format, compare with the literal; parse the output again and compare structs. */
static void table_round_trip(const char *line)
{
	struct mp_dm_table t, t2;
	char *out;

	assert_int_equal(mp_dm_table_parse(line, &t), 0);
	out = mp_dm_table_format(&t);
	assert_non_null(out);
	assert_string_equal(out, line);
	assert_int_equal(mp_dm_table_parse(out, &t2), 0);
	assert_true(mp_dm_table_equal(&t, &t2));
	assert_int_equal(mp_dm_table_diff(&t, &t2), 0);
	free(out);
	mp_dm_table_clear(&t);
	mp_dm_table_clear(&t2);
}

static void status_round_trip(const char *line)
{
	struct mp_dm_table t;
	char *out;

	assert_int_equal(mp_dm_status_parse(line, &t), 0);
	out = mp_dm_status_format(&t);
	assert_non_null(out);
	assert_string_equal(out, line);
	free(out);
	mp_dm_table_clear(&t);
}

static void table_round_trips(void **state)
{
	static const char *const lines[] = {
		"0 209715200 multipath 1 queue_if_no_path 1 alua 2 1 round-robin 0 1 1 8:0 100 "
		"round-robin 0 1 1 8:16 100",
		"0 209715200 multipath 1 queue_if_no_path 1 alua 1 1 round-robin 0 1 1 8:0 100",
		"0 2097152 multipath 0 0 2 1 round-robin 0 2 1 8:0 1 8:32 1 round-robin 0 2 1 8:16 1 "
		"8:48 1",
		"0 2097152 multipath 0 0 1 1 service-time 0 2 2 8:16 1 1 8:32 1 1",
		"0 2097152 multipath 0 0 1 1 queue-length 0 2 1 8:16 1 65:0 1",
		"0 2097152 multipath 3 queue_if_no_path pg_init_retries 50 1 alua 1 1 service-time 0 1 2 "
		"8:0 1 1",
		"0 2097152 multipath 2 pg_init_retries 50 0 1 1 round-robin 0 1 1 8:0 1",
		"0 2097152 multipath 1 retain_attached_hw_handler 1 alua 1 1 round-robin 0 1 1 8:0 1",
		"0 2097152 multipath 2 queue_mode bio 0 1 1 round-robin 0 1 1 8:0 1",
		"0 2097152 multipath 4 queue_if_no_path pg_init_delay_msecs 2500 "
		"retain_attached_hw_handler 2 emc 1 1 1 round-robin 0 1 1 8:0 1",
		"0 0 multipath 0 0 0 0",
		"0 8 multipath 0 0 1 1 historical-service-time 2 5 10 1 0 259:3",
		"0 18446744073709551615 multipath 0 0 1 1 round-robin 0 1 1 4095:1048575 1",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		table_round_trip(lines[i]);
}

static void table_fields(void **state)
{
	struct mp_dm_table t;

	(void)state;
	assert_int_equal(mp_dm_table_parse("0 209715200 multipath 1 queue_if_no_path 1 alua 2 1 "
					   "round-robin 0 1 1 8:0 100 round-robin 0 1 1 8:16 100",
					   &t),
			 0);
	assert_int_equal(t.start, 0);
	assert_int_equal(t.length, 209715200);
	assert_int_equal(t.n_features, 1);
	assert_string_equal(t.features[0], "queue_if_no_path");
	assert_int_equal(t.n_hwh, 1);
	assert_string_equal(t.hwh[0], "alua");
	assert_int_equal(t.n_groups, 2);
	assert_int_equal(t.initial_pg, 1);
	assert_string_equal(t.groups[1].selector, "round-robin");
	assert_int_equal(t.groups[1].n_paths, 1);
	assert_int_equal(t.groups[1].paths[0].major, 8);
	assert_int_equal(t.groups[1].paths[0].minor, 16);
	assert_int_equal(t.groups[1].paths[0].n_args, 1);
	assert_string_equal(t.groups[1].paths[0].args[0], "100");
	mp_dm_table_clear(&t);
	assert_null(t.groups);
	mp_dm_table_clear(NULL);
}

static void params_only_and_blanks(void **state)
{
	struct mp_dm_table t;
	char *out;

	(void)state;
	/* libdevmapper hands over params without the prefix, with a trailing blank. */
	assert_int_equal(mp_dm_table_parse("1 queue_if_no_path 0 1 1 round-robin 0 1 1 8:0 1 \n",
					   &t),
			 0);
	assert_int_equal(t.length, 0);
	out = mp_dm_table_format_params(&t);
	assert_string_equal(out, "1 queue_if_no_path 0 1 1 round-robin 0 1 1 8:0 1");
	free(out);
	mp_dm_table_clear(&t);
	assert_int_equal(mp_dm_table_parse("  0\t100  multipath 0 0 0 0\n", &t), 0);
	assert_int_equal(t.length, 100);
	mp_dm_table_clear(&t);
}

static void status_round_trips(void **state)
{
	static const char *const lines[] = {
		"0 2097152 multipath 2 0 0 0 2 1 A 0 2 2 8:0 A 0 0 1 8:16 A 0 0 1 E 0 2 2 8:32 A 0 0 1 "
		"8:48 F 1 0 1",
		"0 209715200 multipath 2 1 3 0 2 2 E 0 1 0 8:0 A 0 D 0 1 0 8:16 F 7",
		"0 1024 multipath 2 0 0 0 1 1 A 0 2 1 8:0 A 0 0 8:16 A 0 3",
		"0 0 multipath 2 0 0 0 0 0",
	};
	struct mp_dm_table t;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		status_round_trip(lines[i]);
	assert_int_equal(mp_dm_status_parse(lines[0], &t), 0);
	assert_int_equal(t.n_features, 2);
	assert_null(t.groups[0].selector);
	assert_int_equal(t.groups[0].state, 'A');
	assert_int_equal(t.groups[1].state, 'E');
	assert_true(t.groups[1].paths[0].active);
	assert_false(t.groups[1].paths[1].active);
	assert_int_equal(t.groups[1].paths[1].fail_count, 1);
	assert_int_equal(t.groups[1].paths[1].n_args, 2);
	assert_string_equal(t.groups[1].paths[1].args[1], "1");
	mp_dm_table_clear(&t);
}

static void rejects(void **state)
{
	static const char *const tables[] = {
		"",
		"   ",
		"0 100 multipath",
		"0 100 multipath 1",                                     /* feature missing */
		"0 100 multipath 2 queue_if_no_path 0 0 0",              /* count too big */
		"0 100 multipath 0 0 1 1 round-robin 0 2 1 8:0 1",       /* second path missing */
		"0 100 multipath 0 0 2 1 round-robin 0 1 1 8:0 1",       /* second group missing */
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 8:0 1 8:16 1", /* trailing words */
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 sda 1",       /* not major:minor */
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 8: 1",
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 :8 1",
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 8:0:1 1",
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 4096:0 1",    /* major > 12 bits */
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 8:1048576 1", /* minor > 20 bits */
		"0 100 multipath 0 0 1 1 round-robin 0 1 1 -8:0 1",
		"0 100 multipath 0 0 1 0 round-robin 0 1 1 8:0 1",       /* no initial group */
		"0 100 multipath 0 0 1 2 round-robin 0 1 1 8:0 1",       /* initial > count */
		"0 100 multipath 0 0 0 1",
		"0 100 multipath 0 0 1 1 round-robin 0 0 1",             /* group without paths */
		"0 100 multipath 0 0 1 1 round-robin 17 1 1 8:0 1",      /* too many selector args */
		"0 100 multipath 0 0 1 1 round-robin 0 1 17 8:0",
		"0 100 multipath 0 0 1025 1",                            /* absurd group count */
		"0 100 multipath 0 0 1 1 round-robin 0 1025 0 8:0",
		"0 100 multipath 99999999999999999999 0 0 0",            /* overflow */
		"0 100 multipath 65 0 0 0",
		"0 100 multipath 0 65 0 0",
		"0 100 multipath +1 x 0 0 0",
		"0 100 multipath 0 0 1 1 1 0 1 1 8:0 1",                 /* selector is a number */
		"x 100 multipath 0 0 0 0",
		"0 100 multipath 0 0 0 0\n0 100 multipath 0 0 0 0",     /* two targets */
	};
	static const char *const statuses[] = {
		"0 100 multipath 2 0 0 0 1 1 X 0 1 0 8:0 A 0",           /* bad group state */
		"0 100 multipath 2 0 0 0 1 1 A 0 1 0 8:0 B 0",           /* bad path state */
		"0 100 multipath 2 0 0 0 1 1 A 0 1 0 8:0 A",             /* fail count missing */
		"0 100 multipath 2 0 0 0 1 1 A 0 1 0 8:0 A x",
		"0 100 multipath 2 0 0 0 1 1 AE 0 1 0 8:0 A 0",
		"0 100 multipath 2 0 0 0 1 1 A 0 1 1 8:0 A 0",           /* selector arg missing */
		"0 100 multipath 2 0 0 0 2 1 A 0 1 0 8:0 A 0",
		"0 100 multipath 2 0 0 0 1 1 A 0 1 0 8:0 A 0 extra",
	};
	struct mp_dm_table t = {.length = 42};

	(void)state;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		int r = mp_dm_table_parse(tables[i], &t);

		if (r != -EINVAL)
			fail_msg("accepted table #%zu \"%s\" (r=%d)", i, tables[i], r);
		assert_int_equal(t.length, 42); /* untouched on failure */
	}
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (mp_dm_status_parse(statuses[i], &t) != -EINVAL)
			fail_msg("accepted status #%zu \"%s\"", i, statuses[i]);
	assert_int_equal(mp_dm_table_parse(NULL, &t), -EINVAL);
	/* A status line is not a table: 'A' is not a selector count. */
	assert_int_equal(mp_dm_table_parse("0 1 multipath 2 0 0 0 1 1 A 0 1 0 8:0 A 0", &t),
			 -EINVAL);
}

static void format_rejects_inexpressible(void **state)
{
	struct mp_dm_table t;
	char *out;

	(void)state;
	assert_int_equal(mp_dm_table_parse("0 1 multipath 0 0 1 1 round-robin 0 2 1 8:0 1 8:16 1",
					   &t),
			 0);
	/* Paths of one group must share the arg count. */
	t.groups[0].paths[1].n_args = 0;
	out = mp_dm_table_format(&t);
	assert_null(out);
	assert_int_equal(errno, EINVAL);
	t.groups[0].paths[1].n_args = 1;
	free(t.features);
	t.features = calloc(1, sizeof(char *));
	t.features[0] = strdup("two words");
	t.n_features = 1;
	assert_null(mp_dm_table_format(&t));
	mp_dm_table_clear(&t);
}

static void copy_is_deep(void **state)
{
	struct mp_dm_table t, c;
	char *a, *b;

	(void)state;
	assert_int_equal(mp_dm_table_parse("0 209715200 multipath 3 queue_if_no_path "
					   "pg_init_retries 50 1 alua 2 1 round-robin 0 1 1 8:0 "
					   "100 round-robin 0 1 1 8:16 100",
					   &t),
			 0);
	assert_int_equal(mp_dm_table_copy(&t, &c), 0);
	a = mp_dm_table_format(&t);
	mp_dm_table_clear(&t);
	b = mp_dm_table_format(&c);
	assert_string_equal(a, b);
	free(a);
	free(b);
	mp_dm_table_clear(&c);
}

static unsigned int diff_of(const char *x, const char *y)
{
	struct mp_dm_table a, b;
	unsigned int d;

	assert_int_equal(mp_dm_table_parse(x, &a), 0);
	assert_int_equal(mp_dm_table_parse(y, &b), 0);
	d = mp_dm_table_diff(&a, &b);
	assert_int_equal(d, mp_dm_table_diff(&b, &a));
	assert_int_equal(mp_dm_table_equal(&a, &b),
			 (d & ~(unsigned int)(MP_DM_DIFF_QUEUEING | MP_DM_DIFF_INITIAL_PG)) == 0);
	mp_dm_table_clear(&a);
	mp_dm_table_clear(&b);
	return d;
}

#define P "0 100 multipath "

static void equality_rules(void **state)
{
	(void)state;
	/* feature order and case */
	assert_int_equal(diff_of(P "3 queue_if_no_path pg_init_retries 50 0 1 1 round-robin 0 1 1 8:0 1",
				 P "3 pg_init_retries 50 QUEUE_IF_NO_PATH 0 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	/* pg_init_retries 0 is unset; "050" is 50 */
	assert_int_equal(diff_of(P "2 pg_init_retries 0 0 1 1 round-robin 0 1 1 8:0 1",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	assert_int_equal(diff_of(P "2 pg_init_retries 050 0 1 1 round-robin 0 1 1 8:0 1",
				 P "2 pg_init_retries 50 0 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	assert_int_equal(diff_of(P "2 pg_init_retries 5 0 1 1 round-robin 0 1 1 8:0 1",
				 P "2 pg_init_retries 50 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_FEATURES);
	/* queue_mode bio implies retain; mq and rq are both request-based (default) */
	assert_int_equal(diff_of(P "2 queue_mode bio 0 1 1 round-robin 0 1 1 8:0 1",
				 P "3 retain_attached_hw_handler queue_mode bio 0 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	assert_int_equal(diff_of(P "2 queue_mode mq 0 1 1 round-robin 0 1 1 8:0 1",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	assert_int_equal(diff_of(P "2 queue_mode bio 0 1 1 round-robin 0 1 1 8:0 1",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_FEATURES);
	/* queueing is runtime state: reported, but not a reason to reload */
	assert_int_equal(diff_of(P "1 queue_if_no_path 0 1 1 round-robin 0 1 1 8:0 1",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_QUEUEING);
	/* the kernel prints the current group where the initial one was */
	assert_int_equal(diff_of(P "0 0 2 1 round-robin 0 1 1 8:0 1 round-robin 0 1 1 8:16 1",
				 P "0 0 2 2 round-robin 0 1 1 8:0 1 round-robin 0 1 1 8:16 1"),
			 MP_DM_DIFF_INITIAL_PG);
	/* hardware handler: name only, params never shown by the kernel */
	assert_int_equal(diff_of(P "0 2 emc 1 1 1 round-robin 0 1 1 8:0 1",
				 P "0 1 emc 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	assert_int_equal(diff_of(P "0 1 alua 1 1 round-robin 0 1 1 8:0 1",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_HWHANDLER);
	/* ... and not at all when the kernel keeps the attached handler */
	assert_int_equal(diff_of(P "1 retain_attached_hw_handler 1 alua 1 1 round-robin 0 1 1 8:0 1",
				 P "1 retain_attached_hw_handler 1 emc 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	/* service-time: kernel shows two args, repeat counts above 1 as 1 */
	assert_int_equal(diff_of(P "0 0 1 1 service-time 0 1 1 8:0 100",
				 P "0 0 1 1 service-time 0 1 2 8:0 1 1"),
			 0);
	assert_int_equal(diff_of(P "0 0 1 1 service-time 0 1 2 8:0 1 2",
				 P "0 0 1 1 service-time 0 1 2 8:0 1 1"),
			 MP_DM_DIFF_PATH_ARGS);
	assert_int_equal(diff_of(P "0 0 1 1 round-robin 0 1 0 8:0",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 0);
	assert_int_equal(diff_of(P "0 0 1 1 round-robin 0 1 1 8:0 0",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_PATH_ARGS);
	/* more args than the selector takes (found by the fuzzer): literal, equal to itself */
	assert_int_equal(diff_of(P "0 0 1 1 service-time 0 1 4 8:0 x 2 y 1",
				 P "0 0 1 1 service-time 0 1 4 8:0 x 2 y 1"),
			 0);
	/* unknown selectors: args literally */
	assert_int_equal(diff_of(P "0 0 1 1 foo 0 1 1 8:0 100", P "0 0 1 1 foo 0 1 1 8:0 1"),
			 MP_DM_DIFF_PATH_ARGS);
	/* paths: a set within a group; group order matters */
	assert_int_equal(diff_of(P "0 0 1 1 round-robin 0 2 1 8:0 1 8:16 1",
				 P "0 0 1 1 round-robin 0 2 1 8:16 1 8:0 1"),
			 0);
	assert_int_equal(diff_of(P "0 0 1 1 round-robin 0 2 1 8:0 1 8:16 1",
				 P "0 0 1 1 round-robin 0 2 1 8:0 1 8:0 1"),
			 MP_DM_DIFF_PATHS);
	assert_int_equal(diff_of(P "0 0 1 1 round-robin 0 2 1 8:0 1 8:16 1",
				 P "0 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_PATHS);
	assert_int_equal(diff_of(P "0 0 2 1 round-robin 0 1 1 8:0 1 round-robin 0 1 1 8:16 1",
				 P "0 0 2 1 round-robin 0 1 1 8:16 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_PATHS);
	assert_int_equal(diff_of(P "0 0 1 1 round-robin 0 1 1 8:0 1",
				 P "0 0 1 1 service-time 0 1 2 8:0 1 1"),
			 MP_DM_DIFF_GROUPS | MP_DM_DIFF_PATHS);
	assert_int_equal(diff_of(P "0 0 1 1 round-robin 0 1 1 8:0 1",
				 P "0 0 2 1 round-robin 0 1 1 8:0 1 round-robin 0 1 1 8:16 1"),
			 MP_DM_DIFF_GROUPS | MP_DM_DIFF_PATHS);
	assert_int_equal(diff_of("0 100 multipath 0 0 1 1 round-robin 0 1 1 8:0 1",
				 "0 200 multipath 0 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_SIZE);
	/* unknown feature words compare in order */
	assert_int_equal(diff_of(P "1 frob 0 1 1 round-robin 0 1 1 8:0 1",
				 P "1 twiddle 0 1 1 round-robin 0 1 1 8:0 1"),
			 MP_DM_DIFF_FEATURES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_round_trips),
		cmocka_unit_test(table_fields),
		cmocka_unit_test(params_only_and_blanks),
		cmocka_unit_test(status_round_trips),
		cmocka_unit_test(rejects),
		cmocka_unit_test(format_rejects_inexpressible),
		cmocka_unit_test(copy_is_deep),
		cmocka_unit_test(equality_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
