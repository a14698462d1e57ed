/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bindings file (user_friendly_names): one "alias wwid" pair per line,
 * '#' starts a comment, blank lines ignored; the format of multipath-tools'
 * /etc/multipath/bindings, so an existing file keeps its names.
 *
 * Pure core (parse / look up / allocate / format) and a file transaction
 * (mp_bindings_file_get_alias) that reads, allocates and writes back under
 * a lock so mpath and mpathd cannot hand out one alias twice.
 */
#ifndef MPATH_NAMES_BINDINGS_H
#define MPATH_NAMES_BINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"

struct mp_binding {
	char *alias;
	char *wwid;
};

struct mp_bindings {
	struct mp_binding *items;
	size_t n;
	size_t cap;
};

/*
 * Add the bindings found in text. Bad lines are skipped and reported as
 * "source:line": a line without a wwid, extra words, an alias or wwid too
 * long or with '/', an alias bound twice to different wwids or a wwid bound
 * twice (the first binding wins, as the first was what maps were named by).
 * Return: number of problems reported (0 = clean) or -ENOMEM.
 */
int mp_bindings_parse(struct mp_bindings *b, const char *source, const char *text,
		      struct mp_diags *diags);
/* The file's text: a header comment, then "alias wwid" lines in order. NULL on ENOMEM. */
char *mp_bindings_format(const struct mp_bindings *b);
void mp_bindings_clear(struct mp_bindings *b);

const char *mp_bindings_alias_of(const struct mp_bindings *b, const char *wwid);
const char *mp_bindings_wwid_of(const struct mp_bindings *b, const char *alias);
/* -EEXIST if alias or wwid is already bound (to anything), -EINVAL if either
 * is not a valid word. */
int mp_bindings_add(struct mp_bindings *b, const char *alias, const char *wwid);
/* 1 when removed, 0 when wwid had no binding. */
int mp_bindings_remove_wwid(struct mp_bindings *b, const char *wwid);

/* Callback: is this alias taken by something outside the bindings (a
 * multipaths-section alias, an existing dm map)? data is the caller's. */
typedef bool (*mp_alias_taken_fn)(const char *alias, void *data);

/*
 * The alias of wwid: its existing binding, or a new binding "<prefix><suffix>"
 * with the lowest free index (gaps are reused). taken may be NULL.
 * *ret_alias points into b. Return: 0 existing, 1 newly added, -errno.
 */
int mp_bindings_allocate(struct mp_bindings *b, const char *prefix, const char *wwid,
			 mp_alias_taken_fn taken, void *data, const char **ret_alias);

/* Load a file (a missing file is an empty one). Return as mp_bindings_parse,
 * or -errno if the file exists but cannot be read. */
int mp_bindings_load(struct mp_bindings *b, const char *path, struct mp_diags *diags);
/*
 * The whole transaction for one wwid: lock, read, allocate if needed, write
 * back atomically if something was added, unlock. read_only (multipath -B)
 * never writes: a wwid without binding then gets -ENOENT.
 * *ret_alias is malloc'd. Return: 0 existing, 1 newly added, -errno.
 */
int mp_bindings_file_get_alias(const char *path, const char *prefix, const char *wwid,
			       bool read_only, mp_alias_taken_fn taken, void *data,
			       char **ret_alias, struct mp_diags *diags);

/* Record an existing name (a map the kernel already has) in the file, under
 * its lock. -EEXIST when the alias or the wwid is bound already. */
int mp_bindings_file_bind(const char *path, const char *alias, const char *wwid,
			  struct mp_diags *diags);

#endif
