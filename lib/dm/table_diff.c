/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Comparing a desired table with the one the kernel prints back.
 *
 * The kernel does not echo the table it was given (multipath_status() in
 * dm-mpath.c rebuilds it from its state), so a literal comparison would make
 * every adopted map look different and reload it on every pass. The rules:
 *
 * - Features are compared as settings, not words: order and case do not
 *   matter, "queue_mode mq" and "queue_mode rq" both mean request-based (the
 *   default: newer kernels do not print it), "queue_mode bio" implies
 *   retain_attached_hw_handler (the kernel sets it), pg_init_retries 0 is
 *   unset. Unknown words are compared in order. queue_if_no_path is reported
 *   apart (MP_DM_DIFF_QUEUEING): it is runtime state.
 * - The hardware handler is compared by name only (the kernel never prints
 *   its args), and not at all when retain_attached_hw_handler is set on
 *   either side: then the kernel shows whatever handler is attached, and no
 *   reload can change that.
 * - Groups are compared in order (order is priority); selector names and
 *   selector args literally.
 * - Paths within a group are compared as a set of major:minor (their order
 *   only decides where round-robin starts; reloading for it is churn).
 * - Per-path args of the built-in selectors are normalised: round-robin and
 *   queue-length take <repeat_count>, service-time <repeat_count>
 *   <relative_throughput>; missing values default to 1 and repeat counts
 *   above 1 count as 1 (the kernel clamps them for request-based maps).
 *   Other selectors' args are compared literally.
 * - The initial group is reported apart (MP_DM_DIFF_INITIAL_PG): the kernel
 *   prints the current group there.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dm/table.h"

struct features {
	bool queue_if_no_path;
	bool retain;
	bool bio;
	char *pg_init_retries;     /* NULL: unset ("0" counts as unset) */
	char *pg_init_delay_msecs; /* NULL: unset */
	char **other;              /* points into the table, in order */
	size_t n_other;
};

static bool is_zero(const char *s)
{
	return strspn(s, "0") == strlen(s);
}

/* Interpret feature words; returns -1 when out of memory. */
static int features_norm(const struct mp_dm_table *t, struct features *f)
{
	memset(f, 0, sizeof(*f));
	if (t->n_features) {
		f->other = calloc(t->n_features, sizeof(*f->other));
		if (!f->other)
			return -1;
	}
	for (size_t i = 0; i < t->n_features; i++) {
		const char *w = t->features[i];
		const char *v = i + 1 < t->n_features ? t->features[i + 1] : NULL;

		if (!strcasecmp(w, "queue_if_no_path")) {
			f->queue_if_no_path = true;
		} else if (!strcasecmp(w, "retain_attached_hw_handler")) {
			f->retain = true;
		} else if (!strcasecmp(w, "pg_init_retries") && v) {
			f->pg_init_retries = is_zero(v) ? NULL : t->features[i + 1];
			i++;
		} else if (!strcasecmp(w, "pg_init_delay_msecs") && v) {
			f->pg_init_delay_msecs = t->features[i + 1];
			i++;
		} else if (!strcasecmp(w, "queue_mode") && v) {
			if (!strcasecmp(v, "bio"))
				f->bio = f->retain = true;
			else if (strcasecmp(v, "rq") && strcasecmp(v, "mq"))
				f->other[f->n_other++] = t->features[i + 1];
			i++;
		} else {
			f->other[f->n_other++] = t->features[i];
		}
	}
	return 0;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Numbers compare by value ("050" == "50"); anything else literally. */
static bool num_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	return strcasecmp(a, b) == 0;
}

static unsigned int features_diff(const struct mp_dm_table *a, const struct mp_dm_table *b,
				  bool *ret_retain)
{
	struct features fa, fb;
	unsigned int d = 0;

	if (features_norm(a, &fa) < 0 || features_norm(b, &fb) < 0) {
		free(fa.other);
		/* Out of memory: claim a difference, a reload is the safe side. */
		*ret_retain = false;
		return MP_DM_DIFF_FEATURES;
	}
	if (fa.queue_if_no_path != fb.queue_if_no_path)
		d |= MP_DM_DIFF_QUEUEING;
	if (fa.retain != fb.retain || fa.bio != fb.bio ||
	    !num_eq(fa.pg_init_retries, fb.pg_init_retries) ||
	    !num_eq(fa.pg_init_delay_msecs, fb.pg_init_delay_msecs) || fa.n_other != fb.n_other)
		d |= MP_DM_DIFF_FEATURES;
	for (size_t i = 0; !(d & MP_DM_DIFF_FEATURES) && i < fa.n_other; i++)
		if (strcasecmp(fa.other[i], fb.other[i]))
			d |= MP_DM_DIFF_FEATURES;
	*ret_retain = fa.retain || fb.retain;
	free(fa.other);
	free(fb.other);
	return d;
}

static unsigned int hwh_diff(const struct mp_dm_table *a, const struct mp_dm_table *b,
			     bool retain)
{
	const char *ha = a->n_hwh ? a->hwh[0] : NULL;
	const char *hb = b->n_hwh ? b->hwh[0] : NULL;

	if (retain)
		return 0;
	return str_eq(ha, hb) ? 0 : MP_DM_DIFF_HWHANDLER;
}

/* Number of leading per-path args a built-in selector knows; 0 if unknown. */
static unsigned int known_path_args(const char *selector)
{
	if (!selector)
		return 0;
	if (!strcmp(selector, "round-robin") || !strcmp(selector, "queue-length"))
		return 1;
	if (!strcmp(selector, "service-time"))
		return 2;
	return 0;
}

static unsigned long path_arg(const struct mp_dm_path *p, unsigned int i)
{
	unsigned long v;
	char *end;

	if (i >= p->n_args || !p->args[i])
		return 1;
	v = strtoul(p->args[i], &end, 10);
	if (*end)
		return (unsigned long)-1; /* not a number: never equal to a number */
	if (i == 0 && v > 1)
		v = 1;
	return v;
}

static bool path_args_eq(const char *selector, const struct mp_dm_path *a,
			 const struct mp_dm_path *b)
{
	unsigned int known = known_path_args(selector);

	/* More args than the selector takes: the kernel would refuse them, so
	 * there is no rewrite to undo; compare literally. */
	if (known && a->n_args <= known && b->n_args <= known) {
		for (unsigned int i = 0; i < known; i++)
			if (path_arg(a, i) != path_arg(b, i))
				return false;
		return true;
	}
	if (a->n_args != b->n_args)
		return false;
	for (unsigned int i = 0; i < a->n_args; i++)
		if (!str_eq(a->args[i], b->args[i]))
			return false;
	return true;
}

static const struct mp_dm_path *find_path(const struct mp_dm_group *g, const struct mp_dm_path *p)
{
	for (size_t i = 0; i < g->n_paths; i++)
		if (g->paths[i].major == p->major && g->paths[i].minor == p->minor)
			return &g->paths[i];
	return NULL;
}

static unsigned int group_diff(const struct mp_dm_group *a, const struct mp_dm_group *b)
{
	unsigned int d = 0;

	if (!str_eq(a->selector, b->selector) || a->n_sel_args != b->n_sel_args)
		return MP_DM_DIFF_GROUPS | MP_DM_DIFF_PATHS;
	for (unsigned int i = 0; i < a->n_sel_args; i++)
		if (!str_eq(a->sel_args[i], b->sel_args[i]))
			d |= MP_DM_DIFF_GROUPS;
	if (a->n_paths != b->n_paths)
		d |= MP_DM_DIFF_PATHS;
	for (size_t i = 0; i < a->n_paths; i++) {
		const struct mp_dm_path *pa = &a->paths[i];
		/* Same position first, so a path listed twice pairs up in order. */
		const struct mp_dm_path *pb = i < b->n_paths && b->paths[i].major == pa->major &&
							      b->paths[i].minor == pa->minor
						      ? &b->paths[i]
						      : find_path(b, pa);

		if (!pb)
			d |= MP_DM_DIFF_PATHS;
		else if (!path_args_eq(a->selector, &a->paths[i], pb))
			d |= MP_DM_DIFF_PATH_ARGS;
	}
	/* Both ways, so duplicates on one side cannot hide a missing path. */
	for (size_t i = 0; i < b->n_paths; i++)
		if (!find_path(a, &b->paths[i]))
			d |= MP_DM_DIFF_PATHS;
	return d;
}

unsigned int mp_dm_table_diff(const struct mp_dm_table *a, const struct mp_dm_table *b)
{
	unsigned int d = 0;
	bool retain;

	if (a->start != b->start || a->length != b->length)
		d |= MP_DM_DIFF_SIZE;
	d |= features_diff(a, b, &retain);
	d |= hwh_diff(a, b, retain);
	if (a->initial_pg != b->initial_pg)
		d |= MP_DM_DIFF_INITIAL_PG;
	if (a->n_groups != b->n_groups)
		return d | MP_DM_DIFF_GROUPS | MP_DM_DIFF_PATHS;
	for (size_t i = 0; i < a->n_groups; i++)
		d |= group_diff(&a->groups[i], &b->groups[i]);
	return d;
}

bool mp_dm_table_equal(const struct mp_dm_table *a, const struct mp_dm_table *b)
{
	return (mp_dm_table_diff(a, b) & ~(unsigned int)(MP_DM_DIFF_QUEUEING |
							 MP_DM_DIFF_INITIAL_PG)) == 0;
}
