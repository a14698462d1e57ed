/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Event loop: prepare (program the timerfd for the earliest timer) / wait
 * (epoll) / dispatch (by priority). See loop.h for the ordering rules.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "common/macros.h"
#include "runtime/loop.h"

#define LOOP_MAX_EVENTS 256
#define HEAP_NONE ((size_t)-1)

struct loop_io {
	struct loop *l;
	int fd;
	enum loop_prio prio;
	loop_io_fn fn;
	void *userdata;
	bool dead;
	struct loop_io *next; /* on l->ios, or on l->dead once removed */
	struct loop_io *prev;
};

struct loop_timer {
	struct loop *l;
	uint64_t when;
	uint64_t armed_in; /* iteration that armed it: a timer re-armed while timers
			      are dispatched waits for the next pass */
	size_t heap_idx;
	loop_timer_fn fn;
	void *userdata;
	struct loop_timer *next; /* every timer, for loop_free() */
	struct loop_timer *prev;
};

struct loop_signal {
	int signo;
	loop_signal_fn fn;
	void *userdata;
};

struct loop_deferred {
	loop_defer_fn fn;
	void *userdata;
};

struct loop {
	int epfd;
	int tfd;
	int sfd;
	sigset_t sigmask;
	struct loop_io *tfd_io;
	struct loop_io *sfd_io;
	uint64_t tfd_programmed; /* 0: disarmed */

	struct loop_io *ios;
	struct loop_io *dead;

	struct loop_timer **heap;
	size_t nheap, capheap;
	struct loop_timer *timers;

	struct loop_signal *signals;
	size_t nsignals;

	struct loop_deferred *deferred;
	size_t ndeferred, capdeferred;

	uint64_t iteration;
	bool quit;
	int exit_code;
};

uint64_t loop_now(const struct loop *l)
{
	struct timespec ts;

	(void)l;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ---- min-heap of armed timers, ordered by deadline ---- */

static void heap_swap(struct loop *l, size_t a, size_t b)
{
	struct loop_timer *t = l->heap[a];

	l->heap[a] = l->heap[b];
	l->heap[b] = t;
	l->heap[a]->heap_idx = a;
	l->heap[b]->heap_idx = b;
}

static void heap_up(struct loop *l, size_t i)
{
	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (l->heap[parent]->when <= l->heap[i]->when)
			break;
		heap_swap(l, i, parent);
		i = parent;
	}
}

static void heap_down(struct loop *l, size_t i)
{
	for (;;) {
		size_t left = 2 * i + 1, right = left + 1, min = i;

		if (left < l->nheap && l->heap[left]->when < l->heap[min]->when)
			min = left;
		if (right < l->nheap && l->heap[right]->when < l->heap[min]->when)
			min = right;
		if (min == i)
			break;
		heap_swap(l, i, min);
		i = min;
	}
}

static void heap_remove(struct loop *l, struct loop_timer *t)
{
	size_t i = t->heap_idx;

	if (i == HEAP_NONE)
		return;
	l->nheap--;
	if (i != l->nheap) {
		l->heap[i] = l->heap[l->nheap];
		l->heap[i]->heap_idx = i;
		heap_down(l, i);
		heap_up(l, i);
	}
	t->heap_idx = HEAP_NONE;
}

int loop_timer_new(struct loop *l, loop_timer_fn fn, void *userdata, struct loop_timer **ret_timer)
{
	struct loop_timer *t = calloc(1, sizeof(*t));

	if (!t)
		return -ENOMEM;
	t->l = l;
	t->fn = fn;
	t->userdata = userdata;
	t->heap_idx = HEAP_NONE;
	t->next = l->timers;
	if (l->timers)
		l->timers->prev = t;
	l->timers = t;
	*ret_timer = t;
	return 0;
}

int loop_timer_arm(struct loop_timer *t, uint64_t when_usec)
{
	struct loop *l = t->l;

	if (t->heap_idx == HEAP_NONE) {
		if (l->nheap == l->capheap) {
			size_t cap = l->capheap ? l->capheap * 2 : 64;
			struct loop_timer **h = realloc(l->heap, cap * sizeof(*h));

			if (!h)
				return -ENOMEM;
			l->heap = h;
			l->capheap = cap;
		}
		t->heap_idx = l->nheap++;
		l->heap[t->heap_idx] = t;
	}
	t->when = when_usec;
	t->armed_in = l->iteration;
	heap_down(l, t->heap_idx);
	heap_up(l, t->heap_idx);
	return 0;
}

void loop_timer_disarm(struct loop_timer *t)
{
	if (t)
		heap_remove(t->l, t);
}

bool loop_timer_armed(const struct loop_timer *t)
{
	return t && t->heap_idx != HEAP_NONE;
}

void loop_timer_free(struct loop_timer *t)
{
	struct loop *l;

	if (!t)
		return;
	l = t->l;
	heap_remove(l, t);
	if (t->prev)
		t->prev->next = t->next;
	else
		l->timers = t->next;
	if (t->next)
		t->next->prev = t->prev;
	free(t);
}

size_t loop_timer_count(const struct loop *l)
{
	return l->nheap;
}

static void dispatch_timers(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct loop *l = userdata;
	uint64_t expirations, now;

	(void)io;
	(void)revents;
	/* Clears readiness; the count is irrelevant since the heap is the truth. */
	if (read(fd, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
		return;
	l->tfd_programmed = 0;
	now = loop_now(l);
	while (l->nheap > 0) {
		struct loop_timer *t = l->heap[0];

		if (t->when > now || t->armed_in == l->iteration)
			break;
		heap_remove(l, t);
		t->fn(t, t->userdata); /* may free or re-arm t */
	}
}

/* Point the timerfd at the earliest timer; skipped when already there. */
static int prepare_timers(struct loop *l)
{
	struct itimerspec its = {0};
	uint64_t when = l->nheap ? l->heap[0]->when : 0;

	if (when == l->tfd_programmed)
		return 0;
	if (l->nheap) {
		if (when == 0)
			when = 1; /* zero would disarm the timerfd */
		its.it_value.tv_sec = (time_t)(when / 1000000u);
		its.it_value.tv_nsec = (long)(when % 1000000u) * 1000;
	}
	if (timerfd_settime(l->tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		return -errno;
	l->tfd_programmed = l->nheap ? when : 0;
	return 0;
}

/* ---- fd watchers ---- */

int loop_add_io(struct loop *l, int fd, uint32_t events, enum loop_prio prio, loop_io_fn fn,
		void *userdata, struct loop_io **ret_io)
{
	struct epoll_event ev = {.events = events};
	struct loop_io *io;

	if (fd < 0 || prio >= LOOP_PRIO_COUNT || !fn)
		return -EINVAL;
	io = calloc(1, sizeof(*io));
	if (!io)
		return -ENOMEM;
	io->l = l;
	io->fd = fd;
	io->prio = prio;
	io->fn = fn;
	io->userdata = userdata;
	ev.data.ptr = io;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int r = -errno;

		free(io);
		return r;
	}
	io->next = l->ios;
	if (l->ios)
		l->ios->prev = io;
	l->ios = io;
	if (ret_io)
		*ret_io = io;
	return 0;
}

int loop_io_set_events(struct loop_io *io, uint32_t events)
{
	struct epoll_event ev = {.events = events, .data.ptr = io};

	if (io->dead)
		return -ESTALE;
	if (epoll_ctl(io->l->epfd, EPOLL_CTL_MOD, io->fd, &ev) < 0)
		return -errno;
	return 0;
}

void loop_io_remove(struct loop_io *io)
{
	struct loop *l;

	if (!io || io->dead)
		return;
	l = io->l;
	/* The fd may already be closed by its owner; then epoll dropped it itself. */
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, io->fd, NULL);
	io->dead = true;
	if (io->prev)
		io->prev->next = io->next;
	else
		l->ios = io->next;
	if (io->next)
		io->next->prev = io->prev;
	/* Events for it may still sit in this iteration's batch: free it after. */
	io->prev = NULL;
	io->next = l->dead;
	l->dead = io;
}

static void free_dead(struct loop *l)
{
	while (l->dead) {
		struct loop_io *io = l->dead;

		l->dead = io->next;
		free(io);
	}
}

/* ---- signals ---- */

static void dispatch_signals(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct loop *l = userdata;
	struct signalfd_siginfo si;

	(void)io;
	(void)revents;
	while (read(fd, &si, sizeof(si)) == sizeof(si)) {
		for (size_t i = 0; i < l->nsignals; i++)
			if (l->signals[i].signo == (int)si.ssi_signo)
				l->signals[i].fn(l, &si, l->signals[i].userdata);
	}
}

int loop_add_signal(struct loop *l, int signo, loop_signal_fn fn, void *userdata)
{
	struct loop_signal *s;
	int fd, r;

	s = realloc(l->signals, (l->nsignals + 1) * sizeof(*s));
	if (!s)
		return -ENOMEM;
	l->signals = s;
	sigaddset(&l->sigmask, signo);
	r = pthread_sigmask(SIG_BLOCK, &l->sigmask, NULL);
	if (r)
		return -r;
	fd = signalfd(l->sfd, &l->sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (l->sfd < 0) {
		l->sfd = fd;
		r = loop_add_io(l, fd, EPOLLIN, LOOP_PRIO_HIGH, dispatch_signals, l, &l->sfd_io);
		if (r < 0)
			return r;
	}
	s[l->nsignals++] = (struct loop_signal){signo, fn, userdata};
	return 0;
}

/* ---- deferred calls ---- */

int loop_defer(struct loop *l, loop_defer_fn fn, void *userdata)
{
	if (l->ndeferred == l->capdeferred) {
		size_t cap = l->capdeferred ? l->capdeferred * 2 : 16;
		struct loop_deferred *d = realloc(l->deferred, cap * sizeof(*d));

		if (!d)
			return -ENOMEM;
		l->deferred = d;
		l->capdeferred = cap;
	}
	l->deferred[l->ndeferred++] = (struct loop_deferred){fn, userdata};
	return 0;
}

/* Runs only what was queued before this pass; calls queued meanwhile wait. */
static void run_deferred(struct loop *l)
{
	size_t n = l->ndeferred;

	if (n == 0)
		return; /* l->deferred may still be NULL: memmove(NULL, ...) is undefined */
	for (size_t i = 0; i < n; i++)
		l->deferred[i].fn(l, l->deferred[i].userdata);
	memmove(l->deferred, l->deferred + n, (l->ndeferred - n) * sizeof(*l->deferred));
	l->ndeferred -= n;
}

/* ---- lifecycle ---- */

int loop_new(struct loop **ret_loop)
{
	struct loop *l = calloc(1, sizeof(*l));
	int r;

	if (!l)
		return -ENOMEM;
	l->sfd = -1;
	l->tfd = -1;
	sigemptyset(&l->sigmask);
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0) {
		r = -errno;
		goto fail;
	}
	l->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (l->tfd < 0) {
		r = -errno;
		goto fail;
	}
	r = loop_add_io(l, l->tfd, EPOLLIN, LOOP_PRIO_NORMAL, dispatch_timers, l, &l->tfd_io);
	if (r < 0)
		goto fail;
	*ret_loop = l;
	return 0;
fail:
	loop_free(l);
	return r;
}

void loop_free(struct loop *l)
{
	if (!l)
		return;
	while (l->timers)
		loop_timer_free(l->timers);
	while (l->ios)
		loop_io_remove(l->ios);
	free_dead(l);
	if (l->sfd >= 0)
		close(l->sfd);
	if (l->tfd >= 0)
		close(l->tfd);
	if (l->epfd >= 0)
		close(l->epfd);
	free(l->heap);
	free(l->signals);
	free(l->deferred);
	free(l);
}

int loop_iterate(struct loop *l, int timeout_ms)
{
	struct epoll_event evs[LOOP_MAX_EVENTS];
	int n, r;

	l->iteration++;
	run_deferred(l);
	r = prepare_timers(l);
	if (r < 0)
		return r;
	n = epoll_wait(l->epfd, evs, LOOP_MAX_EVENTS, l->ndeferred ? 0 : timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (int prio = 0; prio < LOOP_PRIO_COUNT; prio++) {
		for (int i = 0; i < n; i++) {
			struct loop_io *io = evs[i].data.ptr;

			if (io->dead || (int)io->prio != prio)
				continue;
			io->fn(io, io->fd, evs[i].events, io->userdata);
		}
	}
	free_dead(l);
	return n;
}

int loop_run(struct loop *l)
{
	while (!l->quit) {
		int r = loop_iterate(l, -1);

		if (r < 0)
			return r;
	}
	return l->exit_code;
}

void loop_quit(struct loop *l, int code)
{
	l->quit = true;
	l->exit_code = code;
}

bool loop_quitting(const struct loop *l)
{
	return l->quit;
}
