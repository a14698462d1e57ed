/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the DOS and GPT parsers and the partition-map
 * planner. Input: one flag byte (bit 0: 4096-byte sectors, bit 1: force GPT
 * as kpartx -g), then the device itself: inputs up to 1 MiB (libFuzzer's
 * default cap), the first MiB being where tables live (a GPT on 4096-byte
 * sectors needs 6 sectors at each end plus its entries; EBRs of a DOS chain
 * may sit anywhere in it).
 *
 * Beyond "no crash": every partition reported lies inside the device, is
 * numbered 1..MP_PART_MAX in increasing order, and the maps planned for it
 * fit the parent map; the plan from nothing creates exactly those maps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/diag.h"
#include "partition/partition.h"
#include "partition/partmap.h"

#define MAX_INPUT (1024 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_table(const struct mp_part_table *t, uint64_t dev_sectors)
{
	unsigned int last = 0;

	if (t->n > MP_PART_MAX)
		abort();
	for (size_t i = 0; i < t->n; i++) {
		const struct mp_part *p = &t->parts[i];

		if (p->number <= last || p->number > MP_PART_MAX || p->size == 0)
			abort();
		if (p->start > dev_sectors || p->size > dev_sectors - p->start)
			abort();
		last = p->number;
	}
}

static void check_plan(const struct mp_part_table *t, uint64_t dev_sectors)
{
	static struct mp_part_map want[MP_PART_MAX];
	struct mp_part_parent parent = {"mpatha1", "mpath-3600fuzz", 253, 7, dev_sectors};
	struct mp_part_action *a = NULL;
	int n = mp_part_want(t, &parent, NULL, want, NULL);

	if (n < 0 || (size_t)n != t->n)
		abort();
	for (int i = 0; i < n; i++)
		if (want[i].table.offset + want[i].table.length > dev_sectors)
			abort();
	if (mp_part_plan(want, (size_t)n, NULL, 0, 0, &a) != n)
		abort();
	for (int i = 0; i < n; i++)
		if (a[i].op != MP_PART_OP_CREATE || strcmp(a[i].map.name, want[i].name) != 0)
			abort();
	free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_part_buffer buf;
	struct mp_part_source src;
	static struct mp_part_table t;
	struct mp_diags d = {0};

	if (size < 1 || size > MAX_INPUT)
		return 0;
	if (mp_part_source_buffer(&buf, data + 1, size - 1, (data[0] & 1) ? 4096 : 512, &src) < 0)
		abort();

	if (mp_part_read_dos(&src, &t, &d) >= 0)
		check_table(&t, (size - 1) / 512);
	if (mp_part_read_gpt(&src, data[0] & 2, &t, &d) >= 0)
		check_table(&t, (size - 1) / 512);
	if (mp_part_read_table(&src, &t, &d) >= 0) {
		check_table(&t, (size - 1) / 512);
		check_plan(&t, (size - 1) / 512);
	}
	mp_diags_clear(&d);
	return 0;
}
