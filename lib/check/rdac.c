/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rdac: LSI/Engenio RDAC arrays (NetApp E-Series, IBM DS3/4/5000, Dell MD3,
 * Sun/STK). One controller owns a volume; the other answers but must not
 * carry its I/O unless the array ships I/O between controllers (IOSHIP).
 * Everything comes from the Volume Access Control page, VPD 0xC9.
 */
#include <stdio.h>

#include "check/vendor_int.h"
#include "discover/scsi_cmd.h"
#include "discover/vendor_vpd.h"

enum { AAS_UNAVAILABLE = 0x3, AAS_TRANSITIONING = 0xf };

void mp_check_rdac_cdb(uint8_t cdb[6])
{
	mp_cdb_inquiry(cdb, true, MP_VPD_RDAC_VAC, MP_RDAC_C9_ALLOC);
}

/* Down with the most specific reason the page gives. */
static bool down_by_tpg(const struct mp_rdac_c9 *c, struct mp_check_verdict *v)
{
	const char *why;

	/* Port-group states are only meaningful with TPGDE set. */
	if (!c->tpg_data)
		return false;
	if (c->aas_cur == AAS_UNAVAILABLE) {
		why = mp_rdac_unavailable_reason(c->aas_cur_vs);
		vc_set(v, MP_PATH_DOWN, "rdac: %s", why ? why : "controller unavailable");
		return true;
	}
	/* Both transitioning is a failover in progress (MODE SELECT/STPG); this
	 * controller alone transitioning is booting and not to be used yet. */
	if (c->aas_cur == AAS_TRANSITIONING && c->aas_alt != AAS_TRANSITIONING) {
		vc_set(v, MP_PATH_DOWN, "rdac: controller is in its startup sequence");
		return true;
	}
	return false;
}

void mp_check_rdac(const struct mp_check_answer *a, struct mp_check_verdict *v)
{
	struct mp_rdac_c9 c;
	char why[96];

	switch (vc_outcome_of(a)) {
	case VC_UNSUPPORTED:
		vc_unsupported(v, "rdac", "VPD page 0xC9");
		return;
	case VC_FAILED:
		vc_describe(a, why, sizeof(why));
		vc_set(v, MP_PATH_DOWN, "rdac: inquiry failed: %s", why);
		return;
	case VC_OK:
		break;
	}
	if (!a->data || mp_rdac_c9_decode(a->data, a->len, &c) < 0) {
		vc_set(v, MP_PATH_DOWN, "rdac: VPD page 0xC9 in unknown format (%zu bytes)", a->len);
		return;
	}
	if (!c.lun_connected) {
		vc_set(v, MP_PATH_DOWN, "rdac: no LUN connected on this path");
		return;
	}
	if (down_by_tpg(&c, v))
		return;
	if (c.owner)
		vc_set(v, MP_PATH_UP, "rdac: controller owns the volume");
	else if (c.ioship)
		vc_set(v, MP_PATH_UP, "rdac: I/O shipping mode, usable while not owner");
	else
		vc_set(v, MP_PATH_GHOST, "rdac: volume owned by the other controller%s",
		       c.avt ? " (AVT mode)" : "");
}
