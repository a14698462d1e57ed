/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Explaining a table difference. Whether two tables differ is
 * mp_dm_table_equal()'s call (dm module); this only finds words for it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/strbuf.h"
#include "topology/plan.h"

static int words(struct strbuf *sb, size_t n, char *const *w)
{
	int r = strbuf_printf(sb, "%zu", n);

	for (size_t i = 0; i < n && r == 0; i++)
		r = strbuf_printf(sb, " %s", w[i]);
	return r;
}

static int sep(struct strbuf *out, int found)
{
	return found ? strbuf_append(out, "; ") : 0;
}

static bool has_path(const struct mp_dm_table *t, unsigned int maj, unsigned int min)
{
	for (size_t g = 0; g < t->n_groups; g++)
		for (size_t k = 0; k < t->groups[g].n_paths; k++)
			if (t->groups[g].paths[k].major == maj && t->groups[g].paths[k].minor == min)
				return true;
	return false;
}

static int path_changes(const struct mp_dm_table *from, const struct mp_dm_table *to,
			const char *verb, struct strbuf *out, int found)
{
	for (size_t g = 0; g < to->n_groups; g++)
		for (size_t k = 0; k < to->groups[g].n_paths; k++) {
			const struct mp_dm_path *p = &to->groups[g].paths[k];

			if (has_path(from, p->major, p->minor))
				continue;
			if (sep(out, found) < 0 ||
			    strbuf_printf(out, "path %u:%u %s", p->major, p->minor, verb) < 0)
				return -ENOMEM;
			found++;
		}
	return found;
}

static bool same_words(size_t na, char *const *a, size_t nb, char *const *b)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

static bool same_layout(const struct mp_dm_table *a, const struct mp_dm_table *b)
{
	if (a->n_groups != b->n_groups)
		return false;
	for (size_t g = 0; g < a->n_groups; g++) {
		const struct mp_dm_group *x = &a->groups[g], *y = &b->groups[g];

		if (x->n_paths != y->n_paths)
			return false;
		for (size_t k = 0; k < x->n_paths; k++)
			if (x->paths[k].major != y->paths[k].major ||
			    x->paths[k].minor != y->paths[k].minor)
				return false;
	}
	return true;
}

static bool same_selectors(const struct mp_dm_table *a, const struct mp_dm_table *b)
{
	for (size_t g = 0; g < a->n_groups && g < b->n_groups; g++) {
		const struct mp_dm_group *x = &a->groups[g], *y = &b->groups[g];

		if (strcmp(x->selector ? x->selector : "", y->selector ? y->selector : "") != 0 ||
		    !same_words(x->n_sel_args, x->sel_args, y->n_sel_args, y->sel_args))
			return false;
	}
	return true;
}

int mp_table_diff(const struct mp_dm_table *cur, const struct mp_dm_table *want,
		  struct strbuf *out)
{
	int found = 0;

	found = path_changes(cur, want, "added", out, found);
	if (found >= 0)
		found = path_changes(want, cur, "removed", out, found);
	if (found < 0)
		return found;
	if (!same_words(cur->n_features, cur->features, want->n_features, want->features)) {
		if (sep(out, found) < 0 || strbuf_append(out, "features differ: '") < 0 ||
		    words(out, cur->n_features, cur->features) < 0 ||
		    strbuf_append(out, "' -> '") < 0 ||
		    words(out, want->n_features, want->features) < 0 || strbuf_append(out, "'") < 0)
			return -ENOMEM;
		found++;
	}
	if (!same_words(cur->n_hwh, cur->hwh, want->n_hwh, want->hwh)) {
		if (sep(out, found) < 0 || strbuf_append(out, "hwhandler differs: '") < 0 ||
		    words(out, cur->n_hwh, cur->hwh) < 0 || strbuf_append(out, "' -> '") < 0 ||
		    words(out, want->n_hwh, want->hwh) < 0 || strbuf_append(out, "'") < 0)
			return -ENOMEM;
		found++;
	}
	if (cur->length != want->length) {
		if (sep(out, found) < 0 ||
		    strbuf_printf(out, "size differs: %llu -> %llu sectors",
				  (unsigned long long)cur->length,
				  (unsigned long long)want->length) < 0)
			return -ENOMEM;
		found++;
	}
	if (!same_selectors(cur, want)) {
		if (sep(out, found) < 0 || strbuf_append(out, "path selector differs") < 0)
			return -ENOMEM;
		found++;
	}
	/* Same members, different arrangement: a prio change regrouped them. */
	if (found == 0 && !same_layout(cur, want)) {
		if (strbuf_printf(out, "path groups differ: %zu -> %zu groups", cur->n_groups,
				  want->n_groups) < 0)
			return -ENOMEM;
		found++;
	}
	return found;
}
