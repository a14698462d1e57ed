/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names, uuids and tables of partition maps, and the plan that brings the
 * existing ones in line (pure; the rules are in partmap.h). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/diag.h"
#include "partition/partmap.h"

#define DM_NAME_MAX 127
#define DM_UUID_MAX 128

int mp_part_map_name(const char *map, const char *delim, unsigned int number, char *buf,
		     size_t size)
{
	size_t len = map ? strlen(map) : 0;
	int n;

	if (!len || number == 0)
		return -EINVAL;
	if (!delim)
		delim = isdigit((unsigned char)map[len - 1]) ? "p" : "";
	n = snprintf(buf, size, "%s%s%u", map, delim, number);
	if (n < 0 || (size_t)n >= size || n > DM_NAME_MAX)
		return -ENAMETOOLONG;
	return 0;
}

int mp_part_map_uuid(const char *map_uuid, unsigned int number, char *buf, size_t size)
{
	int n;

	if (!map_uuid || !*map_uuid || number == 0)
		return -EINVAL;
	n = snprintf(buf, size, "part%u-%s", number, map_uuid);
	if (n < 0 || (size_t)n >= size || n > DM_UUID_MAX)
		return -ENAMETOOLONG;
	return 0;
}

unsigned int mp_part_uuid_number(const char *uuid, const char *map_uuid)
{
	unsigned long n = 0;
	const char *p;

	if (!uuid || !map_uuid || strncmp(uuid, "part", 4) != 0)
		return 0;
	p = uuid + 4;
	if (*p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > MP_PART_MAX)
			return 0;
	}
	if (*p != '-' || strcmp(p + 1, map_uuid) != 0)
		return 0;
	return (unsigned int)n;
}

int mp_part_want(const struct mp_part_table *t, const struct mp_part_parent *p, const char *delim,
		 struct mp_part_map *ret, struct mp_diags *diags)
{
	size_t n = 0;
	int r;

	if (!t || !p || !p->name || !p->uuid || t->n > MP_PART_MAX)
		return -EINVAL;
	for (size_t i = 0; i < t->n; i++) {
		const struct mp_part *part = &t->parts[i];
		struct mp_part_map *m = &ret[n];

		if (part->size == 0)
			continue;
		if (part->start > p->sectors || part->size > p->sectors - part->start) {
			if (diags)
				mp_diags_add(diags, MP_DIAG_WARNING, p->name, 0,
					     "partition %u (sectors %" PRIu64 "+%" PRIu64
					     ") ends beyond the map (%" PRIu64 " sectors): no map for it",
					     part->number, part->start, part->size, p->sectors);
			continue;
		}
		memset(m, 0, sizeof(*m));
		r = mp_part_map_name(p->name, delim, part->number, m->name, sizeof(m->name));
		if (r < 0)
			return r;
		r = mp_part_map_uuid(p->uuid, part->number, m->uuid, sizeof(m->uuid));
		if (r < 0)
			return r;
		m->number = part->number;
		m->table = (struct mp_dm_linear){
			.length = part->size,
			.major = p->major,
			.minor = p->minor,
			.offset = part->start,
		};
		n++;
	}
	return (int)n;
}

static bool same_table(const struct mp_dm_linear *a, const struct mp_dm_linear *b)
{
	return a->length == b->length && a->major == b->major && a->minor == b->minor &&
	       a->offset == b->offset;
}

static const struct mp_part_have *have_number(const struct mp_part_have *have, size_t n_have,
					      unsigned int number)
{
	for (size_t i = 0; i < n_have; i++)
		if (have[i].number == number)
			return &have[i];
	return NULL;
}

static const struct mp_part_map *want_number(const struct mp_part_map *want, size_t n_want,
					     unsigned int number)
{
	for (size_t i = 0; i < n_want; i++)
		if (want[i].number == number)
			return &want[i];
	return NULL;
}

static void push(struct mp_part_action *a, size_t *n, enum mp_part_op op, const char *name,
		 const struct mp_part_map *m)
{
	struct mp_part_action *x = &a[(*n)++];

	memset(x, 0, sizeof(*x));
	x->op = op;
	snprintf(x->name, sizeof(x->name), "%s", name);
	if (m)
		x->map = *m;
}

int mp_part_plan(const struct mp_part_map *want, size_t n_want, const struct mp_part_have *have,
		 size_t n_have, unsigned int flags, struct mp_part_action **ret)
{
	struct mp_part_action *a;
	size_t n = 0;

	/* Each have and each want yields at most two actions. */
	a = calloc(2 * (n_want + n_have) + 1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	if (!(flags & MP_PART_KEEP_STALE))
		for (size_t i = 0; i < n_have; i++)
			if (!want_number(want, n_want, have[i].number))
				push(a, &n, MP_PART_OP_REMOVE, have[i].name, NULL);
	for (size_t i = 0; i < n_want; i++) {
		const struct mp_part_have *h = have_number(have, n_have, want[i].number);

		if (h && strcmp(h->name, want[i].name) != 0)
			push(a, &n, MP_PART_OP_RENAME, h->name, &want[i]);
	}
	for (size_t i = 0; i < n_want; i++) {
		const struct mp_part_have *h = have_number(have, n_have, want[i].number);

		if (!h)
			push(a, &n, MP_PART_OP_CREATE, want[i].name, &want[i]);
		else if (!h->table_ok || !same_table(&h->table, &want[i].table))
			push(a, &n, MP_PART_OP_RELOAD, want[i].name, &want[i]);
	}
	if (n == 0) {
		free(a);
		a = NULL;
	}
	*ret = a;
	return (int)n;
}

const char *mp_part_op_name(enum mp_part_op op)
{
	switch (op) {
	case MP_PART_OP_REMOVE:
		return "remove";
	case MP_PART_OP_RENAME:
		return "rename";
	case MP_PART_OP_CREATE:
		return "create";
	case MP_PART_OP_RELOAD:
		return "reload";
	}
	return "?";
}
