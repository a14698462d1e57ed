/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The wwids file (/etc/multipath/wwids): the WWIDs that were part of a
 * multipath map, one "/<wwid>/" per line, '#' comments. find_multipaths
 * strict/on/smart consult it. Same format as multipath-tools' file.
 */
#ifndef MPATH_NAMES_WWIDS_H
#define MPATH_NAMES_WWIDS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"

struct mp_wwids {
	char **items;
	size_t n;
	size_t cap;
};

/* Add the wwids in text; malformed lines are reported (source:line) and
 * skipped, duplicates noted. Return: number of problems, or -ENOMEM. */
int mp_wwids_parse(struct mp_wwids *w, const char *source, const char *text,
		   struct mp_diags *diags);
/* Header comment plus one "/wwid/" line each. NULL on ENOMEM. */
char *mp_wwids_format(const struct mp_wwids *w);
bool mp_wwids_contains(const struct mp_wwids *w, const char *wwid);
/* 1 added, 0 already there, -EINVAL for an empty wwid or one with '/' or blanks. */
int mp_wwids_add(struct mp_wwids *w, const char *wwid);
/* 1 removed, 0 not there. */
int mp_wwids_remove(struct mp_wwids *w, const char *wwid);
void mp_wwids_clear(struct mp_wwids *w);

/* A missing file is an empty list. */
int mp_wwids_load(struct mp_wwids *w, const char *path, struct mp_diags *diags);
/* File operations under the shared lock, written back atomically only when
 * something changed: `mpath -a` (add one), `-w` (remove one), `-W` (reset to
 * exactly the given wwids, those of the current maps). Return: 1 changed,
 * 0 nothing to do, -errno. */
int mp_wwids_file_add(const char *path, const char *wwid, struct mp_diags *diags);
int mp_wwids_file_remove(const char *path, const char *wwid, struct mp_diags *diags);
int mp_wwids_file_reset(const char *path, const char *const *wwids, size_t n,
			struct mp_diags *diags);
/* Is wwid in the file? 1 yes, 0 no, -errno. */
int mp_wwids_file_check(const char *path, const char *wwid, struct mp_diags *diags);

#endif
