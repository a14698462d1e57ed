/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test helpers: VPD page builders and a throw-away sysfs tree. */
#ifndef MPATH_TEST_DISCOVER_LIB_H
#define MPATH_TEST_DISCOVER_LIB_H

#include <stddef.h>
#include <stdint.h>

/* A VPD 0x83 page under construction. */
struct vpd {
	uint8_t b[1024];
	size_t len;
};

void vpd_begin(struct vpd *v, uint8_t page);
/* Append a designator: code set, association, type, identifier bytes. */
void vpd_desig(struct vpd *v, uint8_t code_set, uint8_t assoc, uint8_t type, const void *id,
	       size_t len);
/* Append raw payload bytes (VPD 0x80 serial, ...). */
void vpd_raw(struct vpd *v, const void *data, size_t len);
/* Set the page length field from what was appended. */
void vpd_end(struct vpd *v);

/* The VPD 0x83 page scsi_debug answers for dev_id 2000 (T10 + NAA 3 + port designators). */
void vpd_scsi_debug(struct vpd *v, uint16_t tpg);
/* LIO (target_core) page: NAA 6 registered extended, T10, relative port, TPG, name. */
void vpd_lio(struct vpd *v, uint16_t tpg);
/* 36-byte standard INQUIRY with vendor/product/rev and the TPGS field. */
void std_inquiry(uint8_t out[96], const char *vendor, const char *product, const char *rev,
		 int tpgs);

/* A temporary sysfs tree; root is its directory. */
struct fakesys {
	char root[256];
};

void fs_init(struct fakesys *fs);
/* Remove the tree (rm -rf). */
void fs_cleanup(struct fakesys *fs);
void fs_mkdir(struct fakesys *fs, const char *rel);
void fs_write(struct fakesys *fs, const char *rel, const void *data, size_t len);
void fs_writes(struct fakesys *fs, const char *rel, const char *text);
void fs_symlink(struct fakesys *fs, const char *target, const char *rel);
/*
 * A SCSI disk: scsi_device at <parent>/<hctl>, block device <name> below it,
 * /sys/block/<name> and the device link. Writes dev, size, vendor, model,
 * rev, state. Returns the scsi_device directory (static buffer).
 */
const char *fs_add_scsi_disk(struct fakesys *fs, const char *parent, const char *hctl,
			     const char *name, const char *devt, const char *vendor,
			     const char *model);

/*
 * A scsi_debug-like path: LUN lun through host host as sd<letter> (index
 * lun*4+host), dev 8:(16*index), T10 designator "Linux scsi_debug 200<lun>",
 * target port group host%3+1, VPD 0x80 serial, ALUA with the given
 * access_state ("standby\n", ...), dh_state alua. Returns the scsi_device dir.
 */
const char *fs_add_scsi_debug_path(struct fakesys *fs, int host, int lun,
				   const char *access_state);

#endif
