/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `mpath persist` / mpathpersist: the command lines fence_mpath sends, syntax errors, the key rule. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "persist/persist.h"
#include "persist_options.h"

static char err[256], warn[128];

static int parse(struct persist_options *o, int argc, const char **argv)
{
	return persist_options_parse(argc, (char **)argv, o, err, sizeof(err), warn, sizeof(warn));
}

#define PARSE(o, ...)                                                                              \
	({                                                                                         \
		const char *argv_[] = {"mpathpersist", __VA_ARGS__};                               \
		parse(o, (int)(sizeof(argv_) / sizeof(argv_[0])), argv_);                          \
	})

static void fence_mpath_command_lines(void **state)
{
	struct persist_options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-o", "--register", "--param-sark=123abc", "-d", "/dev/mapper/m"), 0);
	assert_true(o.out && !o.in);
	assert_int_equal(o.prout_sa, MP_PROUT_REGISTER);
	assert_true(o.sark == 0x123abc && o.rk == 0);
	assert_string_equal(o.device, "/dev/mapper/m");

	assert_int_equal(PARSE(&o, "-o", "--reserve", "--prout-type=5", "--param-rk=123abc", "-d", "/dev/dm-0"), 0);
	assert_int_equal(o.prout_sa, MP_PROUT_RESERVE);
	assert_int_equal(o.type, 5);
	assert_true(o.rk == 0x123abc);
	assert_string_equal(warn, "");

	assert_int_equal(PARSE(&o, "-o", "--preempt-abort", "--prout-type=5", "--param-rk=b", "--param-sark=a", "-d", "/dev/dm-0"), 0);
	assert_int_equal(o.prout_sa, MP_PROUT_PREEMPT_AND_ABORT);
	assert_true(o.rk == 0xb && o.sark == 0xa);

	assert_int_equal(PARSE(&o, "-i", "-k", "-d", "/dev/dm-0"), 0);
	assert_true(o.in);
	assert_int_equal(o.prin_sa, MP_PRIN_READ_KEYS);
	assert_int_equal(o.alloc_len, PERSIST_DEFAULT_ALLOC);
	assert_int_equal(PARSE(&o, "-i", "-r", "-d", "/dev/dm-0"), 0);
	assert_int_equal(o.prin_sa, MP_PRIN_READ_RESERVATION);
}

static void man_page_forms(void **state)
{
	struct persist_options o;

	(void)state;
	/* mpathpersist(8): -oCK 123abc /dev/mapper/mpath9, and the operand form */
	assert_int_equal(PARSE(&o, "-oCK", "123abc", "/dev/mapper/mpath9"), 0);
	assert_int_equal(o.prout_sa, MP_PROUT_CLEAR);
	assert_true(o.rk == 0x123abc);
	assert_string_equal(o.device, "/dev/mapper/mpath9");
	assert_int_equal(PARSE(&o, "--out", "--register-ignore", "-K", "0x123abc", "-S", "0", "/dev/mapper/mpath9"), 0);
	assert_int_equal(o.prout_sa, MP_PROUT_REGISTER_AND_IGNORE);
	assert_int_equal(PARSE(&o, "--in", "--read-full-status", "--alloc-length=65535", "-v", "3", "/dev/dm-1"), 0);
	assert_int_equal(o.prin_sa, MP_PRIN_READ_FULL_STATUS);
	assert_int_equal(o.alloc_len, 65535);
	assert_int_equal(o.verbosity, 3);
	assert_int_equal(PARSE(&o, "-i", "-c", "-H", "/dev/dm-1"), 0);
	assert_true(o.hex);
	assert_int_equal(PARSE(&o, "-o", "-G", "-Z", "-Y", "-S", "1", "/dev/dm-1"), 0);
	assert_true(o.aptpl && o.all_tg_pt);
	assert_int_equal(PARSE(&o, "-o", "--release", "-K", "1", "/dev/dm-1"), 0);
	assert_string_equal(warn, "Warning: --prout-type probably needs to be given");
	assert_int_equal(PARSE(&o, "-h"), 0);
	assert_true(o.help);
}

static void syntax_errors(void **state)
{
	struct persist_options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-k", "/dev/dm-0"), -EINVAL);
	assert_non_null(strstr(err, "--in"));
	assert_int_equal(PARSE(&o, "-i", "-o", "-k", "/dev/dm-0"), -EINVAL);
	assert_int_equal(PARSE(&o, "-o", "-G", "-R", "/dev/dm-0"), -EINVAL);
	assert_non_null(strstr(err, "only one"));
	assert_int_equal(PARSE(&o, "-o", "-k", "-G", "/dev/dm-0"), -EINVAL);
	assert_int_equal(PARSE(&o, "-i", "-G", "-k", "/dev/dm-0"), -EINVAL);
	assert_int_equal(PARSE(&o, "-i", "/dev/dm-0"), -EINVAL);
	assert_int_equal(PARSE(&o, "-i", "-k", "-r", "/dev/dm-0"), -EINVAL);
	assert_int_equal(PARSE(&o, "-i", "-k"), -EINVAL);
	assert_string_equal(err, "No device name given");
	assert_int_equal(PARSE(&o, "-i", "-k", "/dev/a", "/dev/b"), -EINVAL);
	assert_int_equal(PARSE(&o, "-o", "-G", "-S", "12zz", "/dev/a"), -EINVAL);
	assert_string_equal(err, "bad argument to '--param-sark'");
	assert_int_equal(PARSE(&o, "-o", "-G", "-S", "11223344556677889", "/dev/a"), -EINVAL);
	assert_int_equal(PARSE(&o, "-o", "-R", "-T", "10", "/dev/a"), -EINVAL);
	assert_int_equal(PARSE(&o, "-i", "-k", "-l", "65536", "/dev/a"), -EINVAL);
	assert_int_equal(PARSE(&o, "-i", "-k", "-l", "-1", "/dev/a"), -EINVAL);
	assert_int_equal(PARSE(&o, "-i", "-k", "--bogus", "/dev/a"), -EINVAL);
	assert_int_equal(PARSE(&o, "-o", "-G", "-X", "iqn.x", "/dev/a"), -EINVAL);
}

static enum persist_prkey_update check(const char *const *argv_tail, int n, uint64_t configured,
				       bool from_file, int want)
{
	const char *argv[12] = {"mpathpersist"};
	struct persist_options o;
	enum persist_prkey_update u = 99;

	for (int i = 0; i < n; i++)
		argv[i + 1] = argv_tail[i];
	argv[n + 1] = "/dev/dm-0";
	assert_int_equal(parse(&o, n + 2, argv), 0);
	assert_int_equal(persist_check_key(&o, configured, from_file, &u, err, sizeof(err)), want);
	return u;
}

static void key_rule(void **state)
{
	static const char *reg_a[] = {"-o", "-G", "-S", "a"};
	static const char *unreg_a[] = {"-o", "-G", "-K", "a", "-S", "0"};
	static const char *ign_b[] = {"-o", "-I", "-S", "b"};
	static const char *ign_0[] = {"-o", "-I", "-S", "0"};
	static const char *reserve_a[] = {"-o", "-R", "-T", "5", "-K", "a"};
	static const char *preempt_b_a[] = {"-o", "-A", "-T", "5", "-K", "b", "-S", "a"};
	static const char *clear_a[] = {"-o", "-C", "-K", "a"};

	(void)state;
	/* a hex reservation_key: the command must carry it */
	assert_int_equal(check(reg_a, 4, 0xa, false, 0), PERSIST_PRKEY_KEEP);
	check(reg_a, 4, 0xb, false, -EPERM);
	assert_string_equal(err, "configured reservation key doesn't match: 0xb");
	assert_int_equal(check(reserve_a, 6, 0xa, false, 0), PERSIST_PRKEY_KEEP);
	check(reserve_a, 6, 0xb, false, -EPERM);
	/* fence_mpath "off" on node b: RK is b's own key */
	assert_int_equal(check(preempt_b_a, 8, 0xb, false, 0), PERSIST_PRKEY_KEEP);
	/* no key configured: 0 matches a zero RK or SARK (mpathpersist compares the bytes), so
	 * only commands that name two non-zero keys are refused */
	check(preempt_b_a, 8, 0, false, -EPERM);
	assert_string_equal(err, "configured reservation key doesn't match: 0x0");
	assert_int_equal(check(reserve_a, 6, 0, false, 0), PERSIST_PRKEY_KEEP);
	assert_int_equal(check(ign_0, 4, 0x5, false, 0), PERSIST_PRKEY_KEEP);
	/* reservation_key file: registering sets the key, unregistering and CLEAR remove it */
	assert_int_equal(check(reg_a, 4, 0, true, 0), PERSIST_PRKEY_SET);
	assert_int_equal(check(ign_b, 4, 0xa, true, 0), PERSIST_PRKEY_SET);
	check(reg_a, 4, 0xc, true, -EPERM); /* REGISTER from no key while c is in the file */
	assert_int_equal(check(unreg_a, 6, 0xa, true, 0), PERSIST_PRKEY_REMOVE);
	assert_int_equal(check(clear_a, 4, 0xa, true, 0), PERSIST_PRKEY_REMOVE);
	assert_int_equal(check(reserve_a, 6, 0xa, true, 0), PERSIST_PRKEY_KEEP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fence_mpath_command_lines),
		cmocka_unit_test(man_page_forms),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(key_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
