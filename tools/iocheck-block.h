/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The on-disk format of one iocheck block: a 64-byte header followed by a
 * pseudo-random payload. The header names the block (run id, index, generation)
 * so a read can tell a lost write (old generation), a misdirected write (other
 * index) and corruption (CRC) apart. All fields are little endian.
 *
 *   0  magic "MPIOCHK1"      24  generation (u64)
 *   8  run id (u64)          32  block size (u32)
 *  16  block index (u64)     36  CRC32C of every byte of the block except 36..39
 *  40  zero up to 64, then the payload
 */
#ifndef MPATH_TOOLS_IOCHECK_BLOCK_H
#define MPATH_TOOLS_IOCHECK_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "crc32c.h"

#define IOB_HEADER_SIZE 64u
#define IOB_MIN_BLOCK_SIZE 512u
#define IOB_MAX_BLOCK_SIZE (1u << 20)

struct iob_header {
	uint64_t run_id;
	uint64_t index;
	uint64_t gen;
	uint32_t block_size;
};

enum iob_status {
	IOB_OK,	       /* a well-formed block of ours: header says which */
	IOB_FOREIGN,   /* no magic: never written by iocheck */
	IOB_CORRUPT,   /* magic present but CRC or size wrong: torn or damaged */
	IOB_MISPLACED, /* intact, but written for another index */
	IOB_OTHER_RUN, /* intact, but from another run */
};

/* Fill @buf (@h->block_size bytes) with the block described by @h. */
void iob_encode(const struct crc32c_table *tab, const struct iob_header *h, void *buf);

/*
 * Classify @buf as read from block @index of run @run_id. @ret_h is filled for
 * IOB_OK, IOB_MISPLACED and IOB_OTHER_RUN.
 */
enum iob_status iob_decode(const struct crc32c_table *tab, const void *buf, uint32_t block_size,
			   uint64_t run_id, uint64_t index, struct iob_header *ret_h);

const char *iob_status_name(enum iob_status s);

#endif
