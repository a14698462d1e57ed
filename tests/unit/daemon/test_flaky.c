/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The path-holding policies of the core without a kernel: flapping paths
 * (san_path_err_*), marginal paths (marginal_path_*), ghost_delay and
 * queue_without_daemon at shutdown. The world is a temporary sysfs tree (two
 * LUNs through four hosts: LUN 0 is sda..sdd, LUN 1 sde..sdh), the kernel
 * the recording dm fake, checker verdicts are injected as the scheduler
 * would deliver them, and the holding policies run on a clock the test
 * moves (core_env.clock). Assertions are on the dm calls, the path states
 * the "show paths" command reports and the timeline.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/commands.h"
#include "config/config.h"
#include "state/core.h"
#include "dm/dm_fake.h"
#include "observe/events.h"
#include "runtime/loop.h"
#include "observe/metrics.h"
#include "../discover/testlib.h"

#define SEC 1000000ull

struct env {
	struct fakesys fs;
	char conf[512];
	struct loop *loop;
	struct timeline *tl;
	struct metrics metrics;
	struct mp_dm *dm; /* owned by the core once it runs */
	struct core *core;
	uint64_t now;     /* the core's clock, usec */
	bool lun1_standby; /* every path of LUN 1 standby (ghost_delay) */
};

static uint64_t test_clock(void *data)
{
	return ((struct env *)data)->now;
}

static void add_path(struct env *e, int host, int lun)
{
	static const char *const access_by_host[] = {"active/optimized\n", "active/optimized\n",
						     "standby\n", "active/optimized\n"};

	fs_add_scsi_debug_path(&e->fs, host, lun,
			       lun == 1 && e->lun1_standby ? "standby\n" : access_by_host[host]);
}

static void log_quiet(void *data, int level, const char *msg)
{
	(void)data;
	if (getenv("MPATHD_TEST_VERBOSE"))
		fprintf(stderr, "<%d> %s\n", level, msg);
}

/* A world, a config (defaults section body) and a running core. */
static struct env *start(void **state, bool lun1_standby, const char *defaults)
{
	struct env *e = calloc(1, sizeof(*e));
	struct strbuf errors = STRBUF_INIT;
	struct core_env ce;
	FILE *f;

	assert_non_null(e);
	*state = e;
	e->now = 1000 * SEC;
	e->lun1_standby = lun1_standby;
	fs_init(&e->fs);
	fs_mkdir(&e->fs, "block");
	for (int lun = 0; lun < 2; lun++)
		for (int h = 0; h < 4; h++)
			add_path(e, h, lun);
	snprintf(e->conf, sizeof(e->conf), "%s/multipath.conf", e->fs.root);
	f = fopen(e->conf, "w");
	assert_non_null(f);
	fprintf(f, "defaults {\n\tfind_multipaths no\n\tuser_friendly_names yes\n"
		   "\tpolling_interval 1\n\tpath_grouping_policy multibus\n%s}\n", defaults);
	fclose(f);
	assert_int_equal(loop_new(&e->loop), 0);
	assert_int_equal(timeline_new(64, 16, &e->tl), 0);
	assert_int_equal(mp_dm_fake_new(&e->dm), 0);
	ce = (struct core_env){
		.loop = e->loop,
		.timeline = e->tl,
		.metrics = &e->metrics,
		.log = log_quiet,
		.log_level = MP_LOG_DEBUG,
		.config_path = e->conf,
		.sysfs_root = e->fs.root,
		.dm = e->dm,
		.no_checks = true,
		.state_dir = e->fs.root,
		.clock = test_clock,
		.clock_data = e,
	};
	assert_int_equal(core_new(&ce, &errors, &e->core), 0);
	strbuf_reset(&errors);
	assert_int_equal(core_start(e->core), 0);
	return e;
}

static int teardown(void **state)
{
	struct env *e = *state;

	if (!e)
		return 0;
	core_free(e->core);
	timeline_free(e->tl);
	loop_free(e->loop);
	fs_cleanup(&e->fs);
	free(e);
	return 0;
}

static size_t count_calls(struct mp_dm *dm, const char *prefix)
{
	size_t n = 0;

	for (size_t i = 0; i < mp_dm_fake_n_calls(dm); i++)
		if (!strncmp(mp_dm_fake_call(dm, i), prefix, strlen(prefix)))
			n++;
	return n;
}

static char *run(struct env *e, const char *cmd)
{
	struct cmd_env ce = {.timeline = e->tl, .metrics = &e->metrics, .core = e->core};
	char *reply = NULL;

	commands_execute(&ce, cmd, 0, &reply);
	assert_non_null(reply);
	return reply;
}

static void assert_reply(struct env *e, const char *cmd, const char *needle, bool present)
{
	char *reply = run(e, cmd);

	if (!strstr(reply, needle) == present)
		fail_msg("'%s' replied:\n%s\n%s '%s'", cmd, reply, present ? "without" : "with",
			 needle);
	free(reply);
}

static void assert_timeline(struct env *e, const char *dev, const char *needle)
{
	struct strbuf sb = STRBUF_INIT;

	timeline_format(e->tl, TL_PATH, dev, &sb);
	if (!strstr(strbuf_str(&sb), needle))
		fail_msg("timeline of %s:\n%s\nwithout '%s'", dev, strbuf_str(&sb), needle);
	strbuf_reset(&sb);
}

static void verdict(struct env *e, const char *dev, enum mp_path_state s)
{
	assert_int_equal(core_path_result_by_name(e->core, dev, s, "test"), 0);
}

/* One failure and return of sdb; Return: reinstate_path messages it caused. */
static size_t flap(struct env *e, const char *dev, const char *devt)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "message mpatha 0 reinstate_path %s", devt);
	mp_dm_fake_clear_calls(e->dm);
	verdict(e, dev, MP_PATH_DOWN);
	e->now += SEC;
	verdict(e, dev, MP_PATH_UP);
	e->now += SEC;
	return count_calls(e->dm, msg);
}

static void all_up(struct env *e)
{
	static const char *const devs[] = {"sda", "sdb", "sdc", "sdd"};

	for (size_t i = 0; i < 4; i++)
		verdict(e, devs[i], MP_PATH_UP);
}

/* ---- san_path_err ---- */

/* multipath.conf(5): every one of these is off ("no") unless configured. */
static void keywords_default_to_no(void **state)
{
	static const char *const kws[] = {
		"san_path_err_threshold", "san_path_err_forget_rate", "san_path_err_recovery_time",
		"marginal_path_double_failed_time", "marginal_path_err_sample_time",
		"marginal_path_err_rate_threshold", "marginal_path_err_recheck_gap_time",
		"ghost_delay", "queue_without_daemon",
	};
	struct mp_config *cfg = NULL;

	(void)state;
	assert_int_equal(mp_config_new(&cfg), 0);
	for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
		const char *v = mp_config_get(cfg, kws[i], NULL);

		if (!v || strcmp(v, "no"))
			fail_msg("%s defaults to %s", kws[i], v ? v : "(unset)");
	}
	mp_config_free(cfg);
}

/* Default "no": however often a path flaps, each return reinstates it. */
static void defaults_never_hold(void **state)
{
	struct env *e = start(state, false, "");

	all_up(e);
	for (int i = 0; i < 6; i++)
		assert_int_equal(flap(e, "sdb", "8:16"), 1);
	assert_reply(e, "show paths format \"%d %T\"", "shaky", false);
	assert_reply(e, "show paths format \"%d %T\"", "marginal", false);
}

/* Two of the three set: the method is off. */
static void san_path_err_needs_all_three(void **state)
{
	struct env *e = start(state, false,
			      "\tsan_path_err_threshold 1\n\tsan_path_err_forget_rate 10\n");

	all_up(e);
	for (int i = 0; i < 4; i++)
		assert_int_equal(flap(e, "sdb", "8:16"), 1);
}

static void flapping_path_is_held_for_recovery_time(void **state)
{
	struct env *e = start(state, false,
			      "\tsan_path_err_threshold 2\n\tsan_path_err_forget_rate 10\n"
			      "\tsan_path_err_recovery_time 30\n");

	all_up(e);
	assert_int_equal(flap(e, "sdb", "8:16"), 1);
	assert_int_equal(flap(e, "sdb", "8:16"), 1);
	/* the third failure exceeds the threshold: back, but kept out */
	assert_int_equal(flap(e, "sdb", "8:16"), 0);
	assert_true(mp_dm_fake_n_calls(e->dm) > 0); /* its fail_path went out */
	assert_reply(e, "show paths format \"%d %t %T\"", "sdb failed shaky", true);
	assert_timeline(e, "sdb", "faulty -> shaky: 3 failures exceed san_path_err_threshold 2");
	/* answering for less than recovery_time changes nothing */
	mp_dm_fake_clear_calls(e->dm);
	e->now += 20 * SEC;
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message "), 0);
	/* failing again while held starts the quiet period over */
	verdict(e, "sdb", MP_PATH_DOWN);
	e->now += 20 * SEC;
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path"), 0);
	assert_reply(e, "show paths format \"%d %T\"", "sdb shaky", true);
	e->now += 11 * SEC;
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path 8:16"), 1);
	assert_reply(e, "show paths format \"%d %t %T\"", "sdb active ready", true);
	assert_timeline(e, "sdb", "shaky -> ready: san_path_err_recovery_time 30 s passed");
	/* and its count starts from zero again */
	assert_int_equal(flap(e, "sdb", "8:16"), 1);
}

/* One failure is forgotten every forget_rate healthy checks. */
static void failures_are_forgotten(void **state)
{
	struct env *e = start(state, false,
			      "\tsan_path_err_threshold 1\n\tsan_path_err_forget_rate 3\n"
			      "\tsan_path_err_recovery_time 30\n");

	all_up(e);
	assert_int_equal(flap(e, "sdb", "8:16"), 1); /* 1 failure */
	for (int i = 0; i < 3; i++)                   /* 3 healthy checks: forgotten */
		verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(flap(e, "sdb", "8:16"), 1); /* 1 failure again, not > 1 */
	verdict(e, "sdb", MP_PATH_UP);               /* only 1 healthy check */
	assert_int_equal(flap(e, "sdb", "8:16"), 0); /* 2 > 1: held */
	assert_reply(e, "show paths format \"%d %T\"", "sdb shaky", true);
}

/* Holding never leaves a map without a usable path. */
static void shaky_path_is_released_when_it_is_the_last(void **state)
{
	struct env *e = start(state, false,
			      "\tsan_path_err_threshold 1\n\tsan_path_err_forget_rate 10\n"
			      "\tsan_path_err_recovery_time 60\n");

	all_up(e);
	assert_int_equal(flap(e, "sdb", "8:16"), 1);
	assert_int_equal(flap(e, "sdb", "8:16"), 0);
	assert_reply(e, "show paths format \"%d %T\"", "sdb shaky", true);
	verdict(e, "sda", MP_PATH_DOWN);
	verdict(e, "sdc", MP_PATH_DOWN);
	verdict(e, "sdd", MP_PATH_DOWN);
	mp_dm_fake_clear_calls(e->dm);
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path 8:16"), 1);
	assert_timeline(e, "sdb", "shaky -> ready: shaky, but no other path is usable");
	/* nor is a last path held when it comes back over the threshold */
	verdict(e, "sdb", MP_PATH_DOWN);
	mp_dm_fake_clear_calls(e->dm);
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path 8:16"), 1);
}

/* A reload makes every path active in the kernel: a held path is failed again. */
static void held_path_is_failed_again_after_a_reload(void **state)
{
	struct env *e = start(state, false,
			      "\tsan_path_err_threshold 1\n\tsan_path_err_forget_rate 10\n"
			      "\tsan_path_err_recovery_time 60\n");

	all_up(e);
	assert_int_equal(flap(e, "sdb", "8:16"), 1);
	assert_int_equal(flap(e, "sdb", "8:16"), 0);
	mp_dm_fake_clear_calls(e->dm);
	assert_reply(e, "reload map mpatha", "ok", true);
	assert_int_equal(count_calls(e->dm, "reload mpatha "), 1);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 fail_path 8:16"), 1);
	assert_reply(e, "show paths format \"%d %t %T\"", "sdb failed shaky", true);
}

/* ---- marginal_path ---- */

#define MARGINAL_CONF                                                                              \
	"\tmarginal_path_double_failed_time 10\n\tmarginal_path_err_sample_time 5\n"             \
	"\tmarginal_path_err_rate_threshold 100\n\tmarginal_path_err_recheck_gap_time 20\n"

static void double_failure_makes_a_path_marginal(void **state)
{
	struct env *e = start(state, false, MARGINAL_CONF);

	all_up(e);
	assert_int_equal(flap(e, "sdb", "8:16"), 1);  /* first failure */
	e->now += 5 * SEC;
	/* the second within 10 s: marginal, sampled with checks for 5 s */
	assert_int_equal(flap(e, "sdb", "8:16"), 0);
	assert_reply(e, "show paths format \"%d %t %T\"", "sdb failed marginal", true);
	assert_timeline(e, "sdb", "failed twice within marginal_path_double_failed_time 10 s");
	/* samples: 1 bad of 4 = 250/1000 > 100 */
	verdict(e, "sdb", MP_PATH_DOWN);
	verdict(e, "sdb", MP_PATH_UP);
	e->now += 4 * SEC;
	mp_dm_fake_clear_calls(e->dm);
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path"), 0);
	assert_timeline(e, "sdb", "(250/1000 > marginal_path_err_rate_threshold 100): kept out for 20 s");
	/* the gap: still out, not sampled */
	e->now += 19 * SEC;
	verdict(e, "sdb", MP_PATH_DOWN);
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path"), 0);
	/* after the gap a clean sample reinstates it */
	e->now += 2 * SEC;
	verdict(e, "sdb", MP_PATH_UP);
	assert_timeline(e, "sdb", "recheck_gap_time 20 s over: sampling again");
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path"), 0);
	e->now += 5 * SEC;
	verdict(e, "sdb", MP_PATH_UP);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path 8:16"), 1);
	assert_timeline(e, "sdb", "marginal -> ready: 0 of 3 checks failed");
	assert_reply(e, "show paths format \"%d %t %T\"", "sdb active ready", true);
}

static void failures_far_apart_are_not_marginal(void **state)
{
	struct env *e = start(state, false, MARGINAL_CONF);

	all_up(e);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(flap(e, "sdb", "8:16"), 1);
		e->now += 11 * SEC;
	}
	assert_reply(e, "show paths format \"%d %T\"", "marginal", false);
}

/* The kernel failing a path on I/O counts as a failure too. */
static void kernel_failures_count_for_marginal(void **state)
{
	struct env *e = start(state, false, MARGINAL_CONF);

	all_up(e);
	/* Each return answers differently from before the kernel's failure,
	 * so the one-interval grace after a kernel failure does not apply. */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(mp_dm_fail_path(e->dm, "mpatha", 8, 16), 0);
		core_dm_event(e->core);
		e->now += 2 * SEC;
		mp_dm_fake_clear_calls(e->dm);
		verdict(e, "sdb", i == 0 ? MP_PATH_GHOST : MP_PATH_UP);
		if (i == 0)
			assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path 8:16"), 1);
	}
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path"), 0);
	assert_timeline(e, "sdb", "failed by the kernel in mpatha");
	assert_reply(e, "show paths format \"%d %T\"", "sdb marginal", true);
}

/* With marginal_path on, san_path_err is off (multipathd's rule). */
static void marginal_turns_san_path_err_off(void **state)
{
	struct env *e = start(state, false,
			      MARGINAL_CONF "\tsan_path_err_threshold 1\n"
					    "\tsan_path_err_forget_rate 10\n"
					    "\tsan_path_err_recovery_time 60\n");

	all_up(e);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(flap(e, "sdb", "8:16"), 1);
		e->now += 11 * SEC;
	}
	assert_reply(e, "show paths format \"%d %T\"", "shaky", false);
}

/* ---- ghost_delay ---- */

static void ghost_delay_no_creates_standby_maps_at_once(void **state)
{
	struct env *e = start(state, true, "");

	assert_int_equal(count_calls(e->dm, "create mpathb "), 1);
}

static void ghost_delay_waits_then_creates(void **state)
{
	struct env *e = start(state, true, "\tghost_delay 1\n");
	uint64_t t0 = loop_now(e->loop);

	assert_int_equal(count_calls(e->dm, "create mpatha "), 1);
	assert_int_equal(count_calls(e->dm, "create mpathb "), 0);
	assert_reply(e, "show events map mpathb", "creation delayed up to 1 s (ghost_delay)", true);
	/* no active path shows up: created when the delay is over (real time) */
	e->now += 2 * SEC;
	while (!count_calls(e->dm, "create mpathb ") && loop_now(e->loop) - t0 < 3 * SEC)
		loop_iterate(e->loop, 100);
	assert_int_equal(count_calls(e->dm, "create mpathb "), 1);
	assert_reply(e, "show events map mpathb", "ghost_delay over", true);
	assert_reply(e, "show maps", "mpathb", true);
}

static void ghost_delay_ends_when_a_port_turns_active(void **state)
{
	struct env *e = start(state, true, "\tghost_delay 600\n");
	uint64_t t0 = loop_now(e->loop);

	assert_int_equal(count_calls(e->dm, "create mpathb "), 0);
	/* the array activates sdf's port: seen at the next polling_interval (1 s) */
	fs_writes(&e->fs, "block/sdf/device/access_state", "active/optimized\n");
	while (!count_calls(e->dm, "create mpathb ") && loop_now(e->loop) - t0 < 3 * SEC)
		loop_iterate(e->loop, 100);
	assert_int_equal(count_calls(e->dm, "create mpathb "), 1);
	assert_true(loop_now(e->loop) - t0 < 3 * SEC);
	assert_reply(e, "show events map mpathb", "an active path appeared", true);
}

/* An add uevent (here the "add path" command) bringing an active path ends the wait. */
static void ghost_delay_ends_on_an_added_active_path(void **state)
{
	struct env *e = start(state, true, "\tghost_delay 600\n");

	assert_int_equal(count_calls(e->dm, "create mpathb "), 0);
	fs_writes(&e->fs, "block/sdf/device/access_state", "active/optimized\n");
	assert_reply(e, "add path sdf", "ok", true);
	assert_int_equal(count_calls(e->dm, "create mpathb "), 1);
	assert_reply(e, "show events map mpathb", "an active path appeared", true);
}

/* ---- queue_without_daemon ---- */

static void shutdown_stops_queueing(void **state)
{
	struct env *e = start(state, false, "\tno_path_retry queue\n");

	mp_dm_fake_clear_calls(e->dm);
	core_stop(e->core);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 fail_if_no_path"), 1);
	assert_int_equal(count_calls(e->dm, "message mpathb 0 fail_if_no_path"), 1);
	assert_int_equal(count_calls(e->dm, "remove "), 0);
	assert_int_equal(count_calls(e->dm, "suspend "), 0);
	assert_reply(e, "show events map mpatha", "queue_without_daemon is no", true);
}

static void shutdown_keeps_queueing_with_queue_without_daemon(void **state)
{
	struct env *e = start(state, false, "\tno_path_retry queue\n\tqueue_without_daemon yes\n");

	mp_dm_fake_clear_calls(e->dm);
	core_stop(e->core);
	assert_int_equal(mp_dm_fake_n_calls(e->dm), 0);
}

static void shutdown_leaves_maps_that_do_not_queue(void **state)
{
	struct env *e = start(state, false, "\tno_path_retry fail\n");

	mp_dm_fake_clear_calls(e->dm);
	core_stop(e->core);
	core_stop(NULL);
	assert_int_equal(mp_dm_fake_n_calls(e->dm), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keywords_default_to_no),
		cmocka_unit_test_teardown(defaults_never_hold, teardown),
		cmocka_unit_test_teardown(san_path_err_needs_all_three, teardown),
		cmocka_unit_test_teardown(flapping_path_is_held_for_recovery_time, teardown),
		cmocka_unit_test_teardown(failures_are_forgotten, teardown),
		cmocka_unit_test_teardown(shaky_path_is_released_when_it_is_the_last, teardown),
		cmocka_unit_test_teardown(held_path_is_failed_again_after_a_reload, teardown),
		cmocka_unit_test_teardown(double_failure_makes_a_path_marginal, teardown),
		cmocka_unit_test_teardown(failures_far_apart_are_not_marginal, teardown),
		cmocka_unit_test_teardown(kernel_failures_count_for_marginal, teardown),
		cmocka_unit_test_teardown(marginal_turns_san_path_err_off, teardown),
		cmocka_unit_test_teardown(ghost_delay_no_creates_standby_maps_at_once, teardown),
		cmocka_unit_test_teardown(ghost_delay_waits_then_creates, teardown),
		cmocka_unit_test_teardown(ghost_delay_ends_when_a_port_turns_active, teardown),
		cmocka_unit_test_teardown(ghost_delay_ends_on_an_added_active_path, teardown),
		cmocka_unit_test_teardown(shutdown_stops_queueing, teardown),
		cmocka_unit_test_teardown(shutdown_keeps_queueing_with_queue_without_daemon, teardown),
		cmocka_unit_test_teardown(shutdown_leaves_maps_that_do_not_queue, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
