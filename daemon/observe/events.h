/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The event timeline behind "show events": for each path and each map, a
 * ring of its last state changes (when, old -> new, why). Memory is bounded
 * by max_objects * per_object entries; when a new object would exceed
 * max_objects, the one whose last change is oldest is forgotten.
 */
#ifndef MPATHD_EVENTS_H
#define MPATHD_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "common/strbuf.h"

struct timeline;

enum tl_kind {
	TL_PATH,
	TL_MAP,
	TL_ANY, /* for timeline_format() only */
};

int timeline_new(unsigned max_objects, unsigned per_object, struct timeline **ret_tl);
void timeline_free(struct timeline *tl);

/**
 * timeline_record() - note that @name went from @old_state to @new_state.
 * @ts_usec: CLOCK_REALTIME in microseconds (shown to the admin)
 * Strings are copied (truncated to their field sizes). Return: 0 or -errno.
 */
int timeline_record(struct timeline *tl, enum tl_kind kind, const char *name, uint64_t ts_usec,
		    const char *old_state, const char *new_state, const char *reason);

/**
 * timeline_format() - append the matching events, oldest first, one per line:
 * "2024-05-01T10:00:00.123456Z path sda ready -> faulty: tur: ..."
 * @name: NULL for every object of @kind. Return: events written, or -ENOENT
 * when @name has no events, -ENOMEM.
 */
int timeline_format(const struct timeline *tl, enum tl_kind kind, const char *name,
		    struct strbuf *sb);

/* Bytes held, for tests of the bound and "show daemon". */
size_t timeline_memory(const struct timeline *tl);

#endif
