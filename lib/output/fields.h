/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internal: the wildcard tables shared by the format renderer and `show wildcards`. */
#ifndef MPATH_OUTPUT_FIELDS_H
#define MPATH_OUTPUT_FIELDS_H

#include <stddef.h>

#include "output/format.h"

#define MP_FIELD_MAX 320

struct mp_field {
	char letter;
	const char *header;
	/* obj: struct mp_path_row (paths) or struct mp_view_map (maps) */
	void (*get)(const void *obj, char *buf, size_t size);
};

const struct mp_field *mp_fields(enum mp_format_kind kind, size_t *ret_n);
const struct mp_field *mp_field_lookup(enum mp_format_kind kind, char letter);
/* False for a wildcard that is accepted but prints only a placeholder here ("[undef]"). */
bool mp_field_works(const struct mp_field *f);

/* Shared display helpers. */
const char *mp_view_chk_state(enum mp_path_state s);
const char *mp_view_dm_path_state(char c);
const char *mp_view_group_state(char c);
const char *mp_view_dev_state(const struct mp_path *p);
void mp_view_hcil(const struct mp_path *p, char *buf, size_t size);
size_t mp_view_active_paths(const struct mp_view_map *m);

#endif
