/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Device answers: RTPG, standard INQUIRY, VPD 0x00/0x80 and sense data. */
#include <stddef.h>
#include <stdint.h>

#include "discover/rtpg.h"
#include "discover/scsi_cmd.h"
#include "discover/sense.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_rtpg *r = NULL;
	struct mp_std_inquiry inq;
	struct mp_sense s;
	size_t needed;
	char buf[256];

	if (mp_rtpg_decode(data, size, &r, &needed) == 0) {
		for (size_t i = 0; i < r->n_groups; i++)
			for (size_t j = 0; j < r->groups[i].n_ports; j++)
				(void)mp_rtpg_find_port(r, r->groups[i].rel_ports[j]);
		mp_rtpg_free(r);
	}
	(void)mp_inquiry_decode(data, size, &inq);
	(void)mp_vpd00_has_page(data, size, 0x83);
	(void)mp_vpd80_decode(data, size, buf, sizeof(buf));
	if (mp_sense_decode(data, size, &s) == 0) {
		mp_sense_format(&s, buf, sizeof(buf));
		(void)mp_sense_alua_state(&s);
	}
	return 0;
}
