/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What iocheck knows about each block: the generation of its last write that
 * succeeded and of the last write it attempted. A failed write leaves the block
 * "uncertain" (the device may or may not have stored it), so either generation
 * is acceptable on read-back. The state can be saved to a text file so a later
 * --verify-only run can check the device again (after a reboot, a corruption
 * test, a map reload...).
 */
#ifndef MPATH_TOOLS_IOCHECK_STATE_H
#define MPATH_TOOLS_IOCHECK_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iocheck-block.h"

#define IOC_MAX_BLOCKS (1ull << 22)

struct ioc_block_state {
	uint64_t gen_ok;    /* last generation whose write succeeded, 0 = none */
	uint64_t gen_tried; /* last generation written at all, >= gen_ok */
};

struct ioc_state {
	uint64_t run_id;
	uint32_t block_size;
	uint64_t nblocks;
	uint64_t last_gen; /* generations are global and increasing, so unique per block */
	struct ioc_block_state *b;
};

enum ioc_verdict {
	IOC_UNTOUCHED, /* never written in this run: nothing to check */
	IOC_GOOD,
	IOC_BAD,
};

int ioc_state_new(uint64_t run_id, uint32_t block_size, uint64_t nblocks, struct ioc_state **ret);
void ioc_state_free(struct ioc_state *st);

/* Reserve the generation for a write of block @idx; report its outcome after. */
uint64_t ioc_state_begin_write(struct ioc_state *st, uint64_t idx);
void ioc_state_end_write(struct ioc_state *st, uint64_t idx, uint64_t gen, bool ok);

bool ioc_state_uncertain(const struct ioc_state *st, uint64_t idx);

/*
 * Judge what a read of block @idx returned (@status and, when intact, @h).
 * Why it is bad goes to @why (may be NULL).
 */
enum ioc_verdict ioc_state_judge(const struct ioc_state *st, uint64_t idx, enum iob_status status,
				 const struct iob_header *h, char *why, size_t whylen);

/* Atomic save (temporary file + rename). -errno on failure. */
int ioc_state_save(const struct ioc_state *st, const char *path);

/* Load a saved state; on -EINVAL a reason with the line number goes to @err. */
int ioc_state_load(const char *path, struct ioc_state **ret, char *err, size_t errlen);

#endif
