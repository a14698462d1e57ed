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
#include "runtime/loop_int.h"

#define LOOP_MAX_EVENTS 256

uint64_t loop_now(const struct loop *l)
{
	struct timespec ts;

	(void)l;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
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
	r = loop_add_io(l, l->tfd, EPOLLIN, LOOP_PRIO_NORMAL, loop_dispatch_timers, l, &l->tfd_io);
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
	r = loop_prepare_timers(l);
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
