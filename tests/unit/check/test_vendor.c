/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vendor checkers' decisions on answers built from the page layouts
 * (RDAC VPD 0xC9, EMC VPD 0xC0) and from SPC sense data.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "check/check.h"
#include "check/vendor.h"
#include "config/keywords.h"
#include "discover/fake_scsi.h"
#include "vendor_pages.h"

static struct mp_check_answer ok(const uint8_t *d, size_t n)
{
	return (struct mp_check_answer){.ret = 0, .data = d, .len = n};
}

static struct mp_check_answer sense(uint8_t key, uint8_t asc, uint8_t ascq)
{
	struct mp_check_answer a = {.ret = -EREMOTEIO};

	a.sense.response_code = 0x70;
	a.sense.key = key;
	a.sense.asc = asc;
	a.sense.ascq = ascq;
	return a;
}

static void rdac_owner_up_other_ghost(void **state)
{
	uint8_t p[48];
	struct mp_check_answer a;
	struct mp_check_verdict v;

	(void)state;
	vp_rdac_c9(p, 0x01, 0x01);
	a = ok(p, sizeof(p));
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_UP);
	vp_rdac_c9(p, 0x00, 0x02);
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_GHOST);
	assert_false(v.unsupported);
	/* AVT mode, not owner: still ghost, and the message says AVT */
	vp_rdac_c9(p, 0x80, 0x02);
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_GHOST);
	assert_non_null(strstr(v.message, "AVT"));
	/* IOSHIP: the non-owner carries I/O too */
	vp_rdac_c9(p, 0x20, 0x02);
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_UP);
}

static void rdac_tpg_states(void **state)
{
	uint8_t p[48];
	struct mp_check_answer a = ok(p, sizeof(p));
	struct mp_check_verdict v;

	(void)state;
	/* owner, TPGDE, current group unavailable because the controller is in reset */
	vp_rdac_c9(p, 0x11, 0x01);
	p[10] = 0x03;
	p[11] = 0x03;
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "reset"));
	/* this controller alone transitioning: booting */
	p[10] = 0x0f;
	p[12] = 0x00;
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "startup"));
	/* both transitioning: a failover is running; ownership decides */
	p[12] = 0x0f;
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_UP);
	/* without TPGDE the state bytes are ignored */
	p[8] = 0x01;
	p[10] = 0x03;
	p[12] = 0x00;
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_UP);
}

static void rdac_bad_answers(void **state)
{
	uint8_t p[48];
	struct mp_check_answer a;
	struct mp_check_verdict v;

	(void)state;
	vp_rdac_c9(p, 0x01, 0x01);
	p[0] = 0x20; /* qualifier 1: no LUN connected */
	a = ok(p, sizeof(p));
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "no LUN"));
	vp_rdac_c9(p, 0x01, 0x01);
	p[1] = 0xc8;
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "unknown format"));
	/* too short to hold byte 13 */
	vp_rdac_c9(p, 0x01, 0x01);
	a = ok(p, 13);
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	/* scsi_debug / LIO answer ILLEGAL REQUEST, INVALID FIELD IN CDB */
	a = sense(MP_SK_ILLEGAL_REQUEST, 0x24, 0x00);
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_UNCHECKED);
	assert_true(v.unsupported);
	a = sense(MP_SK_NOT_READY, 0x04, 0x01);
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	a = (struct mp_check_answer){.ret = -ETIMEDOUT};
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	/* RECOVERED ERROR carries good data */
	vp_rdac_c9(p, 0x01, 0x01);
	a = sense(MP_SK_RECOVERED_ERROR, 0, 0);
	a.data = p;
	a.len = sizeof(p);
	mp_check_rdac(&a, &v);
	assert_int_equal(v.state, MP_PATH_UP);
}

static void emc_passive_up_owner_reads(void **state)
{
	uint8_t p[128];
	struct mp_emc_path_memory mem = {0};
	struct mp_check_answer a = ok(p, sizeof(p)), rd;
	struct mp_check_verdict v;
	bool snap = false;

	(void)state;
	vp_emc_c0(p, 1, 0, 1);
	assert_false(mp_check_emc_c0(&a, &mem, snap, &v));
	assert_int_equal(v.state, MP_PATH_UP);
	assert_true(mem.wwn_set);
	vp_emc_c0(p, 2, 0, 0);
	assert_true(mp_check_emc_c0(&a, &mem, snap, &v));
	rd = (struct mp_check_answer){.ret = 0};
	mp_check_emc_read(&rd, &snap, &v);
	assert_int_equal(v.state, MP_PATH_UP);
	assert_false(snap);
	/* inactive snapshot: the owner's read fails with 05/25/01 ... */
	rd = sense(MP_SK_ILLEGAL_REQUEST, 0x25, 0x01);
	mp_check_emc_read(&rd, &snap, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_true(snap);
	/* ... and then the passive paths of that LUN are down too */
	vp_emc_c0(p, 1, 0, 1);
	assert_false(mp_check_emc_c0(&a, &mem, snap, &v));
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "snapshot"));
	/* another read error is down without marking the LUN */
	snap = false;
	rd = sense(MP_SK_MEDIUM_ERROR, 0x11, 0x00);
	mp_check_emc_read(&rd, &snap, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_false(snap);
}

static void emc_config_and_identity(void **state)
{
	uint8_t p[128];
	struct mp_emc_path_memory mem = {0};
	struct mp_check_answer a = ok(p, sizeof(p));
	struct mp_check_verdict v;

	(void)state;
	vp_emc_c0(p, 1, 0, 1);
	p[28] = 0x01; /* failover mode 0 */
	mp_check_emc_c0(&a, &mem, false, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "failover"));
	vp_emc_c0(p, 1, 0, 1);
	p[28] = 0x06; /* mode 4 (ALUA) is accepted */
	mp_check_emc_c0(&a, &mem, false, &v);
	assert_int_equal(v.state, MP_PATH_UP);
	vp_emc_c0(p, 1, 0, 1);
	p[48] = 0x01;
	mp_check_emc_c0(&a, &mem, false, &v);
	assert_int_equal(v.state, MP_PATH_SHAKY);
	vp_emc_c0(p, 0, 0, 1);
	mp_check_emc_c0(&a, &mem, false, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "unbound"));
	/* the WWN seen first is remembered: another LUN behind the path is down */
	vp_emc_c0(p, 1, 0, 1);
	p[12] ^= 0xff;
	mp_check_emc_c0(&a, &mem, false, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	assert_non_null(strstr(v.message, "WWN"));
	vp_emc_c0(p, 1, 0, 1);
	p[9] = 0x01; /* unknown page revision */
	mp_check_emc_c0(&a, &mem, false, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	a = sense(MP_SK_ILLEGAL_REQUEST, 0x24, 0x00);
	mp_check_emc_c0(&a, &mem, false, &v);
	assert_true(v.unsupported);
}

static void hp_sw_standby_is_ghost(void **state)
{
	uint8_t serial[] = {0x00, 0x80, 0x00, 0x04, 'A', 'B', 'C', 'D'};
	struct mp_check_answer inq = ok(serial, sizeof(serial)), tur = {.ret = 0};
	struct mp_check_verdict v;

	(void)state;
	mp_check_hp_sw(&inq, &tur, &v);
	assert_int_equal(v.state, MP_PATH_UP);
	tur = sense(MP_SK_NOT_READY, 0x04, 0x02);
	mp_check_hp_sw(&inq, &tur, &v);
	assert_int_equal(v.state, MP_PATH_GHOST);
	assert_non_null(strstr(v.message, "standby"));
	/* 0.9.4: any TUR sense after a good INQUIRY is ghost */
	tur = sense(MP_SK_NOT_READY, 0x04, 0x0b);
	mp_check_hp_sw(&inq, &tur, &v);
	assert_int_equal(v.state, MP_PATH_GHOST);
	tur = (struct mp_check_answer){.ret = -ENOLINK};
	mp_check_hp_sw(&inq, &tur, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	inq = sense(MP_SK_HARDWARE_ERROR, 0x44, 0x00);
	mp_check_hp_sw(&inq, NULL, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	tur = sense(MP_SK_UNIT_ATTENTION, 0x29, 0x00);
	assert_true(mp_check_is_unit_attention(&tur));
	assert_false(mp_check_is_unit_attention(&inq));
}

static void cciss_tur_is_tur(void **state)
{
	struct mp_check_answer t = {.ret = 0};
	struct mp_check_verdict v;

	(void)state;
	mp_check_cciss_tur(&t, &v);
	assert_int_equal(v.state, MP_PATH_UP);
	t = sense(MP_SK_NOT_READY, 0x04, 0x0b);
	mp_check_cciss_tur(&t, &v);
	assert_int_equal(v.state, MP_PATH_GHOST);
	t = sense(MP_SK_UNIT_ATTENTION, 0x29, 0x00);
	mp_check_cciss_tur(&t, &v);
	assert_int_equal(v.state, MP_PATH_PENDING);
	t = sense(MP_SK_MEDIUM_ERROR, 0x11, 0x00);
	mp_check_cciss_tur(&t, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
	t = (struct mp_check_answer){.ret = -ETIMEDOUT};
	mp_check_cciss_tur(&t, &v);
	assert_int_equal(v.state, MP_PATH_DOWN);
}

static void cdbs(void **state)
{
	uint8_t c6[6], c10[10];

	(void)state;
	mp_check_rdac_cdb(c6);
	assert_memory_equal(c6, ((uint8_t[]){0x12, 0x01, 0xc9, 0x00, 0x80, 0x00}), 6);
	mp_check_emc_cdb(c6);
	assert_memory_equal(c6, ((uint8_t[]){0x12, 0x01, 0xc0, 0x00, 0x80, 0x00}), 6);
	mp_check_hp_sw_inquiry_cdb(c6);
	assert_memory_equal(c6, ((uint8_t[]){0x12, 0x01, 0x80, 0x00, 0xff, 0x00}), 6);
	mp_check_emc_read_cdb(c10, 8);
	assert_memory_equal(c10, ((uint8_t[]){0x28, 0, 0, 0, 0, 0, 0, 0, 8, 0}), 10);
}

static const uint8_t cdb_c9[] = {0x12, 0x01, 0xc9};
static const uint8_t cdb_c0[] = {0x12, 0x01, 0xc0};
static const uint8_t cdb_80[] = {0x12, 0x01, 0x80};
static const uint8_t cdb_tur[] = {0x00};
static const uint8_t cdb_read[] = {0x28};
static const uint8_t sense_0402[18] = {0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x02};
static const uint8_t sense_2501[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x25, 0x01};
static const uint8_t sense_ua[18] = {0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x29, 0x00};

static struct mp_check_result run_checker(const char *name, const struct mp_fake_scsi_entry *t,
					  size_t n, unsigned int *calls)
{
	struct mp_fake_scsi fake = {.entries = t, .n_entries = n};
	struct mp_check_env env = {.scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	const struct mp_checker *c = mp_checker_find(name);
	struct mp_check_result r = {0};

	assert_non_null(c);
	mp_check_sync(c, &env, "sda", 1000, &r);
	if (calls)
		*calls = fake.calls;
	return r;
}

/* The registered checkers end to end over the scripted transport. */
static void registry_runs(void **state)
{
	uint8_t page9[48], page0[128], serial[8] = {0, 0x80, 0, 4, 'S', 'N', '0', '1'};
	struct mp_fake_scsi_entry rdac[] = {{.cdb = cdb_c9, .cdb_len = 3, .data = page9, .data_len = 48}};
	struct mp_fake_scsi_entry emc[] = {
		{.cdb = cdb_c0, .cdb_len = 3, .data = page0, .data_len = 128},
		{.cdb = cdb_read, .cdb_len = 1, .status = 0x02, .sense = sense_2501, .sense_len = 18},
	};
	struct mp_fake_scsi_entry hpsw[] = {
		{.cdb = cdb_80, .cdb_len = 3, .data = serial, .data_len = 8},
		{.cdb = cdb_tur, .cdb_len = 1, .status = 0x02, .sense = sense_0402, .sense_len = 18},
	};
	struct mp_fake_scsi_entry ua[] = {{.cdb = cdb_tur, .cdb_len = 1, .status = 0x02,
					   .sense = sense_ua, .sense_len = 18}};
	struct mp_check_result r;
	unsigned int calls;

	(void)state;
	vp_rdac_c9(page9, 0x00, 0x02);
	r = run_checker("rdac", rdac, 1, NULL);
	assert_int_equal(r.state, MP_PATH_GHOST);
	vp_rdac_c9(page9, 0x01, 0x01);
	r = run_checker("rdac", rdac, 1, NULL);
	assert_int_equal(r.state, MP_PATH_UP);
	/* a device without the page (the fake answers 05/20/00 to anything unlisted) */
	r = run_checker("rdac", NULL, 0, NULL);
	assert_int_equal(r.state, MP_PATH_UNCHECKED);
	assert_non_null(strstr(r.message, "0xC9"));
	vp_emc_c0(page0, 2, 0, 0);
	r = run_checker("emc_clariion", emc, 2, &calls);
	assert_int_equal(r.state, MP_PATH_DOWN);
	assert_non_null(strstr(r.message, "snapshot"));
	assert_int_equal(calls, 2);
	vp_emc_c0(page0, 1, 0, 1);
	r = run_checker("emc_clariion", emc, 2, &calls);
	assert_int_equal(r.state, MP_PATH_UP);
	assert_int_equal(calls, 1); /* a passive path is not read */
	r = run_checker("hp_sw", hpsw, 2, NULL);
	assert_int_equal(r.state, MP_PATH_GHOST);
	r = run_checker("hp_sw", hpsw, 1, NULL); /* TUR unanswered: 05/20/00 is still ghost (0.9.4) */
	assert_int_equal(r.state, MP_PATH_GHOST);
	r = run_checker("hp_sw", NULL, 0, NULL);
	assert_int_equal(r.state, MP_PATH_DOWN);
	r = run_checker("cciss_tur", (struct mp_fake_scsi_entry[]){{.cdb = cdb_tur, .cdb_len = 1}}, 1,
			NULL);
	assert_int_equal(r.state, MP_PATH_UP);
	/* unit attentions are retried, three times */
	r = run_checker("cciss_tur", ua, 1, &calls);
	assert_int_equal(calls, 3);
	assert_int_equal(r.state, MP_PATH_PENDING);
}

/* Every path_checker multipath.conf accepts is in the registry: none falls back to tur. */
static void config_words_all_registered(void **state)
{
	const struct mp_keyword *kw = mp_keyword_find("path_checker");

	(void)state;
	assert_non_null(kw);
	for (size_t i = 0; kw->words[i]; i++)
		if (!mp_checker_find(kw->words[i]))
			fail_msg("config accepts path_checker \"%s\", not in the registry", kw->words[i]);
	assert_null(mp_checker_find("nonesuch"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rdac_owner_up_other_ghost),
		cmocka_unit_test(rdac_tpg_states),
		cmocka_unit_test(rdac_bad_answers),
		cmocka_unit_test(emc_passive_up_owner_reads),
		cmocka_unit_test(emc_config_and_identity),
		cmocka_unit_test(hp_sw_standby_is_ghost),
		cmocka_unit_test(cciss_tur_is_tur),
		cmocka_unit_test(cdbs),
		cmocka_unit_test(registry_runs),
		cmocka_unit_test(config_words_all_registered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
