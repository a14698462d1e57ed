/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PR IN/OUT CDBs and parameter lists, and the four PR IN decoders, on buffers laid out by SPC-4. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "common/ctx.h"
#include "discover/fake_scsi.h"
#include "persist/persist.h"

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static void cdbs(void **state)
{
	static const uint8_t read_keys[10] = {0x5e, 0x00, 0, 0, 0, 0, 0, 0x20, 0x00, 0};
	static const uint8_t full_max[10] = {0x5e, 0x03, 0, 0, 0, 0, 0, 0xff, 0xff, 0};
	static const uint8_t reserve5[10] = {0x5f, 0x01, 0x05, 0, 0, 0, 0, 0, 24, 0};
	static const uint8_t move[10] = {0x5f, 0x07, 0x00, 0, 0, 0, 0, 0, 48, 0};
	uint8_t c[10];

	(void)state;
	mp_cdb_prin(c, MP_PRIN_READ_KEYS, 0x2000);
	assert_memory_equal(c, read_keys, 10);
	mp_cdb_prin(c, MP_PRIN_READ_FULL_STATUS, MP_PR_IN_MAX_LEN);
	assert_memory_equal(c, full_max, 10);
	mp_cdb_prout(c, MP_PROUT_RESERVE, 0, MP_PR_WRITE_EXCLUSIVE_RO, 24);
	assert_memory_equal(c, reserve5, 10);
	mp_cdb_prout(c, MP_PROUT_REGISTER_AND_MOVE, 0, 0, 48);
	assert_memory_equal(c, move, 10);
	/* scope in the high nibble, type in the low one, each masked */
	mp_cdb_prout(c, MP_PROUT_PREEMPT, 0x1, 0x18, 24);
	assert_int_equal(c[2], 0x18);
	assert_int_equal(c[1], 0x04);
}

static void basic_parameter_list(void **state)
{
	struct mp_prout_param p = {.key = 0x0102030405060708ull, .sa_key = 0xa1b2c3d4e5f60718ull,
				   .flags = MP_PR_APTPL | MP_PR_ALL_TG_PT};
	uint8_t want[24] = {1, 2, 3, 4, 5, 6, 7, 8, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18,
			    0, 0, 0, 0, 0x05, 0, 0, 0};
	uint8_t buf[64];

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(mp_prout_param_build(MP_PROUT_REGISTER, &p, buf, sizeof(buf)), 24);
	assert_memory_equal(buf, want, 24);
	assert_int_equal(buf[24], 0xee); /* nothing past the list */
	assert_int_equal(mp_prout_param_build(MP_PROUT_REGISTER, &p, buf, 23), -ENOBUFS);
	p.flags = MP_PR_SPEC_I_PT;
	assert_int_equal(mp_prout_param_build(MP_PROUT_REGISTER, &p, buf, sizeof(buf)), -EINVAL);
}

static void register_and_move_list(void **state)
{
	uint8_t tid[24] = {0x05, 0, 0, 20, 'i', 'q', 'n', '.', 'x'}; /* iSCSI, name length 20 */
	struct mp_prout_param p = {.key = 7, .sa_key = 9, .flags = MP_PR_APTPL, .unreg = true,
				   .rel_tgt_port = 0x0102, .transport_id = tid,
				   .transport_id_len = sizeof(tid)};
	uint8_t buf[MP_PROUT_BASIC_LEN + MP_PR_TID_MAX];

	(void)state;
	assert_int_equal(mp_prout_param_build(MP_PROUT_REGISTER_AND_MOVE, &p, buf, sizeof(buf)),
			 48);
	assert_int_equal(buf[7], 7);
	assert_int_equal(buf[15], 9);
	assert_int_equal(buf[16], 0);
	assert_int_equal(buf[17], 0x03); /* UNREG | APTPL */
	assert_int_equal(buf[18], 0x01);
	assert_int_equal(buf[19], 0x02);
	assert_int_equal(buf[23], 24); /* TransportID length */
	assert_memory_equal(buf + 24, tid, 24);
	p.transport_id_len = 22; /* not a multiple of 4 */
	assert_int_equal(mp_prout_param_build(MP_PROUT_REGISTER_AND_MOVE, &p, buf, sizeof(buf)),
			 -EINVAL);
	p.transport_id_len = 20; /* below the 24-byte minimum */
	assert_int_equal(mp_prout_param_build(MP_PROUT_REGISTER_AND_MOVE, &p, buf, sizeof(buf)),
			 -EINVAL);
	p.transport_id = NULL;
	assert_int_equal(mp_prout_param_build(MP_PROUT_REGISTER_AND_MOVE, &p, buf, sizeof(buf)),
			 -EINVAL);
}

static void read_keys(void **state)
{
	uint8_t buf[8 + 3 * 8];
	struct mp_pr_keys k;
	size_t needed = 0;

	(void)state;
	put32(buf, 0x2a);
	put32(buf + 4, 24);
	put64(buf + 8, 0x123abc);
	put64(buf + 16, 0xffffffffffffffffull);
	put64(buf + 24, 1);
	assert_int_equal(mp_pr_keys_decode(buf, sizeof(buf), &k, &needed), 0);
	assert_int_equal(k.generation, 0x2a);
	assert_int_equal(k.n_keys, 3);
	assert_int_equal(k.n_claimed, 3);
	assert_int_equal(needed, 32);
	assert_true(k.keys[0] == 0x123abc);
	assert_true(k.keys[1] == 0xffffffffffffffffull);
	mp_pr_keys_clear(&k);

	/* the buffer holds two and a half keys of the three claimed */
	assert_int_equal(mp_pr_keys_decode(buf, 28, &k, &needed), 0);
	assert_int_equal(k.n_keys, 2);
	assert_int_equal(k.n_claimed, 3);
	mp_pr_keys_clear(&k);

	/* a device claiming 4 GiB of keys: nothing allocated beyond what came */
	put32(buf + 4, 0xfffffff8u);
	assert_int_equal(mp_pr_keys_decode(buf, sizeof(buf), &k, &needed), 0);
	assert_int_equal(k.n_keys, 3);
	assert_true(needed == 0xfffffff8ull + 8 || needed == SIZE_MAX);
	mp_pr_keys_clear(&k);

	put32(buf + 4, 12); /* not a multiple of 8 */
	assert_int_equal(mp_pr_keys_decode(buf, sizeof(buf), &k, NULL), -EBADMSG);
	assert_int_equal(mp_pr_keys_decode(buf, 7, &k, NULL), -EBADMSG);
	put32(buf + 4, 0);
	assert_int_equal(mp_pr_keys_decode(buf, 8, &k, NULL), 0);
	assert_int_equal(k.n_keys, 0);
	assert_null(k.keys);
}

static void read_reservation(void **state)
{
	uint8_t buf[24] = {0};
	struct mp_pr_reservation r;

	(void)state;
	put32(buf, 5);
	assert_int_equal(mp_pr_reservation_decode(buf, 8, &r), 0);
	assert_false(r.held);
	assert_int_equal(r.generation, 5);
	put32(buf + 4, 16);
	put64(buf + 8, 0xabcdef);
	buf[21] = 0x05;
	assert_int_equal(mp_pr_reservation_decode(buf, 24, &r), 0);
	assert_true(r.held);
	assert_true(r.key == 0xabcdef);
	assert_int_equal(r.type, MP_PR_WRITE_EXCLUSIVE_RO);
	assert_int_equal(r.scope, 0);
	assert_string_equal(mp_pr_type_name(r.type), "Write Exclusive, registrants only");
	/* claimed but cut short, and a length SPC does not allow */
	assert_int_equal(mp_pr_reservation_decode(buf, 23, &r), -EBADMSG);
	put32(buf + 4, 8);
	assert_int_equal(mp_pr_reservation_decode(buf, 24, &r), -EBADMSG);
	assert_int_equal(mp_pr_reservation_decode(buf, 4, &r), -EBADMSG);
}

static void report_capabilities(void **state)
{
	/* LIO's answer: CRH, ATP_C, PTPL_C; TMV, ALLOW COMMANDS 001b; WR_EX_AR, EX_AC_RO,
	 * WR_EX_RO, EX_AC, WR_EX; EX_AC_AR */
	uint8_t buf[8] = {0x00, 0x08, 0x15, 0x90, 0xea, 0x01, 0, 0};
	struct mp_pr_caps c;

	(void)state;
	assert_int_equal(mp_pr_caps_decode(buf, sizeof(buf), &c), 0);
	assert_true(c.crh && c.atp_c && c.ptpl_c);
	assert_false(c.sip_c || c.rlr_c || c.ptpl_a);
	assert_true(c.tmv);
	assert_int_equal(c.allow_commands, 1);
	assert_int_equal(c.type_mask, MP_PR_MASK_WR_EX_AR | MP_PR_MASK_EX_AC_RO | MP_PR_MASK_WR_EX_RO |
					      MP_PR_MASK_EX_AC | MP_PR_MASK_WR_EX | MP_PR_MASK_EX_AC_AR);
	assert_int_equal(mp_pr_caps_decode(buf, 7, &c), -EBADMSG);
	buf[1] = 2; /* LENGTH below the format's 8 bytes */
	assert_int_equal(mp_pr_caps_decode(buf, sizeof(buf), &c), -EBADMSG);
}

/* One READ FULL STATUS descriptor at p with a TransportID of tid_len bytes. */
static size_t full_desc(uint8_t *p, uint64_t key, bool holder, uint16_t rtp, const uint8_t *tid,
			size_t tid_len)
{
	memset(p, 0, 24);
	put64(p, key);
	p[12] = holder ? 0x01 : 0x00;
	p[13] = holder ? 0x05 : 0x00;
	p[18] = (uint8_t)(rtp >> 8);
	p[19] = (uint8_t)rtp;
	put32(p + 20, (uint32_t)tid_len);
	memcpy(p + 24, tid, tid_len);
	return 24 + tid_len;
}

static void read_full_status(void **state)
{
	uint8_t iscsi[32] = {0x05, 0, 0, 28};
	uint8_t fc[24] = {0x00, 0, 0, 0, 0, 0, 0, 0, 0x21, 0x00, 0x00, 0x24, 0xff, 0x31, 0x42, 0x53};
	uint8_t buf[8 + 56 + 48];
	struct mp_pr_full_status s;
	char text[128];
	size_t off = 8, needed = 0;

	(void)state;
	memcpy(iscsi + 4, "iqn.2003-01.org.linux", 21);
	off += full_desc(buf + off, 0xa, true, 1, iscsi, sizeof(iscsi));
	off += full_desc(buf + off, 0xb, false, 2, fc, sizeof(fc));
	put32(buf, 9);
	put32(buf + 4, (uint32_t)(off - 8));
	assert_int_equal(mp_pr_full_status_decode(buf, off, &s, &needed), 0);
	assert_int_equal(needed, off);
	assert_false(s.truncated);
	assert_int_equal(s.generation, 9);
	assert_int_equal(s.n_desc, 2);
	assert_true(s.desc[0].key == 0xa && s.desc[0].holder && s.desc[0].type == 5);
	assert_int_equal(s.desc[0].rel_tgt_port, 1);
	assert_int_equal(s.desc[0].protocol, MP_TPID_ISCSI);
	mp_pr_tid_format(&s.desc[0], text, sizeof(text));
	assert_string_equal(text, "iSCSI name: iqn.2003-01.org.linux");
	assert_false(s.desc[1].holder);
	mp_pr_tid_format(&s.desc[1], text, sizeof(text));
	assert_string_equal(text, "FCP-2 21 00 00 24 ff 31 42 53");
	mp_pr_full_status_clear(&s);

	/* cut by the allocation inside the second descriptor: the first is kept */
	assert_int_equal(mp_pr_full_status_decode(buf, 8 + 56 + 10, &s, &needed), 0);
	assert_true(s.truncated);
	assert_int_equal(s.n_desc, 1);
	mp_pr_full_status_clear(&s);

	/* a descriptor whose TransportID runs past the device's own list */
	put32(buf + 8 + 56 + 20, 200);
	assert_int_equal(mp_pr_full_status_decode(buf, off, &s, NULL), -EBADMSG);
	put32(buf + 8 + 56 + 20, 24);
	/* a list length that ends inside a descriptor header */
	put32(buf + 4, 56 + 10);
	assert_int_equal(mp_pr_full_status_decode(buf, off, &s, NULL), -EBADMSG);
	assert_int_equal(mp_pr_full_status_decode(buf, 7, &s, NULL), -EBADMSG);
}

static void tid_name_bounded(void **state)
{
	/* the iSCSI name's length field claims more than the TransportID holds */
	uint8_t tid[8] = {0x45, 0, 0xff, 0xff, 'a', 'b', 'c', 'd'};
	struct mp_pr_full_desc d = {.tid = tid, .tid_len = sizeof(tid), .protocol = MP_TPID_ISCSI,
				    .format = 1};
	char text[64];

	(void)state;
	mp_pr_tid_format(&d, text, sizeof(text));
	assert_string_equal(text, "iSCSI world wide unique port id: abcd");
	mp_pr_tid_format(&d, text, 8);
	assert_int_equal(strlen(text), 7);
	d.tid_len = 2;
	mp_pr_tid_format(&d, text, sizeof(text));
	assert_string_equal(text, "iSCSI world wide unique port id: ");
}

static const uint8_t ua_sense[18] = {0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x2a, 0x03};

struct ua_once {
	unsigned int seen;
};

static void count(void *data, const char *dev, const struct mp_scsi_io *io)
{
	(void)dev;
	(void)io;
	((struct ua_once *)data)->seen++;
}

static void status_of_results(void **state)
{
	static const uint8_t prin[] = {0x5e};
	static const uint8_t keys[8] = {0, 0, 0, 1, 0, 0, 0, 0};
	struct mp_fake_scsi_entry ua[] = {
		{.dev = "sda", .cdb = prin, .cdb_len = 1, .status = MP_SAM_CHECK_CONDITION,
		 .sense = ua_sense, .sense_len = sizeof(ua_sense)},
		{.dev = "sdb", .cdb = prin, .cdb_len = 1, .data = keys, .data_len = sizeof(keys)},
		{.dev = "sdc", .cdb = prin, .cdb_len = 1, .status = MP_SAM_RESERVATION_CONFLICT},
	};
	struct ua_once seen = {0};
	struct mp_fake_scsi fake = {ua, 3, .observe = count, .observe_data = &seen};
	struct mp_ctx ctx = {.scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	struct mp_pr_result res;
	uint8_t buf[64];
	size_t len = 0;

	(void)state;
	/* a UNIT ATTENTION that never clears is retried, then reported */
	assert_int_equal(mp_pr_in(&ctx, "sda", MP_PRIN_READ_KEYS, buf, sizeof(buf), &len, &res),
			 -EREMOTEIO);
	assert_true(seen.seen > 1);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_SENSE_UNIT_ATTENTION);
	assert_int_equal(mp_pr_in(&ctx, "sdb", MP_PRIN_READ_KEYS, buf, sizeof(buf), &len, &res), 0);
	assert_int_equal(len, 8);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_SUCCESS);
	assert_int_equal(mp_pr_in(&ctx, "sdc", MP_PRIN_READ_KEYS, buf, sizeof(buf), &len, &res),
			 -EACCES);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_RESERV_CONFLICT);
	/* unmatched: the fake answers ILLEGAL REQUEST, invalid opcode */
	assert_int_equal(mp_pr_in(&ctx, "sdz", MP_PRIN_READ_KEYS, buf, sizeof(buf), &len, &res),
			 -EREMOTEIO);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_SENSE_INVALID_OP);
	res = (struct mp_pr_result){.error = -ETIMEDOUT};
	assert_int_equal(mp_pr_status_of(&res), MP_PR_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cdbs),
		cmocka_unit_test(basic_parameter_list),
		cmocka_unit_test(register_and_move_list),
		cmocka_unit_test(read_keys),
		cmocka_unit_test(read_reservation),
		cmocka_unit_test(report_capabilities),
		cmocka_unit_test(read_full_status),
		cmocka_unit_test(tid_name_bounded),
		cmocka_unit_test(status_of_results),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
