/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

static size_t find_slot(char *const *slots, size_t cap, const char *s)
{
	size_t i = (size_t)hash(s) & (cap - 1);

	while (slots[i] && strcmp(slots[i], s) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

static int grow(struct strset *set)
{
	size_t ncap = set->cap ? set->cap * 2 : 64;
	char **n = calloc(ncap, sizeof(*n));

	if (!n)
		return -ENOMEM;
	for (size_t i = 0; i < set->cap; i++)
		if (set->slots[i])
			n[find_slot(n, ncap, set->slots[i])] = set->slots[i];
	free(set->slots);
	set->slots = n;
	set->cap = ncap;
	return 0;
}

int strset_contains(const struct strset *set, const char *s)
{
	return set->cap && set->slots[find_slot(set->slots, set->cap, s)] != NULL;
}

int strset_add(struct strset *set, const char *s)
{
	size_t i;
	char *copy;

	if (strset_contains(set, s))
		return 0;
	/* Keep the load under one half so probe chains stay short. */
	if ((set->count + 1) * 2 > set->cap && grow(set) < 0)
		return -ENOMEM;
	copy = strdup(s);
	if (!copy)
		return -ENOMEM;
	i = find_slot(set->slots, set->cap, s);
	set->slots[i] = copy;
	set->count++;
	return 1;
}

void strset_clear(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	*set = (struct strset){0};
}
