/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Partition-table fixtures (tests/fixtures/partitions/NAME.sectors) as an
 * in-memory sparse device, and their NAME.expected partition lists. */
#ifndef MPATH_TEST_PARTITION_FIXTURE_H
#define MPATH_TEST_PARTITION_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "partition/partition.h"

struct fixture_chunk {
	uint64_t index; /* 512-byte chunk number */
	uint8_t data[512];
};

struct fixture {
	uint64_t size;
	unsigned int sector_size;
	size_t n;
	struct fixture_chunk *chunks; /* unlisted chunks read as zeros */
};

/* Load NAME.sectors from dir; aborts the test on a malformed file. */
void fixture_load(const char *dir, const char *name, struct fixture *ret);
void fixture_free(struct fixture *f);
/* The 512 bytes of chunk index, added as zeros when absent (to edit them). */
uint8_t *fixture_chunk(struct fixture *f, uint64_t index);
void fixture_source(struct fixture *f, struct mp_part_source *ret);

struct expected_part {
	unsigned int number;
	uint64_t start, size;
};
/* NAME.expected; returns the count (at most max). */
size_t fixture_expected(const char *dir, const char *name, struct expected_part *ret, size_t max);

#endif
