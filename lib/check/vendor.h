/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Vendor path checkers, pure part: which command to send, and what the
 * answer says about the path. The asynchronous shell (start -> one
 * completion by a deadline) runs the commands through lib/discover's SCSI
 * transport and hands the answers to these functions, so every decision is
 * testable with literal bytes.
 *
 *   rdac          INQUIRY VPD 0xC9: owner or I/O shipping -> up, else ghost;
 *                 unavailable / booting controller -> down
 *   emc_clariion  INQUIRY VPD 0xC0: failover set-up, LUN bound, WWN stable;
 *                 the owning SP's path is then read once to catch inactive
 *                 snapshots (05/25/01), passive paths are up (as in 0.9.4)
 *   hp_sw         INQUIRY VPD 0x80 then TEST UNIT READY: the TUR failing on
 *                 a path that answers INQUIRY is the standby controller
 *                 (02/04/02 "initializing command required") -> ghost
 *   cciss_tur     TEST UNIT READY over SG_IO (see cciss_tur.c for why)
 *
 * A device that rejects the vendor page (ILLEGAL REQUEST) is not that array:
 * the verdict is MP_PATH_UNCHECKED with unsupported set, which callers must
 * not read as a failure: multipathd 0.9.4 keeps such a path's state and
 * shows it as "undef".
 */
#ifndef MPATH_CHECK_VENDOR_H
#define MPATH_CHECK_VENDOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discover/sense.h"
#include "model.h"

#define MP_CHECK_MSG_MAX 128

struct mp_check_verdict {
	enum mp_path_state state;
	bool unsupported; /* the device does not implement what this checker asks */
	char message[MP_CHECK_MSG_MAX];
};

/* One command's outcome as mp_scsi_execute() reports it. */
struct mp_check_answer {
	int ret;               /* 0, -EREMOTEIO (sense holds why), other -errno */
	struct mp_sense sense; /* valid when ret == -EREMOTEIO */
	const uint8_t *data;   /* data-in bytes, NULL for none */
	size_t len;
};

/* Whether @a is a UNIT ATTENTION: news about the device, worth one more try. */
bool mp_check_is_unit_attention(const struct mp_check_answer *a);

/* ---- rdac ---- */
void mp_check_rdac_cdb(uint8_t cdb[6]);
void mp_check_rdac(const struct mp_check_answer *a, struct mp_check_verdict *v);

/* ---- emc_clariion ---- */

/* What the checker remembers of one path between checks. */
struct mp_emc_path_memory {
	uint8_t wwn[16];
	bool wwn_set;
};

void mp_check_emc_cdb(uint8_t cdb[6]);
/* READ(10) of @blocks blocks at LBA 0, for the owning path's snapshot test. */
void mp_check_emc_read_cdb(uint8_t cdb[10], uint16_t blocks);

/*
 * mp_check_emc_c0() - judge the VPD 0xC0 answer.
 * @mem: this path's memory (the WWN seen first), updated
 * @lu_inactive_snap: the LUN's shared flag (one per map), read
 * Return: true when the path owns the LUN and must be read next (the verdict
 * is then provisional: call mp_check_emc_read()); false when *v is final.
 */
bool mp_check_emc_c0(const struct mp_check_answer *a, struct mp_emc_path_memory *mem,
		     bool lu_inactive_snap, struct mp_check_verdict *v);
/* The owning path's READ: sets or clears *lu_inactive_snap. */
void mp_check_emc_read(const struct mp_check_answer *a, bool *lu_inactive_snap,
		       struct mp_check_verdict *v);

/* ---- hp_sw ---- */
void mp_check_hp_sw_inquiry_cdb(uint8_t cdb[6]);
/* @tur may be NULL when the INQUIRY already failed. */
void mp_check_hp_sw(const struct mp_check_answer *inq, const struct mp_check_answer *tur,
		    struct mp_check_verdict *v);

/* ---- cciss_tur ---- */
void mp_check_cciss_tur(const struct mp_check_answer *tur, struct mp_check_verdict *v);

#endif
