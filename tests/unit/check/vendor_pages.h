/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test helper: vendor VPD pages built from their layouts, shared by the check and policy tests. */
#ifndef MPATH_TEST_VENDOR_PAGES_H
#define MPATH_TEST_VENDOR_PAGES_H

#include <stdint.h>
#include <string.h>

/* RDAC VPD 0xC9: 48 bytes, page length 0x2c, id "vace", byte 8 (AVT/CVP...) and byte 9 (path priority). */
static inline void vp_rdac_c9(uint8_t p[48], uint8_t avtcvp, uint8_t ppp)
{
	memset(p, 0, 48);
	p[1] = 0xc9;
	p[3] = 0x2c;
	memcpy(p + 4, "vace", 4);
	p[8] = avtcvp;
	p[9] = ppp;
}

/* EMC VPD 0xC0 of an initiator set up for failover mode 1 with arraycommpath; WWN 60..6f. */
static inline void vp_emc_c0(uint8_t p[128], uint8_t lun_state, uint8_t def_sp, uint8_t cur_sp)
{
	memset(p, 0, 128);
	p[1] = 0xc0;
	p[3] = 124;
	p[4] = lun_state;
	p[5] = def_sp;
	p[8] = cur_sp;
	for (int i = 0; i < 16; i++)
		p[10 + i] = (uint8_t)(0x60 + i);
	p[27] = 0x03;
	p[28] = 0x04;
	p[30] = 0x04;
}

#endif
