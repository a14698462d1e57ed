/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What mpath-sysfs-capture copies, as data. Every captured directory is an
 * "object" of some kind; a kind lists patterns relative to the object. A
 * pattern is '/'-separated, each component an fnmatch(3) glob, and is matched
 * without ever stepping through a symlink. What a match is decides the action:
 *   regular file -> copied (bounded read, deny-list and mode bits permitting)
 *   symlink      -> copied as a symlink; if the rule names a kind, its target
 *                   is captured as an object of that kind
 *   directory    -> created; if the rule names a kind, captured as that kind
 * The walk starts at the object "" of kind "root". Directories above a captured
 * object under devices/ are captured with the kind their name selects in
 * capture_ancestors (host, target, rport, session... directories).
 */
#ifndef MPATH_TOOLS_CAPTURE_RULES_H
#define MPATH_TOOLS_CAPTURE_RULES_H

#include <stdbool.h>

enum { CAP_MATCH_LINK = 1, CAP_MATCH_DIR = 2, CAP_MATCH_FILE = 4, CAP_MATCH_ANY = 7 };

struct capture_rule {
	const char *pattern;
	const char *kind; /* NULL: copy only, never descend */
	unsigned match;	  /* which types of entry the rule applies to; 0 means any */
};

struct capture_kind {
	const char *name;
	const struct capture_rule *rules; /* ends with a NULL pattern */
};

struct capture_ancestor {
	const char *name_glob;
	const char *kind;
};

#define CAPTURE_ROOT_KIND "root"

const struct capture_kind *capture_kind_find(const char *name);

/* Kind for a directory above a captured object, by its name; NULL if none. */
const char *capture_ancestor_kind(const char *name);

/* Attributes never read: reading them could act on the device or block. */
bool capture_name_denied(const char *name);

#endif
