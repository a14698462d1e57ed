/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Vendor page decoders and the NVMe ANA decoders on spec-built bytes, short and damaged ones. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "discover/nvme_ana.h"
#include "discover/vendor_vpd.h"

static void rdac_c9(void **state)
{
	uint8_t p[48] = {0, 0xc9, 0, 0x2c, 'v', 'a', 'c', 'e', 0xb1, 0x01, 0x0f, 0x00, 0x03, 0x06};
	struct mp_rdac_c9 c;

	(void)state;
	assert_int_equal(mp_rdac_c9_decode(p, sizeof(p), &c), 0);
	assert_true(c.owner && c.tpg_data && c.ioship && c.avt && c.lun_connected);
	assert_int_equal(c.path_prio, MP_RDAC_PATH_PREFERRED);
	assert_int_equal(c.aas_cur, 0x0f);
	assert_int_equal(c.aas_alt, 0x03);
	assert_int_equal(c.aas_alt_vs, 0x06);
	assert_int_equal(c.page_len, 0x2c);
	assert_int_equal(mp_rdac_c9_decode(p, 13, &c), -EINVAL);
	assert_int_equal(mp_rdac_c9_decode(p, 0, &c), -EINVAL);
	p[5] = 'x';
	assert_int_equal(mp_rdac_c9_decode(p, sizeof(p), &c), -EINVAL);
	p[5] = 'a';
	p[0] = 0x7f; /* no device type: not connected */
	assert_int_equal(mp_rdac_c9_decode(p, sizeof(p), &c), 0);
	assert_false(c.lun_connected);
	assert_string_equal(mp_rdac_unavailable_reason(0x6), "controller quiesced by admin request");
	assert_null(mp_rdac_unavailable_reason(0x1));
}

static void emc_c0(void **state)
{
	uint8_t p[128] = {0};
	struct mp_emc_c0 c;

	(void)state;
	p[1] = 0xc0;
	p[4] = 2;
	p[5] = 1;
	p[7] = 3;
	p[8] = 1;
	p[10] = 0x60;
	p[25] = 0x6f;
	p[27] = 3;
	p[28] = 0xf6; /* only bits 2:0 count: mode 4 */
	p[30] = 0x04;
	assert_int_equal(mp_emc_c0_decode(p, sizeof(p), &c), 0);
	assert_int_equal(c.lun_state, MP_EMC_LUN_OWNED);
	assert_int_equal(c.port, 3);
	assert_int_equal(c.wwn[0], 0x60);
	assert_int_equal(c.wwn[15], 0x6f);
	assert_true(mp_emc_failover_configured(&c));
	p[27] = 1;
	assert_int_equal(mp_emc_c0_decode(p, sizeof(p), &c), 0);
	assert_false(mp_emc_failover_configured(&c));
	assert_int_equal(mp_emc_c0_decode(p, 48, &c), -EINVAL);
	p[9] = 1;
	assert_int_equal(mp_emc_c0_decode(p, sizeof(p), &c), -EINVAL);
}

static void netapp(void **state)
{
	uint8_t cdb[MP_CDB10_LEN];
	uint8_t g[32] = {0, 0, 0, 24, 0x0a, 0x98, 0x0a, 0x01, 0x41, 0, 0, 0, 'i', 's', 'w', 't'};
	uint8_t c1[20] = {0, 0xc1, 0, 16, 0, 0, 0, 0, 0x0a, 0x98, 0x0a, 0, 0xc1, 0, 0, 0, 0, 0, 0, 0x02};
	enum mp_netapp_initiator ini;
	bool proxy;

	(void)state;
	mp_cdb_netapp_gva(cdb, 0x41, 128);
	assert_memory_equal(cdb, ((uint8_t[]){0xc0, 0, 0x01, 0x0a, 0x98, 0x0a, 0x41, 128, 0, 0}), 10);
	assert_int_equal(mp_netapp_gva41_decode(g, sizeof(g), &ini), 0);
	assert_int_equal(ini, MP_NETAPP_INITIATOR_ISCSI_SW);
	/* the text must be inside what the device returned */
	assert_int_equal(mp_netapp_gva41_decode(g, 14, &ini), 0);
	assert_int_equal(ini, MP_NETAPP_INITIATOR_OTHER);
	g[3] = 8; /* no attributes */
	assert_int_equal(mp_netapp_gva41_decode(g, sizeof(g), &ini), 0);
	assert_int_equal(ini, MP_NETAPP_INITIATOR_OTHER);
	g[7] = 0x02;
	assert_int_equal(mp_netapp_gva41_decode(g, sizeof(g), &ini), -EINVAL);
	assert_int_equal(mp_netapp_c1_decode(c1, sizeof(c1), &proxy), 0);
	assert_true(proxy);
	assert_int_equal(mp_netapp_c1_decode(c1, 19, &proxy), -EINVAL);
	c1[12] = 0;
	assert_int_equal(mp_netapp_c1_decode(c1, sizeof(c1), &proxy), -EINVAL);
}

static void hds_and_datacore(void **state)
{
	uint8_t inq[128];
	struct mp_hds_ident h;
	char name[17];

	(void)state;
	memset(inq, ' ', sizeof(inq));
	memcpy(inq + 40, "0105", 4);
	memcpy(inq + 44, "00C6", 4);
	inq[49] = '1';
	inq[50] = 0x01; /* unprintable */
	assert_int_equal(mp_hds_ident_decode(inq, 51, &h), 0);
	assert_string_equal(h.serial, "0105");
	assert_string_equal(h.ldev, "00C6");
	assert_int_equal(h.ctrl, '1');
	assert_int_equal(h.port, '.');
	assert_int_equal(mp_hds_ident_decode(inq, 50, &h), -EINVAL);
	memcpy(inq + 112, "SANSYMPHONY-01\0x", 16);
	assert_int_equal(mp_datacore_sds_name(inq, sizeof(inq), name), 0);
	assert_string_equal(name, "SANSYMPHONY-01");
	assert_int_equal(mp_datacore_sds_name(inq, 116, name), 0);
	assert_string_equal(name, "SANS");
	assert_int_equal(mp_datacore_sds_name(inq, 112, name), -EINVAL);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void ana_log(void **state)
{
	/* two groups: 1 (optimized, NSIDs 1 and 2), 2 (inaccessible, NSID 3) */
	uint8_t log[16 + 32 + 8 + 32 + 4] = {0};
	struct mp_nvme_admin_cmd cmd;
	struct mp_nvme_ctrl_ana c = {.nanagrpid = 2, .mnan = 3};
	uint32_t size;
	int st;

	(void)state;
	log[8] = 2;
	put32(log + 16, 1);
	put32(log + 20, 2);
	log[32] = MP_ANA_OPTIMIZED;
	put32(log + 48, 1);
	put32(log + 52, 2);
	put32(log + 56, 2);
	put32(log + 60, 1);
	log[72] = MP_ANA_INACCESSIBLE;
	put32(log + 88, 3);
	assert_int_equal(mp_nvme_ana_log_state(log, sizeof(log), 2, 0, &st), 0);
	assert_int_equal(st, MP_ANA_OPTIMIZED);
	assert_int_equal(mp_nvme_ana_log_state(log, sizeof(log), 3, 0, &st), 0);
	assert_int_equal(st, MP_ANA_INACCESSIBLE);
	assert_int_equal(mp_nvme_ana_log_state(log, sizeof(log), 9, 0, &st), -ENOENT);
	assert_int_equal(mp_nvme_ana_log_state(log, sizeof(log), 9, 2, &st), 0);
	assert_int_equal(st, MP_ANA_INACCESSIBLE);
	/* the second group's NSID list cut short */
	assert_int_equal(mp_nvme_ana_log_state(log, sizeof(log) - 1, 3, 0, &st), -EINVAL);
	/* a count of NSIDs that would run off the end */
	put32(log + 20, 0x40000000);
	assert_int_equal(mp_nvme_ana_log_state(log, sizeof(log), 1, 0, &st), -EINVAL);
	assert_int_equal(mp_nvme_ana_log_state(log, 15, 1, 0, &st), -EINVAL);
	assert_int_equal(mp_nvme_ana_log_size(&c, &size), 0);
	assert_int_equal(size, 16 + 2 * 32 + 3 * 4);
	c.grpid_fixed = true;
	assert_int_equal(mp_nvme_ana_log_size(&c, &size), 0);
	assert_int_equal(size, 16 + 2 * 32);
	c.nanagrpid = 0xffffffff; /* a controller claiming absurd counts is refused */
	assert_int_equal(mp_nvme_ana_log_size(&c, &size), -E2BIG);
	mp_nvme_cmd_ana_log(&cmd, log, 4096, true);
	assert_int_equal(cmd.opcode, MP_NVME_ADMIN_GET_LOG_PAGE);
	assert_int_equal(cmd.cdw10, 0x0c | 0x100 | 0x8000 | (1023u << 16));
	assert_int_equal(cmd.cdw11, 0);
	assert_string_equal(mp_ana_state_name(MP_ANA_CHANGE), "change");
	assert_string_equal(mp_ana_state_name(7), "invalid");
}

static void nvme_identify(void **state)
{
	uint8_t *id = calloc(1, MP_NVME_ID_LEN);
	struct mp_nvme_ctrl_ana c;
	struct mp_fake_nvme fake = {.error = -ENOTTY};
	uint32_t g;
	int st;

	(void)state;
	assert_non_null(id);
	id[76] = 0x08;
	id[343] = 0x40;
	put32(id + 348, 4);
	put32(id + 540, 1024);
	put32(id + 92, 7);
	assert_int_equal(mp_nvme_ctrl_ana_decode(id, MP_NVME_ID_LEN, &c), 0);
	assert_true(c.supported && c.grpid_fixed);
	assert_int_equal(c.nanagrpid, 4);
	assert_int_equal(c.mnan, 1024);
	assert_int_equal(mp_nvme_ctrl_ana_decode(id, 543, &c), -EINVAL);
	assert_int_equal(mp_nvme_ns_anagrpid(id, 96, &g), 0);
	assert_int_equal(g, 7);
	assert_int_equal(mp_nvme_ns_anagrpid(id, 95, &g), -EINVAL);
	/* a device that is not NVMe */
	assert_int_equal(mp_nvme_ana_query(&mp_fake_nvme_transport, &fake, "sda", 1, &st), -ENOTTY);
	assert_int_equal(mp_nvme_ana_query(NULL, NULL, "sda", 1, &st), -EOPNOTSUPP);
	/* a controller that fails Identify */
	fake = (struct mp_fake_nvme){.id_ctrl = id, .id_ctrl_len = MP_NVME_ID_LEN, .status = 0x2};
	assert_int_equal(mp_nvme_ana_query(&mp_fake_nvme_transport, &fake, "nvme0n1", 1, &st), -EIO);
	free(id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rdac_c9),          cmocka_unit_test(emc_c0),
		cmocka_unit_test(netapp),           cmocka_unit_test(hds_and_datacore),
		cmocka_unit_test(ana_log),          cmocka_unit_test(nvme_identify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
