/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bindings file, in memory: parse, look up, allocate, format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "names/alias.h"
#include "names/bindings.h"
#include "names/lines.h"

/* dm names are at most 127 bytes; WWIDs as udev shows them fit 255. */
#define ALIAS_MAX 127
#define WWID_MAX 255

static bool word_ok(const char *w, size_t max)
{
	size_t len = w ? strlen(w) : 0;

	return len > 0 && len <= max && !strpbrk(w, "/ \t\n\r#");
}

const char *mp_bindings_alias_of(const struct mp_bindings *b, const char *wwid)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->items[i].wwid, wwid) == 0)
			return b->items[i].alias;
	return NULL;
}

const char *mp_bindings_wwid_of(const struct mp_bindings *b, const char *alias)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->items[i].alias, alias) == 0)
			return b->items[i].wwid;
	return NULL;
}

int mp_bindings_add(struct mp_bindings *b, const char *alias, const char *wwid)
{
	struct mp_binding item;

	if (!word_ok(alias, ALIAS_MAX) || !word_ok(wwid, WWID_MAX))
		return -EINVAL;
	if (mp_bindings_wwid_of(b, alias) || mp_bindings_alias_of(b, wwid))
		return -EEXIST;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		struct mp_binding *p = realloc(b->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		b->items = p;
		b->cap = cap;
	}
	item.alias = strdup(alias);
	item.wwid = strdup(wwid);
	if (!item.alias || !item.wwid) {
		free(item.alias);
		free(item.wwid);
		return -ENOMEM;
	}
	b->items[b->n++] = item;
	return 0;
}

int mp_bindings_remove_wwid(struct mp_bindings *b, const char *wwid)
{
	for (size_t i = 0; i < b->n; i++) {
		if (strcmp(b->items[i].wwid, wwid) != 0)
			continue;
		free(b->items[i].alias);
		free(b->items[i].wwid);
		/* Keep file order: admins read and diff this file. */
		memmove(&b->items[i], &b->items[i + 1], (b->n - i - 1) * sizeof(*b->items));
		b->n--;
		return 1;
	}
	return 0;
}

void mp_bindings_clear(struct mp_bindings *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->items[i].alias);
		free(b->items[i].wwid);
	}
	free(b->items);
	b->items = NULL;
	b->n = b->cap = 0;
}

/* One line's words; returns the number of problems reported, or -ENOMEM. */
static int parse_line(struct mp_bindings *b, const char *source, int line, char *buf,
		      struct mp_diags *diags)
{
	char *w[2];
	size_t n = mp_line_words(buf, w, 2);
	const char *other;
	int r;

	if (n == 0)
		return 0;
	if (n == 1) {
		mp_diags_add(diags, MP_DIAG_ERROR, source, line,
			     "binding for alias \"%s\" has no wwid, line ignored", w[0]);
		return 1;
	}
	if (n > 2) {
		mp_diags_add(diags, MP_DIAG_ERROR, source, line,
			     "expected \"alias wwid\", found %zu words, line ignored", n);
		return 1;
	}
	if (!word_ok(w[0], ALIAS_MAX) || !word_ok(w[1], WWID_MAX)) {
		mp_diags_add(diags, MP_DIAG_ERROR, source, line,
			     "invalid alias or wwid (too long or contains '/'), line ignored");
		return 1;
	}
	other = mp_bindings_wwid_of(b, w[0]);
	if (other) {
		if (strcmp(other, w[1]) == 0) {
			mp_diags_add(diags, MP_DIAG_WARNING, source, line,
				     "duplicate binding \"%s %s\" ignored", w[0], w[1]);
			return 1;
		}
		mp_diags_add(diags, MP_DIAG_ERROR, source, line,
			     "alias \"%s\" already bound to wwid %s, binding to %s ignored", w[0],
			     other, w[1]);
		return 1;
	}
	other = mp_bindings_alias_of(b, w[1]);
	if (other) {
		mp_diags_add(diags, MP_DIAG_ERROR, source, line,
			     "wwid %s already bound to alias \"%s\", alias \"%s\" ignored", w[1],
			     other, w[0]);
		return 1;
	}
	r = mp_bindings_add(b, w[0], w[1]);
	return r < 0 ? r : 0;
}

static int parse_line_cb(void *data, const char *source, int line, char *buf,
			 struct mp_diags *diags)
{
	return parse_line(data, source, line, buf, diags);
}

int mp_bindings_parse(struct mp_bindings *b, const char *source, const char *text,
		      struct mp_diags *diags)
{
	return mp_lines_parse(source, text, parse_line_cb, b, diags);
}

char *mp_bindings_format(const struct mp_bindings *b)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	r = strbuf_append(&sb, "# Multipath bindings, Version : 1.0\n"
			       "# Written by mpath: one \"alias wwid\" per line. Aliases are\n"
			       "# handed out by mpath and mpathd; edit only while neither runs.\n"
			       "#\n"
			       "# Format:\n"
			       "# alias wwid\n"
			       "#\n");
	for (size_t i = 0; r == 0 && i < b->n; i++)
		r = strbuf_printf(&sb, "%s %s\n", b->items[i].alias, b->items[i].wwid);
	if (r < 0) {
		strbuf_reset(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return (x > y) - (x < y);
}

int mp_bindings_allocate(struct mp_bindings *b, const char *prefix, const char *wwid,
			 mp_alias_taken_fn taken, void *data, const char **ret_alias)
{
	const char *existing = mp_bindings_alias_of(b, wwid);
	unsigned long *used, candidate = 1;
	char alias[ALIAS_MAX + 1];
	size_t n_used = 0;
	int r;

	if (existing) {
		*ret_alias = existing;
		return 0;
	}
	if (!prefix || !word_ok(wwid, WWID_MAX))
		return -EINVAL;
	used = calloc(b->n ? b->n : 1, sizeof(*used));
	if (!used)
		return -ENOMEM;
	for (size_t i = 0; i < b->n; i++)
		if (mp_alias_parse(prefix, b->items[i].alias, &used[n_used]) == 0)
			n_used++;
	qsort(used, n_used, sizeof(*used), cmp_ulong);
	/* Walk the sorted indices for the first gap; skip names taken elsewhere. */
	for (size_t i = 0;;) {
		while (i < n_used && used[i] < candidate)
			i++;
		if (i < n_used && used[i] == candidate) {
			candidate++;
			continue;
		}
		r = mp_alias_format(prefix, candidate, alias, sizeof(alias));
		if (r < 0)
			break;
		if (!taken || !taken(alias, data))
			break;
		candidate++;
	}
	free(used);
	if (r < 0)
		return r == -ENAMETOOLONG ? -ENOSPC : r;
	r = mp_bindings_add(b, alias, wwid);
	if (r < 0)
		return r;
	*ret_alias = b->items[b->n - 1].alias;
	return 1;
}
