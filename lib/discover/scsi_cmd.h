/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SCSI commands discovery and checkers send: CDB builders and decoders of
 * their answers. Builders and decoders are pure; mp_scsi_inquiry_vpd() and
 * mp_scsi_tur() run them through the context's transport.
 */
#ifndef MPATH_DISCOVER_SCSI_CMD_H
#define MPATH_DISCOVER_SCSI_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discover/sense.h"
#include "model.h"

struct mp_ctx;

enum {
	MP_OP_TEST_UNIT_READY = 0x00,
	MP_OP_INQUIRY = 0x12,
	MP_OP_MAINTENANCE_IN = 0xa3,
	MP_SA_REPORT_TARGET_PORT_GROUPS = 0x0a,
};

enum {
	MP_VPD_SUPPORTED = 0x00,
	MP_VPD_SERIAL = 0x80,
	MP_VPD_DEVICE_ID = 0x83,
};

#define MP_CDB6_LEN 6
#define MP_CDB12_LEN 12

void mp_cdb_test_unit_ready(uint8_t cdb[MP_CDB6_LEN]);
/* evpd=false with page 0 is the standard INQUIRY. */
void mp_cdb_inquiry(uint8_t cdb[MP_CDB6_LEN], bool evpd, uint8_t page, uint16_t alloc_len);

/* Standard INQUIRY data (SPC-4 6.6.2), the part multipath uses. */
struct mp_std_inquiry {
	uint8_t peripheral_qualifier;
	uint8_t device_type; /* 0 = disk */
	uint8_t version;
	enum mp_tpgs tpgs;   /* byte 5 bits 4-5 */
	char vendor[9];      /* trailing blanks trimmed */
	char product[17];
	char revision[5];
};

/* Return: 0, or -EINVAL when shorter than the 36 bytes SPC requires. */
int mp_inquiry_decode(const uint8_t *buf, size_t len, struct mp_std_inquiry *ret);

/*
 * mp_vpd_payload() - check a VPD page header (page code in byte 1, length in
 * bytes 2-3) and return where its payload starts and how long it is.
 * @ret_truncated: set when the header claims more than len holds (the payload
 * is then cut to what is there)
 * Return: 0, or -EINVAL (shorter than the header, or another page).
 */
int mp_vpd_payload(const uint8_t *buf, size_t len, uint8_t page, const uint8_t **ret_payload,
		   size_t *ret_payload_len, bool *ret_truncated);

/* VPD 0x00: is page listed? Return: 1 yes, 0 no, -EINVAL bad page. */
int mp_vpd00_has_page(const uint8_t *buf, size_t len, uint8_t page);

/* VPD 0x80 unit serial number, blanks trimmed at both ends. Return: 0, -EINVAL, -ENOSPC. */
int mp_vpd80_decode(const uint8_t *buf, size_t len, char *serial, size_t size);

/*
 * mp_scsi_inquiry_vpd() - INQUIRY EVPD through the context's transport.
 * Return: 0 with *ret_len bytes in buf; -errno as mp_scsi_execute(), sense
 * decoded into *ret_sense (may be NULL) on -EREMOTEIO.
 */
int mp_scsi_inquiry_vpd(const struct mp_ctx *ctx, const char *dev, uint8_t page, uint8_t *buf,
			size_t size, size_t *ret_len, struct mp_sense *ret_sense);

/* TEST UNIT READY. Return as mp_scsi_inquiry_vpd(). */
int mp_scsi_tur(const struct mp_ctx *ctx, const char *dev, unsigned int timeout_ms,
		struct mp_sense *ret_sense);

#endif
