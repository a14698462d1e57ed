/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iocheck's pure parts: checksum, block format, verdicts, state file, options. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "crc32c.h"
#include "iocheck-block.h"
#include "iocheck-opts.h"
#include "iocheck-state.h"

static void test_crc32c_known_vector(void **state)
{
	struct crc32c_table t;

	(void)state;
	crc32c_init(&t);
	/* The standard check value of CRC-32C. */
	assert_int_equal(crc32c_update(&t, 0, "123456789", 9), 0xE3069283u);
	/* Chaining gives the same as one call. */
	assert_int_equal(crc32c_update(&t, crc32c_update(&t, 0, "1234", 4), "56789", 5),
			 0xE3069283u);
	assert_int_equal(crc32c_update(&t, 0, "", 0), 0);
}

static void test_block_roundtrip_and_damage(void **state)
{
	struct crc32c_table t;
	struct iob_header h = {.run_id = 0x1234, .index = 7, .gen = 42, .block_size = 4096}, got;
	unsigned char *b = malloc(4096), *b2 = malloc(4096);

	(void)state;
	crc32c_init(&t);
	iob_encode(&t, &h, b);
	assert_int_equal(iob_decode(&t, b, 4096, 0x1234, 7, &got), IOB_OK);
	assert_true(got.gen == 42 && got.index == 7 && got.run_id == 0x1234);

	/* Another generation gives another payload, not just another header. */
	h.gen = 43;
	iob_encode(&t, &h, b2);
	assert_memory_not_equal(b + IOB_HEADER_SIZE, b2 + IOB_HEADER_SIZE, 64);

	assert_int_equal(iob_decode(&t, b, 4096, 0x1234, 8, &got), IOB_MISPLACED);
	assert_int_equal(iob_decode(&t, b, 4096, 0x9999, 7, &got), IOB_OTHER_RUN);
	assert_int_equal(iob_decode(&t, b, 512, 0x1234, 7, &got), IOB_CORRUPT);

	b[4000] ^= 0x01; /* payload bit flip */
	assert_int_equal(iob_decode(&t, b, 4096, 0x1234, 7, &got), IOB_CORRUPT);
	b[4000] ^= 0x01;
	b[24] ^= 0x80; /* generation field */
	assert_int_equal(iob_decode(&t, b, 4096, 0x1234, 7, &got), IOB_CORRUPT);

	memset(b, 0, 4096);
	assert_int_equal(iob_decode(&t, b, 4096, 0x1234, 7, &got), IOB_FOREIGN);
	free(b);
	free(b2);
}

static void test_judge(void **state)
{
	struct ioc_state *st;
	struct iob_header h = {.run_id = 1, .index = 0, .block_size = 4096};
	char why[160];
	uint64_t g1, g2, g3;

	(void)state;
	assert_int_equal(ioc_state_new(1, 4096, 4, &st), 0);
	/* Untouched blocks are not judged. */
	assert_int_equal(ioc_state_judge(st, 0, IOB_FOREIGN, NULL, why, sizeof(why)),
			 IOC_UNTOUCHED);

	g1 = ioc_state_begin_write(st, 0);
	ioc_state_end_write(st, 0, g1, true);
	h.gen = g1;
	assert_int_equal(ioc_state_judge(st, 0, IOB_OK, &h, why, sizeof(why)), IOC_GOOD);
	assert_int_equal(ioc_state_judge(st, 0, IOB_CORRUPT, NULL, why, sizeof(why)), IOC_BAD);
	assert_int_equal(ioc_state_judge(st, 0, IOB_FOREIGN, NULL, why, sizeof(why)), IOC_BAD);

	g2 = ioc_state_begin_write(st, 0);
	ioc_state_end_write(st, 0, g2, true);
	/* An acknowledged write that reads back old: lost write. */
	h.gen = g1;
	assert_int_equal(ioc_state_judge(st, 0, IOB_OK, &h, why, sizeof(why)), IOC_BAD);
	assert_non_null(strstr(why, "lost write"));

	/* A failed write: old or new is fine, corruption still is not. */
	g3 = ioc_state_begin_write(st, 0);
	ioc_state_end_write(st, 0, g3, false);
	assert_true(ioc_state_uncertain(st, 0));
	h.gen = g2;
	assert_int_equal(ioc_state_judge(st, 0, IOB_OK, &h, NULL, 0), IOC_GOOD);
	h.gen = g3;
	assert_int_equal(ioc_state_judge(st, 0, IOB_OK, &h, NULL, 0), IOC_GOOD);
	h.gen = g1;
	assert_int_equal(ioc_state_judge(st, 0, IOB_OK, &h, NULL, 0), IOC_BAD);
	assert_int_equal(ioc_state_judge(st, 0, IOB_CORRUPT, NULL, NULL, 0), IOC_BAD);

	/* First write failed: the old foreign content is acceptable. */
	g1 = ioc_state_begin_write(st, 1);
	ioc_state_end_write(st, 1, g1, false);
	assert_int_equal(ioc_state_judge(st, 1, IOB_FOREIGN, NULL, NULL, 0), IOC_GOOD);
	assert_int_equal(ioc_state_judge(st, 1, IOB_CORRUPT, NULL, NULL, 0), IOC_BAD);

	h.index = 3;
	g1 = ioc_state_begin_write(st, 2);
	ioc_state_end_write(st, 2, g1, true);
	assert_int_equal(ioc_state_judge(st, 2, IOB_MISPLACED, &h, why, sizeof(why)), IOC_BAD);
	assert_non_null(strstr(why, "misdirected"));
	ioc_state_free(st);
}

static char *temp_path(const char *name)
{
	char *p;
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	assert_true(asprintf(&p, "%s/iocheck-test-%d-%s", dir, (int)getpid(), name) > 0);
	return p;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_state_save_load(void **state)
{
	struct ioc_state *st, *st2;
	char *path = temp_path("state");
	char err[256];
	uint64_t g;

	(void)state;
	assert_int_equal(ioc_state_new(0xabcdef, 512, 10, &st), 0);
	g = ioc_state_begin_write(st, 3);
	ioc_state_end_write(st, 3, g, true);
	g = ioc_state_begin_write(st, 9);
	ioc_state_end_write(st, 9, g, false);
	assert_int_equal(ioc_state_save(st, path), 0);
	assert_int_equal(ioc_state_load(path, &st2, err, sizeof(err)), 0);
	assert_true(st2->run_id == 0xabcdef && st2->block_size == 512 && st2->nblocks == 10);
	assert_true(st2->last_gen == st->last_gen);
	assert_memory_equal(st2->b, st->b, 10 * sizeof(*st->b));
	ioc_state_free(st2);
	ioc_state_free(st);
	unlink(path);
	free(path);
}

static void test_state_load_rejects_bad_files(void **state)
{
	static const char *const bad[] = {
	    "",
	    "not a state\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 4\nlast_gen 2\n0 1 1\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 4\nlast_gen 2\n9 1 1\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 4\nlast_gen 2\n0 2 1\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 4\nlast_gen 2\n0 1 7\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4000\nblocks 4\nlast_gen 2\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks -4\nlast_gen 2\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 0\nlast_gen 2\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 4x\nlast_gen 2\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 4\nlast_gen 2\n0 1 1 junk\nend\n",
	    "iocheck-state 1\nrun_id 1\nblock_size 4096\nblocks 4\nlast_gen 2\nend\n0 1 1\n",
	};
	char *path = temp_path("bad-state");
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ioc_state *st = NULL;

		write_text(path, bad[i]);
		err[0] = '\0';
		assert_int_equal(ioc_state_load(path, &st, err, sizeof(err)), -EINVAL);
		assert_null(st);
		assert_true(strlen(err) > 0);
	}
	unlink(path);
	assert_int_equal(ioc_state_load(path, &(struct ioc_state *){NULL}, err, sizeof(err)),
			 -ENOENT);
	free(path);
}

static int parse(struct ioc_opts *o, char *err, const char *a0, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;

	argv[argc++] = (char *)"iocheck";
	va_start(ap, a0);
	for (const char *a = a0; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	err[0] = '\0';
	return ioc_opts_parse(argc, argv, o, err, 256);
}

static void test_opts(void **state)
{
	struct ioc_opts o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "--dev", "/dev/x", NULL), 0);
	assert_string_equal(o.dev, "/dev/x");
	assert_true(o.direct && !o.quiet && o.seconds == IOC_DEFAULT_SECONDS &&
		    o.block_size == 4096 && o.blocks == 0);

	assert_int_equal(parse(&o, err, "--dev=/f", "--seconds", "0", "--block-size=512",
			       "--blocks", "8", "--no-direct", "--quiet", "--report", "r",
			       "--state", "s", "--ops", "100", NULL),
			 0);
	assert_true(o.seconds == 0 && o.block_size == 512 && o.blocks == 8 && !o.direct &&
		    o.quiet && o.max_ops == 100);
	assert_string_equal(o.report, "r");
	assert_string_equal(o.state, "s");

	assert_int_equal(parse(&o, err, "--dev", "x", "--verify-only", "--state", "s", NULL), 0);
	assert_true(o.verify_only);
	assert_int_equal(parse(&o, err, "--help", NULL), 0);
	assert_true(o.help);
}

static void test_opts_errors(void **state)
{
	struct ioc_opts o;
	char err[256];

	(void)state;
#define BAD(needle, ...)                                                                           \
	do {                                                                                       \
		assert_int_equal(parse(&o, err, __VA_ARGS__, NULL), -EINVAL);                      \
		assert_non_null(strstr(err, needle));                                              \
	} while (0)
	BAD("--dev PATH is required", "--seconds", "3");
	BAD("unknown argument", "--dev", "x", "--bogus");
	BAD("unknown argument", "--dev", "x", "extra");
	BAD("needs a value", "--dev");
	BAD("needs a non-empty value", "--dev=");
	BAD("non-negative integer", "--dev", "x", "--seconds", "-1");
	BAD("non-negative integer", "--dev", "x", "--seconds", "5s");
	BAD("non-negative integer", "--dev", "x", "--seconds", "99999999999999999999999");
	BAD("power of two", "--dev", "x", "--block-size", "1000");
	BAD("power of two", "--dev", "x", "--block-size", "256");
	BAD("power of two", "--dev", "x", "--block-size", "2097152");
	BAD("number of blocks", "--dev", "x", "--blocks", "0");
	BAD("number of blocks", "--dev", "x", "--blocks", "99999999999");
	BAD("takes no value", "--dev", "x", "--quiet=1");
	BAD("needs --state", "--dev", "x", "--verify-only");
	BAD("do not apply", "--dev", "x", "--verify-only", "--state", "s", "--seconds", "1");
#undef BAD
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_crc32c_known_vector),
	    cmocka_unit_test(test_block_roundtrip_and_damage),
	    cmocka_unit_test(test_judge),
	    cmocka_unit_test(test_state_save_load),
	    cmocka_unit_test(test_state_load_rejects_bad_files),
	    cmocka_unit_test(test_opts),
	    cmocka_unit_test(test_opts_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
