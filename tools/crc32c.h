/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * CRC32C (Castagnoli), table driven. The table lives in a caller-owned struct
 * so the tools keep no global state and stay free of a zlib dependency, which
 * matters for the static binaries copied into the lab's initramfs.
 */
#ifndef MPATH_TOOLS_CRC32C_H
#define MPATH_TOOLS_CRC32C_H

#include <stddef.h>
#include <stdint.h>

struct crc32c_table {
	uint32_t t[256];
};

void crc32c_init(struct crc32c_table *tab);

/* Feed @len bytes into a running CRC; start with 0, the result is final. */
uint32_t crc32c_update(const struct crc32c_table *tab, uint32_t crc, const void *buf, size_t len);

#endif
