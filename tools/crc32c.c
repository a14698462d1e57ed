/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "crc32c.h"

/* Reflected form of the Castagnoli polynomial 0x1EDC6F41. */
#define CRC32C_POLY_REFLECTED 0x82F63B78u

void crc32c_init(struct crc32c_table *tab)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (CRC32C_POLY_REFLECTED & (0u - (c & 1u)));
		tab->t[i] = c;
	}
}

uint32_t crc32c_update(const struct crc32c_table *tab, uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	/* Pre- and post-inversion let callers chain calls starting from 0. */
	crc = ~crc;
	while (len--)
		crc = tab->t[(crc ^ *p++) & 0xffu] ^ (crc >> 8);
	return ~crc;
}
