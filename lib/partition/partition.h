/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Partition tables of a multipath map and the dm "linear" maps that expose
 * them (the job kpartx does for multipath-tools).
 *
 * The parsers are pure: they read the disk only through struct
 * mp_part_source, a bounded random-access reader (a byte buffer in tests and
 * fuzz targets, pread() on the map in read_dev.c). Every offset and length
 * that comes from the disk is checked against the device size and against
 * the limits below before it is used, because the table is written by
 * whoever owns the LUN.
 *
 * Units: partition starts and sizes are in 512-byte sectors (what dm tables
 * use), whatever the logical sector size of the device.
 */
#ifndef MPATH_PARTITION_PARTITION_H
#define MPATH_PARTITION_PARTITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mp_diags;

/* kpartx keeps at most 256 slices; partitions numbered beyond are ignored. */
#define MP_PART_MAX 256
/* At most this many extended boot records are followed in a DOS chain. */
#define MP_PART_MAX_EBR 128
/* Largest GPT entry array read and checked (8192 entries of 128 bytes). */
#define MP_PART_MAX_GPT_ARRAY (1024u * 1024u)
#define MP_PART_GPT_ENTRY_SIZE 128u

/*
 * Bounded reader of the device. read() fills exactly len bytes from byte
 * offset off, or returns -errno (-ENXIO for a range beyond size). The
 * parsers never ask for more than MP_PART_MAX_GPT_ARRAY bytes at once.
 */
struct mp_part_source {
	int (*read)(void *userdata, uint64_t off, void *buf, size_t len);
	void *userdata;
	uint64_t size;            /* bytes */
	unsigned int sector_size; /* logical sector size: 512 or 4096 */
};

enum mp_part_label {
	MP_PART_LABEL_NONE,
	MP_PART_LABEL_DOS,
	MP_PART_LABEL_GPT,
};

struct mp_part {
	unsigned int number;    /* 1-based, as kpartx numbers (DOS: 1-4 primary, 5.. logical) */
	uint64_t start, size;   /* 512-byte sectors */
	unsigned int container; /* DOS logical: number of the extended partition; else 0 */
	uint8_t dos_type;       /* DOS only: the system id byte */
};

struct mp_part_table {
	enum mp_part_label label;
	bool gpt_backup_used; /* the primary GPT was bad and the backup was used */
	size_t n;             /* partitions with a size, in number order */
	struct mp_part parts[MP_PART_MAX];
};

/**
 * mp_part_source_buffer() - a source over len bytes of memory (tests, fuzz).
 * The buffer is the whole device; it is not copied and must outlive src.
 * Return: 0, or -EINVAL for a sector size other than 512 or 4096.
 */
struct mp_part_buffer {
	const uint8_t *data;
	size_t len;
};
int mp_part_source_buffer(struct mp_part_buffer *b, const void *data, size_t len,
			  unsigned int sector_size, struct mp_part_source *ret);

/**
 * mp_part_read_dos() - the DOS (MBR) table: primary entries, and the logical
 * partitions of every extended partition (types 0x05, 0x0f, 0x85) found by
 * following its chain of extended boot records. An extended partition itself
 * is reported with a size of 1 KiB (2 sectors; one sector on 4096-byte
 * disks), as kpartx and the kernel do. A protective MBR (a 0xee entry) is
 * not a DOS table.
 * Return: the number of partitions (0 for none), -ENOENT when there is no DOS
 * table, -EIO etc. from the source. Oddities (cycles, overlong chains,
 * entries outside the device) are skipped with a warning in diags (may be NULL).
 */
int mp_part_read_dos(const struct mp_part_source *src, struct mp_part_table *ret,
		     struct mp_diags *diags);

/**
 * mp_part_read_gpt() - the GUID partition table: the primary header at LBA 1,
 * checked (signature, header CRC32, my_lba, 128-byte entries, entry array
 * CRC32); if it is bad, the backup header (the primary's alternate_lba, else
 * the last LBA). A GPT is used only when sector 0 holds a protective MBR
 * (0x55aa and a 0xee entry), unless force is set (kpartx -g).
 * Return: the number of partitions, -ENOENT when there is no usable GPT.
 */
int mp_part_read_gpt(const struct mp_part_source *src, bool force, struct mp_part_table *ret,
		     struct mp_diags *diags);

/**
 * mp_part_read_table() - GPT first, then DOS, as kpartx tries them.
 * Return: the number of partitions (0 when the device has no table).
 */
int mp_part_read_table(const struct mp_part_source *src, struct mp_part_table *ret,
		       struct mp_diags *diags);

/* CRC-32 (IEEE 802.3, reflected, as UEFI uses for GPT). */
uint32_t mp_part_crc32(const void *data, size_t len);

const char *mp_part_label_name(enum mp_part_label l);

#endif
