/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "runtime/loop.h"
#include "runtime/workers.h"

struct jobarg {
	int sleep_ms;
	int value;
	int *freed;
};

struct outcome {
	int result[16];
	enum work_status status[16];
	uint64_t when[16];
	int n;
	int expect;
	struct loop *l;
};

static int job_fn(void *arg)
{
	struct jobarg *a = arg;

	usleep((useconds_t)a->sleep_ms * 1000);
	return a->value;
}

static void job_free(void *arg)
{
	struct jobarg *a = arg;

	(*a->freed)++;
	free(a);
}

struct slot {
	struct outcome *o;
	int idx;
};

static void job_done(void *arg, int result, enum work_status status, void *userdata)
{
	struct outcome *o = userdata;
	struct jobarg *a = arg;

	assert_true(a->value >= 0 && a->value < 16);
	o->result[a->value] = result;
	o->status[a->value] = status;
	o->when[a->value] = loop_now(o->l);
	if (++o->n == o->expect)
		loop_quit(o->l, 0);
}

static struct jobarg *mk(int sleep_ms, int value, int *freed)
{
	struct jobarg *a = calloc(1, sizeof(*a));

	a->sleep_ms = sleep_ms;
	a->value = value;
	a->freed = freed;
	return a;
}

static void results_come_back_on_loop(void **state)
{
	struct loop *l;
	struct workers *w;
	struct outcome o = {0};
	int freed = 0;
	struct work_stats st;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	o.l = l;
	o.expect = 8;
	assert_int_equal(workers_new(l, 3, 16, &w), 0);
	for (int i = 0; i < 8; i++)
		assert_int_equal(workers_submit(w, job_fn, mk(5, i, &freed), loop_now(l) + 5000000,
						job_done, job_free, &o), 0);
	assert_int_equal(loop_run(l), 0);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(o.status[i], WORK_DONE);
		assert_int_equal(o.result[i], i);
	}
	assert_int_equal(freed, 8);
	workers_get_stats(w, &st);
	assert_int_equal(st.threads, 3);
	assert_int_equal(st.done, 8);
	assert_int_equal(st.stuck, 0);
	assert_int_equal(workers_free(w, 1000), 0);
	loop_free(l);
}

/* One job hangs past its deadline: it is reported as timed out on time,
 * the worker counts as stuck, and the other jobs complete meanwhile. */
static void stuck_job_does_not_block_others(void **state)
{
	struct loop *l;
	struct workers *w;
	struct outcome o = {0};
	int freed = 0;
	struct work_stats st;
	uint64_t start;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	o.l = l;
	o.expect = 6;
	assert_int_equal(workers_new(l, 2, 16, &w), 0);
	start = loop_now(l);
	/* Timings leave wide margins (valgrind, loaded CI hosts): the stuck job
	 * outlives every bound below by far, which is what the test is about. */
	assert_int_equal(workers_submit(w, job_fn, mk(3000, 0, &freed), start + 50000, job_done,
					job_free, &o), 0);
	for (int i = 1; i < 6; i++)
		assert_int_equal(workers_submit(w, job_fn, mk(10, i, &freed), start + 2000000,
						job_done, job_free, &o), 0);
	assert_int_equal(loop_run(l), 0);
	assert_int_equal(o.status[0], WORK_TIMEOUT);
	assert_int_equal(o.result[0], -ETIMEDOUT);
	/* reported at the deadline, not when the call returned */
	assert_true(o.when[0] - start < 1500000);
	for (int i = 1; i < 6; i++) {
		assert_int_equal(o.status[i], WORK_DONE);
		assert_true(o.when[i] - start < 1500000);
	}
	workers_get_stats(w, &st);
	assert_int_equal(st.timeouts, 1);
	/* the stuck job's arg is freed only when its worker returns */
	assert_int_equal(freed, 5);
	assert_int_equal(workers_free(w, 6000), 0);
	assert_int_equal(freed, 6);
	loop_free(l);
}

/* All workers stuck: new jobs wait in the queue and expire ("pending"). */
static void all_stuck_queue_expires(void **state)
{
	struct loop *l;
	struct workers *w;
	struct outcome o = {0};
	int freed = 0;
	struct work_stats st;
	uint64_t start;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	o.l = l;
	o.expect = 4;
	assert_int_equal(workers_new(l, 2, 2, &w), 0);
	start = loop_now(l);
	assert_int_equal(workers_submit(w, job_fn, mk(3000, 0, &freed), start + 30000, job_done, job_free, &o), 0);
	assert_int_equal(workers_submit(w, job_fn, mk(3000, 1, &freed), start + 30000, job_done, job_free, &o), 0);
	usleep(300000); /* let both workers pick their job, even under valgrind */
	assert_int_equal(workers_submit(w, job_fn, mk(1, 2, &freed), start + 800000, job_done, job_free, &o), 0);
	assert_int_equal(workers_submit(w, job_fn, mk(1, 3, &freed), start + 800000, job_done, job_free, &o), 0);
	{
		struct jobarg *extra = mk(1, 4, &freed);

		assert_int_equal(workers_submit(w, job_fn, extra, 0, job_done, job_free, &o), -EAGAIN);
		free(extra);
	}
	assert_int_equal(loop_run(l), 0);
	workers_get_stats(w, &st);
	assert_int_equal(o.status[0], WORK_TIMEOUT);
	assert_int_equal(o.status[1], WORK_TIMEOUT);
	assert_int_equal(o.status[2], WORK_EXPIRED);
	assert_int_equal(o.status[3], WORK_EXPIRED);
	assert_int_equal(st.stuck, 2);
	assert_int_equal(st.expired, 2);
	assert_int_equal(st.rejected, 1);
	assert_int_equal(freed, 2);
	assert_int_equal(workers_free(w, 6000), 0);
	assert_int_equal(freed, 4);
	loop_free(l);
}

static void bad_arguments(void **state)
{
	struct loop *l;
	struct workers *w = NULL;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(workers_new(l, 0, 4, &w), -EINVAL);
	assert_int_equal(workers_new(l, 1, 0, &w), -EINVAL);
	assert_int_equal(workers_new(l, 1, 1, &w), 0);
	assert_int_equal(workers_submit(w, NULL, NULL, 0, NULL, NULL, NULL), -EINVAL);
	assert_int_equal(workers_free(w, 100), 0);
	assert_int_equal(workers_free(NULL, 0), 0);
	loop_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(results_come_back_on_loop),
		cmocka_unit_test(stuck_job_does_not_block_others),
		cmocka_unit_test(all_stuck_queue_expires),
		cmocka_unit_test(bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
