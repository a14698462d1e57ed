/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * emc_clariion: EMC CLARiiON / VNX in failover mode 1 (PNR) or 4 (ALUA).
 * VPD 0xC0 says whether the initiator record is set up for failover, whether
 * the LUN is bound, and which SP owns it. A LUN whose WWN changes under a
 * path means the path now leads elsewhere: down. An inactive snapshot LUN
 * answers INQUIRY but fails READ with 05/25/01 on the owning SP (passive
 * SPs answer 02/04/03), so the owner is read once per check and the result
 * is shared with the LUN's other paths.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check/vendor_int.h"
#include "discover/scsi_cmd.h"
#include "discover/vendor_vpd.h"

void mp_check_emc_cdb(uint8_t cdb[6])
{
	mp_cdb_inquiry(cdb, true, MP_VPD_EMC_UNIT_PATH, MP_EMC_C0_ALLOC);
}

void mp_check_emc_read_cdb(uint8_t cdb[10], uint16_t blocks)
{
	memset(cdb, 0, 10);
	cdb[0] = 0x28; /* READ(10), LBA 0 */
	cdb[7] = (uint8_t)(blocks >> 8);
	cdb[8] = (uint8_t)blocks;
}

bool mp_check_emc_c0(const struct mp_check_answer *a, struct mp_emc_path_memory *mem,
		     bool lu_inactive_snap, struct mp_check_verdict *v)
{
	struct mp_emc_c0 c;
	char why[96];

	switch (vc_outcome_of(a)) {
	case VC_UNSUPPORTED:
		vc_unsupported(v, "emc_clariion", "VPD page 0xC0");
		return false;
	case VC_FAILED:
		vc_describe(a, why, sizeof(why));
		vc_set(v, MP_PATH_DOWN, "emc_clariion: query failed: %s", why);
		return false;
	case VC_OK:
		break;
	}
	if (!a->data || mp_emc_c0_decode(a->data, a->len, &c) < 0) {
		vc_set(v, MP_PATH_DOWN, "emc_clariion: unit path report page in unknown format");
		return false;
	}
	if (!mp_emc_failover_configured(&c)) {
		vc_set(v, MP_PATH_DOWN,
		       "emc_clariion: path not set up for failover (initiator type %u, mode bits %u, arraycommpath %s)",
		       c.initiator_type, c.failover_mode, c.arraycommpath ? "on" : "off");
		return false;
	}
	if (c.lun_operations != 0) {
		vc_set(v, MP_PATH_SHAKY, "emc_clariion: LUN not available for normal operations (0x%02x)",
		       c.lun_operations);
		return false;
	}
	if (c.lun_state == MP_EMC_LUN_UNBOUND) {
		vc_set(v, MP_PATH_DOWN, "emc_clariion: LUN is unbound or LUNZ");
		return false;
	}
	if (mem->wwn_set && memcmp(mem->wwn, c.wwn, sizeof(c.wwn)) != 0) {
		vc_set(v, MP_PATH_DOWN, "emc_clariion: LUN WWN changed: path leads to another LUN");
		return false;
	}
	if (!mem->wwn_set) {
		memcpy(mem->wwn, c.wwn, sizeof(c.wwn));
		mem->wwn_set = true;
	}
	if (c.lun_state == MP_EMC_LUN_OWNED) {
		vc_set(v, MP_PATH_UP, "emc_clariion: owning SP, read pending");
		return true;
	}
	if (lu_inactive_snap)
		vc_set(v, MP_PATH_DOWN, "emc_clariion: passive path to an inactive snapshot");
	else
		/* Up, not ghost: multipath-tools 0.9.4 reports passive SPs as usable. */
		vc_set(v, MP_PATH_UP, "emc_clariion: passive path, LUN healthy");
	return false;
}

void mp_check_emc_read(const struct mp_check_answer *a, bool *lu_inactive_snap,
		       struct mp_check_verdict *v)
{
	char why[96];

	if (a->ret == 0) {
		*lu_inactive_snap = false;
		vc_set(v, MP_PATH_UP, "emc_clariion: owning SP, read succeeded");
		return;
	}
	if (a->ret == -EREMOTEIO && a->sense.key == MP_SK_ILLEGAL_REQUEST && a->sense.asc == 0x25 &&
	    a->sense.ascq == 0x01) {
		*lu_inactive_snap = true;
		vc_set(v, MP_PATH_DOWN, "emc_clariion: active path to an inactive snapshot");
		return;
	}
	vc_describe(a, why, sizeof(why));
	vc_set(v, MP_PATH_DOWN, "emc_clariion: read error: %s", why);
}
