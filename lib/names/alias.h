/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * user_friendly_names suffixes: bijective base 26 over a..z, so every index
 * has exactly one spelling and no suffix is skipped:
 *   1 a, 26 z, 27 aa, 702 zz, 703 aaa, ...
 * (the scheme multipath-tools uses, so "mpathc" names index 3 for both).
 */
#ifndef MPATH_NAMES_ALIAS_H
#define MPATH_NAMES_ALIAS_H

#include <stddef.h>

/* Longest suffix accepted: 26^12 fits in 64 bits, 26^6 in 32. */
#define MP_ALIAS_MAX_SUFFIX (sizeof(unsigned long) >= 8 ? 12 : 6)

/* "<prefix><suffix of index>" into buf. -EINVAL for index 0,
 * -ENAMETOOLONG when buf is too small. */
int mp_alias_format(const char *prefix, unsigned long index, char *buf, size_t size);
/* Index of an alias spelled "<prefix><a..z suffix>"; -EINVAL otherwise. */
int mp_alias_parse(const char *prefix, const char *alias, unsigned long *ret_index);

#endif
