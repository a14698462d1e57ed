/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Vendor prioritizers: the values on spec-built answers, and the probe shell
 * end to end through the scripted SCSI and NVMe transports.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../check/vendor_pages.h"
#include "../topology/fixture.h"
#include "common/ctx.h"
#include "common/macros.h"
#include "config/keywords.h"
#include "discover/fake_scsi.h"
#include "discover/nvme_ana.h"
#include "policy/prio_vendor.h"

static const uint8_t cdb_c9[] = {0x12, 0x01, 0xc9};
static const uint8_t cdb_c0[] = {0x12, 0x01, 0xc0};
static const uint8_t cdb_c1[] = {0x12, 0x01, 0xc1};
static const uint8_t cdb_std[] = {0x12, 0x00, 0x00};
static const uint8_t cdb_gva[] = {0xc0, 0x00, 0x01, 0x0a, 0x98, 0x0a, 0x41};
static const uint8_t cdb_tur[] = {0x00};
static const uint8_t cdb_read[] = {0x28};
/* Fixed-format sense: NOT READY, 04/02 (initializing command required). */
static const uint8_t sense_0402[18] = {0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x02};
static const uint8_t sense_ua29[18] = {0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x29, 0x00};

static int run_prio(const struct mp_fake_scsi_entry *t, size_t n, const char *name,
		    const char *args, struct mp_path *p, struct mp_prio_result *r)
{
	struct mp_fake_scsi fake = {.entries = t, .n_entries = n};
	struct mp_ctx ctx = {.scsi = &mp_fake_scsi_transport, .scsi_data = &fake};

	assert_int_equal(mp_prio_probe(&ctx, NULL, 0, name, args, p), 0);
	return mp_prio_compute(name, args, p, r);
}

static void rdac_values(void **state)
{
	struct mp_path p = fx_path("sda", 8, 0, 1, "3600a0b8", MP_ALUA_UNKNOWN);
	struct mp_prio_result r;
	uint8_t page[48];
	struct mp_fake_scsi_entry t[] = {{.cdb = cdb_c9, .cdb_len = 3, .data = page, .data_len = 48}};
	struct {
		uint8_t avtcvp, ppp;
		int want;
	} cases[] = {
		{0x01, 0x01, 6}, /* owner, preferred */
		{0x00, 0x01, 4}, /* preferred, owned by the other controller */
		{0x01, 0x02, 3}, /* owner, secondary */
		{0x00, 0x02, 1},
		{0x20, 0x02, 9}, /* IOSHIP */
		{0x00, 0x00, 0},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		vp_rdac_c9(page, cases[i].avtcvp, cases[i].ppp);
		assert_int_equal(run_prio(t, 1, "rdac", NULL, &p, &r), 0);
		assert_int_equal(r.prio, cases[i].want);
	}
	page[3] = 0x30; /* 0.9.4 refuses other page lengths */
	assert_int_equal(run_prio(t, 1, "rdac", NULL, &p, &r), -EINVAL);
	assert_non_null(strstr(r.reason, "length"));
	/* a device without the page (scsi_debug, LIO): an error, never a silent 0 */
	assert_true(run_prio(NULL, 0, "rdac", NULL, &p, &r) < 0);
	assert_non_null(strstr(r.reason, "VPD 0xC9"));
}

static void emc_values(void **state)
{
	struct mp_path p = fx_path("sdb", 8, 16, 1, "36006016", MP_ALUA_UNKNOWN);
	struct mp_prio_result r;
	uint8_t page[128];
	struct mp_fake_scsi_entry t[] = {{.cdb = cdb_c0, .cdb_len = 3, .data = page, .data_len = 128}};

	(void)state;
	vp_emc_c0(page, 2, 1, 1);
	assert_int_equal(run_prio(t, 1, "emc", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 4); /* owned by its default SP */
	vp_emc_c0(page, 1, 1, 1);
	assert_int_equal(run_prio(t, 1, "emc", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 3); /* default SP, trespassed away */
	vp_emc_c0(page, 2, 0, 1);
	assert_int_equal(run_prio(t, 1, "emc", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 2);
	vp_emc_c0(page, 1, 0, 1);
	assert_int_equal(run_prio(t, 1, "emc", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 1);
	vp_emc_c0(page, 2, 1, 1);
	page[30] = 0; /* arraycommpath off */
	assert_int_equal(run_prio(t, 1, "emc", NULL, &p, &r), -EINVAL);
}

static void hds_values(void **state)
{
	struct mp_path p = fx_path("sdc", 8, 32, 1, "360060e8", MP_ALUA_UNKNOWN);
	struct mp_prio_result r;
	uint8_t inq[96];
	struct mp_fake_scsi_entry t[] = {{.cdb = cdb_std, .cdb_len = 3, .data = inq, .data_len = 96}};
	struct {
		const char *ldev;
		char ctrl;
		int want;
	} cases[] = {{"00C6", '0', 1}, {"00C6", '1', 0}, {"00C7", '1', 1}, {"00C7", '2', 0}};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(inq, ' ', sizeof(inq));
		memcpy(inq + 8, "HITACHI DF600F          ", 24);
		memcpy(inq + 40, "0105", 4);
		memcpy(inq + 44, cases[i].ldev, 4);
		inq[49] = (uint8_t)cases[i].ctrl;
		inq[50] = 'B';
		assert_int_equal(run_prio(t, 1, "hds", NULL, &p, &r), 0);
		assert_int_equal(r.prio, cases[i].want);
	}
	inq[49] = 'X';
	assert_int_equal(run_prio(t, 1, "hds", NULL, &p, &r), -EINVAL);
}

static void ontap_values(void **state)
{
	struct mp_path p = fx_path("sdd", 8, 48, 1, "360a98000", MP_ALUA_UNKNOWN);
	struct mp_prio_result r;
	uint8_t gva[64] = {0, 0, 0, 20, 0x0a, 0x98, 0x0a, 0x01, 0x41};
	uint8_t c1[32] = {0, 0xc1, 0, 28, 0, 0, 0, 0, 0x0a, 0x98, 0x0a, 0x00, 0xc1, 0x00};
	struct mp_fake_scsi_entry t[] = {
		{.cdb = cdb_gva, .cdb_len = sizeof(cdb_gva), .data = gva, .data_len = sizeof(gva)},
		{.cdb = cdb_c1, .cdb_len = 3, .data = c1, .data_len = sizeof(c1)},
	};

	(void)state;
	memcpy(gva + 12, "ism_sw", 6);
	assert_int_equal(run_prio(t, 2, "ontap", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 2);
	memcpy(gva + 12, "ism_sn", 6);
	assert_int_equal(run_prio(t, 2, "ontap", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 3);
	memcpy(gva + 12, "fcp   ", 6);
	assert_int_equal(run_prio(t, 2, "ontap", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 4);
	c1[19] = 0x02; /* proxy path */
	assert_int_equal(run_prio(t, 2, "ontap", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 1);
	/* GVA rejected: 0 as in 0.9.4, but as an error with a reason, not a silent 0 */
	assert_true(run_prio(t + 1, 1, "ontap", NULL, &p, &r) < 0);
	assert_int_equal(r.prio, 0);
	assert_non_null(strstr(r.reason, "GVA"));
}

static void hp_sw_values(void **state)
{
	struct mp_path p = fx_path("sde", 8, 64, 1, "3600508b4", MP_ALUA_UNKNOWN);
	struct mp_prio_result r;
	struct mp_fake_scsi_entry good[] = {{.cdb = cdb_tur, .cdb_len = 1}};
	struct mp_fake_scsi_entry standby[] = {{.cdb = cdb_tur, .cdb_len = 1, .status = 0x02,
						.sense = sense_0402, .sense_len = 18}};
	struct mp_fake_scsi_entry reset[] = {{.cdb = cdb_tur, .cdb_len = 1, .status = 0x02,
					      .sense = sense_ua29, .sense_len = 18}};
	struct mp_fake_scsi_entry dead[] = {{.cdb = cdb_tur, .cdb_len = 1, .error = -ENOLINK}};

	(void)state;
	assert_int_equal(run_prio(good, 1, "hp_sw", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 4);
	assert_int_equal(run_prio(standby, 1, "hp_sw", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 2);
	assert_int_equal(run_prio(reset, 1, "hp_sw", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 0);
	assert_int_equal(run_prio(dead, 1, "hp_sw", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 0);
}

static void datacore_values(void **state)
{
	struct mp_path p = fx_path("sdf", 8, 80, 1, "360030d9", MP_ALUA_UNKNOWN);
	struct mp_prio_result r;
	uint8_t inq[255] = {0};
	struct mp_fake_scsi_entry t[] = {{.cdb = cdb_std, .cdb_len = 3, .data = inq, .data_len = 255}};
	struct mp_datacore_args a;

	(void)state;
	memcpy(inq + 112, "SDS-EAST-01", 11);
	assert_int_equal(run_prio(t, 1, "datacore", "preferredsds=EAST", &p, &r), 0);
	assert_int_equal(r.prio, 1);
	assert_int_equal(run_prio(t, 1, "datacore", "timeout=1000 preferredsds=WEST", &p, &r), 0);
	assert_int_equal(r.prio, 0);
	assert_int_equal(mp_datacore_args_parse("preferredsds=EAST timeout=750", &a), 0);
	assert_int_equal(a.timeout_ms, 750);
	assert_int_equal(mp_datacore_args_parse("preferredsds=E", &a), -EINVAL);
	assert_int_equal(mp_datacore_args_parse(NULL, &a), -EINVAL);
	assert_true(run_prio(t, 1, "datacore", NULL, &p, &r) < 0);
	assert_non_null(strstr(r.reason, "preferredsds"));
}

static void iet_values(void **state)
{
	char dir[] = "/tmp/mpath-iet.XXXXXX", file[64];
	struct mp_path p = fx_path("sdg", 8, 96, 1, "3iet", MP_ALUA_UNKNOWN);
	struct mp_fake_scsi fake = {0};
	struct mp_ctx ctx = {.scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	struct mp_prio_result r;
	FILE *f;
	int v;
	char why[128];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/b8:96", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("I:1000\nE:ID_PATH=ip-192.168.10.5:3260-iscsi-iqn.2001-04.com.example:t1-lun-0\n", f);
	fclose(f);
	assert_int_equal(mp_prio_probe(&ctx, dir, 0, "iet", "preferredip=192.168.10.5", &p), 0);
	assert_int_equal(mp_prio_compute("iet", "preferredip=192.168.10.5", &p, &r), 0);
	assert_int_equal(r.prio, 20);
	assert_int_equal(mp_prio_probe(&ctx, dir, 0, "iet", "preferredip=192.168.20.5", &p), 0);
	assert_int_equal(mp_prio_compute("iet", "preferredip=192.168.20.5", &p, &r), 0);
	assert_int_equal(r.prio, 10);
	/* the stored answer is for those args only */
	assert_int_equal(mp_prio_compute("iet", "preferredip=192.168.10.5", &p, &r), -ENODATA);
	unlink(file);
	rmdir(dir);
	assert_int_equal(mp_prio_iet_value("preferredip=1.2.3", "ip-1.2.3.4:3260", &v, why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(mp_prio_iet_value("preferredip=10.0.0.1", NULL, &v, why, sizeof(why)), -ENODATA);
	assert_int_equal(mp_prio_iet_value("preferredip=10.0.0.1", "pci-0000:00:1f.2-ata-1", &v, why,
					   sizeof(why)),
			 0);
	assert_int_equal(v, 10);
}

static void path_latency_values(void **state)
{
	struct mp_path_latency_args a;
	double lat[20];
	struct mp_path p = fx_path("sdh", 8, 112, 1, "3pl", MP_ALUA_UNKNOWN);
	struct mp_prio_result r;
	struct mp_fake_scsi_entry t[] = {{.cdb = cdb_read, .cdb_len = 1}};
	struct mp_fake_scsi_entry dead[] = {{.cdb = cdb_read, .cdb_len = 1, .error = -EIO}};

	(void)state;
	assert_int_equal(mp_path_latency_args_parse("io_num=20 base_num=10", &a), 0);
	assert_int_equal(a.io_num, 20);
	assert_true(fabs(a.base_num - 10) < 1e-9);
	assert_int_equal(mp_path_latency_args_parse("io_num=5 base_num=10", &a), -EINVAL);
	assert_int_equal(a.io_num, 100); /* defaults */
	assert_int_equal(mp_path_latency_args_parse("base_num=11 io_num=20", &a), -EINVAL);
	assert_int_equal(mp_path_latency_args_parse("io_num=20", &a), -EINVAL);
	/* base 10: log10(1e8) = 8 steps; 1 ms average is 3 steps down -> 5 */
	for (size_t i = 0; i < 20; i++)
		lat[i] = 1000;
	assert_int_equal(mp_prio_path_latency_value(lat, 20, 10), 5);
	for (size_t i = 0; i < 20; i++)
		lat[i] = 0.5; /* under the 1 us floor */
	assert_int_equal(mp_prio_path_latency_value(lat, 20, 10), 8);
	for (size_t i = 0; i < 20; i++)
		lat[i] = 2e8; /* over the 100 s ceiling */
	assert_int_equal(mp_prio_path_latency_value(lat, 20, 10), 0);
	/* through the probe: the fake answers at once, a failing read is an error */
	assert_int_equal(run_prio(t, 1, "path_latency", "io_num=20 base_num=10", &p, &r), 0);
	assert_true(r.prio >= 0 && r.prio <= 8);
	assert_true(run_prio(dead, 1, "path_latency", "io_num=20 base_num=10", &p, &r) < 0);
}

/* Identify controller with ANA, one group, that group optimized or not. */
static void ana_values(void **state)
{
	_cleanup_free_ uint8_t *idc = calloc(1, 4096), *idns = calloc(1, 4096);
	uint8_t log[16 + 32 + 4] = {0};
	struct mp_fake_nvme fake = {.id_ctrl = idc, .id_ctrl_len = 4096, .id_ns = idns,
				    .id_ns_len = 4096, .ana_log = log, .ana_log_len = sizeof(log)};
	struct mp_path p = fx_path("nvme0n1", 259, 0, 0, "eui.1", MP_ALUA_UNKNOWN);
	struct mp_ctx ctx = {.nvme = &mp_fake_nvme_transport, .nvme_data = &fake}, none = {0};
	struct mp_prio_result r;

	(void)state;
	p.lun = 1;
	idc[76] = 0x08;  /* ANA reporting */
	idc[348] = 1;    /* one group */
	idc[540] = 1;    /* MNAN 1 */
	log[8] = 1;      /* one descriptor */
	log[16] = 7;     /* group 7 */
	log[20] = 1;     /* one NSID */
	log[32] = 0x02;  /* non-optimized */
	log[48] = 1;     /* NSID 1 */
	assert_int_equal(mp_prio_probe(&ctx, NULL, 0, "ana", NULL, &p), 0);
	assert_int_equal(mp_prio_compute("ana", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 10);
	/* no NSID lists (RGO) when group ids are fixed: found by ANAGRPID */
	idc[343] = 0x40;
	idns[92] = 7;
	log[20] = 0;
	log[32] = 0x01;
	assert_int_equal(mp_prio_probe(&ctx, NULL, 0, "ana", NULL, &p), 0);
	assert_int_equal(mp_prio_compute("ana", NULL, &p, &r), 0);
	assert_int_equal(r.prio, 50);
	assert_int_equal(fake.last_cdw10 & 0xff, 0x0c);
	assert_true(fake.last_cdw10 & 0x100);
	idc[76] = 0; /* no ANA: an error with a reason */
	assert_int_equal(mp_prio_probe(&ctx, NULL, 0, "ana", NULL, &p), 0);
	assert_int_equal(mp_prio_compute("ana", NULL, &p, &r), -EOPNOTSUPP);
	assert_non_null(strstr(r.reason, "ANA"));
	assert_int_equal(mp_prio_probe(&none, NULL, 0, "ana", NULL, &p), 0);
	assert_true(mp_prio_compute("ana", NULL, &p, &r) < 0);
}

/* Every name multipath.conf may give "prio" is one mp_prio_compute() knows,
 * so no configured prioritizer silently gives 0; anything else is refused. */
static void config_words_all_known(void **state)
{
	const struct mp_keyword *kw = mp_keyword_find("prio");
	struct mp_path p = fx_path("sda", 8, 0, 1, "3x", MP_ALUA_ACTIVE_OPTIMIZED);
	struct mp_prio_result r;

	(void)state;
	assert_non_null(kw);
	assert_non_null(kw->words);
	for (size_t i = 0; kw->words[i]; i++) {
		if (!mp_prio_known(kw->words[i]))
			fail_msg("config accepts prio \"%s\", which mpath does not implement", kw->words[i]);
	}
	assert_false(mp_prio_known("nonesuch"));
	assert_int_equal(mp_prio_compute("nonesuch", NULL, &p, &r), -ENOTSUP);
	assert_non_null(strstr(r.reason, "unknown prioritizer"));
	/* a probing prioritizer whose device was never asked is an error, not 0 */
	assert_int_equal(mp_prio_compute("emc", NULL, &p, &r), -ENODATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rdac_values),     cmocka_unit_test(emc_values),
		cmocka_unit_test(hds_values),      cmocka_unit_test(ontap_values),
		cmocka_unit_test(hp_sw_values),    cmocka_unit_test(datacore_values),
		cmocka_unit_test(iet_values),      cmocka_unit_test(path_latency_values),
		cmocka_unit_test(ana_values),      cmocka_unit_test(config_words_all_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
