/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hung devices must not starve the others' checks (issue 11). N devices
 * never answer a TEST UNIT READY, 10 answer at once, every path is checked
 * every 100 ms with a 300 ms deadline, for 2 s on the real loop, scheduler
 * and backend (check_io). Through the asynchronous SCSI path (the daemon's
 * default) each healthy path keeps its interval for N = 1, 3, 10, 100; the
 * same on the 3-worker pool (the blocking form) shows what it replaced.
 *
 * The fake transport speaks submit/complete over pipes: an answering device
 * has a byte waiting in its pipe, a hung one's pipe stays empty, as an sg
 * fd whose command never completes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "check/check.h"
#include "discover/transport.h"
#include "runtime/check_io.h"
#include "runtime/loop.h"
#include "runtime/scsi_async.h"
#include "runtime/workers.h"
#include "state/checker_sched.h"

#define HEALTHY 10
#define MAX_HUNG 100
#define RUN_USEC 2000000ULL

struct fake {
	int held[8192]; /* hung devices' write ends: the command never completes */
	int n_held;
	int ua_left;    /* "ua" devices answer UNIT ATTENTION this many times first */
	int submits;
	pthread_mutex_t lock;
	pthread_cond_t released;
	bool release; /* the blocking form's hung calls return once set */
};

static bool hung(const char *dev)
{
	return strncmp(dev, "hung", 4) == 0;
}

static int fake_submit(void *data, const char *dev, struct mp_scsi_io *io, int *ret_fd)
{
	struct fake *f = data;
	int p[2];

	(void)io;
	f->submits++;
	if (pipe2(p, O_NONBLOCK | O_CLOEXEC) < 0)
		return -errno;
	if (hung(dev)) {
		assert_true(f->n_held < (int)(sizeof(f->held) / sizeof(f->held[0])));
		f->held[f->n_held++] = p[1];
	} else {
		assert_int_equal(write(p[1], "g", 1), 1);
		close(p[1]);
	}
	*ret_fd = p[0];
	return 0;
}

static int fake_complete(void *data, int fd, struct mp_scsi_io *io)
{
	struct fake *f = data;
	char c;

	if (read(fd, &c, 1) != 1)
		return -EIO;
	if (f->ua_left > 0) { /* fixed-format sense: UNIT ATTENTION, power on or reset */
		f->ua_left--;
		io->status = MP_SAM_CHECK_CONDITION;
		memset(io->sense, 0, 18);
		io->sense[0] = 0x70;
		io->sense[2] = 0x06;
		io->sense[7] = 10;
		io->sense[12] = 0x29;
		io->sense_len = 18;
		return 0;
	}
	io->status = MP_SAM_GOOD;
	return 0;
}

/* The blocking form: a hung device's SG_IO sleeps until the test ends. */
static int fake_execute(void *data, const char *dev, struct mp_scsi_io *io)
{
	struct fake *f = data;

	if (hung(dev)) {
		pthread_mutex_lock(&f->lock);
		while (!f->release)
			pthread_cond_wait(&f->released, &f->lock);
		pthread_mutex_unlock(&f->lock);
		return -ETIMEDOUT;
	}
	io->status = MP_SAM_GOOD;
	return 0;
}

static const struct mp_scsi_transport async_transport = {fake_execute, fake_submit, fake_complete};
static const struct mp_scsi_transport blocking_transport = {fake_execute, NULL, NULL};

struct tally {
	struct loop *l;
	uint64_t start;
	unsigned up[HEALTHY], other[HEALTHY];
	uint64_t last[HEALTHY], max_gap[HEALTHY];
	unsigned hung_timeouts, hung_other;
};

static void on_result(void *userdata, struct sched_path *p, enum mp_path_state old,
		      const struct mp_check_result *r, uint64_t duration_usec)
{
	struct tally *t = userdata;
	intptr_t i = (intptr_t)sched_path_data(p);
	uint64_t now = loop_now(t->l);

	(void)old;
	(void)duration_usec;
	if (i < 0) {
		if (r->state == MP_PATH_TIMEOUT)
			t->hung_timeouts++;
		else
			t->hung_other++;
		return;
	}
	if (r->state == MP_PATH_UP)
		t->up[i]++;
	else
		t->other[i]++;
	if (t->last[i] && now - t->last[i] > t->max_gap[i])
		t->max_gap[i] = now - t->last[i];
	t->last[i] = now;
}

/* Runs HEALTHY + n_hung paths for RUN_USEC; fills @t. */
static void run_paths(int n_hung, bool async, struct tally *t)
{
	static struct fake f;
	struct loop *l;
	struct workers *w;
	struct scsi_async *a = NULL;
	struct check_io io = {0};
	struct sched *s;
	struct sched_path *paths[HEALTHY + MAX_HUNG];
	struct sched_config cfg = {.min_ms = 100, .max_ms = 100, .timeout_ms = 300};
	struct mp_check_env env = {.backend = &check_io_ops, .backend_data = &io, .scsi_data = &f};
	int n = 0;

	memset(&f, 0, sizeof(f));
	pthread_mutex_init(&f.lock, NULL);
	pthread_cond_init(&f.released, NULL);
	memset(t, 0, sizeof(*t));
	env.scsi = async ? &async_transport : &blocking_transport;
	assert_int_equal(loop_new(&l), 0);
	t->l = l;
	assert_int_equal(workers_new(l, 3, 1024, &w), 0);
	io.pool = w;
	if (async) {
		assert_int_equal(scsi_async_new(l, 0, &a), 0);
		io.scsi = a;
	}
	assert_int_equal(sched_new(l, &env, &cfg, on_result, t, &s), 0);
	for (int i = 0; i < n_hung; i++) {
		char dev[16];

		snprintf(dev, sizeof(dev), "hung%d", i);
		assert_int_equal(sched_add(s, dev, mp_checker_find("tur"), (void *)(intptr_t)-1, &paths[n++]), 0);
	}
	for (intptr_t i = 0; i < HEALTHY; i++) {
		char dev[16];

		snprintf(dev, sizeof(dev), "ok%d", (int)i);
		assert_int_equal(sched_add(s, dev, mp_checker_find("tur"), (void *)i, &paths[n++]), 0);
	}
	t->start = loop_now(l);
	while (loop_now(l) - t->start < RUN_USEC)
		loop_iterate(l, 20);
	for (int i = 0; i < n; i++)
		sched_remove(paths[i]);
	sched_free(s);
	scsi_async_free(a);
	pthread_mutex_lock(&f.lock);
	f.release = true;
	pthread_cond_broadcast(&f.released);
	pthread_mutex_unlock(&f.lock);
	workers_free(w, 2000);
	loop_free(l);
	for (int i = 0; i < f.n_held; i++)
		close(f.held[i]);
	pthread_cond_destroy(&f.released);
	pthread_mutex_destroy(&f.lock);
}

static void raise_nofile(void)
{
	struct rlimit rl;

	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
}

/* Through the asynchronous path: every healthy path is checked about every
 * 100 ms (at least 15 up checks in 2 s, no gap above 250 ms), whatever N. */
static void hung_devices_do_not_starve_async(void **state)
{
	static const int ns[] = {1, 3, 10, 100};

	(void)state;
	raise_nofile();
	for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
		struct tally t;
		unsigned min_up = ~0u;
		uint64_t worst_gap = 0;

		run_paths(ns[k], true, &t);
		for (int i = 0; i < HEALTHY; i++) {
			if (t.up[i] < min_up)
				min_up = t.up[i];
			if (t.max_gap[i] > worst_gap)
				worst_gap = t.max_gap[i];
			assert_int_equal(t.other[i], 0);
		}
		print_message("async, %3d hung: healthy paths checked >= %u times in 2 s, worst gap %llu ms; "
			      "hung: %u timeouts, %u other\n", ns[k], min_up,
			      (unsigned long long)worst_gap / 1000, t.hung_timeouts, t.hung_other);
		assert_true(min_up >= 15);
		assert_true(worst_gap < 250000);
		/* each hung path times out every 300 + 100 ms: 4 or 5 times in 2 s */
		assert_true(t.hung_timeouts >= (unsigned)ns[k] * 4);
		assert_int_equal(t.hung_other, 0);
	}
}

/* The blocking form on 3 workers, for contrast: with 3 hung devices the
 * pool is stuck and healthy paths get no "up" for most of the run. */
static void hung_devices_starve_the_pool(void **state)
{
	struct tally t;
	unsigned max_up = 0;

	(void)state;
	run_paths(3, false, &t);
	for (int i = 0; i < HEALTHY; i++)
		if (t.up[i] > max_up)
			max_up = t.up[i];
	print_message("pool (3 workers), 3 hung: healthy paths checked up at most %u times in 2 s\n",
		      max_up);
	assert_true(max_up < 10);
}

static void on_one(void *userdata, const struct mp_check_result *r)
{
	*(struct mp_check_result *)userdata = *r;
}

/* Unit attentions on the asynchronous path: asked again (a new request
 * each time), up to three tries, as the blocking form does. */
static void async_tur_retries_unit_attention(void **state)
{
	static struct fake f;
	struct loop *l;
	struct scsi_async *a;
	struct check_io io = {0};
	struct mp_check_env env = {.backend = &check_io_ops, .backend_data = &io,
				   .scsi = &async_transport, .scsi_data = &f};
	struct mp_check_result r;
	struct scsi_async_stats st;
	const int uas[2] = {2, 5};
	const enum mp_path_state want[2] = {MP_PATH_UP, MP_PATH_DOWN};

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(scsi_async_new(l, 0, &a), 0);
	io.scsi = a;
	for (int k = 0; k < 2; k++) {
		memset(&f, 0, sizeof(f));
		f.ua_left = uas[k];
		memset(&r, 0, sizeof(r));
		r.state = MP_PATH_UNCHECKED;
		assert_int_equal(mp_check_start(mp_checker_find("tur"), &env, "ua0",
						loop_now(l) + 1000000, on_one, &r), 0);
		for (int i = 0; i < 50 && r.state == MP_PATH_UNCHECKED; i++)
			loop_iterate(l, 20);
		print_message("%d unit attentions: %s (%d requests)\n", uas[k], r.message, f.submits);
		assert_int_equal(r.state, want[k]);
		assert_int_equal(f.submits, 3);
	}
	scsi_async_get_stats(a, &st);
	assert_int_equal(st.inflight, 0);
	assert_int_equal(st.answered, 6);
	scsi_async_free(a);
	loop_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hung_devices_do_not_starve_async),
		cmocka_unit_test(hung_devices_starve_the_pool),
		cmocka_unit_test(async_tur_retries_unit_attention),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
