/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The dm ops wrapper and the recording fake: recorded lines, kernel-like behaviour, errors. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dm/dm.h"
#include "dm/dm_fake.h"

#define T2 "0 209715200 multipath 1 queue_if_no_path 1 alua 2 1 round-robin 0 1 1 8:0 100 round-robin 0 1 1 8:16 100"

static int setup(void **state)
{
	struct mp_dm *dm;

	assert_int_equal(mp_dm_fake_new(&dm), 0);
	*state = dm;
	return 0;
}

static int teardown(void **state)
{
	mp_dm_free(*state);
	return 0;
}

static void parse(const char *line, struct mp_dm_table *t)
{
	assert_int_equal(mp_dm_table_parse(line, t), 0);
}

static void records_sequence(void **state)
{
	struct mp_dm *dm = *state;
	struct mp_dm_table t;

	parse(T2, &t);
	assert_int_equal(mp_dm_create(dm, "mpatha", "mpath-3600a", &t, 0), 0);
	assert_int_equal(mp_dm_fail_path(dm, "mpatha", 8, 16), 0);
	assert_int_equal(mp_dm_reinstate_path(dm, "mpatha", 8, 16), 0);
	assert_int_equal(mp_dm_switch_group(dm, "mpatha", 2), 0);
	assert_int_equal(mp_dm_set_queueing(dm, "mpatha", false), 0);
	assert_int_equal(mp_dm_reload(dm, "mpatha", &t), 0);
	assert_int_equal(mp_dm_suspend(dm, "mpatha", true), 0);
	assert_int_equal(mp_dm_resume(dm, "mpatha"), 0);
	assert_int_equal(mp_dm_rename(dm, "mpatha", "data1"), 0);
	assert_int_equal(mp_dm_remove(dm, "data1", 0), 0);
	assert_string_equal(mp_dm_fake_calls(dm),
			    "create mpatha mpath-3600a " T2 "\n"
			    "message mpatha 0 fail_path 8:16\n"
			    "message mpatha 0 reinstate_path 8:16\n"
			    "message mpatha 0 switch_group 2\n"
			    "message mpatha 0 fail_if_no_path\n"
			    "reload mpatha " T2 "\n"
			    "suspend mpatha noflush\n"
			    "resume mpatha\n"
			    "rename mpatha data1\n"
			    "remove data1\n");
	assert_int_equal(mp_dm_fake_n_calls(dm), 10);
	assert_string_equal(mp_dm_fake_call(dm, 1), "message mpatha 0 fail_path 8:16");
	assert_null(mp_dm_fake_call(dm, 10));
	mp_dm_fake_clear_calls(dm);
	assert_string_equal(mp_dm_fake_calls(dm), "");
	mp_dm_table_clear(&t);
}

static void table_reads_back_like_the_kernel(void **state)
{
	struct mp_dm *dm = *state;
	struct mp_dm_table sent, shown;
	char *line;

	parse("0 100 multipath 3 pg_init_retries 50 queue_if_no_path 2 emc 1 2 1 "
	      "service-time 0 1 1 8:0 100 service-time 0 1 1 8:16 100",
	      &sent);
	assert_int_equal(mp_dm_create(dm, "m", "mpath-x", &sent, MP_DM_CREATE_READONLY), 0);
	assert_int_equal(mp_dm_get_table_line(dm, "m", &line), 0);
	assert_string_equal(line, "0 100 multipath 3 queue_if_no_path pg_init_retries 50 1 emc 2 1 "
				  "service-time 0 1 2 8:0 1 1 service-time 0 1 2 8:16 1 1");
	free(line);
	/* What we sent and what the kernel shows are equal for a reload decision. */
	assert_int_equal(mp_dm_get_table(dm, "m", &shown), 0);
	assert_true(mp_dm_table_equal(&sent, &shown));
	mp_dm_table_clear(&shown);
	/* switch_group shows up as the "initial" group; fail_if_no_path drops the feature. */
	assert_int_equal(mp_dm_switch_group(dm, "m", 2), 0);
	assert_int_equal(mp_dm_set_queueing(dm, "m", false), 0);
	assert_int_equal(mp_dm_get_table(dm, "m", &shown), 0);
	assert_int_equal(shown.initial_pg, 2);
	assert_int_equal(mp_dm_table_diff(&sent, &shown),
			 MP_DM_DIFF_INITIAL_PG | MP_DM_DIFF_QUEUEING);
	assert_true(mp_dm_table_equal(&sent, &shown));
	mp_dm_table_clear(&shown);
	assert_string_equal(mp_dm_fake_call(dm, 0),
			    "create m mpath-x readonly 0 100 multipath 3 pg_init_retries 50 "
			    "queue_if_no_path 2 emc 1 2 1 service-time 0 1 1 8:0 100 service-time 0 "
			    "1 1 8:16 100");
	mp_dm_table_clear(&sent);
}

static void status_follows_messages(void **state)
{
	struct mp_dm *dm = *state;
	struct mp_dm_table t;
	struct mp_dm_map info;
	char *line;

	parse(T2, &t);
	assert_int_equal(mp_dm_create(dm, "mpatha", "mpath-3600a", &t, 0), 0);
	mp_dm_table_clear(&t);
	assert_int_equal(mp_dm_get_status_line(dm, "mpatha", &line), 0);
	assert_string_equal(line, "0 209715200 multipath 2 0 0 0 2 1 A 0 1 0 8:0 A 0 E 0 1 0 8:16 A 0");
	free(line);
	assert_int_equal(mp_dm_get_map(dm, "mpatha", &info), 0);
	assert_int_equal(info.event_nr, 0);
	assert_int_equal(mp_dm_fail_path(dm, "mpatha", 8, 0), 0);
	assert_int_equal(mp_dm_fail_path(dm, "mpatha", 8, 0), 0); /* already failed: no change */
	assert_int_equal(mp_dm_disable_group(dm, "mpatha", 1), 0);
	assert_int_equal(mp_dm_switch_group(dm, "mpatha", 2), 0);
	assert_int_equal(mp_dm_get_status_line(dm, "mpatha", &line), 0);
	assert_string_equal(line, "0 209715200 multipath 2 0 0 0 2 2 E 0 1 0 8:0 F 1 A 0 1 0 8:16 A 0");
	free(line);
	assert_int_equal(mp_dm_get_map(dm, "mpatha", &info), 0);
	assert_int_equal(info.event_nr, 3);
	/* the kernel's message grammar */
	assert_int_equal(mp_dm_fail_path(dm, "mpatha", 8, 32), -EINVAL);
	assert_int_equal(mp_dm_switch_group(dm, "mpatha", 3), -EINVAL);
	assert_int_equal(mp_dm_switch_group(dm, "mpatha", 0), -EINVAL);
	assert_int_equal(mp_dm_message(dm, "mpatha", "frobnicate 1"), -EINVAL);
	assert_int_equal(mp_dm_message(dm, "mpatha", "fail_path"), -EINVAL);
	assert_int_equal(mp_dm_message(dm, "nosuch", "queue_if_no_path"), -ENXIO);
	assert_int_equal(mp_dm_suspend(dm, "mpatha", false), 0);
	assert_int_equal(mp_dm_message(dm, "mpatha", "queue_if_no_path"), -EBUSY);
	assert_string_equal(mp_dm_fake_call(dm, mp_dm_fake_n_calls(dm) - 1),
			    "message mpatha 0 queue_if_no_path = -16");
	/* a status set by the test is what is read back */
	assert_int_equal(mp_dm_fake_set_status(dm, "mpatha", "0 2097152 multipath 2 0 0 0 1 1 A 0 1 0 8:0 F 9"), 0);
	assert_int_equal(mp_dm_get_status(dm, "mpatha", &t), 0);
	assert_int_equal(t.groups[0].paths[0].fail_count, 9);
	mp_dm_table_clear(&t);
	assert_int_equal(mp_dm_fake_set_status(dm, "mpatha", "garbage"), -EINVAL);
}

static void errors_and_flush(void **state)
{
	struct mp_dm *dm = *state;
	struct mp_dm_table t;
	struct mp_dm_map *maps;
	size_t n;

	parse("0 100 multipath 0 0 1 1 round-robin 0 1 1 8:0 1", &t);
	assert_int_equal(mp_dm_create(dm, "a", "mpath-1", &t, 0), 0);
	assert_int_equal(mp_dm_create(dm, "a", "mpath-2", &t, 0), -EEXIST);
	assert_int_equal(mp_dm_create(dm, "b", "mpath-1", &t, 0), -EBUSY);
	assert_int_equal(mp_dm_create(dm, "bad/name", "mpath-3", &t, 0), -EINVAL);
	assert_int_equal(mp_dm_create(dm, "", "mpath-3", &t, 0), -EINVAL);
	assert_int_equal(mp_dm_create(dm, "b", "mpath-2", &t, 0), 0);
	assert_int_equal(mp_dm_rename(dm, "a", "b"), -EEXIST);
	assert_int_equal(mp_dm_reload(dm, "zz", &t), -ENXIO);
	assert_int_equal(mp_dm_get_table(dm, "zz", &t), -ENXIO);
	/* injected failure: recorded with its errno, consumed once */
	assert_int_equal(mp_dm_fake_fail_next(dm, "reload", EIO), 0);
	assert_int_equal(mp_dm_reload(dm, "a", &t), -EIO);
	assert_int_equal(mp_dm_reload(dm, "a", &t), 0);
	assert_string_equal(mp_dm_fake_call(dm, mp_dm_fake_n_calls(dm) - 2),
			    "reload a 0 100 multipath 0 0 1 1 round-robin 0 1 1 8:0 1 = -5");
	/* flush: an open map stays unless deferred (removed at last close) */
	assert_int_equal(mp_dm_fake_set_open_count(dm, "a", 1), 0);
	assert_int_equal(mp_dm_remove(dm, "a", 0), -EBUSY);
	assert_int_equal(mp_dm_remove(dm, "a", MP_DM_REMOVE_FORCE), -EBUSY);
	assert_int_equal(mp_dm_remove(dm, "a", MP_DM_REMOVE_DEFERRED), 0);
	assert_int_equal(mp_dm_list_maps(dm, &maps, &n), 0);
	assert_int_equal(n, 2);
	free(maps);
	assert_int_equal(mp_dm_fake_set_open_count(dm, "a", 0), 0);
	assert_int_equal(mp_dm_list_maps(dm, &maps, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(maps[0].name, "b");
	assert_string_equal(maps[0].uuid, "mpath-2");
	assert_int_equal(maps[0].major, 253);
	assert_string_equal(maps[0].target_type, "multipath");
	free(maps);
	mp_dm_table_clear(&t);
}

static void seeded_maps_and_reads(void **state)
{
	struct mp_dm *dm = *state;
	struct mp_dm_map info;
	uint32_t ev;
	int fd;
	struct pollfd pfd;

	assert_int_equal(mp_dm_fake_add_map(dm, "old", "mpath-9", "0 8 multipath 0 0 1 1 round-robin 0 1 1 8:0 1"), 0);
	assert_int_equal(mp_dm_fake_add_map(dm, "bad", "mpath-8", "0 8 multipath 1"), -EINVAL);
	assert_int_equal(mp_dm_fake_n_calls(dm), 0); /* seeding is not recorded */
	assert_int_equal(mp_dm_fake_record_reads(dm, true), 0);
	assert_int_equal(mp_dm_get_map(dm, "old", &info), 0);
	assert_int_equal(mp_dm_wait_event(dm, "old", info.event_nr, &ev), -EAGAIN);
	assert_int_equal(mp_dm_open_event_fd(dm, &fd), 0);
	pfd = (struct pollfd){.fd = fd, .events = POLLIN};
	assert_int_equal(poll(&pfd, 1, 0), 0);
	assert_int_equal(mp_dm_fail_path(dm, "old", 8, 0), 0);
	assert_int_equal(poll(&pfd, 1, 0), 1);
	assert_int_equal(mp_dm_arm_poll(dm, fd), 0);
	assert_int_equal(poll(&pfd, 1, 0), 0);
	close(fd);
	assert_int_equal(mp_dm_wait_event(dm, "old", info.event_nr, &ev), 0);
	assert_int_equal(ev, info.event_nr + 1);
	assert_string_equal(mp_dm_fake_calls(dm), "info old\n"
						  "wait old 0 = -11\n"
						  "message old 0 fail_path 8:0\n"
						  "arm_poll\n"
						  "wait old 0\n");
}

static void uuid_helpers(void **state)
{
	char buf[129];

	(void)state;
	assert_int_equal(mp_dm_uuid_for_wwid("3600a0b80", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "mpath-3600a0b80");
	assert_string_equal(mp_dm_wwid_from_uuid(buf), "3600a0b80");
	assert_null(mp_dm_wwid_from_uuid("LVM-abc"));
	assert_null(mp_dm_wwid_from_uuid("mpath-"));
	assert_int_equal(mp_dm_uuid_for_wwid("", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(mp_dm_uuid_for_wwid("3600", buf, 6), -ENAMETOOLONG);
}

static void not_a_fake(void **state)
{
	struct mp_dm other = {.ops = NULL};

	(void)state;
	assert_int_equal(mp_dm_fake_add_map(&other, "x", "y", "0 0 multipath 0 0 0 0"), -EINVAL);
	assert_int_equal(mp_dm_fake_n_calls(&other), 0);
	mp_dm_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(records_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(table_reads_back_like_the_kernel, setup, teardown),
		cmocka_unit_test_setup_teardown(status_follows_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_and_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(seeded_maps_and_reads, setup, teardown),
		cmocka_unit_test(uuid_helpers),
		cmocka_unit_test(not_a_fake),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
