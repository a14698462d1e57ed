/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cciss_tur: multipath-tools' checker for HP Smart Array logical drives of
 * the old cciss block driver (/dev/cciss/cXdY), which sent TEST UNIT READY
 * through the driver's own CCISS_PASSTHRU ioctl. Linux removed the cciss
 * driver in 4.14; the same controllers are run by hpsa, whose logical
 * drives are ordinary SCSI disks (sdX) that answer TEST UNIT READY over
 * SG_IO. So on the kernels mpath supports a cciss_tur path is an sd path,
 * and the check is a plain TUR, reported under the checker's own name.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check/vendor_int.h"

void mp_check_cciss_tur(const struct mp_check_answer *tur, struct mp_check_verdict *v)
{
	char why[96];

	if (tur->ret == 0) {
		vc_set(v, MP_PATH_UP, "cciss_tur: ready");
		return;
	}
	if (tur->ret == -EREMOTEIO) {
		int alua = mp_sense_alua_state(&tur->sense);

		if (alua == MP_ALUA_STANDBY) {
			vc_set(v, MP_PATH_GHOST, "cciss_tur: target port in standby state");
			return;
		}
		if (alua == MP_ALUA_TRANSITIONING || tur->sense.key == MP_SK_UNIT_ATTENTION) {
			mp_sense_format(&tur->sense, why, sizeof(why));
			vc_set(v, MP_PATH_PENDING, "cciss_tur: %s", why);
			return;
		}
	}
	vc_describe(tur, why, sizeof(why));
	vc_set(v, MP_PATH_DOWN, "cciss_tur: %s", why);
}
