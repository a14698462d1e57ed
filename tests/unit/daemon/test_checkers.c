/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lib/check's checkers on the daemon's backend: TUR on the worker pool with a
 * scripted SCSI transport, directio
 * through the real io_uring on a regular file opened O_DIRECT (and a FIFO
 * that never answers, for the deadline), readsector0, none, the interval
 * policy and the per-path scheduler with real short intervals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <scsi/sg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/check.h"
#include "discover/transport.h"
#include "runtime/check_io.h"
#include "runtime/loop.h"
#include "runtime/uring.h"
#include "runtime/workers.h"
#include "state/checker_sched.h"

struct results {
	struct mp_check_result r[32];
	int n;
	int want;
	struct loop *l;
};

static void on_done(void *userdata, const struct mp_check_result *r)
{
	struct results *res = userdata;

	assert_true(res->n < 32);
	res->r[res->n++] = *r;
	print_message("  check %d: %s\n", res->n, r->message);
}

static void run_until(struct results *res, int want, int max_ms)
{
	uint64_t end = loop_now(res->l) + (uint64_t)max_ms * 1000;

	res->want = want;
	while (res->n < want && loop_now(res->l) < end)
		loop_iterate(res->l, 50);
}

/* ---- TUR on the pool, through a scripted SCSI transport ---- */

struct script {
	unsigned char sense[32];
	unsigned sense_len;
	unsigned char status;
	int ret;
	int sleep_ms;
	int calls;
};

static int script_execute(void *data, const char *dev, struct mp_scsi_io *io)
{
	struct script *s = data;

	(void)dev;
	__atomic_add_fetch(&s->calls, 1, __ATOMIC_SEQ_CST);
	assert_int_equal(io->cdb_len, 6);
	assert_int_equal(io->cdb[0], 0x00); /* TEST UNIT READY */
	if (s->sleep_ms)
		usleep((useconds_t)s->sleep_ms * 1000);
	if (s->ret)
		return s->ret;
	io->status = s->status;
	memcpy(io->sense, s->sense, s->sense_len);
	io->sense_len = s->sense_len;
	return 0;
}

static const struct mp_scsi_transport script_transport = {script_execute};

static void fixed_sense(struct script *s, int key, int asc, int ascq)
{
	memset(s, 0, sizeof(*s));
	s->status = 0x02; /* CHECK CONDITION */
	s->sense[0] = 0x70;
	s->sense[2] = (unsigned char)key;
	s->sense[7] = 10;
	s->sense[12] = (unsigned char)asc;
	s->sense[13] = (unsigned char)ascq;
	s->sense_len = 18;
}

static void tur_on_pool_with_fake(void **state)
{
	struct loop *l;
	struct workers *w;
	struct results res = {0};
	struct script up = {0}, ghost, hung = {.sleep_ms = 500}, ua;
	struct check_io io = {0};
	struct mp_check_env env = {.backend = &check_io_ops, .backend_data = &io,
				   .scsi = &script_transport};
	const struct mp_checker *tur = mp_checker_find("tur");
	uint64_t start;

	(void)state;
	assert_non_null(tur);
	fixed_sense(&ghost, 0x2, 0x04, 0x0b);
	fixed_sense(&ua, 0x6, 0x29, 0x00);
	assert_int_equal(loop_new(&l), 0);
	res.l = l;
	assert_int_equal(workers_new(l, 2, 8, &w), 0);
	io.pool = w;
	start = loop_now(l);
	env.scsi_data = &up;
	assert_int_equal(mp_check_start(tur, &env, "sdx", start + 2000000, on_done, &res), 0);
	run_until(&res, 1, 2000);
	env.scsi_data = &ghost;
	assert_int_equal(mp_check_start(tur, &env, "sdx", start + 2000000, on_done, &res), 0);
	run_until(&res, 2, 2000);
	env.scsi_data = &ua;
	assert_int_equal(mp_check_start(tur, &env, "sdx", start + 2000000, on_done, &res), 0);
	run_until(&res, 3, 2000);
	assert_int_equal(res.r[0].state, MP_PATH_UP);
	assert_int_equal(res.r[1].state, MP_PATH_GHOST);
	assert_int_equal(res.r[2].state, MP_PATH_DOWN);
	assert_string_equal(res.r[2].message, "tur: unit attention persists");
	assert_int_equal(ua.calls, 3);

	/* a hung SG_IO: timeout at the deadline, and another path's check still completes */
	start = loop_now(l);
	env.scsi_data = &hung;
	assert_int_equal(mp_check_start(tur, &env, "sdx", start + 60000, on_done, &res), 0);
	env.scsi_data = &up;
	assert_int_equal(mp_check_start(tur, &env, "sdx", start + 2000000, on_done, &res), 0);
	run_until(&res, 5, 2000);
	assert_true(loop_now(l) - start < 1500000);
	assert_int_equal(res.r[3].state, MP_PATH_UP);
	assert_int_equal(res.r[4].state, MP_PATH_TIMEOUT);
	/* a device node that cannot be opened is a down path, not a crash */
	env.scsi = &mp_sg_io_transport;
	env.scsi_data = "/nonexistent";
	assert_int_equal(mp_check_start(tur, &env, "sdz", loop_now(l) + 1000000, on_done, &res), 0);
	run_until(&res, 6, 2000);
	assert_int_equal(res.r[5].state, MP_PATH_DOWN);
	assert_non_null(strstr(res.r[5].message, "No such file"));
	assert_int_equal(workers_free(w, 2000), 0);
	loop_free(l);
}

/* ---- directio / readsector0 on real files ---- */

static int make_direct_file(char *path, size_t size)
{
	char block[4096];
	int fd;

	snprintf(path, size, "/var/tmp/mpathd-dio-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	memset(block, 0xab, sizeof(block));
	if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block)) {
		close(fd);
		return -EIO;
	}
	close(fd);
	fd = open(path, O_RDONLY | O_DIRECT);
	if (fd < 0)
		return -errno; /* the filesystem lacks O_DIRECT */
	close(fd);
	return 0;
}

static const char *base(const char *path)
{
	return strrchr(path, '/') + 1;
}

static void directio_real_ring(void **state)
{
	struct loop *l;
	struct uring *ring;
	struct results res = {0};
	struct check_io io = {0};
	struct mp_check_env env = {.backend = &check_io_ops, .backend_data = &io, .dev_dir = "/var/tmp"};
	const struct mp_checker *dio = mp_checker_find("directio");
	char file[64], fifo[80];
	int wfd;
	uint64_t start;

	(void)state;
	if (make_direct_file(file, sizeof(file)) < 0) {
		print_message("SKIPPED: /var/tmp does not support O_DIRECT\n");
		skip();
	}
	assert_int_equal(loop_new(&l), 0);
	res.l = l;
	assert_int_equal(uring_new(l, 8, &ring), 0);
	io.ring = ring;
	for (int i = 0; i < 4; i++)
		assert_int_equal(mp_check_start(dio, &env, base(file), loop_now(l) + 2000000, on_done, &res), 0);
	assert_int_equal(uring_inflight(ring), 4);
	run_until(&res, 4, 2000);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(res.r[i].state, MP_PATH_UP);
		assert_string_equal(res.r[i].message, "directio: read 4096 bytes");
	}
	assert_int_equal(uring_inflight(ring), 0);
	/* readsector0 takes the ring too: no worker, no thread */
	res.n = 0;
	assert_int_equal(mp_check_start(mp_checker_find("readsector0"), &env, base(file),
					loop_now(l) + 2000000, on_done, &res), 0);
	assert_int_equal(uring_inflight(ring), 1);
	run_until(&res, 1, 2000);
	assert_string_equal(res.r[0].message, "readsector0: read 4096 bytes");
	res.n = 4;

	/* missing node: down at once */
	assert_int_equal(mp_check_start(dio, &env, "nonexistent-sdq", loop_now(l) + 1000000, on_done, &res), 0);
	assert_int_equal(res.n, 5);
	assert_int_equal(res.r[4].state, MP_PATH_DOWN);

	/* a read that never completes (empty FIFO with a writer): timeout, then cancel */
	snprintf(fifo, sizeof(fifo), "%s.fifo", file);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	wfd = open(fifo, O_RDWR | O_NONBLOCK);
	assert_true(wfd >= 0);
	start = loop_now(l);
	env.no_direct = true;
	assert_int_equal(mp_check_start(dio, &env, base(fifo), start + 50000, on_done, &res), 0);
	env.no_direct = false;
	assert_int_equal(mp_check_start(dio, &env, base(file), start + 2000000, on_done, &res), 0);
	run_until(&res, 7, 2000);
	assert_int_equal(res.r[5].state, MP_PATH_UP);
	assert_int_equal(res.r[6].state, MP_PATH_TIMEOUT);
	assert_true(loop_now(l) - start < 1500000);
	/* the cancelled read comes back and is freed */
	for (int i = 0; i < 20 && uring_inflight(ring) > 0; i++)
		loop_iterate(l, 50);
	assert_int_equal(uring_inflight(ring), 0);

	/* beyond the ring size: pending, never an overflow */
	env.no_direct = true;
	for (int i = 0; i < 9; i++)
		assert_int_equal(mp_check_start(dio, &env, base(fifo), loop_now(l) + 5000000, on_done, &res), 0);
	assert_int_equal(res.n, 8);
	assert_int_equal(res.r[7].state, MP_PATH_PENDING);
	uring_free(ring); /* 8 reads still hanging: reported, cancelled, freed */
	assert_int_equal(res.n, 16);
	close(wfd);
	unlink(fifo);
	unlink(file);
	loop_free(l);
}

static void readsector0_and_none(void **state)
{
	struct loop *l;
	struct workers *w;
	struct results res = {0};
	struct check_io io = {0};
	struct mp_check_env env = {.backend = &check_io_ops, .backend_data = &io, .dev_dir = "/var/tmp"};
	char file[64];

	(void)state;
	if (make_direct_file(file, sizeof(file)) < 0) {
		print_message("SKIPPED: /var/tmp does not support O_DIRECT\n");
		skip();
	}
	assert_int_equal(loop_new(&l), 0);
	res.l = l;
	assert_int_equal(workers_new(l, 1, 4, &w), 0);
	io.pool = w;
	assert_int_equal(mp_check_start(mp_checker_find("readsector0"), &env, base(file), loop_now(l) + 2000000, on_done, &res), 0);
	assert_int_equal(mp_check_start(mp_checker_find("readsector0"), &env, "nonexistent", loop_now(l) + 2000000, on_done, &res), 0);
	run_until(&res, 2, 2000);
	/* the missing device answers at once (its open fails), the read later */
	{
		int up = res.r[0].state == MP_PATH_UP ? 0 : 1;

		assert_int_equal(res.r[up].state, MP_PATH_UP);
		assert_int_equal(res.r[1 - up].state, MP_PATH_DOWN);
		assert_non_null(strstr(res.r[1 - up].message, "nonexistent"));
	}
	assert_int_equal(mp_check_start(mp_checker_find("none"), &env, "whatever", 0, on_done, &res), 0);
	assert_int_equal(res.r[2].state, MP_PATH_UP);
	assert_int_equal(workers_free(w, 1000), 0);
	unlink(file);
	loop_free(l);
}

static void interval_policy(void **state)
{
	(void)state;
	/* healthy: doubles up to max */
	assert_int_equal(checker_next_interval(5, 5, 20, MP_PATH_UP, MP_PATH_UP), 10);
	assert_int_equal(checker_next_interval(10, 5, 20, MP_PATH_UP, MP_PATH_UP), 20);
	assert_int_equal(checker_next_interval(20, 5, 20, MP_PATH_UP, MP_PATH_UP), 20);
	assert_int_equal(checker_next_interval(15, 5, 20, MP_PATH_UP, MP_PATH_UP), 20);
	/* unstable: back to min */
	assert_int_equal(checker_next_interval(20, 5, 20, MP_PATH_UP, MP_PATH_DOWN), 5);
	assert_int_equal(checker_next_interval(20, 5, 20, MP_PATH_DOWN, MP_PATH_UP), 5);
	assert_int_equal(checker_next_interval(5, 5, 20, MP_PATH_DOWN, MP_PATH_DOWN), 5);
	assert_int_equal(checker_next_interval(5, 5, 20, MP_PATH_GHOST, MP_PATH_GHOST), 5);
	/* odd configurations stay sane */
	assert_int_equal(checker_next_interval(0, 0, 0, MP_PATH_UP, MP_PATH_UP), 1);
	assert_int_equal(checker_next_interval(5, 5, 1, MP_PATH_UP, MP_PATH_UP), 5);
	assert_int_equal(checker_next_interval(4000000000u, 5, 4000000000u, MP_PATH_UP, MP_PATH_UP), 4000000000u);
}

struct sched_log {
	int n;
	unsigned intervals[32];
	enum mp_path_state states[32];
	uint64_t at[32];
	struct loop *l;
};

static void on_sched(void *userdata, struct sched_path *p, enum mp_path_state old,
		     const struct mp_check_result *r, uint64_t duration_usec)
{
	struct sched_log *s = userdata;

	(void)old;
	(void)r;
	(void)duration_usec;
	if (s->n < 32) {
		s->intervals[s->n] = sched_path_interval_ms(p);
		s->states[s->n] = sched_path_state(p);
		s->at[s->n] = loop_now(s->l);
	}
	s->n++;
}

static void scheduler_backs_off_while_healthy(void **state)
{
	struct loop *l;
	struct sched *s;
	struct sched_path *p;
	struct sched_log log = {0};
	struct mp_check_env env = {0};
	struct sched_config cfg = {.min_ms = 10, .max_ms = 80, .timeout_ms = 1000};
	uint64_t start;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	log.l = l;
	assert_int_equal(sched_new(l, &env, &cfg, on_sched, &log, &s), 0);
	start = loop_now(l);
	assert_int_equal(sched_add(s, "null", mp_checker_find("none"), NULL, &p), 0);
	while (log.n < 6 && loop_now(l) - start < 3000000)
		loop_iterate(l, 100);
	/* first check: unchecked -> up is a change: min; then 20, 40, 80, 80 */
	assert_int_equal(log.intervals[0], 10);
	assert_int_equal(log.intervals[1], 20);
	assert_int_equal(log.intervals[2], 40);
	assert_int_equal(log.intervals[3], 80);
	assert_int_equal(log.intervals[4], 80);
	assert_int_equal(log.states[4], MP_PATH_UP);
	/* the spacing follows the intervals (timers are not early) */
	assert_true(log.at[2] - log.at[1] >= 20000);
	assert_true(log.at[4] - log.at[3] >= 80000);
	sched_remove(p);
	sched_free(s);
	loop_free(l);
}

/* A path removed while its check is in flight: the late completion is harmless. */
static void scheduler_remove_inflight(void **state)
{
	struct loop *l;
	struct workers *w;
	struct sched *s;
	struct sched_path *p;
	struct sched_log log = {0};
	struct script slow = {.sleep_ms = 100};
	struct check_io io = {0};
	struct mp_check_env env = {.backend = &check_io_ops, .backend_data = &io,
				   .scsi = &script_transport, .scsi_data = &slow};
	struct sched_config cfg = {.min_ms = 10, .max_ms = 10, .timeout_ms = 1000};

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	log.l = l;
	assert_int_equal(workers_new(l, 1, 4, &w), 0);
	io.pool = w;
	assert_int_equal(sched_new(l, &env, &cfg, on_sched, &log, &s), 0);
	assert_int_equal(sched_add(s, "sdx", mp_checker_find("tur"), NULL, &p), 0);
	loop_iterate(l, 50); /* starts the check */
	assert_int_equal(slow.calls == 0 || slow.calls == 1, 1);
	sched_remove(p);
	for (int i = 0; i < 10; i++)
		loop_iterate(l, 50);
	assert_int_equal(log.n, 0);
	sched_free(s);
	assert_int_equal(workers_free(w, 1000), 0);
	loop_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tur_on_pool_with_fake),
		cmocka_unit_test(directio_real_ring),
		cmocka_unit_test(readsector0_and_none),
		cmocka_unit_test(interval_policy),
		cmocka_unit_test(scheduler_backs_off_while_healthy),
		cmocka_unit_test(scheduler_remove_inflight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
