/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GUID partition tables (UEFI 2.x, chapter 5), in logical blocks (LBA) of
 * the device's logical sector size.
 *
 * Header (LBA 1, backup at the last LBA), little endian:
 *   0 signature "EFI PART"   8 revision   12 header size (>= 92)
 *   16 header CRC32 (computed over header size bytes with this field zero)
 *   24 my LBA   32 alternate LBA   40 first usable LBA   48 last usable LBA
 *   56 disk GUID (16)   72 entry array LBA   80 number of entries
 *   84 size of an entry   88 entry array CRC32
 * Entry (128 bytes): 0 type GUID (all zero = unused)   16 unique GUID
 *   32 first LBA   40 last LBA (inclusive)   48 attributes   56 name (UTF-16LE)
 *
 * What is accepted, as kpartx does: a header is good when its signature,
 * CRC, my LBA, entry size (exactly 128) and entry array CRC are right. The
 * primary is used when good, else the backup (at the primary's alternate LBA,
 * else the last LBA). The table counts only if sector 0 is a protective MBR
 * (0x55aa and an entry of type 0xee), unless forced. Partitions are numbered
 * by entry index + 1; unused entries keep their number free.
 *
 * Bounds checked before any read: header size <= sector size, entry array
 * <= MP_PART_MAX_GPT_ARRAY bytes and inside the device, entries beyond
 * MP_PART_MAX ignored, an entry with last < first or outside the device
 * skipped with a warning.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/diag.h"
#include "common/macros.h"
#include "partition/partition-private.h"

#define GPT_SOURCE "gpt partition table"
#define GPT_SIGNATURE "EFI PART"

struct gpt_header {
	uint64_t my_lba, alternate_lba, entries_lba;
	uint32_t n_entries;
	uint8_t *entries; /* n_entries * 128 bytes, malloc'd */
};

static void gpt_header_clear(struct gpt_header *h)
{
	free(h->entries);
	*h = (struct gpt_header){0};
}

static uint64_t last_lba(const struct mp_part_source *src)
{
	return src->size / src->sector_size - 1;
}

static void warn(struct mp_diags *diags, const char *fmt, ...) MP_PRINTF(2, 3);
static void warn(struct mp_diags *diags, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (!diags)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	mp_diags_add(diags, MP_DIAG_WARNING, GPT_SOURCE, 0, "%s", buf);
}

/*
 * Read and check the header at lba. Return: 1 good (ret filled), 0 not a
 * good header, -errno on a read error other than "beyond the device".
 */
static int read_header(const struct mp_part_source *src, uint64_t lba, struct gpt_header *ret)
{
	const unsigned int ss = src->sector_size;
	uint8_t sector[4096];
	int r;

	if (lba == 0 || lba > last_lba(src))
		return 0;
	r = part_read(src, lba * ss, sector, ss);
	if (r < 0)
		return r == -ENXIO ? 0 : r;
	if (memcmp(sector, GPT_SIGNATURE, 8) != 0)
		return 0;

	uint32_t header_size = get_le32(sector + 12);
	if (header_size < 92 || header_size > ss)
		return 0;
	uint32_t header_crc = get_le32(sector + 16);
	memset(sector + 16, 0, 4);
	if (mp_part_crc32(sector, header_size) != header_crc)
		return 0;
	if (get_le64(sector + 24) != lba)
		return 0;
	if (get_le32(sector + 84) != MP_PART_GPT_ENTRY_SIZE)
		return 0;

	uint32_t n_entries = get_le32(sector + 80);
	uint64_t entries_lba = get_le64(sector + 72);
	if (n_entries == 0 || n_entries > MP_PART_MAX_GPT_ARRAY / MP_PART_GPT_ENTRY_SIZE)
		return 0;
	size_t array_size = (size_t)n_entries * MP_PART_GPT_ENTRY_SIZE;
	if (entries_lba == 0 || entries_lba > last_lba(src))
		return 0;

	_cleanup_free_ uint8_t *entries = malloc(array_size);
	if (!entries)
		return -ENOMEM;
	r = part_read(src, entries_lba * ss, entries, array_size);
	if (r < 0)
		return r == -ENXIO ? 0 : r;
	if (mp_part_crc32(entries, array_size) != get_le32(sector + 88))
		return 0;

	*ret = (struct gpt_header){
		.my_lba = lba,
		.alternate_lba = get_le64(sector + 32),
		.entries_lba = entries_lba,
		.n_entries = n_entries,
		.entries = TAKE_PTR(entries),
	};
	return 1;
}

static int has_protective_mbr(const struct mp_part_source *src)
{
	uint8_t sector[512];
	int r = part_read(src, 0, sector, sizeof(sector));

	if (r < 0)
		return r == -ENXIO ? 0 : r;
	if (sector[510] != 0x55 || sector[511] != 0xaa)
		return 0;
	for (unsigned int i = 0; i < 4; i++)
		if (sector[446 + 16 * i + 4] == 0xee)
			return 1;
	return 0;
}

static void collect(const struct mp_part_source *src, const struct gpt_header *h,
		    struct mp_part_table *t, struct mp_diags *diags)
{
	static const uint8_t unused_type[16];
	const uint64_t mul = src->sector_size / 512;
	const uint64_t last = last_lba(src);

	for (uint32_t i = 0; i < h->n_entries && i < MP_PART_MAX; i++) {
		const uint8_t *e = h->entries + (size_t)i * MP_PART_GPT_ENTRY_SIZE;
		uint64_t first = get_le64(e + 32), end = get_le64(e + 40);

		if (memcmp(e, unused_type, sizeof(unused_type)) == 0)
			continue;
		if (end < first || end > last) {
			warn(diags, "partition %llu has a bad or out-of-device LBA range, skipped",
			     (unsigned long long)i + 1);
			continue;
		}
		part_add(t, i + 1, mul * first, mul * (end - first + 1), 0, 0);
	}
}

int mp_part_read_gpt(const struct mp_part_source *src, bool force, struct mp_part_table *ret,
		     struct mp_diags *diags)
{
	struct gpt_header primary = {0}, backup = {0};
	int good_primary, good_backup = 0, pmbr, r;

	r = part_check_source(src);
	if (r < 0)
		return r;
	if (src->size < 2ull * src->sector_size)
		return -ENOENT;

	good_primary = read_header(src, 1, &primary);
	if (good_primary < 0)
		return good_primary;
	if (good_primary) {
		good_backup = read_header(src, primary.alternate_lba, &backup);
		if (good_backup == 0 && primary.alternate_lba != last_lba(src))
			good_backup = read_header(src, last_lba(src), &backup);
	} else {
		good_backup = read_header(src, last_lba(src), &backup);
	}
	if (good_backup < 0) {
		r = good_backup;
		goto out;
	}
	if (!good_primary && !good_backup) {
		r = -ENOENT;
		goto out;
	}

	pmbr = has_protective_mbr(src);
	if (pmbr < 0) {
		r = pmbr;
		goto out;
	}
	if (!pmbr && !force) {
		warn(diags, "a valid GPT but no protective MBR in sector 0: not treated as GPT "
			    "(kpartx -g forces it)");
		r = -ENOENT;
		goto out;
	}
	if (!good_primary)
		warn(diags, "the primary GPT header is bad, using the backup at LBA %llu",
		     (unsigned long long)backup.my_lba);
	else if (!good_backup)
		warn(diags, "the backup GPT header is bad or missing (last LBA %llu)",
		     (unsigned long long)last_lba(src));

	struct mp_part_table t = {.label = MP_PART_LABEL_GPT, .gpt_backup_used = !good_primary};
	collect(src, good_primary ? &primary : &backup, &t, diags);
	*ret = t;
	r = (int)t.n;
out:
	gpt_header_clear(&primary);
	gpt_header_clear(&backup);
	return r;
}

int mp_part_read_table(const struct mp_part_source *src, struct mp_part_table *ret,
		       struct mp_diags *diags)
{
	struct mp_part_table t;
	int r = mp_part_read_gpt(src, false, &t, diags);

	if (r > 0 || (r < 0 && r != -ENOENT)) {
		if (r > 0)
			*ret = t;
		return r;
	}
	r = mp_part_read_dos(src, &t, diags);
	if (r == -ENOENT || r == 0) {
		*ret = (struct mp_part_table){.label = r == 0 ? MP_PART_LABEL_DOS : MP_PART_LABEL_NONE};
		return 0;
	}
	if (r > 0)
		*ret = t;
	return r;
}
