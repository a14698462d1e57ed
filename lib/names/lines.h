/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Walking a text file line by line with its words, for the bindings and wwids parsers. */
#ifndef MPATH_NAMES_LINES_H
#define MPATH_NAMES_LINES_H

#include <stddef.h>

/* Longest line kept; longer ones are reported and skipped. */
#define MP_NAMES_LINE_MAX 1024

struct mp_line_iter {
	const char *p;
	int line;
};

/*
 * Next line of it into buf (NUL-terminated, '#' comment and trailing blanks
 * cut). Returns 1 with a line, 0 at the end, -E2BIG for an over-long line
 * (skipped, it->line still counts it).
 */
int mp_line_next(struct mp_line_iter *it, char *buf, size_t size);
/* Split buf in place into at most max words; returns the number of words
 * found (which may exceed max: the extra ones are not stored). */
size_t mp_line_words(char *buf, char **words, size_t max);

struct mp_diags;

/* Called for each line by mp_lines_parse(): 0 clean, >0 problems reported, -errno stops. */
typedef int (*mp_line_fn)(void *data, const char *source, int line, char *buf,
			  struct mp_diags *diags);
/* Every line of text through fn; over-long lines are reported as errors and skipped.
 * Return: number of problems, or the -errno fn returned. */
int mp_lines_parse(const char *source, const char *text, mp_line_fn fn, void *data,
		   struct mp_diags *diags);

#endif
