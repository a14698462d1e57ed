/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "config/tokenizer.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool ends_word(char c)
{
	return is_blank(c) || c == '{' || c == '}' || c == '"' || c == '#' || c == '!';
}

static int push(struct mp_line_tokens *t, enum mp_token_kind kind, const char *text, size_t len)
{
	char *copy;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		struct mp_token *p = realloc(t->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		t->items = p;
		t->cap = cap;
	}
	copy = strndup(text, len);
	if (!copy)
		return -ENOMEM;
	t->items[t->n].kind = kind;
	t->items[t->n].text = copy;
	t->n++;
	return 0;
}

/* Reads a quoted string starting after its opening quote; *pos ends after the closing one. */
static int read_quoted(const char *line, size_t len, size_t *pos, struct mp_line_tokens *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = *pos;
	bool closed = false;
	int r = 0;

	while (i < len) {
		size_t run = i;

		while (run < len && line[run] != '"')
			run++;
		r = strbuf_appendn(&sb, line + i, run - i);
		if (r < 0)
			goto out;
		i = run;
		if (i >= len)
			break;
		/* i is at a quote: a doubled one is a literal quote, a single one closes */
		if (i + 1 < len && line[i + 1] == '"') {
			r = strbuf_append(&sb, "\"");
			if (r < 0)
				goto out;
			i += 2;
			continue;
		}
		i++;
		closed = true;
		break;
	}
	r = push(out, MP_TOK_STRING, strbuf_str(&sb), sb.len);
	if (r == 0 && !closed)
		r = -EINVAL;
	*pos = i;
out:
	strbuf_reset(&sb);
	return r;
}

int mp_tokenize_line(const char *line, size_t len, struct mp_line_tokens *out)
{
	size_t i = 0;
	int r;

	mp_line_tokens_clear(out);
	while (i < len) {
		char c = line[i];

		if (is_blank(c)) {
			i++;
		} else if (c == '#' || c == '!') {
			break;
		} else if (c == '{' || c == '}') {
			r = push(out, c == '{' ? MP_TOK_OPEN : MP_TOK_CLOSE, line + i, 1);
			if (r < 0)
				return r;
			i++;
		} else if (c == '"') {
			i++;
			r = read_quoted(line, len, &i, out);
			if (r < 0)
				return r;
		} else {
			size_t start = i;

			while (i < len && !ends_word(line[i]))
				i++;
			r = push(out, MP_TOK_WORD, line + start, i - start);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

void mp_line_tokens_clear(struct mp_line_tokens *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->items[i].text);
	t->n = 0;
}

void mp_line_tokens_free(struct mp_line_tokens *t)
{
	mp_line_tokens_clear(t);
	free(t->items);
	t->items = NULL;
	t->cap = 0;
}
