/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A set of strings (open addressing), used to visit each sysfs object once. */
#ifndef MPATH_TOOLS_STRSET_H
#define MPATH_TOOLS_STRSET_H

#include <stddef.h>

struct strset {
	char **slots;
	size_t cap; /* power of two, 0 before the first add */
	size_t count;
};

/* 1 if @s was added, 0 if already present, -ENOMEM. @s is copied. */
int strset_add(struct strset *set, const char *s);
int strset_contains(const struct strset *set, const char *s);
void strset_clear(struct strset *set);

#endif
