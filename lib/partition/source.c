/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A partition source over memory: the whole "device" is one buffer (unit
 * tests, fuzz targets, fixtures expanded in memory). */
#include <errno.h>
#include <string.h>

#include "partition/partition.h"

static int buffer_read(void *userdata, uint64_t off, void *buf, size_t len)
{
	const struct mp_part_buffer *b = userdata;

	if (off > b->len || len > b->len - off)
		return -ENXIO;
	memcpy(buf, b->data + off, len);
	return 0;
}

int mp_part_source_buffer(struct mp_part_buffer *b, const void *data, size_t len,
			  unsigned int sector_size, struct mp_part_source *ret)
{
	if (sector_size != 512 && sector_size != 4096)
		return -EINVAL;
	b->data = data;
	b->len = len;
	*ret = (struct mp_part_source){
		.read = buffer_read,
		.userdata = b,
		.size = len,
		.sector_size = sector_size,
	};
	return 0;
}

const char *mp_part_label_name(enum mp_part_label l)
{
	switch (l) {
	case MP_PART_LABEL_DOS:
		return "dos";
	case MP_PART_LABEL_GPT:
		return "gpt";
	case MP_PART_LABEL_NONE:
		break;
	}
	return "none";
}
