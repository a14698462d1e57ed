/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/diag.h"

int mp_diags_add(struct mp_diags *d, enum mp_diag_severity sev, const char *source, int line,
		 const char *fmt, ...)
{
	struct mp_diag *item;
	va_list ap;
	char msg[512];

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		struct mp_diag *p = realloc(d->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		d->items = p;
		d->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	item = &d->items[d->n];
	item->severity = sev;
	item->line = line;
	item->source = strdup(source ? source : "");
	item->message = strdup(msg);
	if (!item->source || !item->message) {
		free(item->source);
		free(item->message);
		return -ENOMEM;
	}
	d->n++;
	return 0;
}

size_t mp_diags_count(const struct mp_diags *d, enum mp_diag_severity sev)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].severity == sev)
			n++;
	return n;
}

int mp_diag_format(const struct mp_diag *diag, char *buf, size_t size)
{
	static const char *const names[] = {"note", "warning", "error"};

	if (diag->line > 0)
		return snprintf(buf, size, "%s:%d: %s: %s", diag->source, diag->line,
				names[diag->severity], diag->message);
	return snprintf(buf, size, "%s: %s: %s", diag->source, names[diag->severity],
			diag->message);
}

void mp_diags_clear(struct mp_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].source);
		free(d->items[i].message);
	}
	free(d->items);
	d->items = NULL;
	d->n = d->cap = 0;
}
