/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's state machine without a kernel: a sysfs tree built in a
 * temporary directory (two scsi_debug-like LUNs seen through four hosts),
 * the recording device-mapper fake, checker verdicts injected through
 * core_path_result_by_name() (what the scheduler calls), uevents fed
 * through the same listener object the netlink socket feeds, and commands
 * through commands_execute(). Assertions are on the recorded dm calls and
 * the command replies.
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
#include <unistd.h>

#include "server/commands.h"
#include "state/core.h"
#include "dm/dm_fake.h"
#include "observe/events.h"
#include "runtime/loop.h"
#include "observe/metrics.h"
#include "kernel/intake.h"
#include "kernel/uevent.h"
#include "../discover/testlib.h"
#include "check/check.h"
#include "discover/fake_scsi.h"

#include "core_fixture.h"
#include "state/core_int.h"

/* ---- start ---- */

static void start_creates_missing_maps(void **state)
{
	struct env *e = *state;

	assert_int_equal(start_core(e), 0);
	assert_int_equal(count_calls(e->dm, "create mpatha mpath-1Linux_scsi_debug_2000 "), 1);
	assert_int_equal(count_calls(e->dm, "create mpathb mpath-1Linux_scsi_debug_2001 "), 1);
	assert_int_equal(count_calls(e->dm, "reload "), 0);
	/* group_by_prio: optimized (hosts 0, 3), non-optimized (1), standby (2) */
	assert_reply_contains(e, "show topology", "mpatha (1Linux_scsi_debug_2000) dm-0 Linux,scsi_debug");
	assert_reply_contains(e, "show maps", "mpathb");
	assert_reply_contains(e, "show paths", "sdh");
	assert_reply_contains(e, "show paths format \"%d %m\"", "sde mpathb");
	assert_reply_contains(e, "show maps json", "\"name\": \"mpatha\"");
	assert_int_equal(e->metrics.maps, 2);
	assert_int_equal(e->metrics.reloads_total, 2);
}

/* What a first start created, seeded into a fresh fake, is adopted as is. */
static void restart_adopts_without_reload(void **state)
{
	struct env *e = *state;
	char *table[2];
	struct mp_dm *dm2;

	assert_int_equal(start_core(e), 0);
	assert_int_equal(mp_dm_get_table_line(e->dm, "mpatha", &table[0]), 0);
	assert_int_equal(mp_dm_get_table_line(e->dm, "mpathb", &table[1]), 0);
	core_free(e->core); /* "kill": maps stay in the (fake) kernel */
	e->core = NULL;
	assert_int_equal(mp_dm_fake_new(&dm2), 0);
	assert_int_equal(mp_dm_fake_add_map(dm2, "mpatha", "mpath-1Linux_scsi_debug_2000", table[0]), 0);
	assert_int_equal(mp_dm_fake_add_map(dm2, "mpathb", "mpath-1Linux_scsi_debug_2001", table[1]), 0);
	free(table[0]);
	free(table[1]);
	e->dm = dm2;
	assert_int_equal(start_core(e), 0);
	assert_int_equal(count_calls(dm2, "create "), 0);
	assert_int_equal(count_calls(dm2, "reload "), 0);
	assert_int_equal(count_calls(dm2, "suspend "), 0);
	assert_reply_contains(e, "show maps", "mpathb");
}

/* A map made by another tool under another table is reloaded: one reload. */
static void adoption_reloads_a_different_table(void **state)
{
	struct env *e = *state;

	char rel[600];

	/* as multipath-tools left it: its bindings file names the map */
	snprintf(rel, sizeof(rel), "bindings");
	fs_writes(&e->fs, rel, "mpatha 1Linux_scsi_debug_2000\n");
	assert_int_equal(mp_dm_fake_add_map(e->dm, "mpatha", "mpath-1Linux_scsi_debug_2000",
					    "0 32768 multipath 0 0 1 1 round-robin 0 1 1 8:0 1"), 0);
	assert_int_equal(start_core(e), 0);
	assert_int_equal(count_calls(e->dm, "reload mpatha "), 1);
	assert_int_equal(count_calls(e->dm, "create mpatha "), 0);
	assert_int_equal(count_calls(e->dm, "create mpathb "), 1);
}

static void log_capture(void *data, int level, const char *msg)
{
	(void)level;
	strbuf_printf(data, "%s\n", msg);
}

/* multipath-tools runs with a config it finds mistakes in; so does mpathd:
 * each mistake is logged with file:line and the bad value keeps the default. */
static void bad_config_is_logged_and_the_daemon_starts(void **state)
{
	struct env *e = *state;
	struct strbuf log = STRBUF_INIT;
	struct core_env ce = {.loop = e->loop, .config_path = e->conf, .sysfs_root = e->fs.root,
			      .dm = e->dm, .no_checks = true, .log = log_capture, .log_data = &log};
	char expect[600];
	FILE *f = fopen(e->conf, "w");

	fprintf(f, "defaults {\n\tpolling_interval 1\n\tpolling_interval abc\n}\n"
		   "devices {\n\tdevice {\n\t\tvendor \"LIO-ORG\"\n\t\tpath_checker tur\n\t}\n}\n");
	fclose(f);
	assert_int_equal(core_new(&ce, NULL, &e->core), 0);
	snprintf(expect, sizeof(expect), "%s:3:", e->conf);
	assert_non_null(strstr(strbuf_str(&log), expect));
	snprintf(expect, sizeof(expect), "%s:6: error: device entry without product", e->conf);
	assert_non_null(strstr(strbuf_str(&log), expect));
	assert_non_null(strstr(strbuf_str(&log), "2 configuration error(s)"));
	strbuf_reset(&log);
}

/* ---- checkers -> kernel ---- */

static void down_fails_and_up_reinstates(void **state)
{
	struct env *e = *state;
	char tl[4096];
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(start_core(e), 0);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "tur: ok");
	mp_dm_fake_clear_calls(e->dm);
	assert_int_equal(core_path_result_by_name(e->core, "sdb", MP_PATH_DOWN, "tur: timeout"), 0);
	assert_true(has_call(e->dm, "message mpatha 0 fail_path 8:16"));
	/* a second "down" says nothing new to the kernel */
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sdb", MP_PATH_DOWN, "tur: timeout");
	assert_int_equal(count_calls(e->dm, "message "), 0);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "tur: ok");
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:16"));
	/* pending is no verdict */
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sdb", MP_PATH_PENDING, "busy");
	assert_int_equal(mp_dm_fake_n_calls(e->dm), 0);
	timeline_format(e->tl, TL_PATH, "sdb", &sb);
	snprintf(tl, sizeof(tl), "%s", strbuf_str(&sb));
	strbuf_reset(&sb);
	assert_non_null(strstr(tl, "ready -> faulty: tur: timeout"));
	assert_non_null(strstr(tl, "faulty -> ready: tur: ok"));
	assert_non_null(strstr(tl, "active -> failed"));
	assert_reply_contains(e, "show events path sdb", "failed in mpatha");
}

static void kernel_failed_path_is_marked_down_at_once(void **state)
{
	struct env *e = *state;

	assert_int_equal(start_core(e), 0);
	core_path_result_by_name(e->core, "sda", MP_PATH_UP, "ok");
	/* the kernel fails the path (I/O error): event number and status change */
	assert_int_equal(mp_dm_fail_path(e->dm, "mpatha", 8, 0), 0);
	core_dm_event(e->core);
	assert_reply_contains(e, "show paths format \"%d %t %T\"", "sda failed faulty");
	assert_reply_contains(e, "show events path sda", "failed by the kernel in mpatha");
}

/* TUR passing right after the kernel failed the path on I/O (a standby
 * port) must not put it back at once: no ping-pong with the kernel. */
static void kernel_failed_path_is_not_reinstated_at_once(void **state)
{
	struct env *e = *state;

	assert_int_equal(start_core(e), 0);
	core_path_result_by_name(e->core, "sda", MP_PATH_UP, "ok");
	assert_int_equal(mp_dm_fail_path(e->dm, "mpatha", 8, 0), 0);
	core_dm_event(e->core);
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sda", MP_PATH_UP, "tur: ok");
	assert_int_equal(count_calls(e->dm, "message mpatha 0 reinstate_path"), 0);
	usleep(1100000); /* one polling interval later it is */
	core_path_result_by_name(e->core, "sda", MP_PATH_UP, "tur: ok");
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:0"));
}

static void all_down_then_fail_if_no_path_after_n_checks(void **state)
{
	struct env *e = *state;
	static const char *const paths[] = {"sda", "sdb", "sdc", "sdd"};
	uint64_t t0;

	assert_int_equal(start_core(e), 0);
	mp_dm_fake_clear_calls(e->dm);
	for (int i = 0; i < 4; i++)
		core_path_result_by_name(e->core, paths[i], MP_PATH_DOWN, "dead");
	assert_int_equal(count_calls(e->dm, "message mpatha 0 fail_path"), 4);
	assert_false(has_call(e->dm, "message mpatha 0 fail_if_no_path"));
	/* no_path_retry 1 x polling_interval 1 s: queueing stops after ~1 s */
	t0 = loop_now(e->loop);
	while (!has_call(e->dm, "message mpatha 0 fail_if_no_path") &&
	       loop_now(e->loop) - t0 < 3000000)
		loop_iterate(e->loop, 100);
	assert_true(has_call(e->dm, "message mpatha 0 fail_if_no_path"));
	assert_true(loop_now(e->loop) - t0 >= 900000);
	assert_reply_contains(e, "show maps format \"%n %Q\"", "mpatha off");
	core_path_result_by_name(e->core, "sdc", MP_PATH_UP, "back");
	assert_true(has_call(e->dm, "message mpatha 0 queue_if_no_path"));
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:32"));
	assert_reply_contains(e, "show maps format \"%n %Q\"", "mpatha 1 chk");
}

static void failback_immediate_switches_to_best_group(void **state)
{
	struct env *e = *state;

	assert_int_equal(start_core(e), 0);
	/* Group 1 (optimized: sda, sdd) dies: the kernel moves to group 2 itself. */
	core_path_result_by_name(e->core, "sda", MP_PATH_DOWN, "dead");
	core_path_result_by_name(e->core, "sdd", MP_PATH_DOWN, "dead");
	assert_int_equal(mp_dm_switch_group(e->dm, "mpatha", 2), 0);
	core_dm_event(e->core);
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "ok");
	assert_int_equal(count_calls(e->dm, "message mpatha 0 switch_group"), 0);
	/* sda returns: its group is best again, failback immediate */
	core_path_result_by_name(e->core, "sda", MP_PATH_UP, "ok");
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:0"));
	assert_true(has_call(e->dm, "message mpatha 0 switch_group 1"));
	assert_reply_contains(e, "show events map mpatha", "group 2 -> group 1");
}

/* At start-up the first verdict may come from a lower group's path: the
 * current group, not checked yet, is kept (the XenServer lab scenario saw
 * maps move to their standby group this way). */
static void unchecked_current_group_is_not_left(void **state)
{
	struct env *e = *state;

	assert_int_equal(start_core(e), 0);
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "ok");
	assert_int_equal(count_calls(e->dm, "message mpatha 0 switch_group"), 0);
	core_path_result_by_name(e->core, "sda", MP_PATH_UP, "ok");
	core_path_result_by_name(e->core, "sdd", MP_PATH_UP, "ok");
	assert_int_equal(count_calls(e->dm, "message mpatha 0 switch_group"), 0);
}

static void failback_manual_stays(void **state)
{
	struct env *e = *state;

	write_config(e, "\tpath_grouping_policy group_by_prio\n\tfailback manual\n");
	assert_int_equal(start_core(e), 0);
	core_path_result_by_name(e->core, "sda", MP_PATH_DOWN, "dead");
	core_path_result_by_name(e->core, "sdd", MP_PATH_DOWN, "dead");
	assert_int_equal(mp_dm_switch_group(e->dm, "mpatha", 2), 0);
	core_dm_event(e->core);
	mp_dm_fake_clear_calls(e->dm);
	core_path_result_by_name(e->core, "sda", MP_PATH_UP, "ok");
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:0"));
	assert_int_equal(count_calls(e->dm, "message mpatha 0 switch_group"), 0);
}

/* ---- uevents ---- */

static void on_notice(void *userdata, const struct uevent_notice *n)
{
	intake_uevent(userdata, n);
}

static void feed(struct env *e, const char *action, const char *dev, const char *devpath)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf), "%s@%s", action, devpath);

	n += 1 + snprintf(buf + n + 1, sizeof(buf) - (size_t)n - 1, "ACTION=%s", action);
	n += 1 + snprintf(buf + n + 1, sizeof(buf) - (size_t)n - 1, "DEVPATH=%s", devpath);
	n += 1 + snprintf(buf + n + 1, sizeof(buf) - (size_t)n - 1, "SUBSYSTEM=block");
	n += 1 + snprintf(buf + n + 1, sizeof(buf) - (size_t)n - 1, "DEVNAME=%s", dev);
	n += 1 + snprintf(buf + n + 1, sizeof(buf) - (size_t)n - 1, "DEVTYPE=disk");
	assert_int_equal(uevents_feed(e->uev, buf, (size_t)n + 1), 0);
}

static void start_listener(struct env *e)
{
	static const struct uevent_callbacks cb = {.notify = on_notice};
	struct uevent_config cfg = {.coalesce_ms = 20};

	assert_int_equal(uevents_start(e->loop, &cfg, &cb, e->core, false, &e->uev), 0);
}

static void remove_and_add_uevents_reload_the_map(void **state)
{
	struct env *e = *state;
	const char *dp = "/devices/pseudo_0/adapter0/host1/target1:0:0/1:0:0:0/block/sdb";
	char *line;

	assert_int_equal(start_core(e), 0);
	start_listener(e);
	mp_dm_fake_clear_calls(e->dm);
	feed(e, "remove", "sdb", dp);
	uevents_flush(e->uev);
	core_run_pending(e->core);
	assert_int_equal(count_calls(e->dm, "reload mpatha "), 1);
	assert_int_equal(mp_dm_get_table_line(e->dm, "mpatha", &line), 0);
	assert_null(strstr(line, "8:16 "));
	assert_non_null(strstr(line, "8:0 "));
	free(line);
	assert_int_equal(count_calls(e->dm, "remove "), 0);
	assert_reply_contains(e, "show events path sdb", "removed");
}

static void add_uevent_storm_is_one_reload(void **state)
{
	struct env *e = *state;
	const char *dp = "/devices/pseudo_0/adapter0/host1/target1:0:0/1:0:0:0/block/sdb";
	char *line;

	assert_int_equal(start_core(e), 0);
	start_listener(e);
	assert_int_equal(core_path_result_by_name(e->core, "sdb", MP_PATH_UP, "ok"), 0);
	/* "del path" as the admin's command: reload without it */
	assert_reply_contains(e, "del path sdb", "ok");
	assert_int_equal(mp_dm_get_table_line(e->dm, "mpatha", &line), 0);
	assert_null(strstr(line, "8:16 "));
	free(line);
	mp_dm_fake_clear_calls(e->dm);
	/* the path comes back: add, change, change... within the window */
	feed(e, "add", "sdb", dp);
	feed(e, "change", "sdb", dp);
	feed(e, "change", "sdb", dp);
	uevents_flush(e->uev);
	core_run_pending(e->core);
	assert_int_equal(count_calls(e->dm, "reload mpatha "), 1);
	assert_int_equal(mp_dm_fake_n_calls(e->dm), 1);
	assert_int_equal(mp_dm_get_table_line(e->dm, "mpatha", &line), 0);
	assert_non_null(strstr(line, "8:16 "));
	free(line);
	/* the latency of that reload was measured */
	{
		uint64_t n = 0;

		for (int b = 0; b <= METRICS_NBUCKETS; b++)
			n += e->metrics.uevent_latency_bucket[b];
		assert_int_equal(n, 1);
	}
}

static void last_path_gone_keeps_the_map(void **state)
{
	struct env *e = *state;
	char *line;

	assert_int_equal(start_core(e), 0);
	assert_reply_contains(e, "del path sde", "ok");
	assert_reply_contains(e, "del path sdf", "ok");
	assert_reply_contains(e, "del path sdg", "ok");
	assert_reply_contains(e, "del path sdh", "ok");
	assert_int_equal(count_calls(e->dm, "remove "), 0);
	assert_int_equal(mp_dm_get_table_line(e->dm, "mpathb", &line), 0);
	assert_null(strstr(line, "8:"));
	free(line);
	assert_reply_contains(e, "show maps", "mpathb");
}

/* flush_on_last_del on a map in use: kept (multipathd's "in use"), unless
 * deferred_remove, which has the kernel remove it at its last close. */
static void last_path_gone_in_use_is_deferred_with_deferred_remove(void **state)
{
	struct env *e = *state;
	struct mp_dm_map m;

	write_config(e, "\tflush_on_last_del yes\n\tdeferred_remove yes\n");
	assert_int_equal(start_core(e), 0);
	assert_int_equal(mp_dm_fake_set_open_count(e->dm, "mpathb", 1), 0);
	assert_reply_contains(e, "del path sde", "ok");
	assert_reply_contains(e, "del path sdf", "ok");
	assert_reply_contains(e, "del path sdg", "ok");
	assert_reply_contains(e, "del path sdh", "ok");
	assert_int_equal(mp_dm_get_map(e->dm, "mpathb", &m), 0); /* still open */
	assert_true(m.deferred_remove);
	assert_int_equal(mp_dm_fake_set_open_count(e->dm, "mpathb", 0), 0);
	assert_int_equal(mp_dm_get_map(e->dm, "mpathb", &m), -ENXIO);
	/* without deferred_remove the open map stays, not marked */
	write_config(e, "\tflush_on_last_del yes\n");
	assert_reply_contains(e, "reconfigure", "ok");
	assert_int_equal(mp_dm_fake_set_open_count(e->dm, "mpatha", 1), 0);
	assert_reply_contains(e, "del path sda", "ok");
	assert_reply_contains(e, "del path sdb", "ok");
	assert_reply_contains(e, "del path sdc", "ok");
	assert_reply_contains(e, "del path sdd", "ok");
	assert_int_equal(mp_dm_get_map(e->dm, "mpatha", &m), 0);
	assert_false(m.deferred_remove);
}

/* ---- commands ---- */

static void commands_fail_reinstate_switch_queueing(void **state)
{
	struct env *e = *state;

	assert_int_equal(start_core(e), 0);
	mp_dm_fake_clear_calls(e->dm);
	assert_reply_contains(e, "fail path sdc", "ok");
	assert_true(has_call(e->dm, "message mpatha 0 fail_path 8:32"));
	assert_reply_contains(e, "reinstate path 8:32", "ok");
	assert_true(has_call(e->dm, "message mpatha 0 reinstate_path 8:32"));
	assert_reply_contains(e, "fail path sdz", "fail");
	assert_reply_contains(e, "switchgroup map mpatha group 2", "ok");
	assert_true(has_call(e->dm, "message mpatha 0 switch_group 2"));
	assert_reply_contains(e, "switchgroup map mpatha group 9", "fail");
	assert_reply_contains(e, "disablequeueing map mpatha", "ok");
	assert_true(has_call(e->dm, "message mpatha 0 fail_if_no_path"));
	assert_reply_contains(e, "restorequeueing maps", "ok");
	assert_true(has_call(e->dm, "message mpatha 0 queue_if_no_path"));
	assert_true(has_call(e->dm, "message mpathb 0 queue_if_no_path"));
	assert_reply_contains(e, "suspend map mpathb", "ok");
	assert_true(has_call(e->dm, "suspend mpathb noflush"));
	assert_reply_contains(e, "resume map mpathb", "ok");
	mp_dm_fake_clear_calls(e->dm);
	assert_reply_contains(e, "reload map mpathb", "ok");
	assert_int_equal(count_calls(e->dm, "reload mpathb "), 1);
	assert_reply_contains(e, "show map mpathb topology", "mpathb (1Linux_scsi_debug_2001)");
	assert_reply_contains(e, "show config", "polling_interval");
	assert_reply_contains(e, "show blacklist", "device node rules:\n- blacklist:\n");
	assert_reply_contains(e, "show devices", "sda  devnode whitelisted, monitored");
	assert_reply_contains(e, "del map mpathb", "ok");
	assert_true(has_call(e->dm, "remove mpathb"));
	assert_reply_contains(e, "add map sde", "ok");
	assert_int_equal(count_calls(e->dm, "create mpathb "), 1);
}

/* As multipath-tools: a reconfigure with a bad value takes the file, the bad
 * value keeps its default (failback manual, shown as "-"). */
static void reconfigure_with_errors_uses_defaults_for_the_bad_parts(void **state)
{
	struct env *e = *state;

	assert_int_equal(start_core(e), 0);
	assert_reply_contains(e, "show maps format \"%n %F\"", "mpatha immediate");
	write_config(e, "\tpath_grouping_policy group_by_prio\n"
			"\tfailback bogus words here\n\tnot_a_keyword 1\n");
	assert_reply_contains(e, "reconfigure", "ok");
	assert_reply_contains(e, "show maps format \"%n %F\"", "mpatha -");
	/* a good config is taken too; failback manual is no table change */
	write_config(e, "\tpath_grouping_policy group_by_prio\n\tfailback manual\n");
	mp_dm_fake_clear_calls(e->dm);
	assert_reply_contains(e, "reconfigure", "ok");
	assert_int_equal(count_calls(e->dm, "reload "), 0);
	assert_reply_contains(e, "show maps format \"%n %F\"", "mpatha -");
}

/* An offline member (sd refuses to open it) is left out of the new map, not
 * a reason to lose the map; once its device runs again it is added. */
static void offline_member_is_left_out_then_added(void **state)
{
	struct env *e = *state;
	const char *call;

	fs_writes(&e->fs, "block/sdb/device/state", "offline\n");
	assert_int_equal(start_core(e), 0);
	call = find_call(e->dm, "create mpatha ");
	assert_non_null(call);
	assert_null(strstr(call, " 8:16 "));
	assert_non_null(strstr(call, " 8:0 "));
	assert_non_null(strstr(call, " 8:32 "));
	assert_reply_contains(e, "show devices", "sdb  devnode whitelisted, unmonitored");
	/* still offline: nothing to do */
	mp_dm_fake_clear_calls(e->dm);
	core_left_out_recheck(e->core);
	core_run_pending(e->core);
	assert_int_equal(count_calls(e->dm, "reload "), 0);
	fs_writes(&e->fs, "block/sdb/device/state", "running\n");
	core_left_out_recheck(e->core);
	core_run_pending(e->core);
	call = find_call(e->dm, "reload mpatha ");
	assert_non_null(call);
	assert_non_null(strstr(call, " 8:16 "));
	assert_reply_contains(e, "show devices", "sdb  devnode whitelisted, monitored");
	/* a member already in the table that goes offline stays in it */
	fs_writes(&e->fs, "block/sdc/device/state", "offline\n");
	core_path_seen(e->core, "sdc", false, 0);
	core_run_pending(e->core);
	assert_reply_contains(e, "show paths raw format \"%d %o\"", "sdc offline\n");
	mp_dm_fake_clear_calls(e->dm);
	assert_reply_contains(e, "reload map mpatha", "ok");
	call = find_call(e->dm, "reload mpatha ");
	assert_non_null(call);
	assert_non_null(strstr(call, " 8:32 "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(start_creates_missing_maps, setup, teardown),
		cmocka_unit_test_setup_teardown(restart_adopts_without_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(adoption_reloads_a_different_table, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_config_is_logged_and_the_daemon_starts, setup, teardown),
		cmocka_unit_test_setup_teardown(down_fails_and_up_reinstates, setup, teardown),
		cmocka_unit_test_setup_teardown(kernel_failed_path_is_marked_down_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(kernel_failed_path_is_not_reinstated_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(all_down_then_fail_if_no_path_after_n_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(failback_immediate_switches_to_best_group, setup, teardown),
		cmocka_unit_test_setup_teardown(unchecked_current_group_is_not_left, setup, teardown),
		cmocka_unit_test_setup_teardown(failback_manual_stays, setup, teardown),
		cmocka_unit_test_setup_teardown(remove_and_add_uevents_reload_the_map, setup, teardown),
		cmocka_unit_test_setup_teardown(add_uevent_storm_is_one_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(last_path_gone_keeps_the_map, setup, teardown),
		cmocka_unit_test_setup_teardown(last_path_gone_in_use_is_deferred_with_deferred_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(commands_fail_reinstate_switch_queueing, setup, teardown),
		cmocka_unit_test_setup_teardown(offline_member_is_left_out_then_added, setup, teardown),
		cmocka_unit_test_setup_teardown(reconfigure_with_errors_uses_defaults_for_the_bad_parts, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
