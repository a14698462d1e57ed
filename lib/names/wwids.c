/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The wwids file, in memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "names/lines.h"
#include "names/wwids.h"

#define WWID_MAX 255

static bool wwid_ok(const char *wwid)
{
	size_t len = wwid ? strlen(wwid) : 0;

	return len > 0 && len <= WWID_MAX && !strpbrk(wwid, "/ \t\n\r#");
}

bool mp_wwids_contains(const struct mp_wwids *w, const char *wwid)
{
	for (size_t i = 0; wwid && i < w->n; i++)
		if (strcmp(w->items[i], wwid) == 0)
			return true;
	return false;
}

int mp_wwids_add(struct mp_wwids *w, const char *wwid)
{
	char *copy;

	if (!wwid_ok(wwid))
		return -EINVAL;
	if (mp_wwids_contains(w, wwid))
		return 0;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		char **p = realloc(w->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		w->items = p;
		w->cap = cap;
	}
	copy = strdup(wwid);
	if (!copy)
		return -ENOMEM;
	w->items[w->n++] = copy;
	return 1;
}

int mp_wwids_remove(struct mp_wwids *w, const char *wwid)
{
	for (size_t i = 0; wwid && i < w->n; i++) {
		if (strcmp(w->items[i], wwid) != 0)
			continue;
		free(w->items[i]);
		memmove(&w->items[i], &w->items[i + 1], (w->n - i - 1) * sizeof(*w->items));
		w->n--;
		return 1;
	}
	return 0;
}

void mp_wwids_clear(struct mp_wwids *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->items[i]);
	free(w->items);
	w->items = NULL;
	w->n = w->cap = 0;
}

/* "/wwid/" with nothing else on the line (comments were cut already). */
static int parse_line(struct mp_wwids *w, const char *source, int line, char *buf,
		      struct mp_diags *diags)
{
	char *s = buf + strspn(buf, " \t\r\v\f");
	size_t len = strlen(s);
	int r;

	if (len == 0)
		return 0;
	if (len < 3 || s[0] != '/' || s[len - 1] != '/') {
		mp_diags_add(diags, MP_DIAG_ERROR, source, line,
			     "expected \"/<wwid>/\", line ignored");
		return 1;
	}
	s[len - 1] = '\0';
	s++;
	if (!wwid_ok(s)) {
		mp_diags_add(diags, MP_DIAG_ERROR, source, line, "invalid wwid, line ignored");
		return 1;
	}
	r = mp_wwids_add(w, s);
	if (r < 0)
		return r;
	if (r == 0) {
		mp_diags_add(diags, MP_DIAG_NOTE, source, line, "duplicate wwid %s", s);
		return 1;
	}
	return 0;
}

static int parse_line_cb(void *data, const char *source, int line, char *buf,
			 struct mp_diags *diags)
{
	return parse_line(data, source, line, buf, diags);
}

int mp_wwids_parse(struct mp_wwids *w, const char *source, const char *text, struct mp_diags *diags)
{
	return mp_lines_parse(source, text, parse_line_cb, w, diags);
}

char *mp_wwids_format(const struct mp_wwids *w)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	r = strbuf_append(&sb, "# Multipath wwids, Version : 1.0\n"
			       "# Written by mpath: the WWIDs that have been multipathed.\n"
			       "# Change it with mpath -a, -w and -W rather than by hand.\n"
			       "#\n"
			       "# Valid WWIDs:\n");
	for (size_t i = 0; r == 0 && i < w->n; i++)
		r = strbuf_printf(&sb, "/%s/\n", w->items[i]);
	if (r < 0) {
		strbuf_reset(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}
