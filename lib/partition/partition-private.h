/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the DOS and GPT parsers: little-endian fields and reads
 * that are checked against the device size before the source sees them. */
#ifndef MPATH_PARTITION_PRIVATE_H
#define MPATH_PARTITION_PRIVATE_H

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "partition/partition.h"

static inline uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static inline uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p) | ((uint64_t)get_le32(p + 4) << 32);
}

/* -ENXIO when [off, off+len) is not inside the device. */
static inline int part_read(const struct mp_part_source *src, uint64_t off, void *buf, size_t len)
{
	if (off > src->size || len > src->size - off)
		return -ENXIO;
	return src->read(src->userdata, off, buf, len);
}

static inline int part_check_source(const struct mp_part_source *src)
{
	if (!src || !src->read || (src->sector_size != 512 && src->sector_size != 4096))
		return -EINVAL;
	return 0;
}

/* Append p to t (callers keep t->n < MP_PART_MAX). */
static inline void part_add(struct mp_part_table *t, unsigned int number, uint64_t start,
			    uint64_t size, unsigned int container, uint8_t dos_type)
{
	t->parts[t->n++] = (struct mp_part){
		.number = number,
		.start = start,
		.size = size,
		.container = container,
		.dos_type = dos_type,
	};
}

/* Sizes in 512-byte sectors of the whole device. */
static inline uint64_t part_dev_sectors(const struct mp_part_source *src)
{
	return src->size / 512;
}

#endif
