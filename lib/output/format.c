/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Format strings: parse once into tokens (literal text or a field), then
 * render in two passes: cells first, so every column can be as wide as its
 * widest cell, then the lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "output/fields.h"

struct token {
	const struct mp_field *field; /* NULL: literal */
	char *text;                   /* literal text */
};

struct mp_format {
	enum mp_format_kind kind;
	size_t n;
	struct token *tok;
	size_t n_fields;
};

void mp_format_free(struct mp_format *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->tok[i].text);
	free(f->tok);
	free(f);
}

size_t mp_format_n_fields(const struct mp_format *f)
{
	return f ? f->n_fields : 0;
}

static int add_literal(struct mp_format *f, const char *s, size_t len)
{
	if (!len)
		return 0;
	f->tok[f->n].text = strndup(s, len);
	if (!f->tok[f->n].text)
		return -ENOMEM;
	f->n++;
	return 0;
}

int mp_format_parse(enum mp_format_kind kind, const char *fmt, struct mp_format **ret,
		    char *err, size_t err_size)
{
	struct mp_format *f;
	size_t len, lit = 0;
	/* literal text accumulates here with "%%" already collapsed */
	_cleanup_free_ char *buf = NULL;

	if (!fmt || !ret || (kind != MP_FORMAT_PATHS && kind != MP_FORMAT_MAPS))
		return -EINVAL;
	len = strlen(fmt);
	f = calloc(1, sizeof(*f));
	buf = malloc(len + 1);
	if (!f || !buf) {
		free(f);
		return -ENOMEM;
	}
	f->kind = kind;
	/* at most one token per input byte */
	f->tok = calloc(len + 1, sizeof(*f->tok));
	if (!f->tok) {
		free(f);
		return -ENOMEM;
	}
	for (size_t i = 0; i < len; i++) {
		const struct mp_field *fld;

		if (fmt[i] != '%') {
			buf[lit++] = fmt[i];
			continue;
		}
		if (i + 1 == len) {
			if (err)
				snprintf(err, err_size, "format ends with a lone '%%' at offset %zu", i);
			mp_format_free(f);
			return -EINVAL;
		}
		if (fmt[i + 1] == '%') {
			buf[lit++] = '%';
			i++;
			continue;
		}
		fld = mp_field_lookup(kind, fmt[i + 1]);
		if (!fld) {
			if (err) {
				unsigned char c = (unsigned char)fmt[i + 1];

				if (c >= 0x20 && c < 0x7f)
					snprintf(err, err_size,
						 "unknown %s wildcard '%%%c' at offset %zu",
						 kind == MP_FORMAT_MAPS ? "map" : "path", c, i);
				else
					snprintf(err, err_size,
						 "unknown %s wildcard (byte 0x%02x) at offset %zu",
						 kind == MP_FORMAT_MAPS ? "map" : "path", c, i);
			}
			mp_format_free(f);
			return -EINVAL;
		}
		if (add_literal(f, buf, lit) < 0) {
			mp_format_free(f);
			return -ENOMEM;
		}
		lit = 0;
		if (f->n_fields >= MP_FORMAT_MAX_FIELDS) {
			if (err)
				snprintf(err, err_size, "too many wildcards (max %d)",
					 MP_FORMAT_MAX_FIELDS);
			mp_format_free(f);
			return -E2BIG;
		}
		f->tok[f->n++].field = fld;
		f->n_fields++;
		i++;
	}
	if (add_literal(f, buf, lit) < 0) {
		mp_format_free(f);
		return -ENOMEM;
	}
	*ret = f;
	return 0;
}

/* Trailing blanks come from padding the last column; drop them. */
static int end_line(struct strbuf *out, size_t line_start)
{
	while (out->len > line_start && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	return strbuf_append(out, "\n");
}

static int render(const struct mp_format *f, const void *rows, size_t stride, size_t n,
		  unsigned int flags, struct strbuf *out)
{
	_cleanup_free_ char *cells = NULL; /* n x n_fields x MP_FIELD_MAX */
	_cleanup_free_ size_t *width = NULL;
	const size_t nf = f->n_fields;
	int r = 0;

	width = calloc(nf ? nf : 1, sizeof(*width));
	cells = calloc((n ? n : 1) * (nf ? nf : 1), MP_FIELD_MAX);
	if (!width || !cells)
		return -ENOMEM;
	for (size_t row = 0; row < n; row++) {
		const void *obj = (const char *)rows + row * stride;
		size_t k = 0;

		for (size_t t = 0; t < f->n; t++) {
			char *cell;

			if (!f->tok[t].field)
				continue;
			cell = cells + (row * nf + k) * MP_FIELD_MAX;
			f->tok[t].field->get(obj, cell, MP_FIELD_MAX);
			if (strlen(cell) > width[k])
				width[k] = strlen(cell);
			k++;
		}
	}
	if (flags & MP_FORMAT_HEADER) {
		size_t k = 0, start = out->len;

		for (size_t t = 0; t < f->n && r == 0; t++) {
			if (!f->tok[t].field) {
				r = strbuf_append(out, f->tok[t].text);
				continue;
			}
			if (strlen(f->tok[t].field->header) > width[k])
				width[k] = strlen(f->tok[t].field->header);
			r = strbuf_printf(out, "%-*s", (flags & MP_FORMAT_PAD) ? (int)width[k] : 0,
					  f->tok[t].field->header);
			k++;
		}
		if (r == 0)
			r = end_line(out, start);
	}
	for (size_t row = 0; row < n && r == 0; row++) {
		size_t k = 0, start = out->len;

		for (size_t t = 0; t < f->n && r == 0; t++) {
			if (!f->tok[t].field) {
				r = strbuf_append(out, f->tok[t].text);
				continue;
			}
			r = strbuf_printf(out, "%-*s", (flags & MP_FORMAT_PAD) ? (int)width[k] : 0,
					  cells + (row * nf + k) * MP_FIELD_MAX);
			k++;
		}
		if (r == 0)
			r = end_line(out, start);
	}
	return r;
}

int mp_format_paths(const struct mp_format *f, const struct mp_path_row *rows, size_t n,
		    unsigned int flags, struct strbuf *out)
{
	if (!f || f->kind != MP_FORMAT_PATHS || (n && !rows))
		return -EINVAL;
	return render(f, rows, sizeof(*rows), n, flags, out);
}

int mp_format_maps(const struct mp_format *f, const struct mp_view_map *maps, size_t n,
		   unsigned int flags, struct strbuf *out)
{
	if (!f || f->kind != MP_FORMAT_MAPS || (n && !maps))
		return -EINVAL;
	return render(f, maps, sizeof(*maps), n, flags, out);
}

int mp_format_wildcards(struct strbuf *out)
{
	static const struct {
		enum mp_format_kind kind;
		const char *title;
	} kinds[] = {{MP_FORMAT_MAPS, "multipath format wildcards:"},
		     {MP_FORMAT_PATHS, "path format wildcards:"}};
	int r = 0;

	for (size_t k = 0; k < ARRAY_SIZE(kinds) && r == 0; k++) {
		size_t n;
		const struct mp_field *f = mp_fields(kinds[k].kind, &n);

		r = strbuf_printf(out, "%s%s\n", k ? "\n" : "", kinds[k].title);
		for (size_t i = 0; i < n && r == 0; i++)
			if (mp_field_works(&f[i]))
				r = strbuf_printf(out, "%%%c  %s\n", f[i].letter, f[i].header);
	}
	return r;
}
