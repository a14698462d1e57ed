/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * multipath.conf is line oriented: "keyword value", "name {" and "}" each sit
 * on one line. The tokenizer turns one line into words, quoted strings and
 * braces; the parser gives them meaning.
 *
 * Lexical rules (multipath.conf(5)):
 *   - blanks (space, tab, CR) separate tokens; '{' and '}' are tokens of their own;
 *   - '#' or '!' outside a quoted string start a comment running to the end of the line;
 *   - "..." is one token keeping blanks, '#' and '!'; "" inside it stands for one '"';
 *   - a quoted string must end on its line.
 */
#ifndef MPATH_CONFIG_TOKENIZER_H
#define MPATH_CONFIG_TOKENIZER_H

#include <stddef.h>

enum mp_token_kind {
	MP_TOK_WORD,
	MP_TOK_STRING, /* was quoted: never a brace or a section name */
	MP_TOK_OPEN,
	MP_TOK_CLOSE,
};

struct mp_token {
	enum mp_token_kind kind;
	char *text; /* unquoted content; "{" or "}" for braces */
};

struct mp_line_tokens {
	struct mp_token *items;
	size_t n;
	size_t cap;
};

/* Tokenizes len bytes of one line (no newline). Return: 0; -EINVAL for a quoted
 * string left open (the tokens before it and the string so far are kept);
 * -ENOMEM. Previous content of out is cleared first. */
int mp_tokenize_line(const char *line, size_t len, struct mp_line_tokens *out);
/* Drops the tokens but keeps the array for the next line. */
void mp_line_tokens_clear(struct mp_line_tokens *t);
void mp_line_tokens_free(struct mp_line_tokens *t);

#endif
