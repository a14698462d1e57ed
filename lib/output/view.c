/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "output/view.h"
#include "policy/pgpolicy.h"

void mp_view_size(uint64_t sectors, char *buf, size_t size)
{
	static const char units[] = "KMGTP";
	double s = (double)(sectors >> 1);
	size_t u = 0;

	while (s >= 1024 && u < sizeof(units) - 2) {
		s /= 1024;
		u++;
	}
	snprintf(buf, size, "%.*f%c", s < 10 ? 1 : 0, s, units[u]);
}

void mp_view_map_clear(struct mp_view_map *v)
{
	if (!v)
		return;
	for (size_t g = 0; g < v->n_groups; g++)
		free(v->groups[g].paths);
	free(v->groups);
	v->groups = NULL;
	v->n_groups = 0;
}

static void copy(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	/* a loop, not strnlen: the bound may exceed a literal's size */
	while (src && n + 1 < size && src[n]) {
		dst[n] = src[n];
		n++;
	}
	dst[n] = '\0';
}

static void failback_text(const struct mp_map_settings *s, char *buf, size_t size)
{
	switch (s->failback) {
	case MP_FAILBACK_IMMEDIATE:
		copy(buf, size, "immediate");
		break;
	case MP_FAILBACK_FOLLOWOVER:
		copy(buf, size, "followover");
		break;
	case MP_FAILBACK_DEFERRED:
		snprintf(buf, size, "%d", s->failback_secs);
		break;
	case MP_FAILBACK_MANUAL:
		copy(buf, size, "-");
		break;
	}
}

static void words_text(size_t n, char *const *w, char *buf, size_t size)
{
	size_t off = (size_t)snprintf(buf, size, "%zu", n);

	for (size_t i = 0; i < n && off < size; i++)
		off += (size_t)snprintf(buf + off, size - off, " %s", w[i]);
}

static void queueing_text(const struct mp_map_settings *s, char *buf, size_t size)
{
	switch (s->no_path_retry) {
	case MP_NPR_QUEUE:
		copy(buf, size, "on");
		break;
	case MP_NPR_FAIL:
		copy(buf, size, "off");
		break;
	case MP_NPR_COUNT:
		snprintf(buf, size, "%d chk", s->no_path_retry_n);
		break;
	case MP_NPR_UNDEF:
		copy(buf, size, "-");
		break;
	}
}

static void apply_live_common(struct mp_view_map *v, const struct mp_view_live *live)
{
	v->minor = live ? live->minor : -1;
	v->read_only = live ? live->read_only : -1;
	v->suspended = live ? live->suspended : false;
}

/* Group states and path A/F from a status line whose layout matches. */
static void apply_status(struct mp_view_map *v, const struct mp_dm_table *st)
{
	if (!st)
		return;
	for (size_t g = 0; g < v->n_groups && g < st->n_groups; g++) {
		v->groups[g].state = st->groups[g].state;
		for (size_t k = 0; k < v->groups[g].n && k < st->groups[g].n_paths; k++) {
			v->groups[g].paths[k].dm_state = st->groups[g].paths[k].active ? 'A' : 'F';
			v->groups[g].paths[k].failures = st->groups[g].paths[k].fail_count;
		}
	}
}

int mp_view_from_map(const struct mp_map *m, const struct mp_path *paths,
		     const struct mp_view_live *live, struct mp_view_map *ret)
{
	struct mp_view_map v = {0};

	copy(v.name, sizeof(v.name), m->name);
	copy(v.wwid, sizeof(v.wwid), m->wwid);
	apply_live_common(&v, live);
	copy(v.vendor, sizeof(v.vendor), m->vendor);
	copy(v.product, sizeof(v.product), m->product);
	copy(v.rev, sizeof(v.rev), m->rev);
	v.size = m->size;
	/* What the table will carry: the engine may have dropped queueing (no daemon). */
	words_text(m->table.n_features, m->table.features, v.features, sizeof(v.features));
	copy(v.hwhandler, sizeof(v.hwhandler), m->settings.hwhandler);
	failback_text(&m->settings, v.failback, sizeof(v.failback));
	queueing_text(&m->settings, v.queueing, sizeof(v.queueing));
	v.groups = calloc(m->n_groups ? m->n_groups : 1, sizeof(*v.groups));
	if (!v.groups)
		return -ENOMEM;
	for (size_t g = 0; g < m->n_groups; g++) {
		struct mp_view_group *vg = &v.groups[g];
		const struct mp_map_group *mg = &m->groups[g];

		vg->paths = calloc(mg->n ? mg->n : 1, sizeof(*vg->paths));
		if (!vg->paths) {
			mp_view_map_clear(&v);
			return -ENOMEM;
		}
		v.n_groups = g + 1;
		copy(vg->selector, sizeof(vg->selector), m->settings.selector);
		vg->prio = mg->prio;
		vg->n = mg->n;
		for (size_t k = 0; k < mg->n; k++) {
			const struct mp_path *p = &paths[mg->members[k].path];
			struct mp_path_choice ck;

			vg->paths[k].path = p;
			vg->paths[k].major = p->major;
			vg->paths[k].minor = p->minor;
			vg->paths[k].prio = mg->members[k].prio;
			mp_settings_path_checker(&m->settings, p, &ck);
			copy(vg->paths[k].checker, sizeof(vg->paths[k].checker), ck.name);
		}
	}
	if (live)
		apply_status(&v, live->status);
	*ret = v;
	return 0;
}

static const struct mp_path *find_dev(const struct mp_path *paths, size_t n, unsigned int maj,
				      unsigned int min)
{
	for (size_t i = 0; i < n; i++)
		if (paths[i].major == maj && paths[i].minor == min)
			return &paths[i];
	return NULL;
}

int mp_view_from_dm(const char *name, const char *uuid, const struct mp_dm_table *table,
		    const struct mp_view_live *live, const struct mp_path *paths, size_t n_paths,
		    struct mp_view_map *ret)
{
	struct mp_view_map v = {0};
	const struct mp_path *first = NULL;
	bool checked = live ? live->checked : true;

	if (!table || !name)
		return -EINVAL;
	copy(v.name, sizeof(v.name), name);
	if (uuid && strncmp(uuid, MP_UUID_PREFIX, strlen(MP_UUID_PREFIX)) == 0)
		copy(v.wwid, sizeof(v.wwid), uuid + strlen(MP_UUID_PREFIX));
	else
		copy(v.wwid, sizeof(v.wwid), uuid ? uuid : name);
	apply_live_common(&v, live);
	v.size = table->length;
	words_text(table->n_features, table->features, v.features, sizeof(v.features));
	words_text(table->n_hwh, table->hwh, v.hwhandler, sizeof(v.hwhandler));
	/* the daemon knows failback/queueing; from the kernel alone we only see the feature */
	copy(v.failback, sizeof(v.failback), "-");
	copy(v.queueing, sizeof(v.queueing), strstr(v.features, "queue_if_no_path") ? "on" : "off");
	v.groups = calloc(table->n_groups ? table->n_groups : 1, sizeof(*v.groups));
	if (!v.groups)
		return -ENOMEM;
	for (size_t g = 0; g < table->n_groups; g++) {
		const struct mp_dm_group *tg = &table->groups[g];
		struct mp_view_group *vg = &v.groups[g];
		long sum = 0;
		size_t usable = 0;

		vg->paths = calloc(tg->n_paths ? tg->n_paths : 1, sizeof(*vg->paths));
		if (!vg->paths) {
			mp_view_map_clear(&v);
			return -ENOMEM;
		}
		v.n_groups = g + 1;
		words_text(tg->n_sel_args, tg->sel_args, vg->selector, sizeof(vg->selector));
		{
			/* "<name> <#args> <args>" as multipath.conf spells path_selector */
			char sel[64], full[160];

			copy(sel, sizeof(sel), vg->selector);
			snprintf(full, sizeof(full), "%s %s", tg->selector ? tg->selector : "?",
				 sel);
			copy(vg->selector, sizeof(vg->selector), full);
		}
		vg->n = tg->n_paths;
		for (size_t k = 0; k < tg->n_paths; k++) {
			struct mp_view_path *vp = &vg->paths[k];
			const struct mp_path *p =
				find_dev(paths, n_paths, tg->paths[k].major, tg->paths[k].minor);

			vp->path = p;
			vp->major = tg->paths[k].major;
			vp->minor = tg->paths[k].minor;
			vp->prio = p && checked ? p->prio : -1;
			if (p && !first)
				first = p;
			if (p && checked && mp_path_state_usable(p->state) &&
			    p->state != MP_PATH_UNCHECKED) {
				sum += p->prio;
				usable++;
			}
		}
		vg->prio = usable ? (int)(sum / (long)usable) : 0;
	}
	if (first) {
		copy(v.vendor, sizeof(v.vendor), first->vendor);
		copy(v.product, sizeof(v.product), first->product);
		copy(v.rev, sizeof(v.rev), first->rev);
	}
	if (live)
		apply_status(&v, live->status);
	*ret = v;
	return 0;
}
