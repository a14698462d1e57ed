/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>

#include "common/diag.h"
#include "names/lines.h"

int mp_line_next(struct mp_line_iter *it, char *buf, size_t size)
{
	const char *end, *hash;
	size_t len;

	if (!it->p || !*it->p)
		return 0;
	end = strchr(it->p, '\n');
	if (!end)
		end = it->p + strlen(it->p);
	len = (size_t)(end - it->p);
	it->line++;
	if (len >= size) {
		it->p = *end ? end + 1 : end;
		return -E2BIG;
	}
	memcpy(buf, it->p, len);
	buf[len] = '\0';
	it->p = *end ? end + 1 : end;
	hash = strchr(buf, '#');
	if (hash)
		len = (size_t)(hash - buf);
	while (len > 0 && strchr(" \t\r\v\f", buf[len - 1]))
		len--;
	buf[len] = '\0';
	return 1;
}

size_t mp_line_words(char *buf, char **words, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *w = strtok_r(buf, " \t\r\v\f", &save); w; w = strtok_r(NULL, " \t\r\v\f", &save)) {
		if (n < max)
			words[n] = w;
		n++;
	}
	return n;
}

int mp_lines_parse(const char *source, const char *text, mp_line_fn fn, void *data,
		   struct mp_diags *diags)
{
	struct mp_line_iter it = {.p = text, .line = 0};
	char buf[MP_NAMES_LINE_MAX];
	int problems = 0, r;

	while ((r = mp_line_next(&it, buf, sizeof(buf))) != 0) {
		if (r == -E2BIG) {
			mp_diags_add(diags, MP_DIAG_ERROR, source, it.line,
				     "line longer than %d bytes ignored", MP_NAMES_LINE_MAX - 1);
			problems++;
			continue;
		}
		r = fn(data, source, it.line, buf, diags);
		if (r < 0)
			return r;
		problems += r;
	}
	return problems;
}
