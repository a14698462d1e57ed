/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct mp_dm_table -> kernel text, plus copy and clear. The output is what
 * the parsers in table_parse.c read back to an identical struct, single
 * spaces, no trailing blank (the kernel's own output ends with one; dmsetup
 * and libdevmapper hand it over as is, the parser does not care).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "dm/table.h"

/* A word survives a round trip only if it is non-empty and has no blanks. */
static bool word_ok(const char *w)
{
	return w && *w && !strpbrk(w, " \t\n\r");
}

static bool words_ok(char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!word_ok(w[i]))
			return false;
	return true;
}

static bool table_ok(const struct mp_dm_table *t, bool status)
{
	if (!t || (t->n_features && !t->features) || (t->n_hwh && !t->hwh) ||
	    (t->n_groups && !t->groups))
		return false;
	if (!words_ok(t->features, t->n_features) || !words_ok(t->hwh, t->n_hwh))
		return false;
	if ((t->n_groups == 0) != (t->initial_pg == 0) || t->initial_pg > t->n_groups)
		return false;
	for (size_t i = 0; i < t->n_groups; i++) {
		const struct mp_dm_group *g = &t->groups[i];

		if (status ? !strchr("AED", g->state) || !g->state : !word_ok(g->selector))
			return false;
		if (g->n_sel_args > MP_DM_MAX_ARGS || !words_ok(g->sel_args, g->n_sel_args))
			return false;
		if (g->n_paths == 0 || !g->paths)
			return false;
		for (size_t j = 0; j < g->n_paths; j++) {
			const struct mp_dm_path *p = &g->paths[j];

			if (p->n_args != g->paths[0].n_args || p->n_args > MP_DM_MAX_ARGS ||
			    !words_ok(p->args, p->n_args))
				return false;
		}
	}
	return true;
}

static void append_words(struct strbuf *sb, char *const *w, size_t n, int *r)
{
	for (size_t i = 0; i < n && *r == 0; i++)
		*r = strbuf_printf(sb, " %s", w[i]);
}

static char *format(const struct mp_dm_table *t, bool status, bool prefix)
{
	struct strbuf sb = STRBUF_INIT;
	int r = 0;

	if (!table_ok(t, status)) {
		errno = EINVAL;
		return NULL;
	}
	if (prefix)
		r = strbuf_printf(&sb, "%llu %llu multipath ", (unsigned long long)t->start,
				  (unsigned long long)t->length);
	if (r == 0)
		r = strbuf_printf(&sb, "%zu", t->n_features);
	append_words(&sb, t->features, t->n_features, &r);
	if (r == 0)
		r = strbuf_printf(&sb, " %zu", t->n_hwh);
	append_words(&sb, t->hwh, t->n_hwh, &r);
	if (r == 0)
		r = strbuf_printf(&sb, " %zu %u", t->n_groups, t->initial_pg);
	for (size_t i = 0; i < t->n_groups && r == 0; i++) {
		const struct mp_dm_group *g = &t->groups[i];

		if (status)
			r = strbuf_printf(&sb, " %c %u", g->state, g->n_sel_args);
		else
			r = strbuf_printf(&sb, " %s %u", g->selector, g->n_sel_args);
		append_words(&sb, g->sel_args, g->n_sel_args, &r);
		if (r == 0)
			r = strbuf_printf(&sb, " %zu %u", g->n_paths, g->paths[0].n_args);
		for (size_t j = 0; j < g->n_paths && r == 0; j++) {
			const struct mp_dm_path *p = &g->paths[j];

			r = strbuf_printf(&sb, " %u:%u", p->major, p->minor);
			if (r == 0 && status)
				r = strbuf_printf(&sb, " %c %u", p->active ? 'A' : 'F',
						  p->fail_count);
			append_words(&sb, p->args, p->n_args, &r);
		}
	}
	if (r < 0) {
		strbuf_reset(&sb);
		errno = -r;
		return NULL;
	}
	return strbuf_steal(&sb);
}

char *mp_dm_table_format_params(const struct mp_dm_table *t)
{
	return format(t, false, false);
}

char *mp_dm_table_format(const struct mp_dm_table *t)
{
	return format(t, false, true);
}

char *mp_dm_status_format_params(const struct mp_dm_table *t)
{
	return format(t, true, false);
}

char *mp_dm_status_format(const struct mp_dm_table *t)
{
	return format(t, true, true);
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
}

void mp_dm_table_clear(struct mp_dm_table *t)
{
	if (!t)
		return;
	if (t->features)
		free_words(t->features, t->n_features);
	free(t->features);
	if (t->hwh)
		free_words(t->hwh, t->n_hwh);
	free(t->hwh);
	for (size_t i = 0; t->groups && i < t->n_groups; i++) {
		struct mp_dm_group *g = &t->groups[i];

		free(g->selector);
		free_words(g->sel_args, MP_DM_MAX_ARGS);
		for (size_t j = 0; g->paths && j < g->n_paths; j++)
			free_words(g->paths[j].args, MP_DM_MAX_ARGS);
		free(g->paths);
	}
	free(t->groups);
	memset(t, 0, sizeof(*t));
}

static int dup_words(char *const *src, size_t n, char ***ret)
{
	char **w;

	*ret = NULL;
	if (n == 0)
		return 0;
	w = calloc(n, sizeof(*w));
	if (!w)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		w[i] = src[i] ? strdup(src[i]) : NULL;
		if (src[i] && !w[i]) {
			free_words(w, i);
			free(w);
			return -ENOMEM;
		}
	}
	*ret = w;
	return 0;
}

static int dup_args(char *const *src, unsigned int n, char **dst)
{
	if (n > MP_DM_MAX_ARGS)
		return -EINVAL;
	for (unsigned int i = 0; i < n; i++) {
		dst[i] = src[i] ? strdup(src[i]) : NULL;
		if (src[i] && !dst[i])
			return -ENOMEM;
	}
	return 0;
}

static int copy_group(const struct mp_dm_group *src, struct mp_dm_group *dst)
{
	int r;

	dst->state = src->state;
	dst->n_sel_args = src->n_sel_args;
	if (src->selector && !(dst->selector = strdup(src->selector)))
		return -ENOMEM;
	r = dup_args(src->sel_args, src->n_sel_args, dst->sel_args);
	if (r < 0)
		return r;
	if (src->n_paths == 0)
		return 0;
	dst->paths = calloc(src->n_paths, sizeof(*dst->paths));
	if (!dst->paths)
		return -ENOMEM;
	dst->n_paths = src->n_paths;
	for (size_t j = 0; j < src->n_paths; j++) {
		const struct mp_dm_path *sp = &src->paths[j];
		struct mp_dm_path *dp = &dst->paths[j];

		*dp = (struct mp_dm_path){.major = sp->major,
					  .minor = sp->minor,
					  .n_args = sp->n_args,
					  .active = sp->active,
					  .fail_count = sp->fail_count};
		r = dup_args(sp->args, sp->n_args, dp->args);
		if (r < 0)
			return r;
	}
	return 0;
}

int mp_dm_table_copy(const struct mp_dm_table *src, struct mp_dm_table *ret)
{
	struct mp_dm_table t = {.start = src->start,
				.length = src->length,
				.initial_pg = src->initial_pg};
	int r;

	r = dup_words(src->features, src->n_features, &t.features);
	if (r == 0)
		t.n_features = src->n_features;
	if (r == 0)
		r = dup_words(src->hwh, src->n_hwh, &t.hwh);
	if (r == 0)
		t.n_hwh = src->n_hwh;
	if (r == 0 && src->n_groups) {
		t.groups = calloc(src->n_groups, sizeof(*t.groups));
		if (!t.groups)
			r = -ENOMEM;
		else
			t.n_groups = src->n_groups;
	}
	for (size_t i = 0; r == 0 && i < src->n_groups; i++)
		r = copy_group(&src->groups[i], &t.groups[i]);
	if (r < 0) {
		mp_dm_table_clear(&t);
		return r;
	}
	*ret = t;
	return 0;
}
