/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Persistent reservations in the daemon's core: the prkey commands and the
 * prkeys file, and the key a path gets before it carries I/O (a returning
 * path before its reinstate). The array is the fake SCSI transport; what
 * it was sent is recorded with the number of dm calls made before each
 * command, so a test can say "registered before the reload".
 */
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "discover/fake_scsi.h"
#include "dm/dm_fake.h"
#include "state/core.h"

#include "core_fixture.h"

static void prkey_commands_keep_the_prkeys_file(void **state)
{
	struct env *e = *state;
	char path[600], *text = NULL;
	size_t len = 0;
	FILE *f;

	write_config(e, "\treservation_key file\n");
	assert_int_equal(start_core(e), 0);
	assert_reply_contains(e, "getprkey map mpatha", "none");
	assert_reply_contains(e, "setprkey map mpatha key 0x123abc", "ok");
	assert_reply_contains(e, "getprkey map mpatha", "0x123abc\n");
	assert_reply_contains(e, "setprkey map mpathb key 5:aptpl", "ok");
	assert_reply_contains(e, "getprkey map mpathb", "0x5:aptpl");
	assert_reply_contains(e, "setprkey map mpatha key 0xzz", "fail");
	assert_reply_contains(e, "setprkey map nosuchmap key 1", "no such map");
	/* the file multipathd would read: "0x<16 digits> <wwid>", 0X for APTPL */
	snprintf(path, sizeof(path), "%s/prkeys", e->fs.root);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_true(getdelim(&text, &len, '\0', f) > 0);
	fclose(f);
	assert_non_null(strstr(text, "\n0x0000000000123abc 1Linux_scsi_debug_2000\n"));
	assert_non_null(strstr(text, "\n0X0000000000000005 1Linux_scsi_debug_2001\n"));
	free(text);
	assert_reply_contains(e, "unsetprkey map mpatha", "ok");
	assert_reply_contains(e, "getprkey map mpatha", "none");
	/* a key written in the config is not the daemon's to change */
	write_config(e, "\treservation_key 0xabc:aptpl\n");
	assert_reply_contains(e, "reconfigure", "ok");
	assert_reply_contains(e, "getprkey map mpatha", "0xabc:aptpl");
	assert_reply_contains(e, "setprkey map mpatha key 0x1", "fail");
	assert_reply_contains(e, "unsetprkey map mpatha", "not \"file\"");
}

/* What the array saw, with the number of dm calls made before each command. */
struct pr_log {
	struct env *e;
	size_t n;
	struct {
		char dev[8];
		uint8_t op, sa;
		uint64_t sark;
		size_t dm_calls_before;
	} cmd[8];
};

static void pr_record(void *data, const char *dev, const struct mp_scsi_io *io)
{
	struct pr_log *l = data;
	uint64_t v = 0;

	if (l->n == 8)
		return;
	snprintf(l->cmd[l->n].dev, sizeof(l->cmd[l->n].dev), "%s", dev);
	l->cmd[l->n].op = io->cdb[0];
	l->cmd[l->n].sa = io->cdb[1] & 0x1f;
	if (io->data_out && io->buf_len >= 16)
		for (int i = 8; i < 16; i++)
			v = v << 8 | io->buf[i];
	l->cmd[l->n].sark = v;
	l->cmd[l->n].dm_calls_before = mp_dm_fake_n_calls(l->e->dm);
	l->n++;
}

static size_t call_index(struct mp_dm *dm, const char *text)
{
	for (size_t i = 0; i < mp_dm_fake_n_calls(dm); i++)
		if (!strcmp(mp_dm_fake_call(dm, i), text))
			return i;
	return SIZE_MAX;
}

static void reinstate_waits_for_the_reservation_key(void **state)
{
	static const uint8_t prin[] = {0x5e}, prout[] = {0x5f};
	/* READ KEYS: generation 1, two keys: ours (0xabc) and another node's */
	static const uint8_t ours[24] = {0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0x0a, 0xbc,
					 0, 0, 0, 0, 0, 0, 0x0d, 0xef};
	/* after a fence: only the other node's key */
	static const uint8_t fenced[16] = {0, 0, 0, 2, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x0d, 0xef};
	struct mp_fake_scsi_entry entries[] = {
		{.cdb = prin, .cdb_len = 1, .data = ours, .data_len = sizeof(ours)},
		{.cdb = prout, .cdb_len = 1},
	};
	struct env *e = *state;
	struct pr_log log = {.e = e};
	struct mp_fake_scsi fake = {entries, 2, .observe = pr_record, .observe_data = &log};
	size_t reinstate;

	e->checkers = (struct mp_check_env){.backend = &mp_check_inline_backend,
					    .scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	write_config(e, "\treservation_key 0xabc\n");
	assert_int_equal(start_core(e), 0);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "tur: ok");
	assert_int_equal(log.n, 0); /* active in the kernel: nothing to do */
	core_path_result_by_name(e->core, "sdb", MP_PATH_DOWN, "tur: timeout");
	assert_int_equal(log.n, 0);
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "tur: ok");
	/* READ KEYS through the path, our key is there: registered on it, then reinstated */
	assert_int_equal(log.n, 2);
	assert_string_equal(log.cmd[0].dev, "sdb");
	assert_int_equal(log.cmd[0].op, 0x5e);
	assert_int_equal(log.cmd[0].sa, 0x00);
	assert_string_equal(log.cmd[1].dev, "sdb");
	assert_int_equal(log.cmd[1].op, 0x5f);
	assert_int_equal(log.cmd[1].sa, 0x06); /* REGISTER AND IGNORE EXISTING KEY */
	assert_true(log.cmd[1].sark == 0xabc);
	reinstate = call_index(e->dm, "message mpatha 0 reinstate_path 8:16");
	assert_true(reinstate != SIZE_MAX);
	assert_true(log.cmd[1].dm_calls_before <= reinstate);

	/* fenced: the key is gone from the LUN; the path comes back unregistered */
	entries[0].data = fenced;
	entries[0].data_len = sizeof(fenced);
	log.n = 0;
	core_path_result_by_name(e->core, "sdb", MP_PATH_DOWN, "tur: timeout");
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "tur: ok");
	assert_int_equal(log.n, 1);
	assert_int_equal(log.cmd[0].op, 0x5e);
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:16"));

	/* no reservation_key: no SCSI command at all */
	write_config(e, "");
	assert_reply_contains(e, "reconfigure", "ok");
	log.n = 0;
	core_path_result_by_name(e->core, "sdb", MP_PATH_DOWN, "tur: timeout");
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "tur: ok");
	assert_int_equal(log.n, 0);
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:16"));
}

/* A backend that keeps the jobs until the test runs them: the moment
 * between "job started" and "job done" made visible. */
struct held_backend {
	struct mp_check_job *jobs[4];
	size_t n, submitted;
};

static int held_submit(void *data, struct mp_check_job *job, uint64_t deadline_usec)
{
	struct held_backend *h = data;

	(void)deadline_usec;
	if (h->n == 4)
		return -EAGAIN;
	h->jobs[h->n++] = job;
	h->submitted++;
	return 0;
}

static const struct mp_check_backend_ops held_ops = {.submit = held_submit};

static void held_run_all(struct held_backend *h)
{
	while (h->n) {
		struct mp_check_job *job = h->jobs[--h->n];

		job->run(job);
		job->finish(job, MP_CHECK_JOB_DONE);
		job->release(job);
	}
}

/* READ KEYS answers: generation, then ours (0xabc) and another node's; after
 * a fence only the other node's. */
static const uint8_t keys_ours[24] = {0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0x0a, 0xbc,
				      0, 0, 0, 0, 0, 0, 0x0d, 0xef};
static const uint8_t keys_fenced[16] = {0, 0, 0, 2, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x0d, 0xef};

static void table_has(struct env *e, const char *map, const char *dev, bool want)
{
	char *line = NULL;

	assert_int_equal(mp_dm_get_table_line(e->dm, map, &line), 0);
	if (want)
		assert_non_null(strstr(line, dev));
	else
		assert_null(strstr(line, dev));
	free(line);
}

/* A path new to the map (here: removed, then seen again, as after a rescan)
 * stays out of the table until its key is registered, then joins. */
static void new_path_is_registered_before_it_joins_the_map(void **state)
{
	static const uint8_t prin[] = {0x5e}, prout[] = {0x5f};
	struct mp_fake_scsi_entry entries[] = {
		{.cdb = prin, .cdb_len = 1, .data = keys_ours, .data_len = sizeof(keys_ours)},
		{.cdb = prout, .cdb_len = 1},
	};
	struct env *e = *state;
	struct pr_log log = {.e = e};
	struct mp_fake_scsi fake = {entries, 2, .observe = pr_record, .observe_data = &log};
	struct held_backend held = {0};
	const char *reload;
	size_t reload_at;

	e->checkers = (struct mp_check_env){.backend = &held_ops, .backend_data = &held,
					    .scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	write_config(e, "\treservation_key 0xabc\n");
	assert_int_equal(start_core(e), 0);
	assert_reply_contains(e, "del path sdb", "ok");
	table_has(e, "mpatha", " 8:16 ", false);
	held.submitted = 0;
	mp_dm_fake_clear_calls(e->dm);
	assert_reply_contains(e, "add path sdb", "ok");
	/* the job runs; until it ends the path is not in the table */
	assert_int_equal(held.submitted, 1);
	assert_int_equal(log.n, 0);
	table_has(e, "mpatha", " 8:16 ", false);
	core_run_pending(e->core);
	assert_int_equal(held.submitted, 1); /* no second job for the same path */
	table_has(e, "mpatha", " 8:16 ", false);
	held_run_all(&held);
	core_run_pending(e->core);
	table_has(e, "mpatha", " 8:16 ", true);
	assert_int_equal(log.n, 2);
	assert_string_equal(log.cmd[0].dev, "sdb");
	assert_int_equal(log.cmd[0].op, 0x5e);
	assert_string_equal(log.cmd[1].dev, "sdb");
	assert_int_equal(log.cmd[1].op, 0x5f);
	assert_int_equal(log.cmd[1].sa, 0x06); /* REGISTER AND IGNORE EXISTING KEY */
	assert_true(log.cmd[1].sark == 0xabc);
	reload = find_call(e->dm, "reload mpatha ");
	assert_non_null(reload);
	assert_non_null(strstr(reload, " 8:16 "));
	reload_at = call_index(e->dm, reload);
	assert_true(log.cmd[1].dm_calls_before <= reload_at);
	assert_reply_contains(e, "map mpatha getprstatus", "1\n"); /* the array said so */
	/* in the table now: a later sync starts nothing */
	assert_reply_contains(e, "reload map mpatha", "ok");
	assert_int_equal(held.submitted, 1);
}

/* The host was fenced (its key preempted): the new path joins, unregistered. */
static void new_path_of_a_fenced_host_joins_unregistered(void **state)
{
	static const uint8_t prin[] = {0x5e};
	struct mp_fake_scsi_entry entries[] = {
		{.cdb = prin, .cdb_len = 1, .data = keys_fenced, .data_len = sizeof(keys_fenced)},
	};
	struct env *e = *state;
	struct pr_log log = {.e = e};
	struct mp_fake_scsi fake = {entries, 1, .observe = pr_record, .observe_data = &log};

	e->checkers = (struct mp_check_env){.backend = &mp_check_inline_backend,
					    .scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	write_config(e, "\treservation_key 0xabc\n");
	assert_int_equal(start_core(e), 0);
	assert_reply_contains(e, "map mpatha setprstatus", "ok");
	assert_reply_contains(e, "map mpatha getprstatus", "1\n");
	assert_reply_contains(e, "del path sdb", "ok");
	assert_reply_contains(e, "add path sdb", "ok");
	core_run_pending(e->core);
	/* the flag follows the array's answer: a stale "set" does not survive a fence */
	assert_reply_contains(e, "map mpatha getprstatus", "0\n");
	table_has(e, "mpatha", " 8:16 ", true);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.cmd[0].op, 0x5e);
}

/* Without a reservation_key nothing is sent and the path joins at once. */
static void new_path_without_a_key_joins_at_once(void **state)
{
	struct env *e = *state;
	struct pr_log log = {.e = e};
	struct mp_fake_scsi fake = {NULL, 0, .observe = pr_record, .observe_data = &log};
	struct held_backend held = {0};

	e->checkers = (struct mp_check_env){.backend = &held_ops, .backend_data = &held,
					    .scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	assert_int_equal(start_core(e), 0);
	assert_reply_contains(e, "del path sdb", "ok");
	held.submitted = 0;
	assert_reply_contains(e, "add path sdb", "ok");
	table_has(e, "mpatha", " 8:16 ", true);
	assert_int_equal(log.n, 0);
	held_run_all(&held); /* whatever checks the core started */
	for (size_t i = 0; i < log.n; i++)
		assert_true(log.cmd[i].op != 0x5e && log.cmd[i].op != 0x5f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(prkey_commands_keep_the_prkeys_file, setup, teardown),
		cmocka_unit_test_setup_teardown(reinstate_waits_for_the_reservation_key, setup, teardown),
		cmocka_unit_test_setup_teardown(new_path_is_registered_before_it_joins_the_map, setup, teardown),
		cmocka_unit_test_setup_teardown(new_path_of_a_fenced_host_joins_unregistered, setup, teardown),
		cmocka_unit_test_setup_teardown(new_path_without_a_key_joins_at_once, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
