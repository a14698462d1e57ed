/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which value applies to one device, and why. For each keyword the first
 * level that sets it wins:
 *
 *   multipaths (wwid equal; later entries first)
 *   overrides/protocol (type equal to the path's protocol; later first)
 *   overrides
 *   devices (regex match; user entries before built-in ones, later first)
 *   defaults
 *   built-in default of the keyword table
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"

struct mp_resolved_value {
	const struct mp_keyword *kw;
	char *value;
	char *origin;
};

struct mp_resolved {
	struct mp_resolved_value *items;
	size_t n;
	char *hwentry;
};

void mp_config_update_derived(struct mp_config *cfg)
{
	const struct mp_setting *s = mp_settings_find(&cfg->defaults, "polling_interval");
	long interval = 5;

	if (s)
		mp_parse_long(s->value, &interval);
	snprintf(cfg->max_polling_default, sizeof(cfg->max_polling_default), "%ld", 4 * interval);
}

/* The defaults-section value or the built-in default; origin is static or points into cfg. */
static const char *default_value(const struct mp_config *cfg, const struct mp_keyword *kw,
				 const struct mp_setting **ret_setting)
{
	const struct mp_setting *s = NULL;

	if (kw->sections & MP_SEC_DEFAULTS)
		s = mp_settings_find(&cfg->defaults, kw->name);
	*ret_setting = s;
	if (s)
		return s->value;
	if (streq(kw->name, "max_polling_interval"))
		return cfg->max_polling_default;
	return kw->default_value;
}

const char *mp_config_get(const struct mp_config *cfg, const char *keyword,
			  const char **ret_origin)
{
	const struct mp_keyword *kw = mp_keyword_find(keyword);
	const struct mp_setting *s;
	const char *v;

	if (!cfg || !kw)
		return NULL;
	v = default_value(cfg, kw, &s);
	if (ret_origin)
		*ret_origin = s ? s->origin : v ? "default" : NULL;
	return v;
}

int mp_config_get_int(const struct mp_config *cfg, const char *keyword, long *ret)
{
	const char *v = mp_config_get(cfg, keyword, NULL);

	if (!v)
		return -ENOENT;
	return mp_parse_long(v, ret);
}

int mp_config_get_bool(const struct mp_config *cfg, const char *keyword, bool *ret)
{
	const char *v = mp_config_get(cfg, keyword, NULL);

	if (!v)
		return -ENOENT;
	return mp_parse_bool(v, ret);
}

bool mp_config_keyword_known(const char *keyword)
{
	return keyword && mp_keyword_find(keyword) != NULL;
}

static bool regex_matches(const regex_t *re, const char *s)
{
	return regexec(re, s ? s : "", 0, NULL, 0) == 0;
}

bool mp_device_entry_matches(const struct mp_device_entry *e, const struct mp_device_id *id)
{
	return e->compiled && regex_matches(&e->vendor_re, id->vendor) &&
	       regex_matches(&e->product_re, id->product) &&
	       (!e->revision || regex_matches(&e->revision_re, id->revision));
}

static bool protocol_matches(const char *type, const struct mp_device_id *id)
{
	if (id->protocol)
		return streq(type, id->protocol);
	switch (id->transport) {
	case MP_TRANSPORT_FC:
		return streq(type, "scsi:fcp");
	case MP_TRANSPORT_ISCSI:
		return streq(type, "scsi:iscsi");
	case MP_TRANSPORT_SAS:
		return streq(type, "scsi:sas");
	case MP_TRANSPORT_NVME:
		return strncmp(type, "nvme:", 5) == 0;
	case MP_TRANSPORT_OTHER:
		return streq(type, "scsi:unspec");
	case MP_TRANSPORT_UNKNOWN:
		return streq(type, "undef");
	}
	return false;
}

/* Origin text for a value; NULL only when out of memory. */
static char *origin_of(const char *label, const struct mp_setting *s)
{
	return s->origin ? strdup(s->origin) : mp_origin_format(label, s->source, s->line);
}

/* The device entries that match one device, last (strongest) first. Matching
 * once per device instead of once per keyword keeps resolution to one regexec
 * per entry: the daemon resolves on every path event. */
struct device_matches {
	const struct mp_device_entry **v;
	size_t n;
};

static int match_devices(const struct mp_config *cfg, const struct mp_device_id *id,
			 struct device_matches *ret)
{
	ret->n = 0;
	ret->v = calloc(cfg->n_devices ? cfg->n_devices : 1, sizeof(*ret->v));
	if (!ret->v)
		return -ENOMEM;
	for (size_t i = cfg->n_devices; i-- > 0;)
		if (mp_device_entry_matches(&cfg->devices[i], id))
			ret->v[ret->n++] = &cfg->devices[i];
	return 0;
}

static int resolve_one(const struct mp_config *cfg, const struct mp_device_id *id,
		       const struct device_matches *matched, const struct mp_keyword *kw,
		       struct mp_resolved_value *out)
{
	const struct mp_setting *s;
	const char *v;

	if (kw->sections & MP_SEC_MULTIPATH) {
		for (size_t i = cfg->n_multipaths; id->wwid && i-- > 0;) {
			const struct mp_multipath_entry *m = &cfg->multipaths[i];

			if (!streq(m->wwid, id->wwid) || !(s = mp_settings_find(&m->settings, kw->name)))
				continue;
			out->value = strdup(s->value);
			out->origin = origin_of("multipaths section", s);
			return 0;
		}
	}
	if (kw->sections & MP_SEC_PROTOCOL) {
		for (size_t i = cfg->n_protocols; i-- > 0;) {
			const struct mp_protocol_entry *p = &cfg->protocols[i];
			char label[64];

			if (!protocol_matches(p->type, id) ||
			    !(s = mp_settings_find(&p->settings, kw->name)))
				continue;
			snprintf(label, sizeof(label), "overrides section, protocol %s", p->type);
			out->value = strdup(s->value);
			out->origin = origin_of(label, s);
			return 0;
		}
	}
	if ((kw->sections & MP_SEC_OVERRIDES) && (s = mp_settings_find(&cfg->overrides, kw->name))) {
		out->value = strdup(s->value);
		out->origin = origin_of("overrides section", s);
		return 0;
	}
	if (kw->sections & MP_SEC_DEVICE) {
		/* user entries follow the built-in ones, so the last match wins both rules */
		for (size_t i = 0; i < matched->n; i++) {
			const struct mp_device_entry *e = matched->v[i];

			if (!(s = mp_settings_find(&e->settings, kw->name)))
				continue;
			out->value = strdup(s->value);
			if (e->builtin) {
				if (asprintf(&out->origin, "built-in hardware table: %s", e->name) < 0)
					out->origin = NULL;
			} else {
				out->origin = origin_of("devices section", s);
			}
			return 0;
		}
	}
	v = default_value(cfg, kw, &s);
	if (!v)
		return 0;
	out->value = strdup(v);
	out->origin = s ? origin_of("defaults section", s) : strdup("default");
	return 0;
}

static bool per_device(const struct mp_keyword *kw)
{
	return !kw->alias_of && !(kw->flags & (MP_KWF_IDENTITY | MP_KWF_IGNORED)) &&
	       !(kw->sections & (MP_SEC_BLACKLIST | MP_SEC_BLACKLIST_DEVICE));
}

static const char *last_builtin_match(const struct device_matches *matched)
{
	for (size_t i = 0; i < matched->n; i++)
		if (matched->v[i]->builtin || matched->v[i]->has_builtin)
			return matched->v[i]->name;
	return NULL;
}

int mp_config_resolve(const struct mp_config *cfg, const struct mp_device_id *id,
		      struct mp_resolved **ret)
{
	size_t n_table;
	const struct mp_keyword *table = mp_keyword_table(&n_table);
	struct device_matches matched = {0};
	struct mp_resolved *r;
	const char *hw;

	if (!cfg || !id || !ret)
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r || match_devices(cfg, id, &matched) < 0) {
		free(r);
		return -ENOMEM;
	}
	r->items = calloc(n_table, sizeof(*r->items));
	if (!r->items)
		goto oom;
	for (size_t i = 0; i < n_table; i++) {
		struct mp_resolved_value *out = &r->items[r->n];

		if (!per_device(&table[i]))
			continue;
		out->kw = &table[i];
		resolve_one(cfg, id, &matched, &table[i], out);
		r->n++;
		if (!out->value)
			continue; /* unset keyword: no origin either */
		if (!out->origin)
			goto oom;
	}
	hw = last_builtin_match(&matched);
	if (hw && !(r->hwentry = strdup(hw)))
		goto oom;
	free(matched.v);
	*ret = r;
	return 0;
oom:
	free(matched.v);
	mp_resolved_free(r);
	return -ENOMEM;
}

void mp_resolved_free(struct mp_resolved *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->items[i].value);
		free(r->items[i].origin);
	}
	free(r->items);
	free(r->hwentry);
	free(r);
}

static const struct mp_resolved_value *find_value(const struct mp_resolved *r, const char *keyword)
{
	const struct mp_keyword *kw = mp_keyword_find(keyword);

	if (!r || !kw)
		return NULL;
	for (size_t i = 0; i < r->n; i++)
		if (r->items[i].kw == kw)
			return &r->items[i];
	return NULL;
}

const char *mp_resolved_get(const struct mp_resolved *r, const char *keyword,
			    const char **ret_origin)
{
	const struct mp_resolved_value *v = find_value(r, keyword);

	if (ret_origin)
		*ret_origin = v ? v->origin : NULL;
	return v ? v->value : NULL;
}

int mp_resolved_int(const struct mp_resolved *r, const char *keyword, long *ret)
{
	const char *v = mp_resolved_get(r, keyword, NULL);

	if (!v)
		return -ENOENT;
	return mp_parse_long(v, ret);
}

int mp_resolved_bool(const struct mp_resolved *r, const char *keyword, bool *ret)
{
	const char *v = mp_resolved_get(r, keyword, NULL);

	if (!v)
		return -ENOENT;
	return mp_parse_bool(v, ret);
}

const char *mp_resolved_hwentry(const struct mp_resolved *r)
{
	return r ? r->hwentry : NULL;
}
