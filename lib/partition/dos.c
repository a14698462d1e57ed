/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DOS (MBR) partition tables.
 *
 * Sector 0 ends with the signature 0x55 0xaa at bytes 510-511 and holds four
 * 16-byte entries from byte 446: boot flag (0), CHS start (1-3), system id
 * (4), CHS end (5-7), first sector (8-11, LE32) and sector count (12-15,
 * LE32), both counted in logical sectors of the device.
 *
 * An extended partition (system id 0x05, 0x0f or 0x85) starts a chain of
 * extended boot records (EBR), each a sector with the same layout. In an EBR
 * only the first two entries count: a data entry whose start is relative to
 * this EBR, and a link entry (extended type) whose start is relative to the
 * start of the extended partition and names the next EBR.
 *
 * Numbering follows kpartx, so that names match: primaries are 1-4 by slot
 * (empty slots skipped), logical partitions are numbered from 5 in chain
 * order, and every non-link entry of an EBR takes a number even when it is
 * empty. Several extended partitions each append their chain.
 *
 * Bounds: at most MP_PART_MAX_EBR records per chain, no record visited
 * twice (a loop in the chain), numbers above MP_PART_MAX dropped, and a
 * partition that does not fit the device is skipped with a warning (kpartx
 * would ask dm for it and fail).
 */
#include "common/diag.h"
#include "partition/partition-private.h"

#define DOS_SOURCE "dos partition table"

enum {
	MBR_ENTRIES_OFF = 446,
	MBR_ENTRY_SIZE = 16,
	MBR_SIG_OFF = 510,
	DOS_TYPE_GPT = 0xee,
};

struct dos_entry {
	uint8_t type;
	uint32_t start, count;
};

static struct dos_entry dos_entry_at(const uint8_t *sector, unsigned int i)
{
	const uint8_t *e = sector + MBR_ENTRIES_OFF + i * MBR_ENTRY_SIZE;

	return (struct dos_entry){.type = e[4], .start = get_le32(e + 8), .count = get_le32(e + 12)};
}

static bool is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

static bool has_signature(const uint8_t *sector)
{
	return sector[MBR_SIG_OFF] == 0x55 && sector[MBR_SIG_OFF + 1] == 0xaa;
}

/* Add a partition if it fits the device; a number beyond the table is
 * dropped silently by the caller. */
static void add_checked(const struct mp_part_source *src, struct mp_part_table *t,
			unsigned int number, uint64_t start, uint64_t size, unsigned int container,
			uint8_t type, struct mp_diags *diags)
{
	uint64_t dev = part_dev_sectors(src);

	if (start > dev || size > dev - start) {
		if (diags)
			mp_diags_add(diags, MP_DIAG_WARNING, DOS_SOURCE, 0,
				     "partition %u (sectors %llu+%llu) lies beyond the end of the "
				     "device (%llu sectors), skipped",
				     number, (unsigned long long)start, (unsigned long long)size,
				     (unsigned long long)dev);
		return;
	}
	if (t->n < MP_PART_MAX)
		part_add(t, number, start, size, container, type);
}

static void chain_warn(struct mp_diags *diags, unsigned int slot, const char *what, uint64_t sector)
{
	if (diags)
		mp_diags_add(diags, MP_DIAG_WARNING, DOS_SOURCE, 0,
			     "extended partition %u: %s (sector %llu)", slot + 1, what,
			     (unsigned long long)sector);
}

/* Follow the EBR chain of the extended partition in primary slot `slot`;
 * *next_number is the next logical number, advanced per data entry. */
static int read_chain(const struct mp_part_source *src, const struct dos_entry *ext,
		      unsigned int slot, unsigned int *next_number, struct mp_part_table *t,
		      struct mp_diags *diags)
{
	const uint64_t mul = src->sector_size / 512;
	const uint64_t base = mul * ext->start;
	uint64_t visited[MP_PART_MAX_EBR];
	uint64_t here = base;
	size_t n_visited = 0;
	uint8_t sector[512];

	for (;;) {
		bool more = false;
		uint64_t next = 0;

		for (size_t i = 0; i < n_visited; i++) {
			if (visited[i] == here) {
				chain_warn(diags, slot, "the chain of boot records loops, stopped", here);
				return 0;
			}
		}
		if (n_visited == MP_PART_MAX_EBR) {
			chain_warn(diags, slot, "more than 128 boot records, the rest ignored", here);
			return 0;
		}
		visited[n_visited++] = here;

		/* here < 2^35: no overflow in the byte offset. */
		int r = part_read(src, here * 512, sector, sizeof(sector));
		if (r == -ENXIO) {
			chain_warn(diags, slot, "boot record beyond the end of the device", here);
			return 0;
		}
		if (r < 0)
			return r;
		if (!has_signature(sector))
			return 0;

		for (unsigned int i = 0; i < 2; i++) {
			struct dos_entry e = dos_entry_at(sector, i);

			if (is_extended(e.type)) {
				if (e.start && e.count && !more) {
					next = base + mul * e.start;
					more = true;
				}
				continue;
			}
			unsigned int number = (*next_number)++;
			if (number > MP_PART_MAX)
				return 0;
			if (e.count)
				add_checked(src, t, number, here + mul * e.start, mul * e.count,
					    slot + 1, e.type, diags);
		}
		if (!more)
			return 0;
		here = next;
	}
}

static void sort_by_number(struct mp_part_table *t)
{
	for (size_t i = 1; i < t->n; i++) {
		struct mp_part p = t->parts[i];
		size_t j = i;

		for (; j > 0 && t->parts[j - 1].number > p.number; j--)
			t->parts[j] = t->parts[j - 1];
		t->parts[j] = p;
	}
}

int mp_part_read_dos(const struct mp_part_source *src, struct mp_part_table *ret,
		     struct mp_diags *diags)
{
	const uint64_t mul = src ? src->sector_size / 512 : 1;
	struct mp_part_table t = {.label = MP_PART_LABEL_DOS};
	struct dos_entry e[4];
	unsigned int next_number = 5;
	uint8_t sector[512];
	int r;

	r = part_check_source(src);
	if (r < 0)
		return r;
	r = part_read(src, 0, sector, sizeof(sector));
	if (r == -ENXIO)
		return -ENOENT;
	if (r < 0)
		return r;
	if (!has_signature(sector))
		return -ENOENT;
	for (unsigned int i = 0; i < 4; i++) {
		e[i] = dos_entry_at(sector, i);
		if (e[i].type == DOS_TYPE_GPT)
			return -ENOENT;
	}

	for (unsigned int i = 0; i < 4; i++) {
		if (is_extended(e[i].type) && e[i].start && e[i].count) {
			/* Only the first KiB of an extended partition is mapped
			 * (room for a boot loader), as the kernel shows it. */
			add_checked(src, &t, i + 1, mul * e[i].start, mul == 1 ? 2 : mul, 0,
				    e[i].type, diags);
			r = read_chain(src, &e[i], i, &next_number, &t, diags);
			if (r < 0)
				return r;
		} else if (e[i].count) {
			add_checked(src, &t, i + 1, mul * e[i].start, mul * e[i].count, 0,
				    e[i].type, diags);
		}
	}
	sort_by_number(&t);
	*ret = t;
	return (int)t.n;
}
