/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the dm-multipath table and status parsers. Beyond "no
 * crash": whatever parses must format, and the formatted text must parse
 * back to the same table and format to the same text again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dm/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *line, int (*parse)(const char *, struct mp_dm_table *),
		  char *(*format)(const struct mp_dm_table *))
{
	struct mp_dm_table t, t2, c;
	char *out, *out2;

	if (parse(line, &t) < 0)
		return;
	out = format(&t);
	if (!out)
		abort();
	if (parse(out, &t2) < 0)
		abort();
	out2 = format(&t2);
	if (!out2 || strcmp(out, out2) != 0)
		abort();
	if (mp_dm_table_diff(&t, &t2) != 0 || !mp_dm_table_equal(&t, &t2))
		abort();
	if (mp_dm_table_copy(&t, &c) == 0) {
		if (mp_dm_table_diff(&c, &t) != 0)
			abort();
		mp_dm_table_clear(&c);
	}
	free(out);
	free(out2);
	mp_dm_table_clear(&t);
	mp_dm_table_clear(&t2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);

	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	check(line, mp_dm_table_parse, mp_dm_table_format);
	check(line, mp_dm_status_parse, mp_dm_status_format);
	free(line);
	return 0;
}
