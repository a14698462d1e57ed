/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A section's keyword = value list: a keyword set twice keeps the later value, as multipath-tools does. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"

const struct mp_setting *mp_settings_find(const struct mp_settings *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (streq(s->items[i].kw->name, name))
			return &s->items[i];
	return NULL;
}

int mp_settings_set(struct mp_settings *s, const struct mp_keyword *kw, const char *value,
		    const char *source, int line, const char *label)
{
	struct mp_setting *item = (struct mp_setting *)mp_settings_find(s, kw->name);
	char *v = strdup(value);
	char *src = source ? strdup(source) : NULL;
	char *origin = label ? mp_origin_format(label, source, line) : NULL;

	if (!v || (source && !src) || (label && !origin)) {
		free(v);
		free(src);
		free(origin);
		return -ENOMEM;
	}
	if (!item) {
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 8;
			struct mp_setting *p = realloc(s->items, cap * sizeof(*p));

			if (!p) {
				free(v);
				free(src);
				free(origin);
				return -ENOMEM;
			}
			s->items = p;
			s->cap = cap;
		}
		item = &s->items[s->n++];
		item->kw = kw;
	} else {
		free(item->value);
		free(item->source);
		free(item->origin);
	}
	item->value = v;
	item->source = src;
	item->line = line;
	item->origin = origin;
	return 0;
}

void mp_settings_clear(struct mp_settings *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->items[i].value);
		free(s->items[i].source);
		free(s->items[i].origin);
	}
	free(s->items);
	s->items = NULL;
	s->n = s->cap = 0;
}
