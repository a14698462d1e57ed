/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PR commands on a map: which paths each service action goes down, the
 * rollback of a registration that conflicts on some paths, path failures,
 * RELEASE's check. The scripted transport answers; an observer records the
 * commands in order with their parameter lists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "common/ctx.h"
#include "discover/fake_scsi.h"
#include "persist/map.h"

struct sent {
	char dev[8];
	uint8_t op, sa, type;
	uint64_t key, sa_key;
};

struct log {
	struct sent cmd[32];
	size_t n;
};

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void record(void *data, const char *dev, const struct mp_scsi_io *io)
{
	struct log *l = data;
	struct sent *s;

	if (l->n == 32)
		return;
	s = &l->cmd[l->n++];
	memset(s, 0, sizeof(*s));
	strncpy(s->dev, dev, sizeof(s->dev) - 1);
	s->op = io->cdb[0];
	s->sa = io->cdb[1] & 0x1f;
	s->type = io->cdb[2] & 0x0f;
	if (io->data_out && io->buf_len >= 16) {
		s->key = get64(io->buf);
		s->sa_key = get64(io->buf + 8);
	}
}

static const uint8_t prout[] = {0x5f};
static const uint8_t prin[] = {0x5e};
static const uint8_t no_resv[8] = {0, 0, 0, 3, 0, 0, 0, 0};
static const uint8_t resv_k[24] = {0, 0, 0, 3, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0xab, 0xcd,
				   0, 0, 0, 0, 0, 0x05, 0, 0};

#define KEY 0xabcdull

struct rig {
	struct log log;
	struct mp_fake_scsi fake;
	struct mp_ctx ctx;
	struct mp_pr_path paths[4];
};

/* sda, sdb, sdc usable; sdd failed in the map. */
static void rig_init(struct rig *r, const struct mp_fake_scsi_entry *e, size_t n)
{
	static const char *const names[] = {"sda", "sdb", "sdc", "sdd"};

	memset(r, 0, sizeof(*r));
	r->fake = (struct mp_fake_scsi){e, n, .observe = record, .observe_data = &r->log};
	r->ctx = (struct mp_ctx){.scsi = &mp_fake_scsi_transport, .scsi_data = &r->fake};
	for (int i = 0; i < 4; i++)
		r->paths[i] = (struct mp_pr_path){.dev = names[i], .usable = i < 3};
}

static void planning(void **state)
{
	struct mp_prout_param p = {.key = 1, .sa_key = 2, .flags = MP_PR_APTPL}, rb;

	(void)state;
	assert_int_equal(mp_prout_fanout(MP_PROUT_REGISTER), MP_PR_EVERY_PATH);
	assert_int_equal(mp_prout_fanout(MP_PROUT_REGISTER_AND_IGNORE), MP_PR_EVERY_PATH);
	assert_int_equal(mp_prout_fanout(MP_PROUT_RELEASE), MP_PR_EVERY_PATH);
	assert_int_equal(mp_prout_fanout(MP_PROUT_RESERVE), MP_PR_ONE_PATH);
	assert_int_equal(mp_prout_fanout(MP_PROUT_PREEMPT), MP_PR_ONE_PATH);
	assert_int_equal(mp_prout_fanout(MP_PROUT_PREEMPT_AND_ABORT), MP_PR_ONE_PATH);
	assert_int_equal(mp_prout_fanout(MP_PROUT_CLEAR), MP_PR_ONE_PATH);
	assert_int_equal(mp_prout_fanout(MP_PROUT_REGISTER_AND_MOVE), MP_PR_ONE_PATH);
	assert_int_equal(mp_prout_rollback(MP_PROUT_REGISTER, &p, &rb), 0);
	assert_true(rb.key == 2 && rb.sa_key == 1 && rb.flags == MP_PR_APTPL);
	assert_int_equal(mp_prout_rollback(MP_PROUT_RESERVE, &p, &rb), -EINVAL);
}

static void register_every_usable_path(void **state)
{
	const struct mp_fake_scsi_entry e[] = {{.cdb = prout, .cdb_len = 1}};
	struct mp_prout_param p = {.sa_key = KEY};
	struct mp_pr_result res;
	struct rig r;

	(void)state;
	rig_init(&r, e, 1);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_REGISTER, 0, &p, &res), 0);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_SUCCESS);
	assert_int_equal(r.log.n, 3);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(r.log.cmd[i].dev, r.paths[i].dev);
		assert_int_equal(r.log.cmd[i].sa, MP_PROUT_REGISTER);
		assert_true(r.log.cmd[i].key == 0 && r.log.cmd[i].sa_key == KEY);
		assert_true(r.paths[i].sent);
	}
	assert_false(r.paths[3].sent);
}

static void conflict_rolls_back(void **state)
{
	const struct mp_fake_scsi_entry e[] = {
		{.dev = "sdb", .cdb = prout, .cdb_len = 1, .status = MP_SAM_RESERVATION_CONFLICT},
		{.cdb = prout, .cdb_len = 1},
	};
	struct mp_prout_param p = {.key = 0x11, .sa_key = KEY};
	struct mp_pr_result res;
	struct rig r;

	(void)state;
	rig_init(&r, e, 2);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_REGISTER, 0, &p, &res), -EACCES);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_RESERV_CONFLICT);
	/* sda, sdb, sdc; then sda and sdc go back to the old key, sdb is left alone */
	assert_int_equal(r.log.n, 5);
	assert_string_equal(r.log.cmd[3].dev, "sda");
	assert_string_equal(r.log.cmd[4].dev, "sdc");
	for (int i = 3; i < 5; i++)
		assert_true(r.log.cmd[i].key == KEY && r.log.cmd[i].sa_key == 0x11);
	assert_true(r.paths[0].rolled_back && r.paths[2].rolled_back);
	assert_false(r.paths[1].rolled_back);
	assert_int_equal(r.paths[0].rollback_res.error, 0);
}

static void path_failure_keeps_the_others(void **state)
{
	const struct mp_fake_scsi_entry e[] = {
		{.dev = "sdb", .cdb = prout, .cdb_len = 1, .error = -ETIMEDOUT},
		{.cdb = prout, .cdb_len = 1},
	};
	struct mp_prout_param p = {.sa_key = KEY};
	struct mp_pr_result res;
	struct rig r;

	(void)state;
	rig_init(&r, e, 2);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_REGISTER_AND_IGNORE, 0, &p, &res),
			 -ETIMEDOUT);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_OTHER);
	assert_int_equal(r.log.n, 3); /* no rollback */
	assert_int_equal(r.log.cmd[2].sa, MP_PROUT_REGISTER_AND_IGNORE);
	assert_int_equal(r.paths[0].res.error, 0);
	assert_int_equal(r.paths[1].res.error, -ETIMEDOUT);
}

static void a_device_error_beats_a_path_failure(void **state)
{
	static const uint8_t illegal[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x26, 0x00};
	const struct mp_fake_scsi_entry e[] = {
		{.dev = "sda", .cdb = prout, .cdb_len = 1, .error = -ENOLINK},
		{.dev = "sdc", .cdb = prout, .cdb_len = 1, .status = MP_SAM_CHECK_CONDITION,
		 .sense = illegal, .sense_len = sizeof(illegal)},
		{.cdb = prout, .cdb_len = 1},
	};
	struct mp_prout_param p = {.sa_key = KEY};
	struct mp_pr_result res;
	struct rig r;

	(void)state;
	rig_init(&r, e, 3);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_REGISTER, 0, &p, &res),
			 -EREMOTEIO);
	assert_int_equal(mp_pr_status_of(&res), MP_PR_ILLEGAL_REQ);
}

static void reserve_moves_on_after_a_path_failure(void **state)
{
	const struct mp_fake_scsi_entry e[] = {
		{.dev = "sda", .cdb = prout, .cdb_len = 1, .error = -ENOLINK},
		{.cdb = prout, .cdb_len = 1},
	};
	struct mp_prout_param p = {.key = KEY};
	struct mp_pr_result res;
	struct rig r;

	(void)state;
	rig_init(&r, e, 2);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_RESERVE, 5, &p, &res), 0);
	assert_int_equal(r.log.n, 2);
	assert_string_equal(r.log.cmd[1].dev, "sdb");
	assert_int_equal(r.log.cmd[1].type, 5);
	assert_true(r.log.cmd[1].key == KEY);
}

static void reserve_conflict_stops(void **state)
{
	const struct mp_fake_scsi_entry e[] = {
		{.cdb = prout, .cdb_len = 1, .status = MP_SAM_RESERVATION_CONFLICT},
	};
	struct mp_prout_param p = {.key = KEY, .sa_key = 0x99};
	struct mp_pr_result res;
	struct rig r;

	(void)state;
	rig_init(&r, e, 1);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_PREEMPT_AND_ABORT, 5, &p, &res),
			 -EACCES);
	assert_int_equal(r.log.n, 1);
	assert_int_equal(r.log.cmd[0].sa, MP_PROUT_PREEMPT_AND_ABORT);
	assert_true(r.log.cmd[0].sa_key == 0x99);
}

static void release_checks_the_reservation(void **state)
{
	const struct mp_fake_scsi_entry gone[] = {
		{.cdb = prout, .cdb_len = 1},
		{.cdb = prin, .cdb_len = 1, .data = no_resv, .data_len = sizeof(no_resv)},
	};
	const struct mp_fake_scsi_entry held[] = {
		{.cdb = prout, .cdb_len = 1},
		{.cdb = prin, .cdb_len = 1, .data = resv_k, .data_len = sizeof(resv_k)},
	};
	const struct mp_fake_scsi_entry holder_down[] = {
		{.dev = "sdc", .cdb = prout, .cdb_len = 1, .error = -ETIMEDOUT},
		{.cdb = prout, .cdb_len = 1},
		{.cdb = prin, .cdb_len = 1, .data = resv_k, .data_len = sizeof(resv_k)},
	};
	struct mp_prout_param p = {.key = KEY};
	struct mp_pr_result res;
	struct rig r;

	(void)state;
	rig_init(&r, gone, 2);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_RELEASE, 5, &p, &res), 0);
	assert_int_equal(r.log.n, 4); /* three releases, one READ RESERVATION */
	assert_int_equal(r.log.cmd[3].op, 0x5e);
	assert_int_equal(r.log.cmd[3].sa, MP_PRIN_READ_RESERVATION);

	rig_init(&r, held, 2);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_RELEASE, 5, &p, &res), -EAGAIN);

	rig_init(&r, holder_down, 3);
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_RELEASE, 5, &p, &res),
			 -ETIMEDOUT);
}

static void read_through_any_path(void **state)
{
	static const uint8_t keys[16] = {0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0xab, 0xcd};
	const struct mp_fake_scsi_entry e[] = {
		{.dev = "sda", .cdb = prin, .cdb_len = 1, .error = -ENOLINK},
		{.cdb = prin, .cdb_len = 1, .data = keys, .data_len = sizeof(keys)},
	};
	struct mp_pr_result res;
	struct mp_pr_keys k;
	uint8_t buf[512];
	size_t len = 0, used = 9;
	struct rig r;

	(void)state;
	rig_init(&r, e, 2);
	assert_int_equal(mp_pr_map_in(&r.ctx, r.paths, 4, MP_PRIN_READ_KEYS, buf, sizeof(buf), &len,
				      &used, &res),
			 0);
	assert_int_equal(used, 1);
	assert_int_equal(len, 16);
	assert_int_equal(mp_pr_keys_decode(buf, len, &k, NULL), 0);
	assert_int_equal(k.n_keys, 1);
	assert_true(k.keys[0] == KEY);
	mp_pr_keys_clear(&k);
}

static void no_usable_path(void **state)
{
	const struct mp_fake_scsi_entry e[] = {{.cdb = prout, .cdb_len = 1}};
	struct mp_prout_param p = {.sa_key = KEY};
	struct mp_pr_result res;
	uint8_t buf[8];
	size_t len, used;
	struct rig r;

	(void)state;
	rig_init(&r, e, 1);
	for (int i = 0; i < 4; i++)
		r.paths[i].usable = false;
	assert_int_equal(mp_pr_map_out(&r.ctx, r.paths, 4, MP_PROUT_REGISTER, 0, &p, &res), -ENODEV);
	assert_int_equal(mp_pr_map_in(&r.ctx, r.paths, 4, MP_PRIN_READ_KEYS, buf, sizeof(buf), &len,
				      &used, &res),
			 -ENODEV);
	assert_int_equal(r.log.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(planning),
		cmocka_unit_test(register_every_usable_path),
		cmocka_unit_test(conflict_rolls_back),
		cmocka_unit_test(path_failure_keeps_the_others),
		cmocka_unit_test(a_device_error_beats_a_path_failure),
		cmocka_unit_test(reserve_moves_on_after_a_path_failure),
		cmocka_unit_test(reserve_conflict_stops),
		cmocka_unit_test(release_checks_the_reservation),
		cmocka_unit_test(read_through_any_path),
		cmocka_unit_test(no_usable_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
