/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>

#include "discover/sense.h"
#include "model.h"

int mp_sense_decode(const uint8_t *buf, size_t len, struct mp_sense *ret)
{
	struct mp_sense s = {0};

	if (!len)
		return -ENODATA;
	s.response_code = buf[0] & 0x7f;
	switch (s.response_code) {
	case 0x70:
	case 0x71:
		/* Fixed: key in byte 2, additional length in byte 7, ASC/ASCQ in 12/13. */
		if (len < 3)
			return -EINVAL;
		s.key = buf[2] & 0x0f;
		if (len >= 8) {
			size_t end = 8 + (size_t)buf[7];

			if (len < end)
				end = len;
			if (end > 12)
				s.asc = buf[12];
			if (end > 13)
				s.ascq = buf[13];
		}
		break;
	case 0x72:
	case 0x73:
		/* Descriptor: key/ASC/ASCQ in bytes 1..3, descriptors follow from byte 8. */
		if (len < 2)
			return -EINVAL;
		s.descriptor = true;
		s.key = buf[1] & 0x0f;
		if (len > 2)
			s.asc = buf[2];
		if (len > 3)
			s.ascq = buf[3];
		break;
	default:
		return -EINVAL;
	}
	s.deferred = s.response_code == 0x71 || s.response_code == 0x73;
	*ret = s;
	return 0;
}

const char *mp_sense_key_name(uint8_t key)
{
	static const char *const names[16] = {
		"NO SENSE",	   "RECOVERED ERROR", "NOT READY",	 "MEDIUM ERROR",
		"HARDWARE ERROR",  "ILLEGAL REQUEST", "UNIT ATTENTION",	 "DATA PROTECT",
		"BLANK CHECK",	   "VENDOR SPECIFIC", "COPY ABORTED",	 "ABORTED COMMAND",
		"RESERVED",	   "VOLUME OVERFLOW", "MISCOMPARE",	 "COMPLETED",
	};

	return names[key & 0x0f];
}

struct asc_name {
	uint8_t asc, ascq;
	const char *name;
};

/* SPC-4 Annex D texts, limited to what path checking and failover care about. */
static const struct asc_name asc_names[] = {
	{0x04, 0x00, "logical unit not ready, cause not reportable"},
	{0x04, 0x01, "logical unit is in process of becoming ready"},
	{0x04, 0x02, "logical unit not ready, initializing command required"},
	{0x04, 0x03, "logical unit not ready, manual intervention required"},
	{0x04, 0x0a, "logical unit not accessible, asymmetric access state transition"},
	{0x04, 0x0b, "logical unit not accessible, target port in standby state"},
	{0x04, 0x0c, "logical unit not accessible, target port in unavailable state"},
	{0x04, 0x12, "logical unit not ready, offline"},
	{0x05, 0x00, "logical unit does not respond to selection"},
	{0x08, 0x00, "logical unit communication failure"},
	{0x20, 0x00, "invalid command operation code"},
	{0x24, 0x00, "invalid field in cdb"},
	{0x25, 0x00, "logical unit not supported"},
	{0x28, 0x00, "not ready to ready change, medium may have changed"},
	{0x29, 0x00, "power on, reset, or bus device reset occurred"},
	{0x29, 0x01, "power on occurred"},
	{0x29, 0x02, "scsi bus reset occurred"},
	{0x29, 0x03, "bus device reset function occurred"},
	{0x29, 0x04, "device internal reset"},
	{0x29, 0x07, "i_t nexus loss occurred"},
	{0x2a, 0x01, "mode parameters changed"},
	{0x2a, 0x06, "asymmetric access state changed"},
	{0x2a, 0x07, "implicit asymmetric access state transition failed"},
	{0x2a, 0x09, "capacity data has changed"},
	{0x3a, 0x00, "medium not present"},
	{0x3f, 0x03, "inquiry data has changed"},
	{0x3f, 0x0e, "reported luns data has changed"},
	{0x44, 0x00, "internal target failure"},
	{0x4b, 0x00, "data phase error"},
};

const char *mp_sense_asc_name(uint8_t asc, uint8_t ascq)
{
	for (size_t i = 0; i < sizeof(asc_names) / sizeof(asc_names[0]); i++)
		if (asc_names[i].asc == asc && asc_names[i].ascq == ascq)
			return asc_names[i].name;
	return NULL;
}

int mp_sense_format(const struct mp_sense *s, char *buf, size_t size)
{
	const char *name = mp_sense_asc_name(s->asc, s->ascq);

	return snprintf(buf, size, "%s%s: %s (%02x/%02x)", s->deferred ? "deferred " : "",
			mp_sense_key_name(s->key), name ? name : "unknown additional sense",
			s->asc, s->ascq);
}

int mp_sense_alua_state(const struct mp_sense *s)
{
	if (s->key != MP_SK_NOT_READY || s->asc != 0x04)
		return -1;
	switch (s->ascq) {
	case 0x0a:
		return MP_ALUA_TRANSITIONING;
	case 0x0b:
		return MP_ALUA_STANDBY;
	case 0x0c:
		return MP_ALUA_UNAVAILABLE;
	}
	return -1;
}
