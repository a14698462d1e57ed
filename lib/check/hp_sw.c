/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hp_sw: HP/Compaq active/standby arrays (MSA1000, HSG80, EVA in A/P mode).
 * The standby controller answers INQUIRY but fails TEST UNIT READY with
 * NOT READY, 04/02 "initializing command required" until START STOP UNIT
 * makes it active (the kernel's scsi_dh_hp_sw does that on failover). So:
 * INQUIRY (VPD 0x80) failing -> down; then TUR good -> up, failing -> ghost.
 * multipath-tools 0.9.4 calls every TUR failure after a good INQUIRY ghost;
 * we do the same for sense data, but a transport failure of the TUR (the
 * path went away between the two commands) is down.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check/vendor_int.h"
#include "discover/scsi_cmd.h"

void mp_check_hp_sw_inquiry_cdb(uint8_t cdb[6])
{
	mp_cdb_inquiry(cdb, true, MP_VPD_SERIAL, 0xff);
}

void mp_check_hp_sw(const struct mp_check_answer *inq, const struct mp_check_answer *tur,
		    struct mp_check_verdict *v)
{
	char why[96];

	if (vc_outcome_of(inq) != VC_OK) {
		vc_describe(inq, why, sizeof(why));
		vc_set(v, MP_PATH_DOWN, "hp_sw: inquiry failed: %s", why);
		return;
	}
	if (!tur) {
		vc_set(v, MP_PATH_UNCHECKED, "hp_sw: no TEST UNIT READY answer");
		return;
	}
	if (vc_outcome_of(tur) == VC_OK) {
		vc_set(v, MP_PATH_UP, "hp_sw: active controller");
		return;
	}
	if (tur->ret != -EREMOTEIO) {
		vc_set(v, MP_PATH_DOWN, "hp_sw: TEST UNIT READY failed: %s", strerror(-tur->ret));
		return;
	}
	if (tur->sense.key == MP_SK_NOT_READY && tur->sense.asc == 0x04 && tur->sense.ascq == 0x02) {
		vc_set(v, MP_PATH_GHOST, "hp_sw: standby controller (initializing command required)");
		return;
	}
	vc_describe(tur, why, sizeof(why));
	vc_set(v, MP_PATH_GHOST, "hp_sw: answers INQUIRY, not TEST UNIT READY: %s", why);
}
