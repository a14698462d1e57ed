/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The recording fake's state and helpers, shared by dm_fake.c (multipath
 * maps, the ops table) and dm_fake_linear.c (partition maps). */
#ifndef MPATH_DM_FAKE_INT_H
#define MPATH_DM_FAKE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/macros.h"
#include "dm/dm.h"

#define FAKE_MAJOR 253
#define MAX_FAILURES 8

struct fake_map {
	struct mp_dm_map info;
	struct mp_dm_table table;  /* as loaded */
	struct mp_dm_table status; /* current state */
	bool queueing;             /* queue_if_no_path, changed by messages */
	bool linear;               /* a partition map: lin instead of the tables */
	struct mp_dm_linear lin;
};

struct failure {
	char op[16];
	int err;
};

struct fake {
	struct mp_dm base;
	struct fake_map *maps;
	size_t n_maps;
	unsigned int next_minor;
	char **calls;
	size_t n_calls;
	char *joined;
	bool record_reads;
	struct failure failures[MAX_FAILURES];
	size_t n_failures;
	int efd;
};

/* The fake behind dm, or NULL when dm is another backend. */
struct fake *fake_cast(struct mp_dm *dm);
/* Record one call; r < 0 appends " = r". */
void fake_record(struct fake *f, int r, const char *fmt, ...) MP_PRINTF(3, 4);
/* The injected failure for op, consumed (0 when none). */
int fake_injected(struct fake *f, const char *op);
struct fake_map *fake_find(struct fake *f, const char *name);
void fake_bump_event(struct fake *f, struct fake_map *m);
/* A new, empty map slot named name (not yet counted in n_maps). */
int fake_new_slot(struct fake *f, const char *name, const char *uuid, bool ro,
		  struct fake_map **ret);
/* The common start of a read: injected failure, lookup, recording. */
int fake_read_lookup(struct fake *f, const char *op, const char *name, struct fake_map **ret);

/* dm_fake_linear.c */
void fake_hold_lower(struct fake *f, const struct mp_dm_linear *l, int delta);
int fake_add_linear(struct fake *f, const char *name, const char *uuid,
		    const struct mp_dm_linear *l, bool ro);
int fake_get_linear(struct mp_dm *dm, const char *name, struct mp_dm_linear *ret);
int fake_create_linear(struct mp_dm *dm, const char *name, const char *uuid,
		       const struct mp_dm_linear *l, unsigned int flags);
int fake_reload_linear(struct mp_dm *dm, const char *name, const struct mp_dm_linear *l);

#endif
