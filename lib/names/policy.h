/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pure decisions about names and membership: whether a wwid should be
 * multipathed (find_multipaths) and which name its map gets. No I/O: the
 * caller passes in what it read (wwids file, bindings, config).
 */
#ifndef MPATH_NAMES_POLICY_H
#define MPATH_NAMES_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "names/bindings.h"

enum mp_find_mode {
	MP_FIND_OFF,    /* "off", "no", "0" */
	MP_FIND_ON,     /* "on", "yes", "1" */
	MP_FIND_STRICT, /* "strict" */
	MP_FIND_GREEDY, /* "greedy" */
	MP_FIND_SMART,  /* "smart" */
};

/* The find_multipaths keyword value; -EINVAL for anything else. */
int mp_find_mode_parse(const char *value, enum mp_find_mode *ret);

struct mp_find_input {
	const char *mode;         /* find_multipaths as configured */
	size_t n_paths;           /* non-blacklisted paths seen with this wwid */
	bool in_wwids_file;
	bool has_multipaths_entry; /* a multipaths { multipath { wwid ... } } entry */
	bool map_exists;          /* a dm map with this wwid already exists */
};

/*
 * Should this wwid get a map? Returns 1 yes, 0 no, -EINVAL for an unknown
 * mode; *ret_reason (static string) says why, for logs and `mpath -v3`.
 *
 * - an existing map is always kept (adopt, don't destroy), whatever the mode;
 * - off/no: every non-blacklisted path, single-path devices included
 *   (multipath-tools' man page describes "off" as strict for the one-shot
 *   command and greedy for the daemon; mpath uses one rule for both);
 * - greedy: every non-blacklisted path;
 * - strict: only wwids listed in the wwids file;
 * - on/yes: listed in the wwids file, or named in the multipaths section,
 *   or at least two paths with this wwid;
 * - smart: like on; the daemon may additionally hold a single new path for
 *   find_multipaths_timeout waiting for a second one, which is a daemon
 *   matter: for a one-shot decision smart answers as on.
 */
int mp_find_multipaths(const struct mp_find_input *in, const char **ret_reason);

struct mp_name_input {
	const char *wwid;
	const char *config_alias;  /* "alias" resolved for this wwid (multipaths section), or NULL */
	bool user_friendly_names;
	const char *alias_prefix;  /* default "mpath" when NULL */
};

enum mp_name_source {
	MP_NAME_CONFIG_ALIAS,
	MP_NAME_BINDING,     /* existing binding */
	MP_NAME_NEW_BINDING, /* allocated now: the bindings must be written back */
	MP_NAME_WWID,
};

/*
 * The map name for a wwid: the multipaths-section alias, else (with
 * user_friendly_names) its binding or a newly allocated one in b, else the
 * wwid itself. taken/data as for mp_bindings_allocate (b may be NULL when
 * user_friendly_names is off). *ret_name points into in or b.
 */
int mp_names_choose(const struct mp_name_input *in, struct mp_bindings *b,
		    mp_alias_taken_fn taken, void *data, const char **ret_name,
		    enum mp_name_source *ret_source);

#endif
