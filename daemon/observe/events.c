/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-object rings of state changes; see events.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "observe/events.h"

struct tl_entry {
	uint64_t ts;
	char old_state[16];
	char new_state[16];
	char reason[96];
};

struct tl_object {
	enum tl_kind kind;
	char name[128]; /* dm names are at most 127 characters */
	uint64_t last_ts;
	uint64_t seq;   /* of the last entry: orders ties in timeline_format() */
	unsigned head;  /* next slot to write */
	unsigned count;
	struct tl_entry *ring;
	uint64_t *seqs;
};

struct timeline {
	unsigned max_objects;
	unsigned per_object;
	unsigned nobjects;
	uint64_t seq;
	struct tl_object *objects;
};

int timeline_new(unsigned max_objects, unsigned per_object, struct timeline **ret_tl)
{
	struct timeline *tl;

	if (!max_objects || !per_object || per_object > 4096)
		return -EINVAL;
	tl = calloc(1, sizeof(*tl));
	if (!tl)
		return -ENOMEM;
	tl->objects = calloc(max_objects, sizeof(*tl->objects));
	if (!tl->objects) {
		free(tl);
		return -ENOMEM;
	}
	tl->max_objects = max_objects;
	tl->per_object = per_object;
	*ret_tl = tl;
	return 0;
}

void timeline_free(struct timeline *tl)
{
	if (!tl)
		return;
	for (unsigned i = 0; i < tl->nobjects; i++) {
		free(tl->objects[i].ring);
		free(tl->objects[i].seqs);
	}
	free(tl->objects);
	free(tl);
}

static struct tl_object *lookup(const struct timeline *tl, enum tl_kind kind, const char *name)
{
	for (unsigned i = 0; i < tl->nobjects; i++)
		if ((kind == TL_ANY || tl->objects[i].kind == kind) &&
		    strncmp(tl->objects[i].name, name, sizeof(tl->objects[i].name) - 1) == 0 &&
		    strlen(name) < sizeof(tl->objects[i].name))
			return &tl->objects[i];
	return NULL;
}

static struct tl_object *get_object(struct timeline *tl, enum tl_kind kind, const char *name)
{
	struct tl_object *o = lookup(tl, kind, name);

	if (o)
		return o;
	if (tl->nobjects == tl->max_objects) {
		/* Forget the object that changed least recently. */
		unsigned victim = 0;

		for (unsigned i = 1; i < tl->nobjects; i++)
			if (tl->objects[i].seq < tl->objects[victim].seq)
				victim = i;
		o = &tl->objects[victim];
		o->head = o->count = 0;
	} else {
		o = &tl->objects[tl->nobjects];
		o->ring = calloc(tl->per_object, sizeof(*o->ring));
		o->seqs = calloc(tl->per_object, sizeof(*o->seqs));
		if (!o->ring || !o->seqs) {
			free(o->ring);
			free(o->seqs);
			o->ring = NULL;
			o->seqs = NULL;
			return NULL;
		}
		tl->nobjects++;
	}
	o->kind = kind;
	snprintf(o->name, sizeof(o->name), "%s", name);
	return o;
}

int timeline_record(struct timeline *tl, enum tl_kind kind, const char *name, uint64_t ts_usec,
		    const char *old_state, const char *new_state, const char *reason)
{
	struct tl_object *o;
	struct tl_entry *e;

	if (!name || !*name || kind == TL_ANY)
		return -EINVAL;
	o = get_object(tl, kind, name);
	if (!o)
		return -ENOMEM;
	e = &o->ring[o->head];
	e->ts = ts_usec;
	snprintf(e->old_state, sizeof(e->old_state), "%s", old_state ? old_state : "");
	snprintf(e->new_state, sizeof(e->new_state), "%s", new_state ? new_state : "");
	snprintf(e->reason, sizeof(e->reason), "%s", reason ? reason : "");
	o->seqs[o->head] = ++tl->seq;
	o->seq = tl->seq;
	o->last_ts = ts_usec;
	o->head = (o->head + 1) % tl->per_object;
	if (o->count < tl->per_object)
		o->count++;
	return 0;
}

struct tl_ref {
	const struct tl_object *o;
	const struct tl_entry *e;
	uint64_t seq;
};

static int by_seq(const void *a, const void *b)
{
	const struct tl_ref *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void format_ts(uint64_t ts, char *buf, size_t size)
{
	time_t secs = (time_t)(ts / 1000000u);
	struct tm tm;

	gmtime_r(&secs, &tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned)(ts % 1000000u));
}

int timeline_format(const struct timeline *tl, enum tl_kind kind, const char *name,
		    struct strbuf *sb)
{
	struct tl_ref *refs;
	size_t n = 0;

	refs = calloc((size_t)tl->nobjects * tl->per_object + 1, sizeof(*refs));
	if (!refs)
		return -ENOMEM;
	for (unsigned i = 0; i < tl->nobjects; i++) {
		const struct tl_object *o = &tl->objects[i];

		if (kind != TL_ANY && o->kind != kind)
			continue;
		if (name && strcmp(o->name, name) != 0)
			continue;
		for (unsigned k = 0; k < o->count; k++) {
			unsigned idx = (o->head + tl->per_object - o->count + k) % tl->per_object;

			refs[n++] = (struct tl_ref){o, &o->ring[idx], o->seqs[idx]};
		}
	}
	if (name && n == 0) {
		free(refs);
		return -ENOENT;
	}
	qsort(refs, n, sizeof(*refs), by_seq);
	for (size_t i = 0; i < n; i++) {
		char ts[96];

		format_ts(refs[i].e->ts, ts, sizeof(ts));
		if (strbuf_printf(sb, "%s %s %s %s -> %s%s%s\n", ts,
				  refs[i].o->kind == TL_PATH ? "path" : "map", refs[i].o->name,
				  refs[i].e->old_state, refs[i].e->new_state,
				  refs[i].e->reason[0] ? ": " : "", refs[i].e->reason) < 0) {
			free(refs);
			return -ENOMEM;
		}
	}
	free(refs);
	return (int)n;
}

size_t timeline_memory(const struct timeline *tl)
{
	return sizeof(*tl) + (size_t)tl->max_objects * sizeof(struct tl_object) +
	       (size_t)tl->nobjects * tl->per_object * (sizeof(struct tl_entry) + sizeof(uint64_t));
}
