/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>

#include "discover/vendor_vpd.h"

int mp_rdac_c9_decode(const uint8_t *buf, size_t len, struct mp_rdac_c9 *ret)
{
	struct mp_rdac_c9 c = {0};

	/* Byte 13 is the last one a decision reads. */
	if (len < 14 || buf[1] != MP_VPD_RDAC_VAC)
		return -EINVAL;
	/* Page identifier "vace"; the fourth letter has varied across firmware. */
	if (buf[4] != 'v' || buf[5] != 'a' || buf[6] != 'c')
		return -EINVAL;
	c.page_len = buf[3];
	/* qualifier 1 or any device type bit set: no LUN is connected here */
	c.lun_connected = (buf[0] & 0x7f) == 0;
	c.owner = buf[8] & 0x01;
	c.tpg_data = buf[8] & 0x10;
	c.ioship = buf[8] & 0x20;
	c.avt = buf[8] & 0x80;
	c.path_prio = buf[9] & 0x0f;
	c.aas_cur = buf[10] & 0x0f;
	c.aas_cur_vs = buf[11];
	c.aas_alt = buf[12] & 0x0f;
	c.aas_alt_vs = buf[13];
	*ret = c;
	return 0;
}

const char *mp_rdac_unavailable_reason(uint8_t vs)
{
	switch (vs) {
	case 0x2:
		return "controller not responding to queries";
	case 0x3:
		return "controller held in reset";
	case 0x4:
	case 0x5:
		return "controller firmware downloading";
	case 0x6:
		return "controller quiesced by admin request";
	case 0x7:
		return "controller in service mode";
	default:
		return NULL;
	}
}

int mp_emc_c0_decode(const uint8_t *buf, size_t len, struct mp_emc_c0 *ret)
{
	struct mp_emc_c0 c = {0};

	if (len < 49 || buf[1] != MP_VPD_EMC_UNIT_PATH || buf[9] != 0x00)
		return -EINVAL;
	c.lun_state = buf[4];
	c.default_sp = buf[5];
	c.port = buf[7];
	c.current_sp = buf[8];
	memcpy(c.wwn, buf + 10, sizeof(c.wwn));
	c.initiator_type = buf[27];
	c.failover_mode = buf[28] & 0x07;
	c.arraycommpath = buf[30] & 0x04;
	c.lun_operations = buf[48];
	*ret = c;
	return 0;
}

bool mp_emc_failover_configured(const struct mp_emc_c0 *c0)
{
	return c0->initiator_type == 0x03 && (c0->failover_mode == 0x4 || c0->failover_mode == 0x6) &&
	       c0->arraycommpath;
}

void mp_cdb_netapp_gva(uint8_t cdb[MP_CDB10_LEN], uint8_t page, uint8_t alloc_len)
{
	/* Opcode 0xC0, then the NetApp signature 01 0a 98 0a, the page and the length. */
	static const uint8_t head[6] = {0xc0, 0x00, 0x01, 0x0a, 0x98, 0x0a};

	memcpy(cdb, head, sizeof(head));
	cdb[6] = page;
	cdb[7] = alloc_len;
	cdb[8] = 0;
	cdb[9] = 0;
}

static bool text_at(const uint8_t *buf, size_t len, size_t off, const char *s)
{
	size_t n = strlen(s);

	return off + n <= len && memcmp(buf + off, s, n) == 0;
}

int mp_netapp_gva41_decode(const uint8_t *buf, size_t len, enum mp_netapp_initiator *ret)
{
	uint32_t total;

	if (len < 8 || buf[4] != 0x0a || buf[5] != 0x98 || buf[6] != 0x0a || buf[7] != 0x01)
		return -EINVAL;
	total = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
	*ret = MP_NETAPP_INITIATOR_OTHER;
	/* A page with no attributes, or another page, says nothing about iSCSI. */
	if (total <= 8 || len < 9 || buf[8] != 0x41)
		return 0;
	if (text_at(buf, len, 12, "ism_sw") || text_at(buf, len, 12, "iswt"))
		*ret = MP_NETAPP_INITIATOR_ISCSI_SW;
	else if (text_at(buf, len, 12, "ism_sn"))
		*ret = MP_NETAPP_INITIATOR_ISCSI_HBA;
	return 0;
}

int mp_netapp_c1_decode(const uint8_t *buf, size_t len, bool *ret_proxy)
{
	static const uint8_t sig[6] = {0x0a, 0x98, 0x0a, 0x00, 0xc1, 0x00};

	if (len < 20 || buf[1] != MP_VPD_NETAPP_PROXY || memcmp(buf + 8, sig, sizeof(sig)) != 0)
		return -EINVAL;
	*ret_proxy = buf[19] & 0x02;
	return 0;
}

static void copy_text(char *dst, const uint8_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? (char)src[i] : '.';
	dst[n] = '\0';
}

int mp_hds_ident_decode(const uint8_t *buf, size_t len, struct mp_hds_ident *ret)
{
	struct mp_hds_ident h = {0};
	char one[2];

	if (len < 51)
		return -EINVAL;
	copy_text(h.serial, buf + 40, 4);
	copy_text(h.ldev, buf + 44, 4);
	copy_text(one, buf + 49, 1);
	h.ctrl = one[0];
	copy_text(one, buf + 50, 1);
	h.port = one[0];
	*ret = h;
	return 0;
}

int mp_datacore_sds_name(const uint8_t *buf, size_t len, char out[17])
{
	size_t n;

	if (len <= 112)
		return -EINVAL;
	n = len - 112 < 16 ? len - 112 : 16;
	for (size_t i = 0; i < n; i++) {
		if (buf[112 + i] == '\0') {
			n = i;
			break;
		}
	}
	copy_text(out, buf + 112, n);
	return 0;
}
