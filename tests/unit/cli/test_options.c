/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
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

/* multipath(8) 0.9.4's flags, in any order around the device. */
static void flags_of_094_in_any_order(void **state)
{
	struct cli_options o;
	char err[200];

	(void)state;
	assert_int_equal(parse(&o, err, "sda", "-v3", "-d", NULL), 0);
	assert_string_equal(o.target, "sda");
	assert_int_equal(o.verbosity, 3);
	assert_true(o.dry_run);
	assert_int_equal(parse(&o, err, "-T", NULL), 0);
	assert_int_equal(o.action, CLI_DUMP_CONFIG);
	assert_true(o.dump_local);
	assert_int_equal(parse(&o, err, "-t", NULL), 0);
	assert_false(o.dump_local);
	assert_int_equal(parse(&o, err, "mpatha", "-C", NULL), -EINVAL); /* -C takes the map */
	assert_int_equal(parse(&o, err, "-C", "/dev/dm-0", NULL), 0);
	assert_int_equal(o.action, CLI_USABLE);
	assert_string_equal(o.target, "/dev/dm-0");
	assert_int_equal(parse(&o, err, "-q", "-B", "-b", "/tmp/b", "-e", "-R", "3", "-F", NULL), 0);
	assert_true(o.allow_queueing);
	assert_true(o.bindings_read_only);
	assert_string_equal(o.bindings_file, "/tmp/b");
	assert_true(o.enable_foreign);
	assert_int_equal(o.flush_retries, 3);
	assert_int_equal(o.action, CLI_FLUSH_ALL);
	assert_int_equal(parse(&o, err, "-R", "many", "-F", NULL), -EINVAL);
	/* -u / -U: the device comes from udev's environment */
	unsetenv("DEVNAME");
	assert_int_equal(parse(&o, err, "-u", NULL), -EINVAL);
	setenv("DEVNAME", "/dev/sdc", 1);
	assert_int_equal(parse(&o, err, "-u", NULL), 0);
	assert_int_equal(o.action, CLI_IS_PATH);
	assert_string_equal(o.target, "sdc");
	setenv("DEVNAME", "/dev/dm-3", 1);
	assert_int_equal(parse(&o, err, "-v", "3", "-U", NULL), 0);
	assert_int_equal(o.action, CLI_USABLE);
	assert_string_equal(o.target, "dm-3");
	unsetenv("DEVNAME");
}

/* The shell's words reach the daemon as the admin quoted them. */
static void ctl_keeps_quoted_words(void **state)
{
	struct cli_options o;
	char err[200];

	(void)state;
	assert_int_equal(parse(&o, err, "ctl", "show", "paths", "format", "%d %c", NULL), 0);
	assert_string_equal(o.daemon_cmd, "show paths format \"%d %c\"");
	cli_options_clear(&o);
	assert_int_equal(parse(&o, err, "-v", "1", "ctl", "show", "maps", "raw", "format", "%n",
			       NULL), 0);
	assert_string_equal(o.daemon_cmd, "show maps raw format %n");
	cli_options_clear(&o);
	/* options after ctl are the command's words */
	assert_int_equal(parse(&o, err, "ctl", "show", "-x", NULL), 0);
	assert_string_equal(o.daemon_cmd, "show -x");
	cli_options_clear(&o);
	assert_int_equal(parse(&o, err, "ctl", "-k", NULL), 0);
	assert_int_equal(o.action, CLI_INTERACTIVE);
	assert_int_equal(parse(&o, err, "ctl", "-kshow maps", NULL), 0);
	assert_int_equal(o.action, CLI_DAEMON);
	assert_string_equal(o.daemon_cmd, "show maps");
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
		cmocka_unit_test(flags_of_094_in_any_order),
		cmocka_unit_test(ctl_keeps_quoted_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
