/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "names/alias.h"

int mp_alias_format(const char *prefix, unsigned long index, char *buf, size_t size)
{
	char suffix[MP_ALIAS_MAX_SUFFIX + 2];
	size_t pos = sizeof(suffix) - 1;
	int n;

	if (index == 0 || !prefix)
		return -EINVAL;
	suffix[pos] = '\0';
	/* Bijective numeration: digits 1..26 instead of 0..25, hence the -1. */
	while (index > 0) {
		if (pos == 0)
			return -ENAMETOOLONG;
		index--;
		suffix[--pos] = (char)('a' + index % 26);
		index /= 26;
	}
	n = snprintf(buf, size, "%s%s", prefix, &suffix[pos]);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

int mp_alias_parse(const char *prefix, const char *alias, unsigned long *ret_index)
{
	size_t plen = prefix ? strlen(prefix) : 0;
	unsigned long index = 0;
	const char *s;

	if (!prefix || !alias || strncmp(alias, prefix, plen) != 0)
		return -EINVAL;
	s = alias + plen;
	if (!*s || strlen(s) > MP_ALIAS_MAX_SUFFIX)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < 'a' || *s > 'z')
			return -EINVAL;
		index = index * 26 + (unsigned long)(*s - 'a' + 1);
	}
	*ret_index = index;
	return 0;
}
