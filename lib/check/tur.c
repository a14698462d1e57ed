/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "tur": TEST UNIT READY through the SCSI transport. A unit attention is
 * news (a reset, a changed access state), not a failure: ask again, up to
 * three times. ALUA's NOT READY answers say standby, transitioning or
 * unavailable, which is what the checker reports.
 */
#include <errno.h>
#include <string.h>

#include "check/check.h"
#include "check/checkers.h"
#include "discover/sense.h"
#include "discover/transport.h"

#define TUR_TRIES 3

void mp_check_tur_decode(int ret, const struct mp_scsi_io *io, struct mp_check_result *r)
{
	struct mp_sense s;

	if (ret == -ETIMEDOUT) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: command timed out");
		return;
	}
	if (ret == -ENOLINK || ret == -EIO || ret == -EBUSY) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: transport error: %s", strerror(-ret));
		return;
	}
	if (ret < 0) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: SG_IO failed: %s", strerror(-ret));
		return;
	}
	if (io->status == MP_SAM_GOOD || io->status == MP_SAM_CONDITION_MET) {
		mp_check_result_set(r, MP_PATH_UP, "tur: ready");
		return;
	}
	if (io->status == MP_SAM_BUSY || io->status == MP_SAM_TASK_SET_FULL) {
		mp_check_result_set(r, MP_PATH_PENDING, "tur: device busy (status 0x%02x)", io->status);
		return;
	}
	if (io->status == MP_SAM_RESERVATION_CONFLICT) {
		/* Another node holds a reservation: the path itself works. */
		mp_check_result_set(r, MP_PATH_UP, "tur: reservation conflict (path answers)");
		return;
	}
	if (mp_sense_decode(io->sense, io->sense_len < sizeof(io->sense) ? io->sense_len : sizeof(io->sense),
			    &s) < 0) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: status 0x%x, no usable sense", io->status);
		return;
	}
	if (s.key == MP_SK_NOT_READY && s.asc == 0x04) {
		switch (s.ascq) {
		case 0x0b:
			mp_check_result_set(r, MP_PATH_GHOST, "tur: target port in standby state");
			return;
		case 0x0a:
			mp_check_result_set(r, MP_PATH_PENDING, "tur: asymmetric access state transition");
			return;
		case 0x0c:
			mp_check_result_set(r, MP_PATH_DOWN, "tur: target port in unavailable state");
			return;
		default:
			break;
		}
	}
	if (s.key == MP_SK_UNIT_ATTENTION) {
		mp_check_result_set(r, MP_PATH_PENDING, "tur: unit attention (asc 0x%02x/0x%02x)", s.asc,
				    s.ascq);
		return;
	}
	mp_check_result_set(r, MP_PATH_DOWN, "tur: sense key 0x%x asc 0x%02x ascq 0x%02x", s.key, s.asc,
			    s.ascq);
}

static void tur_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
		    struct mp_check_result *r)
{
	if (!env->scsi) {
		mp_check_result_set(r, MP_PATH_PENDING, "tur: no SCSI transport");
		return;
	}
	for (int attempt = 0; attempt < TUR_TRIES; attempt++) {
		static const uint8_t cdb[6] = {0}; /* TEST UNIT READY */
		struct mp_scsi_io io = {.cdb = cdb, .cdb_len = sizeof(cdb), .timeout_ms = timeout_ms};
		int ret = env->scsi->execute(env->scsi_data, dev, &io);

		mp_check_tur_decode(ret, &io, r);
		if (!(r->state == MP_PATH_PENDING && strstr(r->message, "unit attention")))
			return;
	}
	mp_check_result_set(r, MP_PATH_DOWN, "tur: unit attention persists");
}

const struct mp_checker mp_checker_tur = {.name = "tur", .run = tur_run};
