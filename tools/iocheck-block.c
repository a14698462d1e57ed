/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "iocheck-block.h"

static const char iob_magic[8] = {'M', 'P', 'I', 'O', 'C', 'H', 'K', '1'};

enum { OFF_MAGIC = 0, OFF_RUN = 8, OFF_INDEX = 16, OFF_GEN = 24, OFF_BS = 32, OFF_CRC = 36 };

static void put_le(unsigned char *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* splitmix64: cheap, and every (run, index, gen) gives a different payload. */
static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint32_t block_crc(const struct crc32c_table *tab, const unsigned char *b, uint32_t bs)
{
	uint32_t crc = crc32c_update(tab, 0, b, OFF_CRC);

	return crc32c_update(tab, crc, b + OFF_CRC + 4, bs - OFF_CRC - 4);
}

void iob_encode(const struct crc32c_table *tab, const struct iob_header *h, void *buf)
{
	unsigned char *b = buf;
	uint64_t seed = h->run_id ^ (h->index * 0xD6E8FEB86659FD93ull) ^ (h->gen << 1);

	memset(b, 0, IOB_HEADER_SIZE);
	memcpy(b + OFF_MAGIC, iob_magic, sizeof(iob_magic));
	put_le(b + OFF_RUN, h->run_id, 8);
	put_le(b + OFF_INDEX, h->index, 8);
	put_le(b + OFF_GEN, h->gen, 8);
	put_le(b + OFF_BS, h->block_size, 4);
	for (uint32_t off = IOB_HEADER_SIZE; off < h->block_size; off += 8) {
		uint64_t v = mix(&seed);

		memcpy(b + off, &v, 8);
	}
	put_le(b + OFF_CRC, block_crc(tab, b, h->block_size), 4);
}

enum iob_status iob_decode(const struct crc32c_table *tab, const void *buf, uint32_t block_size,
			   uint64_t run_id, uint64_t index, struct iob_header *ret_h)
{
	const unsigned char *b = buf;
	struct iob_header h;

	if (memcmp(b + OFF_MAGIC, iob_magic, sizeof(iob_magic)) != 0)
		return IOB_FOREIGN;
	h.block_size = (uint32_t)get_le(b + OFF_BS, 4);
	if (h.block_size != block_size)
		return IOB_CORRUPT;
	if ((uint32_t)get_le(b + OFF_CRC, 4) != block_crc(tab, b, block_size))
		return IOB_CORRUPT;
	h.run_id = get_le(b + OFF_RUN, 8);
	h.index = get_le(b + OFF_INDEX, 8);
	h.gen = get_le(b + OFF_GEN, 8);
	if (ret_h)
		*ret_h = h;
	if (h.run_id != run_id)
		return IOB_OTHER_RUN;
	if (h.index != index)
		return IOB_MISPLACED;
	return IOB_OK;
}

const char *iob_status_name(enum iob_status s)
{
	switch (s) {
	case IOB_OK:
		return "ok";
	case IOB_FOREIGN:
		return "not an iocheck block";
	case IOB_CORRUPT:
		return "corrupt (checksum)";
	case IOB_MISPLACED:
		return "misdirected (written for another block)";
	case IOB_OTHER_RUN:
		return "stale (from another run)";
	}
	return "?";
}
