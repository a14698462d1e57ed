/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Linear maps, the kind partition maps are: one target
 *   <start> <length> linear <major>:<minor> <offset>
 * (Documentation/admin-guide/device-mapper/linear.rst: the device and the
 * sector on it where the mapping begins). The text half is pure; the
 * wrappers check names as dm.c does and call the backend.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/dm.h"

int mp_dm_linear_params(const struct mp_dm_linear *l, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%u:%u %" PRIu64, l->major, l->minor, l->offset);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int parse_u64(const char **p, uint64_t *ret)
{
	char *end;
	unsigned long long v;

	while (**p == ' ')
		(*p)++;
	if (**p < '0' || **p > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(*p, &end, 10);
	if (errno)
		return -EINVAL;
	*p = end;
	*ret = v;
	return 0;
}

int mp_dm_linear_parse(const char *line, struct mp_dm_linear *ret)
{
	uint64_t start, length, major, minor, offset;
	const char *p = line;

	if (!line || parse_u64(&p, &start) < 0 || start != 0 || parse_u64(&p, &length) < 0)
		return -EINVAL;
	while (*p == ' ')
		p++;
	if (strncmp(p, "linear ", 7) != 0)
		return -EINVAL;
	p += 7;
	if (parse_u64(&p, &major) < 0 || *p++ != ':' || parse_u64(&p, &minor) < 0 ||
	    parse_u64(&p, &offset) < 0)
		return -EINVAL;
	while (*p == ' ' || *p == '\n')
		p++;
	if (*p || major > UINT32_MAX || minor > UINT32_MAX)
		return -EINVAL;
	*ret = (struct mp_dm_linear){.length = length, .major = (unsigned int)major,
				     .minor = (unsigned int)minor, .offset = offset};
	return 0;
}

int mp_dm_list_all(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n)
{
	if (!dm->ops->list_all)
		return -EOPNOTSUPP;
	return dm->ops->list_all(dm, ret_maps, ret_n);
}

int mp_dm_get_linear(struct mp_dm *dm, const char *name, struct mp_dm_linear *ret)
{
	if (!mp_dm_name_ok(name))
		return -EINVAL;
	if (!dm->ops->get_linear)
		return -EOPNOTSUPP;
	return dm->ops->get_linear(dm, name, ret);
}

int mp_dm_create_linear(struct mp_dm *dm, const char *name, const char *uuid,
			const struct mp_dm_linear *l, unsigned int flags)
{
	if (!mp_dm_name_ok(name) || !l || l->length == 0 || (uuid && strlen(uuid) >= 129))
		return -EINVAL;
	if (!dm->ops->create_linear)
		return -EOPNOTSUPP;
	return dm->ops->create_linear(dm, name, uuid, l, flags);
}

int mp_dm_reload_linear(struct mp_dm *dm, const char *name, const struct mp_dm_linear *l)
{
	if (!mp_dm_name_ok(name) || !l || l->length == 0)
		return -EINVAL;
	if (!dm->ops->reload_linear)
		return -EOPNOTSUPP;
	return dm->ops->reload_linear(dm, name, l);
}
