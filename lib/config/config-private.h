/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the config module keeps between parsing and resolution. Only files in
 * lib/config/ include this; other modules see struct mp_config as opaque.
 */
#ifndef MPATH_CONFIG_PRIVATE_H
#define MPATH_CONFIG_PRIVATE_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "config/keywords.h"

/* One keyword = value line as it was accepted, with where it came from. */
struct mp_setting {
	const struct mp_keyword *kw; /* canonical descriptor (aliases resolved) */
	char *value;
	char *source; /* file name; NULL for built-in data */
	int line;
	char *origin; /* "defaults section (file:12)"; NULL when the label depends on more */
};

/* Settings of one section or subsection; a keyword appears at most once (last wins). */
struct mp_settings {
	struct mp_setting *items;
	size_t n;
	size_t cap;
};

/* A devices/device entry, user-written or from the built-in hardware table. */
struct mp_device_entry {
	char *vendor, *product, *revision; /* regexes; revision may be NULL */
	regex_t vendor_re, product_re, revision_re;
	bool compiled; /* the three regexes (revision only if set) are compiled */
	bool builtin;
	bool has_builtin; /* a user entry that absorbed an equal built-in one (merge.c) */
	char *name; /* "VENDOR PRODUCT" for origins */
	struct mp_settings settings;
	char *source;
	int line;
};

struct mp_multipath_entry {
	char *wwid;
	struct mp_settings settings;
	char *source;
	int line;
	size_t order; /* position in the files, for a stable sort by wwid (merge.c) */
};

struct mp_protocol_entry {
	char *type;
	struct mp_settings settings;
	char *source;
	int line;
};

struct mp_rule_list {
	struct mp_blacklist_rule *items; /* strings owned by the list */
	size_t n;
	size_t cap;
};

struct mp_config {
	struct mp_settings defaults;
	struct mp_settings overrides;
	struct mp_protocol_entry *protocols;
	size_t n_protocols;
	struct mp_device_entry *devices; /* built-in entries first, then user entries */
	size_t n_devices;
	struct mp_multipath_entry *multipaths;
	size_t n_multipaths;
	struct mp_rule_list blacklist;
	struct mp_rule_list exceptions;
	char *config_dir_override; /* set by mp_config_set_config_dir(); "" disables */
	bool config_dir_overridden;
	/* 4 * polling_interval, refreshed after every load: mp_config_get() returns it */
	char max_polling_default[24];
};

/* settings.c */
const struct mp_setting *mp_settings_find(const struct mp_settings *s, const char *name);
/* label: "defaults section" and the like, for the origin; NULL for none. */
int mp_settings_set(struct mp_settings *s, const struct mp_keyword *kw, const char *value,
		    const char *source, int line, const char *label);
void mp_settings_clear(struct mp_settings *s);

/* entries.c: growing the entry arrays; each returns the new zeroed entry or NULL. */
struct mp_device_entry *mp_config_add_device(struct mp_config *cfg);
struct mp_multipath_entry *mp_config_add_multipath(struct mp_config *cfg);
struct mp_protocol_entry *mp_config_add_protocol(struct mp_config *cfg);
int mp_device_entry_compile(struct mp_device_entry *e);
/* Whether the vendor/product/revision regexes of @e match @id. */
bool mp_device_entry_matches(const struct mp_device_entry *e, const struct mp_device_id *id);
void mp_device_entry_clear(struct mp_device_entry *e);
void mp_multipath_entry_clear(struct mp_multipath_entry *e);
void mp_protocol_entry_clear(struct mp_protocol_entry *e);
int mp_rule_list_add(struct mp_rule_list *l, enum mp_blacklist_kind kind, const char *pattern,
		     const char *vendor, const char *product, const char *origin);
void mp_rule_list_clear(struct mp_rule_list *l);

/* hwtable.c / blacklist_builtin.c: the built-in data loaded by mp_config_new(). */
int mp_hwtable_load(struct mp_config *cfg);
int mp_blacklist_load_builtin(struct mp_config *cfg);

/* parser.c: parse one text; is_main says whether config_dir is honoured. */
int mp_config_parse(struct mp_config *cfg, const char *source, const char *text, bool is_main,
		    char **ret_config_dir, struct mp_diags *diags);

/* merge.c: fold the device entries equal to one added since first_new (after each
 * file); then, after the last file, the rest (multipaths, protocols, blacklist
 * rules) and the derived values. 0 or -ENOMEM. */
int mp_config_merge_devices(struct mp_config *cfg, size_t first_new, const char *source,
			    struct mp_diags *diags);
int mp_config_finalize(struct mp_config *cfg, struct mp_diags *diags);

/* dump.c: pieces both layouts write the same way, each value through kv. */
typedef int mp_dump_kv_fn(struct strbuf *out, const char *indent, const char *key,
			  const char *value);
int mp_dump_rule_device(struct strbuf *out, const struct mp_blacklist_rule *rule, mp_dump_kv_fn *kv);
/* "\tdevice {" and the vendor, product, revision lines (the caller closes it). */
int mp_dump_device_open(struct strbuf *out, const struct mp_device_entry *e, mp_dump_kv_fn *kv);

/* resolve.c: recompute values derived from other keywords after a load. */
void mp_config_update_derived(struct mp_config *cfg);

/* "devices section (file:12)" and the like; returns a malloc'ed string or NULL. */
char *mp_origin_format(const char *section_label, const char *source, int line);

#endif
