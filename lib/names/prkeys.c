/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The prkeys file, in memory. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "names/lines.h"
#include "names/prkeys.h"

#define WWID_MAX 255

static bool wwid_ok(const char *wwid)
{
	size_t len = wwid ? strlen(wwid) : 0;

	return len > 0 && len <= WWID_MAX && !strpbrk(wwid, " \t\n\r#");
}

const struct mp_prkey *mp_prkeys_find(const struct mp_prkeys *k, const char *wwid)
{
	for (size_t i = 0; wwid && i < k->n; i++)
		if (strcmp(k->items[i].wwid, wwid) == 0)
			return &k->items[i];
	return NULL;
}

static int add(struct mp_prkeys *k, const char *wwid, uint64_t key, bool aptpl)
{
	char *copy;

	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		struct mp_prkey *p = realloc(k->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		k->items = p;
		k->cap = cap;
	}
	copy = strdup(wwid);
	if (!copy)
		return -ENOMEM;
	k->items[k->n++] = (struct mp_prkey){.wwid = copy, .key = key, .aptpl = aptpl};
	return 1;
}

int mp_prkeys_set(struct mp_prkeys *k, const char *wwid, uint64_t key, bool aptpl)
{
	struct mp_prkey *e;

	if (!wwid_ok(wwid))
		return -EINVAL;
	e = (struct mp_prkey *)mp_prkeys_find(k, wwid);
	if (!e)
		return key ? add(k, wwid, key, aptpl) : 0;
	if (!key) {
		size_t i = (size_t)(e - k->items);

		free(e->wwid);
		memmove(e, e + 1, (k->n - i - 1) * sizeof(*e));
		k->n--;
		return 1;
	}
	if (e->key == key && e->aptpl == aptpl)
		return 0;
	e->key = key;
	e->aptpl = aptpl;
	return 1;
}

void mp_prkeys_clear(struct mp_prkeys *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n; i++)
		free(k->items[i].wwid);
	free(k->items);
	k->items = NULL;
	k->n = k->cap = 0;
}

/* "0x" or "0X", 1 to 16 hex digits; the value must not be 0. */
static int parse_key(const char *s, uint64_t *ret_key, bool *ret_aptpl)
{
	uint64_t v = 0;
	size_t digits;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -EINVAL;
	digits = strspn(s + 2, "0123456789abcdefABCDEF");
	if (digits == 0 || digits > 16 || s[2 + digits])
		return -EINVAL;
	for (size_t i = 0; i < digits; i++) {
		char c = s[2 + i];
		unsigned int d = c <= '9' ? (unsigned int)(c - '0') : (unsigned int)((c | 0x20) - 'a' + 10);

		v = v << 4 | d;
	}
	if (!v)
		return -EINVAL;
	*ret_key = v;
	*ret_aptpl = s[1] == 'X';
	return 0;
}

static int parse_line(void *data, const char *source, int line, char *buf,
		      struct mp_diags *diags)
{
	struct mp_prkeys *k = data;
	char *words[3];
	uint64_t key;
	bool aptpl;
	size_t n = mp_line_words(buf, words, 3);
	int r;

	if (n == 0)
		return 0;
	if (n != 2 || parse_key(words[0], &key, &aptpl) < 0 || !wwid_ok(words[1])) {
		mp_diags_add(diags, MP_DIAG_ERROR, source, line,
			     "expected \"0x<key> <wwid>\", line ignored");
		return 1;
	}
	if (mp_prkeys_find(k, words[1]))
		mp_diags_add(diags, MP_DIAG_NOTE, source, line,
			     "second key for %s, this one is used", words[1]);
	r = mp_prkeys_set(k, words[1], key, aptpl);
	return r < 0 ? r : 0;
}

int mp_prkeys_parse(struct mp_prkeys *k, const char *source, const char *text,
		    struct mp_diags *diags)
{
	return mp_lines_parse(source, text, parse_line, k, diags);
}

char *mp_prkeys_format(const struct mp_prkeys *k)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	r = strbuf_append(&sb, "# Multipath persistent reservation keys, Version : 1.0\n"
			       "# Written by mpath (and readable by multipathd): the key of each\n"
			       "# map whose reservation_key is \"file\". 0X instead of 0x: APTPL.\n"
			       "#\n"
			       "# Format:\n"
			       "# prkey wwid\n"
			       "#\n");
	for (size_t i = 0; r == 0 && i < k->n; i++)
		r = strbuf_printf(&sb, "%s%016" PRIx64 " %s\n", k->items[i].aptpl ? "0X" : "0x",
				  k->items[i].key, k->items[i].wwid);
	if (r < 0) {
		strbuf_reset(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}
