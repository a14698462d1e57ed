/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "runtime/loop.h"

struct order {
	int fired[64];
	int n;
	struct loop *l;
	int quit_after;
};

struct tctx {
	struct order *o;
	int id;
};

static void record(struct loop_timer *t, void *userdata)
{
	struct tctx *c = userdata;

	(void)t;
	c->o->fired[c->o->n++] = c->id;
	if (c->o->n == c->o->quit_after)
		loop_quit(c->o->l, 7);
}

static void timers_fire_in_deadline_order(void **state)
{
	struct loop *l;
	struct order o = {.quit_after = 5};
	struct tctx c[6];
	struct loop_timer *t[6];
	/* armed out of order; timer 5 is cancelled */
	const int delays_ms[6] = {40, 10, 30, 20, 50, 15};
	uint64_t start;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	o.l = l;
	start = loop_now(l);
	for (int i = 0; i < 6; i++) {
		c[i] = (struct tctx){&o, i};
		assert_int_equal(loop_timer_new(l, record, &c[i], &t[i]), 0);
		assert_int_equal(loop_timer_arm(t[i], start + (uint64_t)delays_ms[i] * 1000), 0);
	}
	assert_int_equal(loop_timer_count(l), 6);
	loop_timer_disarm(t[5]);
	assert_false(loop_timer_armed(t[5]));
	assert_int_equal(loop_run(l), 7);
	assert_int_equal(o.n, 5);
	assert_int_equal(o.fired[0], 1);
	assert_int_equal(o.fired[1], 3);
	assert_int_equal(o.fired[2], 2);
	assert_int_equal(o.fired[3], 0);
	assert_int_equal(o.fired[4], 4);
	assert_true(loop_now(l) - start >= 50000);
	loop_timer_free(t[0]); /* the rest is freed by loop_free */
	loop_free(l);
}

/* Many timers are cheap: 20000 armed, half cancelled; the rest fire in deadline order. */
struct heapcheck {
	uint64_t last;
	int fired;
	bool sorted;
};

struct htimer {
	struct heapcheck *h;
	uint64_t when;
};

static void heap_fire(struct loop_timer *t, void *userdata)
{
	struct htimer *ht = userdata;

	(void)t;
	if (ht->when < ht->h->last)
		ht->h->sorted = false;
	ht->h->last = ht->when;
	ht->h->fired++;
}

static void many_timers_heap(void **state)
{
	struct loop *l;
	enum { N = 20000 };
	static struct loop_timer *t[N];
	static struct htimer c[N];
	struct heapcheck h = {0, 0, true};
	uint64_t start;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	for (int i = 0; i < N; i++) {
		/* pseudo-random order, all in the past so they are due at once */
		c[i] = (struct htimer){&h, 1 + (uint64_t)((i * 7919) % N)};
		assert_int_equal(loop_timer_new(l, heap_fire, &c[i], &t[i]), 0);
		assert_int_equal(loop_timer_arm(t[i], c[i].when), 0);
	}
	for (int i = 0; i < N; i += 2)
		loop_timer_free(t[i]);
	assert_int_equal(loop_timer_count(l), N / 2);
	start = loop_now(l);
	while (loop_timer_count(l) > 0 && loop_now(l) - start < 5000000)
		loop_iterate(l, 100);
	assert_int_equal(loop_timer_count(l), 0);
	assert_int_equal(h.fired, N / 2);
	assert_true(h.sorted);
	loop_free(l);
}

static void record_order(struct loop_timer *t, void *userdata)
{
	struct tctx *c = userdata;

	(void)t;
	if (c->o->n < 64)
		c->o->fired[c->o->n] = c->id;
	c->o->n++;
}

static void same_deadline_all_fire_and_rearm_waits(void **state)
{
	struct loop *l;
	struct order o = {0};
	struct tctx c[3];
	struct loop_timer *t[3];

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	for (int i = 0; i < 3; i++) {
		c[i] = (struct tctx){&o, i};
		assert_int_equal(loop_timer_new(l, record_order, &c[i], &t[i]), 0);
		assert_int_equal(loop_timer_arm(t[i], loop_now(l)), 0);
	}
	for (int i = 0; i < 10 && o.n < 3; i++)
		loop_iterate(l, 50);
	assert_int_equal(o.n, 3);
	loop_free(l);
}

struct rearm {
	int count;
	struct loop *l;
};

/* A timer that re-arms itself in the past must not spin the dispatcher. */
static void rearm_now(struct loop_timer *t, void *userdata)
{
	struct rearm *r = userdata;

	r->count++;
	loop_timer_arm(t, 1);
}

static void self_rearming_timer_yields(void **state)
{
	struct loop *l;
	struct loop_timer *t;
	struct rearm r = {0};

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	r.l = l;
	assert_int_equal(loop_timer_new(l, rearm_now, &r, &t), 0);
	assert_int_equal(loop_timer_arm(t, 1), 0);
	for (int i = 0; i < 5; i++)
		loop_iterate(l, 100);
	/* at most once per iteration */
	assert_in_range(r.count, 1, 5);
	loop_free(l);
}

struct io_state {
	int reads;
	char buf[16];
	struct loop_io *io;
	int order[8];
	int norder;
};

static void on_readable(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct io_state *s = userdata;
	ssize_t n;

	(void)io;
	assert_true(revents & EPOLLIN);
	n = read(fd, s->buf, sizeof(s->buf) - 1);
	assert_true(n > 0);
	s->buf[n] = '\0';
	s->reads++;
}

static void fd_readiness(void **state)
{
	struct loop *l;
	struct io_state s = {0};
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(loop_add_io(l, p[0], EPOLLIN, LOOP_PRIO_NORMAL, on_readable, &s, &s.io), 0);
	assert_int_equal(loop_iterate(l, 0), 0); /* nothing ready */
	assert_int_equal(s.reads, 0);
	assert_int_equal(write(p[1], "hi", 2), 2);
	assert_int_equal(loop_iterate(l, 1000), 1);
	assert_int_equal(s.reads, 1);
	assert_string_equal(s.buf, "hi");
	loop_io_remove(s.io);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(loop_iterate(l, 0), 0);
	assert_int_equal(s.reads, 1);
	assert_int_equal(loop_add_io(l, -1, EPOLLIN, LOOP_PRIO_NORMAL, on_readable, &s, NULL), -EINVAL);
	loop_free(l);
	close(p[0]);
	close(p[1]);
}

struct prio_rec {
	struct io_state *s;
	int id;
	struct loop_io *other; /* removed by the first callback: must not run */
};

static void on_prio(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct prio_rec *r = userdata;
	char c;

	(void)io;
	(void)revents;
	assert_int_equal(read(fd, &c, 1), 1);
	r->s->order[r->s->norder++] = r->id;
	if (r->other)
		loop_io_remove(r->other);
}

static void priorities_order_dispatch(void **state)
{
	struct loop *l;
	struct io_state s = {0};
	int lo[2], hi[2], gone[2];
	struct loop_io *gone_io;
	struct prio_rec rlo = {&s, 2, NULL}, rhi = {&s, 0, NULL}, rgone = {&s, 9, NULL};

	(void)state;
	assert_int_equal(pipe(lo), 0);
	assert_int_equal(pipe(hi), 0);
	assert_int_equal(pipe(gone), 0);
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(loop_add_io(l, lo[0], EPOLLIN, LOOP_PRIO_LOW, on_prio, &rlo, NULL), 0);
	assert_int_equal(loop_add_io(l, gone[0], EPOLLIN, LOOP_PRIO_NORMAL, on_prio, &rgone, &gone_io), 0);
	assert_int_equal(loop_add_io(l, hi[0], EPOLLIN, LOOP_PRIO_HIGH, on_prio, &rhi, NULL), 0);
	rhi.other = gone_io; /* removed during dispatch of the same batch */
	assert_int_equal(write(lo[1], "l", 1), 1);
	assert_int_equal(write(gone[1], "g", 1), 1);
	assert_int_equal(write(hi[1], "h", 1), 1);
	assert_int_equal(loop_iterate(l, 1000), 3);
	assert_int_equal(s.norder, 2);
	assert_int_equal(s.order[0], 0);
	assert_int_equal(s.order[1], 2);
	loop_free(l);
	for (int i = 0; i < 2; i++) {
		close(lo[i]);
		close(hi[i]);
		close(gone[i]);
	}
}

static void on_signal(struct loop *l, const struct signalfd_siginfo *si, void *userdata)
{
	int *got = userdata;

	*got = (int)si->ssi_signo;
	loop_quit(l, 0);
}

static void signal_via_signalfd(void **state)
{
	struct loop *l;
	int got = 0;
	sigset_t cur;

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(loop_add_signal(l, SIGUSR1, on_signal, &got), 0);
	assert_int_equal(loop_add_signal(l, SIGHUP, on_signal, &got), 0);
	/* blocked now: a raise() is queued, never delivered to a handler */
	assert_int_equal(pthread_sigmask(SIG_BLOCK, NULL, &cur), 0);
	assert_true(sigismember(&cur, SIGUSR1));
	assert_int_equal(raise(SIGHUP), 0);
	assert_int_equal(loop_run(l), 0);
	assert_int_equal(got, SIGHUP);
	loop_free(l);
}

struct defer_state {
	int runs;
	struct loop *l;
};

static void deferred(struct loop *l, void *userdata)
{
	struct defer_state *d = userdata;

	d->runs++;
	if (d->runs < 3)
		loop_defer(l, deferred, d); /* next iteration, not this one */
}

static void deferred_calls_run_once_per_iteration(void **state)
{
	struct loop *l;
	struct defer_state d = {0};

	(void)state;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(loop_defer(l, deferred, &d), 0);
	loop_iterate(l, 1000); /* must not block: a deferred call is pending */
	assert_int_equal(d.runs, 1);
	loop_iterate(l, 1000);
	assert_int_equal(d.runs, 2);
	loop_iterate(l, 1000);
	assert_int_equal(d.runs, 3);
	loop_iterate(l, 0);
	assert_int_equal(d.runs, 3);
	loop_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(timers_fire_in_deadline_order),
		cmocka_unit_test(many_timers_heap),
		cmocka_unit_test(same_deadline_all_fire_and_rearm_waits),
		cmocka_unit_test(self_rearming_timer_yields),
		cmocka_unit_test(fd_readiness),
		cmocka_unit_test(priorities_order_dispatch),
		cmocka_unit_test(signal_via_signalfd),
		cmocka_unit_test(deferred_calls_run_once_per_iteration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
