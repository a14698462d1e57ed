/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `mpath config show`: everything mpath would use, written as multipath.conf
 * text that parses back without errors. Built-in data is included, like
 * `multipath -t`, so the admin sees the whole picture in one place.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "config/config-private.h"

/* Writes a value so the tokenizer reads back exactly the same string. */
static int put_value(struct strbuf *out, const char *value)
{
	long n;
	int r;

	if (mp_parse_long(value, &n) == 0)
		return strbuf_append(out, value);
	r = strbuf_append(out, "\"");
	for (const char *p = value; r == 0 && *p; p++) {
		if (*p == '"')
			r = strbuf_append(out, "\"\"");
		else if (*p == '\n' || *p == '\r')
			r = strbuf_append(out, " "); /* cannot come from a parsed file */
		else
			r = strbuf_appendn(out, p, 1);
	}
	return r ? r : strbuf_append(out, "\"");
}

static int put_kv(struct strbuf *out, const char *indent, const char *keyword, const char *value)
{
	int r = strbuf_printf(out, "%s%s ", indent, keyword);

	if (r == 0)
		r = put_value(out, value);
	return r ? r : strbuf_append(out, "\n");
}

/* A secret (reservation_key) for a caller who may not read it: a comment
 * that says it is set, so the text still parses back. */
static int put_setting(struct strbuf *out, const char *indent, const struct mp_keyword *kw,
		       const char *value, bool mask)
{
	if (mask && (kw->flags & MP_KWF_SECRET))
		return strbuf_printf(out, "%s# %s (set; shown to root only)\n", indent, kw->name);
	return put_kv(out, indent, kw->name, value);
}

static int put_settings(struct strbuf *out, const char *indent, const struct mp_settings *s,
			bool mask)
{
	int r = 0;

	for (size_t i = 0; r == 0 && i < s->n; i++)
		r = put_setting(out, indent, s->items[i].kw, s->items[i].value, mask);
	return r;
}

int mp_dump_rule_device(struct strbuf *out, const struct mp_blacklist_rule *rule, mp_dump_kv_fn *kv)
{
	int r = strbuf_append(out, "\tdevice {\n");

	if (r == 0)
		r = kv(out, "\t\t", "vendor", rule->vendor);
	if (r == 0 && rule->product)
		r = kv(out, "\t\t", "product", rule->product);
	return r ? r : strbuf_append(out, "\t}\n");
}

int mp_dump_device_open(struct strbuf *out, const struct mp_device_entry *e, mp_dump_kv_fn *kv)
{
	int r = strbuf_append(out, "\tdevice {\n");

	if (r == 0)
		r = kv(out, "\t\t", "vendor", e->vendor);
	if (r == 0)
		r = kv(out, "\t\t", "product", e->product);
	if (r == 0 && e->revision)
		r = kv(out, "\t\t", "revision", e->revision);
	return r;
}

static int dump_defaults(const struct mp_config *cfg, struct strbuf *out, bool mask)
{
	size_t n;
	const struct mp_keyword *table = mp_keyword_table(&n);
	int r = strbuf_append(out, "defaults {\n");

	for (size_t i = 0; r == 0 && i < n; i++) {
		const char *v;

		if (table[i].alias_of || !(table[i].sections & MP_SEC_DEFAULTS))
			continue;
		v = mp_config_get(cfg, table[i].name, NULL);
		if (v)
			r = put_setting(out, "\t", &table[i], v, mask);
	}
	return r ? r : strbuf_append(out, "}\n");
}

static const char *rule_keyword(enum mp_blacklist_kind kind)
{
	switch (kind) {
	case MP_BL_DEVNODE:
		return "devnode";
	case MP_BL_WWID:
		return "wwid";
	case MP_BL_PROPERTY:
		return "property";
	case MP_BL_PROTOCOL:
		return "protocol";
	case MP_BL_DEVICE:
		break;
	}
	return NULL;
}

static int dump_rules(const struct mp_rule_list *l, const char *section, struct strbuf *out)
{
	int r = strbuf_printf(out, "%s {\n", section);

	for (size_t i = 0; r == 0 && i < l->n; i++) {
		const struct mp_blacklist_rule *rule = &l->items[i];

		if (rule->kind != MP_BL_DEVICE) {
			r = put_kv(out, "\t", rule_keyword(rule->kind), rule->pattern);
			continue;
		}
		r = mp_dump_rule_device(out, rule, put_kv);
	}
	return r ? r : strbuf_append(out, "}\n");
}

/* Whether entry @e matches one of @ids; every entry when @ids is NULL. */
static bool entry_wanted(const struct mp_device_entry *e, const struct mp_device_id *ids,
			 size_t n)
{
	if (!ids)
		return true;
	for (size_t i = 0; i < n; i++)
		if (mp_device_entry_matches(e, &ids[i]))
			return true;
	return false;
}

static int dump_devices(const struct mp_config *cfg, const struct mp_device_id *ids, size_t n,
			struct strbuf *out, bool mask)
{
	int r = strbuf_append(out, "devices {\n");

	for (size_t i = 0; r == 0 && i < cfg->n_devices; i++) {
		const struct mp_device_entry *e = &cfg->devices[i];

		if (!entry_wanted(e, ids, n))
			continue;

				r = mp_dump_device_open(out, e, put_kv);
		if (r == 0)
			r = put_settings(out, "\t\t", &e->settings, mask);
		if (r == 0)
			r = strbuf_append(out, "\t}\n");
	}
	return r ? r : strbuf_append(out, "}\n");
}

static int dump_overrides(const struct mp_config *cfg, struct strbuf *out, bool mask)
{
	int r = strbuf_append(out, "overrides {\n");

	if (r == 0)
		r = put_settings(out, "\t", &cfg->overrides, mask);
	for (size_t i = 0; r == 0 && i < cfg->n_protocols; i++) {
		r = strbuf_append(out, "\tprotocol {\n");
		if (r == 0)
			r = put_kv(out, "\t\t", "type", cfg->protocols[i].type);
		if (r == 0)
			r = put_settings(out, "\t\t", &cfg->protocols[i].settings, mask);
		if (r == 0)
			r = strbuf_append(out, "\t}\n");
	}
	return r ? r : strbuf_append(out, "}\n");
}

static int dump_multipaths(const struct mp_config *cfg, struct strbuf *out, bool mask)
{
	int r = strbuf_append(out, "multipaths {\n");

	for (size_t i = 0; r == 0 && i < cfg->n_multipaths; i++) {
		r = strbuf_append(out, "\tmultipath {\n");
		if (r == 0)
			r = put_kv(out, "\t\t", "wwid", cfg->multipaths[i].wwid);
		if (r == 0)
			r = put_settings(out, "\t\t", &cfg->multipaths[i].settings, mask);
		if (r == 0)
			r = strbuf_append(out, "\t}\n");
	}
	return r ? r : strbuf_append(out, "}\n");
}

static int dump(const struct mp_config *cfg, const struct mp_device_id *ids, size_t n,
		struct strbuf *out, bool mask)
{
	int r;

	if (!cfg || !out)
		return -EINVAL;
	r = dump_defaults(cfg, out, mask);
	if (r == 0)
		r = dump_rules(&cfg->blacklist, "blacklist", out);
	if (r == 0)
		r = dump_rules(&cfg->exceptions, "blacklist_exceptions", out);
	if (r == 0)
		r = dump_devices(cfg, ids, n, out, mask);
	if (r == 0)
		r = dump_overrides(cfg, out, mask);
	if (r == 0)
		r = dump_multipaths(cfg, out, mask);
	return r;
}

int mp_config_dump(const struct mp_config *cfg, struct strbuf *out)
{
	return dump(cfg, NULL, 0, out, false);
}

int mp_config_dump_public(const struct mp_config *cfg, struct strbuf *out)
{
	return dump(cfg, NULL, 0, out, true);
}

int mp_config_dump_local(const struct mp_config *cfg, const struct mp_device_id *ids, size_t n,
			 bool mask, struct strbuf *out)
{
	static const struct mp_device_id none;

	return dump(cfg, ids ? ids : &none, ids ? n : 0, out, mask);
}
