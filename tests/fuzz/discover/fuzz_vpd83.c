/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VPD 0x83 page bytes -> check, port designators, WWID in both orders. */
#include <stddef.h>
#include <stdint.h>

#include "discover/vpd83.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_wwid_input in = {.vpd83 = data, .vpd83_len = size, .vendor = "V  X",
				   .product = "P", .serial = "S 1"};
	const char *why;
	size_t off;
	char w[256];

	(void)mp_vpd83_check(data, size, &why, &off);
	(void)mp_vpd83_tpg_id(data, size);
	(void)mp_vpd83_rel_port(data, size);
	(void)mp_wwid_derive(MP_WWID_SG3_UDEV, &in, w, sizeof(w));
	(void)mp_wwid_derive(MP_WWID_SCSI_ID, &in, w, sizeof(w));
	(void)mp_wwid_derive(MP_WWID_SG3_UDEV, &in, w, 4);
	return 0;
}
