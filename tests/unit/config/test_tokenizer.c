/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "config/tokenizer.h"

static struct mp_line_tokens tokens;

static int tokenize(const char *line)
{
	return mp_tokenize_line(line, strlen(line), &tokens);
}

static void expect(size_t i, enum mp_token_kind kind, const char *text)
{
	assert_true(i < tokens.n);
	assert_int_equal(tokens.items[i].kind, kind);
	assert_string_equal(tokens.items[i].text, text);
}

static void words_and_braces(void **state)
{
	(void)state;
	assert_int_equal(tokenize("  devices{ device {"), 0);
	assert_int_equal(tokens.n, 4);
	expect(0, MP_TOK_WORD, "devices");
	expect(1, MP_TOK_OPEN, "{");
	expect(2, MP_TOK_WORD, "device");
	expect(3, MP_TOK_OPEN, "{");
	assert_int_equal(tokenize("\t}\r"), 0);
	assert_int_equal(tokens.n, 1);
	expect(0, MP_TOK_CLOSE, "}");
}

static void comments_hash_and_bang(void **state)
{
	(void)state;
	assert_int_equal(tokenize("polling_interval 5 # every five seconds"), 0);
	assert_int_equal(tokens.n, 2);
	expect(1, MP_TOK_WORD, "5");
	assert_int_equal(tokenize("! whole line"), 0);
	assert_int_equal(tokens.n, 0);
	assert_int_equal(tokenize("devnode sd!a"), 0);
	assert_int_equal(tokens.n, 2);
	expect(1, MP_TOK_WORD, "sd");
}

static void quoted_strings_keep_blanks_and_comment_chars(void **state)
{
	(void)state;
	assert_int_equal(tokenize("features \"1 queue_if_no_path\" # c"), 0);
	assert_int_equal(tokens.n, 2);
	expect(1, MP_TOK_STRING, "1 queue_if_no_path");
	assert_int_equal(tokenize("devnode \"!^(sd[a-z]|#x)\""), 0);
	expect(1, MP_TOK_STRING, "!^(sd[a-z]|#x)");
	assert_int_equal(tokenize("product \"\""), 0);
	assert_int_equal(tokens.n, 2);
	expect(1, MP_TOK_STRING, "");
}

static void doubled_quote_is_a_literal_quote(void **state)
{
	(void)state;
	assert_int_equal(tokenize("product \"2.5\"\" SSD\""), 0);
	assert_int_equal(tokens.n, 2);
	expect(1, MP_TOK_STRING, "2.5\" SSD");
	assert_int_equal(tokenize("alias \"\"\"\"x"), 0);
	assert_int_equal(tokens.n, 3);
	expect(1, MP_TOK_STRING, "\"");
	expect(2, MP_TOK_WORD, "x");
}

static void unterminated_quote_is_reported(void **state)
{
	(void)state;
	assert_int_equal(tokenize("alias \"abc"), -EINVAL);
	assert_int_equal(tokenize("alias \"abc\"\""), -EINVAL);
	assert_int_equal(tokenize("alias \"abc\"\"\""), 0);
	expect(1, MP_TOK_STRING, "abc\"");
}

static void length_bounds_the_line(void **state)
{
	const char *text = "wwid 3600a0\nnext line";

	(void)state;
	assert_int_equal(mp_tokenize_line(text, 11, &tokens), 0);
	assert_int_equal(tokens.n, 2);
	expect(1, MP_TOK_WORD, "3600a0");
}

static int teardown(void **state)
{
	(void)state;
	mp_line_tokens_free(&tokens);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_and_braces),
		cmocka_unit_test(comments_hash_and_bang),
		cmocka_unit_test(quoted_strings_keep_blanks_and_comment_chars),
		cmocka_unit_test(doubled_quote_is_a_literal_quote),
		cmocka_unit_test(unterminated_quote_is_reported),
		cmocka_unit_test(length_bounds_the_line),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
