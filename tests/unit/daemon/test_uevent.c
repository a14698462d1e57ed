/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Uevent parsing (both formats), filtering, sender trust, coalescing, replay. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/loop.h"
#include "kernel/uevent.h"

static const char kernel_msg[] = "change@/devices/virtual/block/dm-0\0"
				 "ACTION=change\0DEVPATH=/devices/virtual/block/dm-0\0"
				 "SUBSYSTEM=block\0DM_ACTION=PATH_FAILED\0DM_SEQNUM=1\0"
				 "DM_PATH=8:16\0DM_NR_VALID_PATHS=1\0DM_NAME=mpatha\0"
				 "DM_UUID=mpath-3600a0b80000\0MAJOR=253\0MINOR=0\0DEVNAME=dm-0\0"
				 "DEVTYPE=disk\0SEQNUM=4711";

static void parse_kernel_format(void **state)
{
	static struct uevent ev;
	const char *why;

	(void)state;
	assert_int_equal(uevent_parse(kernel_msg, sizeof(kernel_msg) - 1, &ev, &why), 0);
	assert_false(ev.from_udev);
	assert_string_equal(ev.action, "change");
	assert_string_equal(ev.devpath, "/devices/virtual/block/dm-0");
	assert_string_equal(ev.subsystem, "block");
	assert_string_equal(ev.devname, "dm-0");
	assert_string_equal(ev.devtype, "disk");
	assert_string_equal(ev.dm_action, "PATH_FAILED");
	assert_string_equal(ev.dm_path, "8:16");
	assert_string_equal(ev.dm_name, "mpatha");
	assert_string_equal(ev.dm_uuid, "mpath-3600a0b80000");
	assert_int_equal(ev.major, 253);
	assert_int_equal(ev.minor, 0);
	assert_int_equal(ev.seqnum, 4711);
	assert_string_equal(uevent_get(&ev, "DM_NR_VALID_PATHS"), "1");
	assert_null(uevent_get(&ev, "DM_NR"));
	assert_true(uevent_is_relevant(&ev));
}

static size_t udev_msg(char *buf, size_t size, const char *props, size_t plen, uint32_t magic)
{
	uint32_t hdr[8] = {0};

	assert_true(40 + plen <= size);
	memcpy(buf, "libudev", 8);
	hdr[0] = htobe32(magic);
	hdr[1] = 40;
	hdr[2] = 40;
	hdr[3] = (uint32_t)plen;
	memcpy(buf + 8, hdr, 32);
	memcpy(buf + 40, props, plen);
	return 40 + plen;
}

static void parse_udev_format(void **state)
{
	static const char props[] = "ACTION=add\0DEVPATH=/devices/pci0000:00/host0/target0:0:0/0:0:0:0/block/sdb\0"
				    "SUBSYSTEM=block\0DEVNAME=/dev/sdb\0DEVTYPE=disk\0MAJOR=8\0MINOR=16\0"
				    "ID_SERIAL=36001405abcdef\0SEQNUM=12\0";
	static struct uevent ev;
	char buf[1024];
	const char *why;
	size_t len = udev_msg(buf, sizeof(buf), props, sizeof(props) - 1, 0xfeedcafe);

	(void)state;
	assert_int_equal(uevent_parse(buf, len, &ev, &why), 0);
	assert_true(ev.from_udev);
	assert_string_equal(ev.action, "add");
	assert_string_equal(ev.devname, "sdb");
	assert_string_equal(ev.id_serial, "36001405abcdef");
	assert_int_equal(ev.minor, 16);
	assert_true(uevent_is_relevant(&ev));

	len = udev_msg(buf, sizeof(buf), props, sizeof(props) - 1, 0xcafefeed);
	assert_int_equal(uevent_parse(buf, len, &ev, &why), -EBADMSG);
	assert_string_equal(why, "bad udev magic");
	/* properties_len pointing past the datagram */
	len = udev_msg(buf, sizeof(buf), props, sizeof(props) - 1, 0xfeedcafe);
	assert_int_equal(uevent_parse(buf, len - 10, &ev, &why), -EBADMSG);
	assert_string_equal(why, "udev properties out of bounds");
	assert_int_equal(uevent_parse(buf, 20, &ev, &why), -EBADMSG);
}

static void malformed_messages(void **state)
{
	static const struct {
		const char *msg;
		size_t len;
		const char *why;
	} cases[] = {
#define C(s, w) {s, sizeof(s) - 1, w}
		C("", "no ACTION@DEVPATH header"),
		C("add/devices/x\0ACTION=add", "no ACTION@DEVPATH header"),
		C("add@/x\0ACTION=add\0DEVPATH=/x", "ACTION, DEVPATH or SUBSYSTEM missing"),
		C("add@/x\0ACTION=add\0DEVPATH=x\0SUBSYSTEM=block", "ACTION, DEVPATH or SUBSYSTEM missing"),
		C("add@/x\0ACTION=add\0garbage\0DEVPATH=/x\0SUBSYSTEM=block", "property is not KEY=VALUE"),
		C("add@/x\0=novalue", "property is not KEY=VALUE"),
		C("add@/x\0ACTION=add\0DEVPATH=/x\0SUBSYSTEM=block\0MAJOR=8\0MINOR=-1", "bad MAJOR/MINOR"),
		C("add@/x\0ACTION=add\0DEVPATH=/x\0SUBSYSTEM=block\0MAJOR=8x\0MINOR=1", "bad MAJOR/MINOR"),
		C("add@/x\0ACTION=add\0DEVPATH=/x\0SUBSYSTEM=block\0MAJOR=8", "bad MAJOR/MINOR"),
		C("add@/x\0ACTION=add\0DEVPATH=/x\0SUBSYSTEM=block\0SEQNUM=99999999999999999999999", "bad SEQNUM"),
#undef C
	};
	static struct uevent ev;
	static char big[UEVENT_BUFFER_SIZE + 10];
	char many[4096];
	size_t n = 0;
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(uevent_parse(cases[i].msg, cases[i].len, &ev, &why), -EBADMSG);
		if (strcmp(why, cases[i].why) != 0)
			fail_msg("case %zu: '%s', want '%s'", i, why, cases[i].why);
	}
	assert_int_equal(uevent_parse(big, sizeof(big), &ev, &why), -E2BIG);
	n += (size_t)sprintf(many, "add@/x") + 1;
	for (int i = 0; i < UEVENT_MAX_ENV + 1; i++)
		n += (size_t)sprintf(many + n, "K%d=v", i) + 1;
	assert_int_equal(uevent_parse(many, n, &ev, &why), -EBADMSG);
	assert_string_equal(why, "too many properties");
	/* a missing final NUL is tolerated */
	assert_int_equal(uevent_parse("add@/x\0ACTION=add\0DEVPATH=/x\0SUBSYSTEM=block", 44, &ev, &why), 0);
	assert_false(uevent_is_relevant(&ev));
}

static void relevance_and_trust(void **state)
{
	static struct uevent ev;
	const char *why;
	static const char part[] = "add@/b/sdc1\0ACTION=add\0DEVPATH=/b/sdc1\0SUBSYSTEM=block\0DEVTYPE=partition";
	static const char nvme[] = "add@/b/nvme0n1\0ACTION=add\0DEVPATH=/b/nvme0n1\0SUBSYSTEM=block";
	static const char loop0[] = "add@/b/loop0\0ACTION=add\0DEVPATH=/b/loop0\0SUBSYSTEM=block\0DEVNAME=loop0";
	static const char scsi[] = "add@/b/0:0:0:0\0ACTION=add\0DEVPATH=/b/0:0:0:0\0SUBSYSTEM=scsi";

	(void)state;
	assert_int_equal(uevent_parse(part, sizeof(part) - 1, &ev, &why), 0);
	assert_true(uevent_is_relevant(&ev));
	assert_int_equal(uevent_parse(nvme, sizeof(nvme) - 1, &ev, &why), 0);
	assert_true(uevent_is_relevant(&ev));
	assert_int_equal(uevent_parse(loop0, sizeof(loop0) - 1, &ev, &why), 0);
	assert_false(uevent_is_relevant(&ev));
	assert_int_equal(uevent_parse(scsi, sizeof(scsi) - 1, &ev, &why), 0);
	assert_false(uevent_is_relevant(&ev));
	/* names the state would put in a sysfs path: no climbing, no overlong names */
	static const char climb[] = "add@/b/sdc\0ACTION=add\0DEVPATH=/b/sdc\0SUBSYSTEM=block\0DEVNAME=/dev/sdc/../../../etc";
	static const char dots[] = "add@/b/..\0ACTION=add\0DEVPATH=/b/..\0SUBSYSTEM=block";
	static const char longname[] = "add@/b/sdaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\0ACTION=add\0"
				       "DEVPATH=/b/sdaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\0SUBSYSTEM=block";
	static const char ctl[] = "add@/b/sd\x01x\0ACTION=add\0DEVPATH=/b/sd\x01x\0SUBSYSTEM=block";
	assert_int_equal(uevent_parse(climb, sizeof(climb) - 1, &ev, &why), 0);
	assert_false(uevent_is_relevant(&ev));
	assert_int_equal(uevent_parse(dots, sizeof(dots) - 1, &ev, &why), 0);
	assert_false(uevent_is_relevant(&ev));
	assert_int_equal(uevent_parse(longname, sizeof(longname) - 1, &ev, &why), 0);
	assert_false(uevent_is_relevant(&ev));
	assert_int_equal(uevent_parse(ctl, sizeof(ctl) - 1, &ev, &why), 0);
	assert_false(uevent_is_relevant(&ev));

	assert_true(uevent_sender_trusted(1, 0, true, 0));
	assert_false(uevent_sender_trusted(1, 1234, true, 0));  /* a process posing as the kernel */
	assert_false(uevent_sender_trusted(1, 0, false, 0));
	assert_true(uevent_sender_trusted(2, 555, true, 0));    /* udevd */
	assert_false(uevent_sender_trusted(2, 555, true, 1000)); /* a user */
	assert_false(uevent_sender_trusted(3, 0, true, 0));
}

struct notices {
	char name[16][32];
	char action[16][16];
	char dm_action[16][24];
	unsigned merged[16];
	unsigned actions[16];
	int n;
	int ignored;
};

static void on_notice(void *userdata, const struct uevent_notice *n)
{
	struct notices *s = userdata;

	assert_true(s->n < 16);
	snprintf(s->name[s->n], sizeof(s->name[0]), "%s", n->ev->devname ? n->ev->devname : n->ev->devpath);
	snprintf(s->action[s->n], sizeof(s->action[0]), "%s", n->ev->action);
	snprintf(s->dm_action[s->n], sizeof(s->dm_action[0]), "%s", n->ev->dm_action ? n->ev->dm_action : "");
	s->merged[s->n] = n->merged;
	s->actions[s->n] = n->actions;
	s->n++;
}

static void on_ignored(void *userdata, const char *why)
{
	(void)why;
	((struct notices *)userdata)->ignored++;
}

static void storm_replay_coalesces(void **state)
{
	static const struct uevent_callbacks cb = {.notify = on_notice, .ignored = on_ignored};
	struct uevent_config cfg = {.group = 1, .coalesce_ms = 20};
	struct notices s = {0};
	struct loop *l;
	struct uevents *u;
	char path[512];
	unsigned events;

	(void)state;
	snprintf(path, sizeof(path), "%s/storm.uevents", getenv("MPATHD_TEST_DATA"));
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(uevents_start(l, &cfg, &cb, &s, false, &u), 0);
	assert_int_equal(uevents_replay_file(u, path, &events), 0);
	assert_int_equal(events, 13);
	assert_int_equal(s.ignored, 2); /* loop0, eth9 */
	assert_int_equal(s.n, 5);
	assert_string_equal(s.name[0], "sda");
	assert_string_equal(s.action[0], "change");
	assert_int_equal(s.merged[0], 5);
	assert_int_equal(s.actions[0], UEVENT_SAW_ADD | UEVENT_SAW_CHANGE);
	assert_string_equal(s.name[1], "sdb");
	assert_int_equal(s.merged[1], 0);
	assert_string_equal(s.name[2], "dm-0");
	assert_string_equal(s.dm_action[2], "PATH_REINSTATED");
	assert_int_equal(s.merged[2], 1);
	assert_string_equal(s.name[3], "sda"); /* a new window: after the first closed */
	assert_int_equal(s.merged[3], 0);
	assert_string_equal(s.name[4], "sdb");
	assert_string_equal(s.action[4], "remove");
	uevents_stop(u);

	/* without coalescing every relevant event goes through */
	memset(&s, 0, sizeof(s));
	cfg.coalesce_ms = 0;
	assert_int_equal(uevents_start(l, &cfg, &cb, &s, false, &u), 0);
	assert_int_equal(uevents_replay_file(u, path, &events), 0);
	assert_int_equal(s.n, 11);
	uevents_stop(u);
	assert_int_equal(uevents_start(l, &cfg, &cb, &s, false, &u), 0);
	assert_int_equal(uevents_replay_file(u, "/nonexistent/x", &events), -ENOENT);
	uevents_stop(u);
	loop_free(l);
}

/* Live path: windows close on the loop's timer. */
static void live_window_closes_on_timer(void **state)
{
	static const struct uevent_callbacks cb = {.notify = on_notice, .ignored = on_ignored};
	/* 300 ms: wide enough that feeding 100 events under valgrind on a loaded
	   machine never outlasts the window before the first assertion */
	struct uevent_config cfg = {.group = 1, .coalesce_ms = 300};
	struct notices s = {0};
	struct loop *l;
	struct uevents *u;
	uint64_t start;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(uevents_start(l, &cfg, &cb, &s, false, &u), 0);
	start = loop_now(l);
	for (int i = 0; i < 100; i++)
		assert_int_equal(uevents_feed(u, kernel_msg, sizeof(kernel_msg) - 1), 0);
	assert_int_equal(uevents_feed(u, "junk", 4), -EBADMSG);
	assert_int_equal(s.n, 0);
	while (s.n == 0 && loop_now(l) - start < 2000000)
		loop_iterate(l, 100);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.merged[0], 99);
	assert_true(loop_now(l) - start >= 300000);
	assert_int_equal(s.ignored, 1);
	uevents_stop(u);
	loop_free(l);
}

/* Bounded: more devices than max_pending close the oldest window early. */
static void pending_is_bounded(void **state)
{
	static const struct uevent_callbacks cb = {.notify = on_notice};
	struct uevent_config cfg = {.group = 1, .coalesce_ms = 1000, .max_pending = 3};
	struct notices s = {0};
	struct loop *l;
	struct uevents *u;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(uevents_start(l, &cfg, &cb, &s, false, &u), 0);
	for (int i = 0; i < 5; i++) {
		char msg[256];
		int n = snprintf(msg, sizeof(msg), "add@/b/sd%c%cACTION=add%cDEVPATH=/b/sd%c%cSUBSYSTEM=block",
				 'a' + i, 0, 0, 'a' + i, 0);

		assert_int_equal(uevents_feed(u, msg, (size_t)n), 0);
	}
	assert_int_equal(s.n, 2);
	assert_string_equal(s.name[0], "/b/sda");
	uevents_flush(u);
	assert_int_equal(s.n, 5);
	uevents_stop(u);
	cfg.group = 7;
	assert_int_equal(uevents_start(l, &cfg, &cb, &s, false, &u), -EINVAL);
	loop_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_kernel_format),
		cmocka_unit_test(parse_udev_format),
		cmocka_unit_test(malformed_messages),
		cmocka_unit_test(relevance_and_trust),
		cmocka_unit_test(storm_replay_coalesces),
		cmocka_unit_test(live_window_closes_on_timer),
		cmocka_unit_test(pending_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
