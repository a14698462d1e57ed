/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CDB builders, INQUIRY/VPD/RTPG decoders, sense decoding, the scripted transport. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "common/ctx.h"
#include "common/macros.h"
#include "discover/fake_scsi.h"
#include "discover/rtpg.h"
#include "discover/scsi_cmd.h"
#include "discover/sense.h"
#include "discover/transport.h"
#include "testlib.h"

static void cdbs(void **state)
{
	uint8_t c6[6], c12[12];
	static const uint8_t inq83[6] = {0x12, 0x01, 0x83, 0x01, 0x00, 0x00};
	static const uint8_t rtpg[12] = {0xa3, 0x2a, 0, 0, 0, 0, 0x00, 0x01, 0x00, 0x00, 0, 0};

	(void)state;
	mp_cdb_inquiry(c6, true, 0x83, 0x100);
	assert_memory_equal(c6, inq83, 6);
	mp_cdb_inquiry(c6, false, 0x83, 96);
	assert_int_equal(c6[1], 0);
	assert_int_equal(c6[2], 0);
	assert_int_equal(c6[4], 96);
	mp_cdb_test_unit_ready(c6);
	assert_int_equal(c6[0], 0);
	mp_cdb_rtpg(c12, 0x10000, true);
	assert_memory_equal(c12, rtpg, 12);
	mp_cdb_rtpg(c12, 0x10000, false);
	assert_int_equal(c12[1], 0x0a);
}

static void std_inquiry_decodes(void **state)
{
	uint8_t buf[96];
	struct mp_std_inquiry inq;

	(void)state;
	std_inquiry(buf, "LIO-ORG", "ramdisk", "4.0", 1);
	assert_int_equal(mp_inquiry_decode(buf, sizeof(buf), &inq), 0);
	assert_string_equal(inq.vendor, "LIO-ORG");
	assert_string_equal(inq.product, "ramdisk");
	assert_string_equal(inq.revision, "4.0");
	assert_int_equal(inq.tpgs, MP_TPGS_IMPLICIT);
	buf[5] = 0x30;
	assert_int_equal(mp_inquiry_decode(buf, sizeof(buf), &inq), 0);
	assert_int_equal(inq.tpgs, MP_TPGS_BOTH);
	assert_int_equal(mp_inquiry_decode(buf, 35, &inq), -EINVAL);
}

static void vpd80_and_vpd00(void **state)
{
	struct vpd v;
	char serial[16];

	(void)state;
	vpd_begin(&v, 0x80);
	vpd_raw(&v, "  SN0001   ", 11);
	vpd_end(&v);
	assert_int_equal(mp_vpd80_decode(v.b, v.len, serial, sizeof(serial)), 0);
	assert_string_equal(serial, "SN0001");
	assert_int_equal(mp_vpd80_decode(v.b, v.len, serial, 4), -ENOSPC);
	assert_int_equal(mp_vpd80_decode(v.b, 3, serial, sizeof(serial)), -EINVAL);
	v.b[1] = 0x83;
	assert_int_equal(mp_vpd80_decode(v.b, v.len, serial, sizeof(serial)), -EINVAL);

	vpd_begin(&v, 0x00);
	vpd_raw(&v, "\x00\x80\x83", 3);
	vpd_end(&v);
	assert_int_equal(mp_vpd00_has_page(v.b, v.len, 0x83), 1);
	assert_int_equal(mp_vpd00_has_page(v.b, v.len, 0xb0), 0);
}

static void sense_fixed_and_descriptor(void **state)
{
	static const uint8_t fixed_standby[18] = {0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x0b};
	static const uint8_t desc_unavail[8] = {0x72, 0x02, 0x04, 0x0c, 0, 0, 0, 0};
	static const uint8_t desc_ua[8] = {0x73, 0x06, 0x2a, 0x06, 0, 0, 0, 0};
	static const uint8_t short_fixed[8] = {0xf0, 0, 0x06, 0, 0, 0, 0, 0};
	struct mp_sense s;
	char text[160];

	(void)state;
	assert_int_equal(mp_sense_decode(fixed_standby, sizeof(fixed_standby), &s), 0);
	assert_false(s.descriptor);
	assert_int_equal(s.key, MP_SK_NOT_READY);
	assert_int_equal(s.asc, 0x04);
	assert_int_equal(s.ascq, 0x0b);
	assert_int_equal(mp_sense_alua_state(&s), MP_ALUA_STANDBY);
	mp_sense_format(&s, text, sizeof(text));
	assert_string_equal(text, "NOT READY: logical unit not accessible, target port in "
				  "standby state (04/0b)");

	assert_int_equal(mp_sense_decode(desc_unavail, sizeof(desc_unavail), &s), 0);
	assert_true(s.descriptor);
	assert_int_equal(mp_sense_alua_state(&s), MP_ALUA_UNAVAILABLE);

	assert_int_equal(mp_sense_decode(desc_ua, sizeof(desc_ua), &s), 0);
	assert_true(s.deferred);
	assert_int_equal(s.key, MP_SK_UNIT_ATTENTION);
	assert_string_equal(mp_sense_asc_name(s.asc, s.ascq), "asymmetric access state changed");
	assert_int_equal(mp_sense_alua_state(&s), -1);

	/* Additional length 0: ASC/ASCQ are not there, the valid bit is ignored. */
	assert_int_equal(mp_sense_decode(short_fixed, sizeof(short_fixed), &s), 0);
	assert_int_equal(s.key, MP_SK_UNIT_ATTENTION);
	assert_int_equal(s.asc, 0);

	assert_int_equal(mp_sense_decode(fixed_standby, 0, &s), -ENODATA);
	assert_int_equal(mp_sense_decode((const uint8_t *)"\x70\x00", 2, &s), -EINVAL);
	assert_int_equal(mp_sense_decode((const uint8_t *)"\x12\x00\x00", 3, &s), -EINVAL);
	assert_string_equal(mp_sense_key_name(0xc), "RESERVED");
	assert_null(mp_sense_asc_name(0x7f, 0x7f));
	/* Transitioning is what a failing-over array reports. */
	s = (struct mp_sense){.key = MP_SK_NOT_READY, .asc = 0x04, .ascq = 0x0a};
	assert_int_equal(mp_sense_alua_state(&s), MP_ALUA_TRANSITIONING);
}

/* Two groups: A/O preferred with ports 1 and 2, standby with port 3 (extended header). */
static const uint8_t rtpg_answer[] = {
	0x00, 0x00, 0x00, 0x20, 0x10, 0x0a, 0x00, 0x00,
	0x80, 0x8f, 0x00, 0x01, 0x00, 0x02, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2,
	0x02, 0x0f, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 3,
};

static void rtpg_decodes(void **state)
{
	struct mp_rtpg *r = NULL;
	const struct mp_tpg *g;
	size_t needed;

	(void)state;
	assert_int_equal(mp_rtpg_decode(rtpg_answer, sizeof(rtpg_answer), &r, &needed), 0);
	assert_int_equal(needed, sizeof(rtpg_answer));
	assert_true(r->extended);
	assert_int_equal(r->transition_time, 10);
	assert_int_equal(r->n_groups, 2);
	g = &r->groups[0];
	assert_int_equal(g->id, 1);
	assert_true(g->preferred);
	assert_int_equal(g->state, 0);
	assert_int_equal(g->status, 2);
	assert_true(g->supported & MP_TPG_SUP_T);
	assert_int_equal(g->n_ports, 2);
	assert_int_equal(g->rel_ports[1], 2);
	g = mp_rtpg_find_port(r, 3);
	assert_non_null(g);
	assert_int_equal(g->id, 5);
	assert_int_equal(g->state, 2);
	assert_false(g->preferred);
	assert_ptr_equal(mp_rtpg_find_group(r, 5), g);
	assert_null(mp_rtpg_find_port(r, 9));
	mp_rtpg_free(r);
}

static void rtpg_rejects_overruns(void **state)
{
	uint8_t bad[sizeof(rtpg_answer)];
	uint8_t stray[sizeof(rtpg_answer) + 2];
	struct mp_rtpg *r = NULL;
	size_t needed;

	(void)state;
	memcpy(bad, rtpg_answer, sizeof(bad));
	bad[8 + 7] = 9; /* 9 ports do not fit */
	assert_int_equal(mp_rtpg_decode(bad, sizeof(bad), &r, &needed), -EINVAL);
	/* Stray bytes after the last descriptor. */
	memset(stray, 0, sizeof(stray));
	memcpy(stray, rtpg_answer, sizeof(rtpg_answer));
	stray[3] = 0x22;
	assert_int_equal(mp_rtpg_decode(stray, sizeof(stray), &r, &needed), -EINVAL);
	/* The device has more than the buffer held: say how much. */
	assert_int_equal(mp_rtpg_decode(stray, sizeof(rtpg_answer), &r, &needed), 0);
	assert_int_equal(needed, 0x26);
	mp_rtpg_free(r);
	assert_int_equal(mp_rtpg_decode(bad, 3, &r, &needed), -EINVAL);
	/* A truncated answer keeps the complete descriptors. */
	assert_int_equal(mp_rtpg_decode(rtpg_answer, 30, &r, &needed), 0);
	assert_int_equal(r->n_groups, 1);
	mp_rtpg_free(r);
	/* Legacy header: descriptors right after the length. */
	memcpy(bad, rtpg_answer, sizeof(bad));
	memmove(bad + 4, bad + 8, sizeof(bad) - 8);
	bad[3] = 0x1c;
	assert_int_equal(mp_rtpg_decode(bad, sizeof(bad) - 4, &r, &needed), 0);
	assert_false(r->extended);
	assert_int_equal(r->n_groups, 2);
	mp_rtpg_free(r);
}

static const uint8_t cdb_inq83[] = {0x12, 0x01, 0x83};
static const uint8_t cdb_tur[] = {0x00};
static const uint8_t cdb_rtpg[] = {0xa3, 0x2a};
static const uint8_t sense_standby[] = {0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x0b};

static void fake_transport_and_status_mapping(void **state)
{
	const struct mp_fake_scsi_entry table[] = {
		{.dev = "sdb", .cdb = cdb_tur, .cdb_len = 1, .status = MP_SAM_CHECK_CONDITION,
		 .sense = sense_standby, .sense_len = sizeof(sense_standby)},
		{.dev = "sdc", .cdb = cdb_tur, .cdb_len = 1, .error = -ETIMEDOUT},
		{.dev = "sdd", .cdb = cdb_tur, .cdb_len = 1, .status = MP_SAM_BUSY},
		{.dev = "sde", .cdb = cdb_tur, .cdb_len = 1, .status = MP_SAM_RESERVATION_CONFLICT},
		{.cdb = cdb_tur, .cdb_len = 1},
		{.cdb = cdb_rtpg, .cdb_len = 2, .data = rtpg_answer, .data_len = sizeof(rtpg_answer)},
	};
	struct mp_fake_scsi fake = {.entries = table, .n_entries = ARRAY_SIZE(table)};
	struct mp_ctx ctx = {.scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	struct mp_sense s;
	struct mp_rtpg *r = NULL;
	uint8_t buf[64];
	size_t len;

	(void)state;
	assert_int_equal(mp_scsi_tur(&ctx, "sda", 1000, &s), 0);
	assert_int_equal(mp_scsi_tur(&ctx, "sdb", 1000, &s), -EREMOTEIO);
	assert_int_equal(mp_sense_alua_state(&s), MP_ALUA_STANDBY);
	assert_int_equal(mp_scsi_tur(&ctx, "sdc", 1000, &s), -ETIMEDOUT);
	assert_int_equal(mp_scsi_tur(&ctx, "sdd", 1000, &s), -EBUSY);
	assert_int_equal(mp_scsi_tur(&ctx, "sde", 1000, NULL), -EACCES);
	/* No entry for VPD 0x83: the device answers "invalid command operation code". */
	assert_int_equal(mp_scsi_inquiry_vpd(&ctx, "sda", 0x83, buf, sizeof(buf), &len, &s),
			 -EREMOTEIO);
	assert_int_equal(s.key, MP_SK_ILLEGAL_REQUEST);
	assert_int_equal(s.asc, 0x20);
	assert_int_equal(fake.unmatched, 1);
	assert_int_equal(mp_scsi_rtpg(&ctx, "sda", &r, &s), 0);
	assert_int_equal(r->n_groups, 2);
	mp_rtpg_free(r);
	assert_int_equal(fake.calls, 7);

	ctx.scsi = NULL;
	assert_int_equal(mp_scsi_tur(&ctx, "sda", 1000, NULL), -EOPNOTSUPP);
}

static void fake_cuts_data_to_allocation(void **state)
{
	struct vpd v;
	struct mp_fake_scsi_entry e = {.cdb = cdb_inq83, .cdb_len = 3};
	struct mp_fake_scsi fake = {.entries = &e, .n_entries = 1};
	struct mp_ctx ctx = {.scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	uint8_t buf[16];
	size_t len = 0;

	(void)state;
	vpd_lio(&v, 1);
	e.data = v.b;
	e.data_len = v.len;
	assert_int_equal(mp_scsi_inquiry_vpd(&ctx, "sdx", 0x83, buf, sizeof(buf), &len, NULL), 0);
	assert_int_equal(len, sizeof(buf));
	assert_memory_equal(buf, v.b, sizeof(buf));
}

/* A transport that writes 8 bytes and claims the whole buffer (no residual). */
static int short_no_resid(void *data, const char *dev, struct mp_scsi_io *io)
{
	(void)data;
	(void)dev;
	memset(io->buf, 0x11, 8);
	io->data_len = io->buf_len;
	return 0;
}

static void unwritten_data_in_bytes_read_as_zero(void **state)
{
	static const struct mp_scsi_transport t = {.execute = short_no_resid};
	struct mp_ctx ctx = {.scsi = &t};
	uint8_t buf[256];
	size_t len = 0;

	(void)state;
	memset(buf, 0xaa, sizeof(buf)); /* what the buffer held before */
	assert_int_equal(mp_scsi_inquiry_vpd(&ctx, "sdx", 0x83, buf, sizeof(buf), &len, NULL), 0);
	assert_int_equal(len, sizeof(buf));
	assert_int_equal(buf[7], 0x11);
	for (size_t i = 8; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cdbs),
		cmocka_unit_test(std_inquiry_decodes),
		cmocka_unit_test(vpd80_and_vpd00),
		cmocka_unit_test(sense_fixed_and_descriptor),
		cmocka_unit_test(rtpg_decodes),
		cmocka_unit_test(rtpg_rejects_overruns),
		cmocka_unit_test(fake_transport_and_status_mapping),
		cmocka_unit_test(fake_cuts_data_to_allocation),
		cmocka_unit_test(unwritten_data_in_bytes_read_as_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
