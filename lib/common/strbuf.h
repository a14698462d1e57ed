/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A growable string: every formatter (tables, views, JSON glue) appends here. */
#ifndef MPATH_STRBUF_H
#define MPATH_STRBUF_H

#include <stddef.h>
#include "common/macros.h"

struct strbuf {
	char *buf; /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT {NULL, 0, 0}

int strbuf_append(struct strbuf *sb, const char *s);
int strbuf_appendn(struct strbuf *sb, const char *s, size_t n);
int strbuf_printf(struct strbuf *sb, const char *fmt, ...) MP_PRINTF(2, 3);
/* Returns the buffer (never NULL: "" when empty) and resets sb; caller frees. */
char *strbuf_steal(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
const char *strbuf_str(const struct strbuf *sb);

#endif
