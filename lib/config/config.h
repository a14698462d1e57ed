/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * multipath.conf: parsing, the keyword table, the built-in hardware table
 * and the resolution of settings for one device with their origins.
 *
 * Values are kept as strings with their origin; typed getters interpret
 * them. Keyword names are multipath-tools' names ("path_grouping_policy").
 * Precedence for one device: multipaths (by wwid) > overrides > devices
 * (user entries over built-in hardware table entries; later over earlier) >
 * defaults > built-in default.
 */
#ifndef MPATH_CONFIG_H
#define MPATH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/diag.h"
#include "common/strbuf.h"
#include "model.h"

struct mp_config;

/* A new config holding only the built-in defaults and hardware table. */
int mp_config_new(struct mp_config **ret_cfg);
void mp_config_free(struct mp_config *cfg);

/* Parse a file (and then its config_dir, *.conf in name order). Problems go to
 * diags with file:line; errors keep the default for that value. Return: 0 if
 * the file could be read (even with diagnostics), -errno otherwise
 * (-ENOENT is not fatal for callers: no file means defaults; the config_dir
 * files are still read in that case, as multipath-tools does). */
int mp_config_load_file(struct mp_config *cfg, const char *path, struct mp_diags *diags);
/* Same, from memory; source names the text in diagnostics. */
int mp_config_load_string(struct mp_config *cfg, const char *source, const char *text,
			  struct mp_diags *diags);

/* What identifies a device for hardware-table, multipaths and protocol matching. */
struct mp_device_id {
	const char *vendor;
	const char *product;
	const char *revision;
	const char *wwid;
	enum mp_transport_kind transport;
	/* Exact protocol string as multipath-tools names it ("scsi:fcp", "nvme:tcp"), matched
	 * against overrides/protocol "type"; NULL: derived from transport (NVMe then matches
	 * every "nvme:*" type, since the transport kind does not say which fabric). */
	const char *protocol;
};

/* Settings for one device, each with its origin. Owns its strings: it stays
 * valid after the mp_config it came from is freed. */
struct mp_resolved;

int mp_config_resolve(const struct mp_config *cfg, const struct mp_device_id *id,
		      struct mp_resolved **ret);
void mp_resolved_free(struct mp_resolved *r);
/* The value of a keyword for this device (never NULL for a known keyword with a
 * default; NULL when unset with no default, e.g. "alias"). ret_origin, if not
 * NULL, gets "default", "defaults section (/etc/multipath.conf:12)",
 * "built-in hardware table: NETAPP LUN", "devices section (file:line)",
 * "overrides section (file:line)", "multipaths section (file:line)". */
const char *mp_resolved_get(const struct mp_resolved *r, const char *keyword,
			    const char **ret_origin);
/* Integer value; -EINVAL if not a number ("queue", "immediate", ...), -ENOENT if unset. */
int mp_resolved_int(const struct mp_resolved *r, const char *keyword, long *ret);
/* yes/no/on/off/1/0; -EINVAL otherwise. */
int mp_resolved_bool(const struct mp_resolved *r, const char *keyword, bool *ret);
/* Name of the (last) built-in hardware table entry that matched ("NETAPP LUN"),
 * or NULL when none did (user devices entries are not named here). */
const char *mp_resolved_hwentry(const struct mp_resolved *r);

/* Global (defaults-only) keyword value, for things that are not per device
 * (bindings_file, wwids_file, find_multipaths, polling_interval, ...). */
const char *mp_config_get(const struct mp_config *cfg, const char *keyword,
			  const char **ret_origin);

enum mp_blacklist_kind {
	MP_BL_DEVNODE,
	MP_BL_WWID,
	MP_BL_DEVICE, /* vendor + product regexes */
	MP_BL_PROPERTY,
	MP_BL_PROTOCOL,
};

struct mp_blacklist_rule {
	enum mp_blacklist_kind kind;
	const char *pattern; /* regex (devnode, wwid, property, protocol) */
	const char *vendor;  /* MP_BL_DEVICE */
	const char *product; /* MP_BL_DEVICE, may be NULL */
	const char *origin;  /* "built-in" or "file:line" */
};

/* Rules of blacklist (exceptions=false) or blacklist_exceptions (true), built-in ones first. */
const struct mp_blacklist_rule *mp_config_blacklist(const struct mp_config *cfg, bool exceptions,
						    size_t *ret_n);

/* `mpath config show`: the merged configuration as multipath.conf text. */
int mp_config_dump(const struct mp_config *cfg, struct strbuf *out);
/* The same for callers who may not read secrets (reservation_key): each is a
 * comment saying it is set. */
int mp_config_dump_public(const struct mp_config *cfg, struct strbuf *out);
/* `show config local`: the same with only the devices entries that match one of @ids;
 * @mask: secrets as comments, as mp_config_dump_public(). */
int mp_config_dump_local(const struct mp_config *cfg, const struct mp_device_id *ids, size_t n,
			 bool mask, struct strbuf *out);
/* `mpath -t`: the same in the layout of multipath-tools 0.9.4's `multipath -t`
 * (its keyword order, quoting, and which unset keywords are left out).
 * command_view: as the command sees it — multipath(8) 0.9.4 runs with
 * force_sync yes and retrigger_tries 0 whatever the file says, and shows that;
 * false: the values the daemon uses. */
int mp_config_dump_mpt(const struct mp_config *cfg, bool command_view, struct strbuf *out);

/*
 * Additions of the config module (beyond the first contract).
 */

/* A config with the keyword defaults but without the built-in hardware table
 * and blacklist rules: for showing only what files say, and for fuzzing (the
 * built-in table costs a few hundred regex compilations). */
int mp_config_new_without_builtins(struct mp_config **ret_cfg);

/* Use dir instead of config_dir from the main file (and of the default
 * /etc/multipath/conf.d) in later mp_config_load_file() calls; "" disables the
 * directory scan, NULL returns to the file's/default value. 0 or -ENOMEM. */
int mp_config_set_config_dir(struct mp_config *cfg, const char *dir);

/* `mpath config check FILE`: parse FILE and then its drop-in files, as the
 * daemon would (config_dir: NULL = the file's config_dir or the default,
 * "" = none, else that directory), with the built-in data.
 * Return: the number of errors added to diags — the problems that make the
 * configuration in force differ from what the files say (invalid or capped
 * values, dropped entries and lines); warnings and notes (unknown keywords,
 * duplicates, a missing brace, deprecated keywords) are added too but not
 * counted — or -errno if FILE cannot be read (the drop-ins are still read). */
int mp_config_check(const char *path, const char *config_dir, struct mp_diags *diags);

/* Typed forms of mp_config_get(): -ENOENT unset, -EINVAL not a number / not yes-no. */
int mp_config_get_int(const struct mp_config *cfg, const char *keyword, long *ret);
int mp_config_get_bool(const struct mp_config *cfg, const char *keyword, bool *ret);

/* A reservation_key value: "file" (the key is in prkeys_file), or a hex key
 * of up to 8 bytes ("0x" optional) with an optional ":aptpl" suffix. */
struct mp_reservation_key {
	bool from_file;
	uint64_t key; /* 0 with from_file */
	bool aptpl;
};
/* Return: 0, or -EINVAL when value is none of these forms. */
int mp_reservation_key_parse(const char *value, struct mp_reservation_key *ret);

/* Whether keyword is one multipath.conf accepts anywhere (aliases included). */
bool mp_config_keyword_known(const char *keyword);

#endif
