/* SPDX-License-Identifier: GPL-2.0-or-later */
/* multipathd's command line shapes, as tools and init scripts send them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "multipathd_args.h"

static int parse(struct mpd_args *a, int argc, const char **argv)
{
	char err[160];

	return mpd_args_parse(argc, (char **)argv, a, err, sizeof(err));
}

#define PARSE(a, ...)                                                                    \
	({                                                                               \
		const char *v_[] = {"multipathd", __VA_ARGS__};                          \
		parse(a, (int)(sizeof(v_) / sizeof(v_[0])), v_);                         \
	})

static void daemon_shapes(void **state)
{
	struct mpd_args a;
	const char *none[] = {"multipathd"};

	(void)state;
	assert_int_equal(parse(&a, 1, none), 0);
	assert_int_equal(a.mode, MPD_DAEMON);
	assert_string_equal(a.daemon_argv[0], "mpathd");
	assert_null(a.daemon_argv[1]);
	/* the systemd unit's and dracut's lines */
	assert_int_equal(PARSE(&a, "-d", "-s"), 0);
	assert_int_equal(a.mode, MPD_DAEMON);
	assert_string_equal(a.daemon_argv[1], "-d");
	assert_string_equal(a.daemon_argv[2], "-s");
	assert_null(a.daemon_argv[3]);
	assert_int_equal(PARSE(&a, "-B"), 0);
	assert_int_equal(a.ignored, 1);
	assert_null(a.daemon_argv[1]);
	assert_int_equal(PARSE(&a, "-ds", "-v", "3"), 0);
	assert_string_equal(a.daemon_argv[3], "-v");
	assert_string_equal(a.daemon_argv[4], "3");
	/* multipathd's -v goes to 6; mpathd's to 4 */
	assert_int_equal(PARSE(&a, "-v6", "-d"), 0);
	assert_string_equal(a.daemon_argv[1], "-d");
	assert_string_equal(a.daemon_argv[3], "4");
}

static void client_shapes(void **state)
{
	struct mpd_args a;

	(void)state;
	assert_int_equal(PARSE(&a, "-kshow maps"), 0);
	assert_int_equal(a.mode, MPD_COMMAND);
	assert_string_equal(a.command, "show maps");
	mpd_args_clear(&a);
	assert_int_equal(PARSE(&a, "show", "map", "mpatha", "topology"), 0);
	assert_int_equal(a.mode, MPD_COMMAND);
	assert_string_equal(a.command, "show map mpatha topology");
	mpd_args_clear(&a);
	assert_int_equal(PARSE(&a, "-v2", "reconfigure"), 0);
	assert_string_equal(a.command, "reconfigure");
	mpd_args_clear(&a);
	/* -k with the command as separate words */
	assert_int_equal(PARSE(&a, "-k", "list", "maps"), 0);
	assert_int_equal(a.mode, MPD_COMMAND);
	assert_string_equal(a.command, "list maps");
	mpd_args_clear(&a);
	assert_int_equal(PARSE(&a, "-k"), 0);
	assert_int_equal(a.mode, MPD_INTERACTIVE);
	assert_null(a.command);
}

static void refusals(void **state)
{
	struct mpd_args a;

	(void)state;
	assert_int_equal(PARSE(&a, "-x"), -EINVAL);
	assert_int_equal(PARSE(&a, "-v"), -EINVAL);
	assert_int_equal(PARSE(&a, "-v", "9"), -EINVAL);
	assert_int_equal(PARSE(&a, "-kshow maps", "extra"), -EINVAL);
	assert_int_equal(PARSE(&a, "-h"), 0);
	assert_int_equal(a.mode, MPD_HELP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(daemon_shapes),
		cmocka_unit_test(client_shapes),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
