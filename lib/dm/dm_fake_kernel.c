/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the fake's "kernel" does to a table it is given: the rewrite that
 * multipath_status() in dm-mpath.c and the path selectors' status functions
 * apply when printing a table back, and the status they derive. Kept apart
 * from dm_fake.c so the rules can be read in one place.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dm/dm_fake_kernel.h"

static int set_word(char **slot, const char *w)
{
	char *copy = strdup(w);

	if (!copy)
		return -ENOMEM;
	free(*slot);
	*slot = copy;
	return 0;
}

static int push(char ***words, size_t *n, const char *w)
{
	char **grown = realloc(*words, (*n + 1) * sizeof(**words));

	if (!grown)
		return -ENOMEM;
	*words = grown;
	grown[*n] = NULL;
	if (set_word(&grown[*n], w) < 0)
		return -ENOMEM;
	(*n)++;
	return 0;
}

/* Features in the kernel's order; unknown words are dropped (the kernel
 * would have rejected the table). */
static int rewrite_features(struct mp_dm_table *t)
{
	const char *retries = NULL, *delay = NULL;
	bool queue = false, retain = false, bio = false;
	char **words = NULL;
	size_t n = 0;
	int r = 0;

	for (size_t i = 0; i < t->n_features; i++) {
		const char *w = t->features[i];
		const char *v = i + 1 < t->n_features ? t->features[i + 1] : NULL;

		if (!strcasecmp(w, "queue_if_no_path"))
			queue = true;
		else if (!strcasecmp(w, "retain_attached_hw_handler"))
			retain = true;
		else if (!strcasecmp(w, "pg_init_retries") && v && ++i)
			retries = strspn(v, "0") == strlen(v) ? NULL : v;
		else if (!strcasecmp(w, "pg_init_delay_msecs") && v && ++i)
			delay = v;
		else if (!strcasecmp(w, "queue_mode") && v && ++i)
			bio = bio || !strcasecmp(v, "bio");
	}
	retain = retain || bio;
	if (queue)
		r = push(&words, &n, "queue_if_no_path");
	if (!r && retries && !(r = push(&words, &n, "pg_init_retries")))
		r = push(&words, &n, retries);
	if (!r && delay && !(r = push(&words, &n, "pg_init_delay_msecs")))
		r = push(&words, &n, delay);
	if (!r && retain)
		r = push(&words, &n, "retain_attached_hw_handler");
	if (!r && bio && !(r = push(&words, &n, "queue_mode")))
		r = push(&words, &n, "bio");
	for (size_t i = 0; i < t->n_features; i++)
		free(t->features[i]);
	free(t->features);
	t->features = words;
	t->n_features = n;
	return r;
}

static void drop_words(char **w, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		free(w[i]);
		w[i] = NULL;
	}
}

/* round-robin, queue-length: "<repeat>"; service-time: "<repeat> <throughput>". */
static int rewrite_path_args(const char *selector, struct mp_dm_path *p)
{
	unsigned int want;
	int r;

	if (!strcmp(selector, "round-robin") || !strcmp(selector, "queue-length"))
		want = 1;
	else if (!strcmp(selector, "service-time"))
		want = 2;
	else
		return 0;
	if (p->n_args == 0 || strtoul(p->args[0], NULL, 10) > 1) {
		r = set_word(&p->args[0], "1");
		if (r < 0)
			return r;
	}
	if (want == 2 && p->n_args < 2) {
		r = set_word(&p->args[1], "1");
		if (r < 0)
			return r;
	}
	drop_words(p->args, want, MP_DM_MAX_ARGS);
	p->n_args = want;
	return 0;
}

int fake_kernel_table(const struct mp_dm_table *in, unsigned int current_pg,
		      struct mp_dm_table *ret)
{
	struct mp_dm_table t;
	int r = mp_dm_table_copy(in, &t);

	if (r < 0)
		return r;
	r = rewrite_features(&t);
	if (r == 0 && t.n_hwh > 1) {
		drop_words(t.hwh, 1, t.n_hwh);
		t.n_hwh = 1;
	}
	if (current_pg)
		t.initial_pg = current_pg;
	for (size_t i = 0; r == 0 && i < t.n_groups; i++) {
		struct mp_dm_group *g = &t.groups[i];

		for (size_t j = 0; r == 0 && j < g->n_paths; j++)
			r = rewrite_path_args(g->selector, &g->paths[j]);
	}
	if (r < 0) {
		mp_dm_table_clear(&t);
		return r;
	}
	*ret = t;
	return 0;
}

/* Per-path status args of the built-in selectors, idle. */
static int path_status_args(const char *selector, const struct mp_dm_path *tp,
			    struct mp_dm_path *sp)
{
	int r = 0;

	if (!strcmp(selector, "queue-length")) {
		r = set_word(&sp->args[0], "0");
		sp->n_args = 1;
	} else if (!strcmp(selector, "service-time")) {
		r = set_word(&sp->args[0], "0");
		if (r == 0)
			r = set_word(&sp->args[1], tp->n_args > 1 ? tp->args[1] : "1");
		sp->n_args = 2;
	}
	return r;
}

int fake_kernel_status(const struct mp_dm_table *table, struct mp_dm_table *ret)
{
	struct mp_dm_table s = {.start = table->start, .length = table->length};
	int r;

	/* status "features" are "<queue_io> <pg_init_count>", idle: "0 0" */
	r = push(&s.features, &s.n_features, "0");
	if (r == 0)
		r = push(&s.features, &s.n_features, "0");
	s.initial_pg = table->initial_pg;
	if (r == 0 && table->n_groups) {
		s.groups = calloc(table->n_groups, sizeof(*s.groups));
		if (!s.groups)
			r = -ENOMEM;
		else
			s.n_groups = table->n_groups;
	}
	for (size_t i = 0; r == 0 && i < table->n_groups; i++) {
		const struct mp_dm_group *tg = &table->groups[i];
		struct mp_dm_group *sg = &s.groups[i];

		sg->state = i + 1 == table->initial_pg ? 'A' : 'E';
		sg->paths = calloc(tg->n_paths, sizeof(*sg->paths));
		if (!sg->paths) {
			r = -ENOMEM;
			break;
		}
		sg->n_paths = tg->n_paths;
		for (size_t j = 0; r == 0 && j < tg->n_paths; j++) {
			sg->paths[j].major = tg->paths[j].major;
			sg->paths[j].minor = tg->paths[j].minor;
			sg->paths[j].active = true;
			r = path_status_args(tg->selector, &tg->paths[j], &sg->paths[j]);
		}
	}
	if (r < 0) {
		mp_dm_table_clear(&s);
		return r;
	}
	*ret = s;
	return 0;
}
