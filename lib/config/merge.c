/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Folding repeated entries into one, the way multipath-tools 0.9.4 does after
 * reading its files, so `mpath -t` lists what is really in force:
 *
 *   - device entries whose vendor, product and revision strings are equal
 *     (after each file): the earlier one is merged into the later one (the
 *     later entry's values win, the earlier one fills what it leaves unset);
 *     a user entry equal to a built-in one absorbs it;
 *   - multipath entries with the same wwid (after all files), and the list
 *     ends up sorted by wwid, as 0.9.4 prints it;
 *   - protocol subsections of the same type;
 *   - blacklist rules with the same text (the first one stays).
 *
 * Resolution gives the same values with or without folding (it takes the
 * strongest entry that sets a keyword); what changes is that one entry, not
 * several, is shown and counted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && streq(a, b));
}

/* Copies into dst every setting of src that dst does not have. */
static int absorb(struct mp_settings *dst, const struct mp_settings *src, const char *origin)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct mp_setting *s = &src->items[i];
		struct mp_setting *d;
		int r;

		if (mp_settings_find(dst, s->kw->name))
			continue;
		r = mp_settings_set(dst, s->kw, s->value, s->source, s->line, NULL);
		if (r < 0)
			return r;
		d = (struct mp_setting *)mp_settings_find(dst, s->kw->name);
		/* keep where the value came from, not where it was merged to */
		if (origin || s->origin) {
			d->origin = strdup(origin ? origin : s->origin);
			if (!d->origin)
				return -ENOMEM;
		}
	}
	return 0;
}

static void remove_at(void *items, size_t *n, size_t size, size_t i)
{
	char *p = items;

	memmove(p + i * size, p + (i + 1) * size, (*n - i - 1) * size);
	(*n)--;
}

int mp_config_merge_devices(struct mp_config *cfg, size_t first_new, const char *source,
			    struct mp_diags *diags)
{
	size_t i = 0;

	while (i < cfg->n_devices) {
		struct mp_device_entry *a = &cfg->devices[i];
		size_t j = first_new > i + 1 ? first_new : i + 1;
		bool merged = false;

		for (; j < cfg->n_devices; j++) {
			struct mp_device_entry *b = &cfg->devices[j];
			_cleanup_free_ char *origin = NULL;
			int r;

			if (!same_str(a->vendor, b->vendor) || !same_str(a->product, b->product) ||
			    !same_str(a->revision, b->revision))
				continue;
			if (!a->builtin && diags)
				mp_diags_add(diags, MP_DIAG_WARNING, a->source ? a->source : source,
					     a->line,
					     "duplicate device section for \"%s\" \"%s\"; merged into "
					     "the later one (%s:%d), its values win",
					     a->vendor, a->product, b->source ? b->source : "?",
					     b->line);
			if (a->builtin &&
			    asprintf(&origin, "built-in hardware table: %s", a->name) < 0)
				return -ENOMEM;
			r = absorb(&b->settings, &a->settings, origin);
			if (r < 0)
				return r;
			b->has_builtin |= a->builtin || a->has_builtin;
			mp_device_entry_clear(a);
			remove_at(cfg->devices, &cfg->n_devices, sizeof(*a), i);
			if (i < first_new)
				first_new--;
			merged = true;
			break;
		}
		if (!merged)
			i++;
	}
	return 0;
}

static int by_wwid(const void *a, const void *b)
{
	const struct mp_multipath_entry *x = a, *y = b;
	int c = strcmp(x->wwid, y->wwid);

	/* equal wwids keep file order, so "the later one" stays later */
	if (c == 0)
		c = x->order < y->order ? -1 : x->order > y->order;
	return c;
}

static int merge_multipaths(struct mp_config *cfg, struct mp_diags *diags)
{
	size_t i = 0;

	for (size_t k = 0; k < cfg->n_multipaths; k++)
		cfg->multipaths[k].order = k;
	if (cfg->n_multipaths > 1)
		qsort(cfg->multipaths, cfg->n_multipaths, sizeof(*cfg->multipaths), by_wwid);
	while (i + 1 < cfg->n_multipaths) {
		struct mp_multipath_entry *a = &cfg->multipaths[i], *b = a + 1;
		int r;

		if (!streq(a->wwid, b->wwid)) {
			i++;
			continue;
		}
		if (diags)
			mp_diags_add(diags, MP_DIAG_WARNING, a->source, a->line,
				     "duplicate multipath section for wwid %s; merged into the "
				     "later one (%s:%d), its values win",
				     a->wwid, b->source, b->line);
		r = absorb(&b->settings, &a->settings, NULL);
		if (r < 0)
			return r;
		mp_multipath_entry_clear(a);
		remove_at(cfg->multipaths, &cfg->n_multipaths, sizeof(*a), i);
	}
	return 0;
}

static int merge_protocols(struct mp_config *cfg)
{
	size_t i = 0;

	while (i < cfg->n_protocols) {
		struct mp_protocol_entry *a = &cfg->protocols[i];
		bool merged = false;

		for (size_t j = i + 1; j < cfg->n_protocols; j++) {
			struct mp_protocol_entry *b = &cfg->protocols[j];
			int r;

			if (!streq(a->type, b->type))
				continue;
			r = absorb(&b->settings, &a->settings, NULL);
			if (r < 0)
				return r;
			mp_protocol_entry_clear(a);
			remove_at(cfg->protocols, &cfg->n_protocols, sizeof(*a), i);
			merged = true;
			break;
		}
		if (!merged)
			i++;
	}
	return 0;
}

static bool same_rule(const struct mp_blacklist_rule *a, const struct mp_blacklist_rule *b)
{
	return a->kind == b->kind && same_str(a->pattern, b->pattern) &&
	       same_str(a->vendor, b->vendor) && same_str(a->product, b->product);
}

static void dedup_rules(struct mp_rule_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		size_t j = i + 1;

		while (j < l->n) {
			struct mp_blacklist_rule *d = &l->items[j];

			if (!same_rule(&l->items[i], d)) {
				j++;
				continue;
			}
			free((char *)d->pattern);
			free((char *)d->vendor);
			free((char *)d->product);
			free((char *)d->origin);
			remove_at(l->items, &l->n, sizeof(*d), j);
		}
	}
}

int mp_config_finalize(struct mp_config *cfg, struct mp_diags *diags)
{
	int r = merge_multipaths(cfg, diags);

	if (r == 0)
		r = merge_protocols(cfg);
	dedup_rules(&cfg->blacklist);
	dedup_rules(&cfg->exceptions);
	mp_config_update_derived(cfg);
	return r;
}
