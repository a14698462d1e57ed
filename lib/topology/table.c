/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Desired map -> struct mp_dm_table. The dm module turns the struct into
 * the kernel's text; here we only decide the content (see map.h for the
 * layout and the feature rules).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "topology/map.h"

#define MAX_WORDS 32

/* Split "N w1 w2 ..." (features, hwhandler) into words after the count. */
static int split_counted(const char *s, char words[][64], size_t max, size_t *ret_n)
{
	char buf[256];
	char *save = NULL, *tok;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", s ? s : "0");
	tok = strtok_r(buf, " \t", &save);
	if (!tok)
		goto out; /* empty means none */
	/* The count is advisory: trust the words that follow, as the kernel would
	 * reject a mismatch anyway and an off-by-one in a config is common. */
	while ((tok = strtok_r(NULL, " \t", &save))) {
		if (n == max)
			return -E2BIG;
		snprintf(words[n++], 64, "%s", tok);
	}
out:
	*ret_n = n;
	return 0;
}

static bool word_is(const char *w, const char *s)
{
	return streq(w, s);
}

/* The effective feature words, after no_path_retry and retain rules. */
static int feature_words(const struct mp_map_settings *s, char words[][64], size_t *ret_n)
{
	char in[MAX_WORDS][64];
	size_t n_in, n = 0;
	bool queue;
	int r;

	r = split_counted(s->features, in, MAX_WORDS, &n_in);
	if (r < 0)
		return r;
	queue = false;
	for (size_t i = 0; i < n_in; i++) {
		if (word_is(in[i], "queue_if_no_path")) {
			queue = true;
			continue;
		}
		if (word_is(in[i], "retain_attached_hw_handler"))
			continue;
		memcpy(words[n++], in[i], sizeof(in[i]));
	}
	switch (s->no_path_retry) {
	case MP_NPR_UNDEF:
		break; /* the features string decides */
	case MP_NPR_FAIL:
		queue = false;
		break;
	case MP_NPR_QUEUE:
	case MP_NPR_COUNT:
		queue = true;
		break;
	}
	if (queue) {
		if (n == MAX_WORDS)
			return -E2BIG;
		/* first, where multipath-tools and the kernel's status put it */
		memmove(words[1], words[0], n * sizeof(words[0]));
		snprintf(words[0], 64, "queue_if_no_path");
		n++;
	}
	*ret_n = n;
	return 0;
}

int mp_map_features_string(const struct mp_map_settings *s, char *buf, size_t size)
{
	char w[MAX_WORDS + 1][64];
	size_t n, off;
	int r = feature_words(s, w, &n);

	if (r < 0)
		return r;
	off = (size_t)snprintf(buf, size, "%zu", n);
	for (size_t i = 0; i < n && off < size; i++)
		off += (size_t)snprintf(buf + off, size - off, " %s", w[i]);
	return off < size ? 0 : -ENOBUFS;
}

static char **dup_words(char words[][64], size_t n)
{
	char **v = calloc(n ? n : 1, sizeof(char *));

	if (!v)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		v[i] = strdup(words[i]);
		if (!v[i]) {
			while (i--)
				free(v[i]);
			free(v);
			return NULL;
		}
	}
	return v;
}

static int fill_group(struct mp_dm_group *g, const struct mp_map_group *mg,
		      const struct mp_path *paths, const char *selector)
{
	char words[MP_DM_MAX_ARGS + 1][64];
	char buf[64];
	char *save = NULL, *tok;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", selector);
	tok = strtok_r(buf, " \t", &save);
	if (!tok)
		return -EINVAL;
	g->selector = strdup(tok);
	if (!g->selector)
		return -ENOMEM;
	/* "service-time 0": the 0 is the selector's arg count; no args follow. */
	tok = strtok_r(NULL, " \t", &save);
	while (tok && (tok = strtok_r(NULL, " \t", &save))) {
		if (n == MP_DM_MAX_ARGS)
			return -E2BIG;
		snprintf(words[n++], 64, "%s", tok);
	}
	for (size_t i = 0; i < n; i++) {
		g->sel_args[i] = strdup(words[i]);
		if (!g->sel_args[i])
			return -ENOMEM;
		g->n_sel_args = (unsigned int)i + 1;
	}
	g->paths = calloc(mg->n ? mg->n : 1, sizeof(*g->paths));
	if (!g->paths)
		return -ENOMEM;
	for (size_t k = 0; k < mg->n; k++) {
		const struct mp_path *p = &paths[mg->members[k].path];
		struct mp_dm_path *dp = &g->paths[k];

		dp->major = p->major;
		dp->minor = p->minor;
		if (asprintf(&dp->args[0], "%d", mg->members[k].repeat_count) < 0) {
			dp->args[0] = NULL;
			return -ENOMEM;
		}
		dp->n_args = 1;
		g->n_paths = k + 1;
	}
	return 0;
}

int mp_map_build_table(const struct mp_map *m, const struct mp_path *paths,
		       struct mp_dm_table *ret)
{
	char fw[MAX_WORDS + 1][64], hw[MAX_WORDS][64];
	size_t n_fw, n_hw;
	struct mp_dm_table t = {0};
	int r;

	r = feature_words(&m->settings, fw, &n_fw);
	if (r < 0)
		return r;
	r = split_counted(m->settings.hwhandler, hw, MAX_WORDS, &n_hw);
	if (r < 0)
		return r;
	t.start = 0;
	t.length = m->size;
	r = -ENOMEM;
	t.features = dup_words(fw, n_fw);
	if (!t.features)
		goto fail;
	t.n_features = n_fw;
	t.hwh = dup_words(hw, n_hw);
	if (!t.hwh)
		goto fail;
	t.n_hwh = n_hw;
	t.initial_pg = m->n_groups ? 1 : 0;
	t.groups = calloc(m->n_groups ? m->n_groups : 1, sizeof(*t.groups));
	if (!t.groups)
		goto fail;
	for (size_t g = 0; g < m->n_groups; g++) {
		t.n_groups = g + 1;
		r = fill_group(&t.groups[g], &m->groups[g], paths, m->settings.selector);
		if (r < 0)
			goto fail;
	}
	*ret = t;
	return 0;
fail:
	mp_dm_table_clear(&t);
	return r;
}
