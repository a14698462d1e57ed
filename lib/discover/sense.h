/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sense data (SPC-4 4.5): fixed (response codes 0x70/0x71) and descriptor
 * (0x72/0x73) formats, reduced to key/ASC/ASCQ, with names for the
 * conditions multipath reacts to.
 */
#ifndef MPATH_DISCOVER_SENSE_H
#define MPATH_DISCOVER_SENSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mp_sense_key {
	MP_SK_NO_SENSE = 0x0,
	MP_SK_RECOVERED_ERROR = 0x1,
	MP_SK_NOT_READY = 0x2,
	MP_SK_MEDIUM_ERROR = 0x3,
	MP_SK_HARDWARE_ERROR = 0x4,
	MP_SK_ILLEGAL_REQUEST = 0x5,
	MP_SK_UNIT_ATTENTION = 0x6,
	MP_SK_DATA_PROTECT = 0x7,
	MP_SK_BLANK_CHECK = 0x8,
	MP_SK_VENDOR_SPECIFIC = 0x9,
	MP_SK_COPY_ABORTED = 0xa,
	MP_SK_ABORTED_COMMAND = 0xb,
	MP_SK_VOLUME_OVERFLOW = 0xd,
	MP_SK_MISCOMPARE = 0xe,
	MP_SK_COMPLETED = 0xf,
};

struct mp_sense {
	uint8_t response_code; /* 0x70..0x73 */
	bool descriptor;       /* descriptor format */
	bool deferred;         /* 0x71/0x73: about an earlier command */
	uint8_t key;
	uint8_t asc;
	uint8_t ascq;
};

/*
 * mp_sense_decode() - reduce raw sense bytes.
 * Return: 0; -ENODATA when len is 0; -EINVAL when the response code is not
 * one of the four SPC formats or the buffer is too short for the key.
 * ASC/ASCQ read as 0 when the (fixed format) additional length leaves them out.
 */
int mp_sense_decode(const uint8_t *buf, size_t len, struct mp_sense *ret);

/* "NOT READY", "UNIT ATTENTION", ...; "RESERVED" for 0xc. */
const char *mp_sense_key_name(uint8_t key);

/* Text for an ASC/ASCQ pair we care about, or NULL when not in our table. */
const char *mp_sense_asc_name(uint8_t asc, uint8_t ascq);

/* "NOT READY: logical unit not accessible, target port in standby state (04/0b)". */
int mp_sense_format(const struct mp_sense *s, char *buf, size_t size);

/*
 * mp_sense_alua_state() - the ALUA state a NOT READY sense reports for this
 * path (04/0a transitioning, 04/0b standby, 04/0c unavailable), or -1.
 */
int mp_sense_alua_state(const struct mp_sense *s);

#endif
