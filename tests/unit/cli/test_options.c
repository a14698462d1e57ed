/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "options.h"

static int parse(struct cli_options *o, char *err, const char *first, ...)
{
	char *argv[16] = {"mpath"};
	int argc = 1;
	va_list ap;

	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	return cli_parse_options(argc, argv, o, err, 200);
}

static void multipath_habits(void **state)
{
	struct cli_options o;
	char err[200];

	(void)state;
	assert_int_equal(parse(&o, err, NULL), 0);
	assert_int_equal(o.action, CLI_CREATE);
	assert_string_equal(o.config, "/etc/multipath.conf");
	assert_int_equal(parse(&o, err, "-ll", NULL), 0);
	assert_int_equal(o.action, CLI_LIST_LONG);
	assert_int_equal(parse(&o, err, "-l", "mpatha", NULL), 0);
	assert_int_equal(o.action, CLI_LIST);
	assert_string_equal(o.target, "mpatha");
	assert_int_equal(parse(&o, err, "-d", "-v3", "--json", NULL), 0);
	assert_true(o.dry_run);
	assert_true(o.json);
	assert_int_equal(o.verbosity, 3);
	assert_int_equal(parse(&o, err, "-f", "mpathb", NULL), 0);
	assert_int_equal(o.action, CLI_FLUSH_ONE);
	assert_string_equal(o.target, "mpathb");
	assert_int_equal(parse(&o, err, "-c", "/dev/sda", NULL), 0);
	assert_int_equal(o.action, CLI_IS_PATH);
	assert_false(o.udev_export);
	/* -u is -c answered as a udev property, for IMPORT{program} */
	assert_int_equal(parse(&o, err, "-u", "sdb", NULL), 0);
	assert_int_equal(o.action, CLI_IS_PATH);
	assert_string_equal(o.target, "sdb");
	assert_true(o.udev_export);
	assert_int_equal(parse(&o, err, "--sysfs-root", "/tmp/x", "-d", NULL), 0);
	assert_string_equal(o.sysfs_root, "/tmp/x");
}

static void subcommands(void **state)
{
	struct cli_options o;
	char err[200];

	(void)state;
	assert_int_equal(parse(&o, err, "config", "check", "/tmp/m.conf", NULL), 0);
	assert_int_equal(o.action, CLI_CHECK_CONFIG);
	assert_string_equal(o.target, "/tmp/m.conf");
	assert_int_equal(parse(&o, err, "config", "show", NULL), 0);
	assert_int_equal(o.action, CLI_DUMP_CONFIG);
	assert_int_equal(parse(&o, err, "explain", "sdb", NULL), 0);
	assert_int_equal(o.action, CLI_EXPLAIN);
	assert_int_equal(parse(&o, err, "ctl", "show", "paths", NULL), 0);
	assert_int_equal(o.action, CLI_DAEMON);
	assert_string_equal(o.daemon_cmd, "show paths");
	cli_options_clear(&o);
}

static void usage_errors_say_what(void **state)
{
	struct cli_options o;
	char err[200];

	(void)state;
	assert_int_equal(parse(&o, err, "-v", "x", NULL), -EINVAL);
	assert_string_equal(err, "invalid verbosity 'x' (0..4)");
	assert_int_equal(parse(&o, err, "-f", NULL), -EINVAL);
	assert_string_equal(err, "option -f needs an argument");
	assert_int_equal(parse(&o, err, "-Z", NULL), -EINVAL);
	assert_string_equal(err, "unknown option -Z");
	assert_int_equal(parse(&o, err, "-F", "-ll", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "config", "frob", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "ctl", NULL), -EINVAL);
	assert_int_equal(parse(&o, err, "sda", "sdb", NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(multipath_habits),
		cmocka_unit_test(subcommands),
		cmocka_unit_test(usage_errors_say_what),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
