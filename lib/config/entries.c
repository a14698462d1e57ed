/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Growing and freeing the entry lists of struct mp_config (devices, multipaths, protocols, rules). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"

/* Appends one zeroed element to *items (of *n); returns it, or NULL without changing anything. */
static void *grow(void **items, size_t *n, size_t size)
{
	char *p = realloc(*items, (*n + 1) * size);

	if (!p)
		return NULL;
	*items = p;
	memset(p + *n * size, 0, size);
	return p + (*n)++ * size;
}

struct mp_device_entry *mp_config_add_device(struct mp_config *cfg)
{
	return grow((void **)&cfg->devices, &cfg->n_devices, sizeof(struct mp_device_entry));
}

struct mp_multipath_entry *mp_config_add_multipath(struct mp_config *cfg)
{
	return grow((void **)&cfg->multipaths, &cfg->n_multipaths,
		    sizeof(struct mp_multipath_entry));
}

struct mp_protocol_entry *mp_config_add_protocol(struct mp_config *cfg)
{
	return grow((void **)&cfg->protocols, &cfg->n_protocols, sizeof(struct mp_protocol_entry));
}

int mp_device_entry_compile(struct mp_device_entry *e)
{
	const int flags = REG_EXTENDED | REG_NOSUB;

	if (e->compiled)
		return 0;
	if (regcomp(&e->vendor_re, e->vendor, flags) != 0)
		return -EINVAL;
	if (regcomp(&e->product_re, e->product, flags) != 0) {
		regfree(&e->vendor_re);
		return -EINVAL;
	}
	if (e->revision && regcomp(&e->revision_re, e->revision, flags) != 0) {
		regfree(&e->product_re);
		regfree(&e->vendor_re);
		return -EINVAL;
	}
	e->compiled = true;
	return 0;
}

void mp_device_entry_clear(struct mp_device_entry *e)
{
	if (e->compiled) {
		regfree(&e->vendor_re);
		regfree(&e->product_re);
		if (e->revision)
			regfree(&e->revision_re);
	}
	free(e->vendor);
	free(e->product);
	free(e->revision);
	free(e->name);
	free(e->source);
	mp_settings_clear(&e->settings);
	memset(e, 0, sizeof(*e));
}

void mp_multipath_entry_clear(struct mp_multipath_entry *e)
{
	free(e->wwid);
	free(e->source);
	mp_settings_clear(&e->settings);
	memset(e, 0, sizeof(*e));
}

void mp_protocol_entry_clear(struct mp_protocol_entry *e)
{
	free(e->type);
	free(e->source);
	mp_settings_clear(&e->settings);
	memset(e, 0, sizeof(*e));
}

static char *dup_or_null(const char *s, bool *failed)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*failed = true;
	return d;
}

int mp_rule_list_add(struct mp_rule_list *l, enum mp_blacklist_kind kind, const char *pattern,
		     const char *vendor, const char *product, const char *origin)
{
	struct mp_blacklist_rule rule = {.kind = kind};
	bool failed = false;

	rule.pattern = dup_or_null(pattern, &failed);
	rule.vendor = dup_or_null(vendor, &failed);
	rule.product = dup_or_null(product, &failed);
	rule.origin = dup_or_null(origin, &failed);
	if (!failed && l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct mp_blacklist_rule *p = realloc(l->items, cap * sizeof(*p));

		if (p) {
			l->items = p;
			l->cap = cap;
		} else {
			failed = true;
		}
	}
	if (failed) {
		free((char *)rule.pattern);
		free((char *)rule.vendor);
		free((char *)rule.product);
		free((char *)rule.origin);
		return -ENOMEM;
	}
	l->items[l->n++] = rule;
	return 0;
}

void mp_rule_list_clear(struct mp_rule_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free((char *)l->items[i].pattern);
		free((char *)l->items[i].vendor);
		free((char *)l->items[i].product);
		free((char *)l->items[i].origin);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}
