/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsers for the dm-multipath table and status lines.
 *
 * Table (what the constructor takes and `dmsetup table` prints):
 *   [<start> <length> multipath] <#features> <feature>...
 *     <#hwh args> [<hwh name> <hwh arg>...]
 *     <#groups> <initial group (1-based, 0 only with 0 groups)>
 *     per group: <selector> <#selector args> <selector arg>...
 *                <#paths (>= 1)> <#per-path args>
 *       per path: <major>:<minor> <per-path arg>...
 *
 * Status (`dmsetup status`):
 *   [<start> <length> multipath] <#features> <feature>...
 *     <#hwh info> <hwh info>...
 *     <#groups> <next group>
 *     per group: <A|E|D> <#selector status args> <arg>...
 *                <#paths (>= 1)> <#per-path status args>
 *       per path: <major>:<minor> <A|F> <fail count> <selector status arg>...
 *
 * The input is split on blanks (space, tab, newline); every count must match
 * the words that follow, and nothing may be left over (a second target line
 * would be). Counts are bounded before anything is allocated, so a hostile
 * line costs at most memory proportional to its length.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dm/table.h"

struct cursor {
	char **tok;
	size_t n;
	size_t i;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Split a copy of line into words; *ret_buf owns the words. */
static int tokenize(const char *line, char **ret_buf, struct cursor *ret)
{
	size_t n = 0, len = strlen(line);
	char *buf, **tok;

	for (size_t i = 0; i < len; i++)
		if (!is_blank(line[i]) && (i == 0 || is_blank(line[i - 1])))
			n++;
	buf = strdup(line);
	tok = calloc(n ? n : 1, sizeof(*tok));
	if (!buf || !tok) {
		free(buf);
		free(tok);
		return -ENOMEM;
	}
	n = 0;
	for (size_t i = 0; i < len; i++) {
		if (is_blank(buf[i]))
			buf[i] = '\0';
		else if (i == 0 || buf[i - 1] == '\0')
			tok[n++] = &buf[i];
	}
	*ret_buf = buf;
	*ret = (struct cursor){.tok = tok, .n = n, .i = 0};
	return 0;
}

static size_t left(const struct cursor *c)
{
	return c->n - c->i;
}

static const char *next(struct cursor *c)
{
	return c->i < c->n ? c->tok[c->i++] : NULL;
}

/* Plain decimal, no sign, no leading blanks, no overflow, <= max. */
static int parse_u64(const char *s, uint64_t max, uint64_t *ret)
{
	uint64_t v = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (v > (max - (uint64_t)(*s - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*ret = v;
	return 0;
}

static int next_count(struct cursor *c, uint64_t max, size_t *ret)
{
	uint64_t v;
	int r = parse_u64(next(c), max, &v);

	if (r < 0)
		return r;
	*ret = (size_t)v;
	return 0;
}

/* "8:16": the kernel prints paths as major:minor (dev_t limits 12:20 bits). */
static int parse_devt(const char *s, unsigned int *ret_major, unsigned int *ret_minor)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	char major[16];
	uint64_t ma, mi;
	size_t len;

	if (!colon)
		return -EINVAL;
	len = (size_t)(colon - s);
	if (len == 0 || len >= sizeof(major))
		return -EINVAL;
	memcpy(major, s, len);
	major[len] = '\0';
	if (parse_u64(major, 4095, &ma) < 0 || parse_u64(colon + 1, 1048575, &mi) < 0)
		return -EINVAL;
	*ret_major = (unsigned int)ma;
	*ret_minor = (unsigned int)mi;
	return 0;
}

/* Read "<n> word..." into a fresh array. */
static int take_words(struct cursor *c, size_t max, size_t *ret_n, char ***ret_words)
{
	size_t n;
	char **w;
	int r = next_count(c, max, &n);

	if (r < 0)
		return r;
	if (n > left(c))
		return -EINVAL;
	if (n == 0) {
		*ret_n = 0;
		*ret_words = NULL;
		return 0;
	}
	w = calloc(n, sizeof(*w));
	if (!w)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		w[i] = strdup(next(c));
		if (!w[i]) {
			for (size_t j = 0; j < i; j++)
				free(w[j]);
			free(w);
			return -ENOMEM;
		}
	}
	*ret_n = n;
	*ret_words = w;
	return 0;
}

/* Read n words into a fixed array (selector and path args). */
static int take_args(struct cursor *c, size_t n, char **args)
{
	if (n > MP_DM_MAX_ARGS || n > left(c))
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		args[i] = strdup(next(c));
		if (!args[i])
			return -ENOMEM;
	}
	return 0;
}

static int parse_prefix(struct cursor *c, struct mp_dm_table *t)
{
	/* A params string starts with a count, never with "<n> <n> multipath". */
	if (c->n >= 3 && strcmp(c->tok[2], "multipath") == 0) {
		if (parse_u64(c->tok[0], UINT64_MAX, &t->start) < 0 ||
		    parse_u64(c->tok[1], UINT64_MAX, &t->length) < 0)
			return -EINVAL;
		c->i = 3;
	}
	return 0;
}

static int parse_path(struct cursor *c, bool status, size_t n_args, struct mp_dm_path *p)
{
	int r = parse_devt(next(c), &p->major, &p->minor);
	uint64_t fails;

	if (r < 0)
		return r;
	if (status) {
		const char *st = next(c);

		if (!st || (strcmp(st, "A") != 0 && strcmp(st, "F") != 0))
			return -EINVAL;
		p->active = st[0] == 'A';
		if (parse_u64(next(c), UINT_MAX, &fails) < 0)
			return -EINVAL;
		p->fail_count = (unsigned int)fails;
	} else {
		p->active = true;
	}
	p->n_args = (unsigned int)n_args;
	return take_args(c, n_args, p->args);
}

static int parse_group(struct cursor *c, bool status, struct mp_dm_group *g)
{
	size_t n_sel, n_paths, n_args;
	int r;

	if (status) {
		const char *st = next(c);

		if (!st || strlen(st) != 1 || !strchr("AED", st[0]))
			return -EINVAL;
		g->state = st[0];
	} else {
		const char *sel = next(c);

		/* A number here means the counts before were wrong. */
		if (!sel || (sel[0] >= '0' && sel[0] <= '9'))
			return -EINVAL;
		g->selector = strdup(sel);
		if (!g->selector)
			return -ENOMEM;
	}
	r = next_count(c, MP_DM_MAX_ARGS, &n_sel);
	if (r < 0)
		return r;
	g->n_sel_args = (unsigned int)n_sel;
	r = take_args(c, n_sel, g->sel_args);
	if (r < 0)
		return r;
	if (next_count(c, MP_DM_MAX_PATHS, &n_paths) < 0 || n_paths == 0)
		return -EINVAL;
	if (next_count(c, MP_DM_MAX_ARGS, &n_args) < 0)
		return -EINVAL;
	/* Each path needs its device word (and state + fail count in status). */
	if (n_paths > left(c) / (1 + n_args + (status ? 2 : 0)))
		return -EINVAL;
	g->paths = calloc(n_paths, sizeof(*g->paths));
	if (!g->paths)
		return -ENOMEM;
	g->n_paths = n_paths;
	for (size_t i = 0; i < n_paths; i++) {
		r = parse_path(c, status, n_args, &g->paths[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static int parse_line(const char *line, bool status, struct mp_dm_table *ret)
{
	struct mp_dm_table t = {0};
	struct cursor c;
	char *buf = NULL;
	size_t n_groups, initial;
	int r;

	if (!line || !ret)
		return -EINVAL;
	r = tokenize(line, &buf, &c);
	if (r < 0)
		return r;
	r = parse_prefix(&c, &t);
	if (r < 0)
		goto out;
	r = take_words(&c, MP_DM_MAX_FEATURES, &t.n_features, &t.features);
	if (r < 0)
		goto out;
	r = take_words(&c, MP_DM_MAX_HWH, &t.n_hwh, &t.hwh);
	if (r < 0)
		goto out;
	r = -EINVAL;
	if (next_count(&c, MP_DM_MAX_GROUPS, &n_groups) < 0 ||
	    next_count(&c, MP_DM_MAX_GROUPS, &initial) < 0)
		goto out;
	/* The kernel's rule: a group number exactly when there are groups. */
	if ((n_groups == 0) != (initial == 0) || initial > n_groups)
		goto out;
	/* Smallest group: "<sel> 0 1 0 <dev>" (table) or "A 0 1 0 <dev> A 0" (status). */
	if (n_groups > left(&c) / 5)
		goto out;
	t.initial_pg = (unsigned int)initial;
	if (n_groups) {
		r = -ENOMEM;
		t.groups = calloc(n_groups, sizeof(*t.groups));
		if (!t.groups)
			goto out;
		t.n_groups = n_groups;
	}
	for (size_t i = 0; i < n_groups; i++) {
		r = parse_group(&c, status, &t.groups[i]);
		if (r < 0)
			goto out;
	}
	r = left(&c) ? -EINVAL : 0;
out:
	free(buf);
	free(c.tok);
	if (r < 0) {
		mp_dm_table_clear(&t);
		return r;
	}
	*ret = t;
	return 0;
}

int mp_dm_table_parse(const char *line, struct mp_dm_table *ret)
{
	return parse_line(line, false, ret);
}

int mp_dm_status_parse(const char *line, struct mp_dm_table *ret)
{
	return parse_line(line, true, ret);
}
