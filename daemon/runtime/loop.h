/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's event loop: one thread, epoll for readiness, one timerfd for
 * any number of timers (kept in a min-heap), signalfd for signals, and
 * deferred callbacks. Everything the daemon owns is touched only from the
 * callbacks dispatched here; other threads talk to it through fds (eventfd).
 *
 * Ordering: each iteration first runs the deferred callbacks queued before
 * it started, then waits, then dispatches every ready source once, highest
 * priority first. A source that still has work stays ready (level
 * triggered) and is served again next iteration, so a busy source delays a
 * lower-priority one by at most one pass: nothing starves.
 */
#ifndef MPATHD_LOOP_H
#define MPATHD_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/signalfd.h>

struct loop;
struct loop_io;
struct loop_timer;

enum loop_prio {
	LOOP_PRIO_HIGH = 0,   /* signals, control socket */
	LOOP_PRIO_NORMAL = 1, /* checker completions, timers, uevents */
	LOOP_PRIO_LOW = 2,    /* housekeeping */
	LOOP_PRIO_COUNT,
};

/* Callbacks run on the loop thread; userdata stays owned by the caller. */
typedef void (*loop_io_fn)(struct loop_io *io, int fd, uint32_t revents, void *userdata);
typedef void (*loop_timer_fn)(struct loop_timer *t, void *userdata);
typedef void (*loop_signal_fn)(struct loop *l, const struct signalfd_siginfo *si, void *userdata);
typedef void (*loop_defer_fn)(struct loop *l, void *userdata);

int loop_new(struct loop **ret_loop);
/* Frees every watcher, timer and pending deferred call still registered. */
void loop_free(struct loop *l);

/**
 * loop_now() - CLOCK_MONOTONIC in microseconds, read fresh.
 */
uint64_t loop_now(const struct loop *l);

/**
 * loop_add_io() - watch @fd (not owned) for EPOLLIN/EPOLLOUT.
 * Return: 0 or -errno. The watcher is freed by loop_io_remove() or loop_free().
 */
int loop_add_io(struct loop *l, int fd, uint32_t events, enum loop_prio prio, loop_io_fn fn,
		void *userdata, struct loop_io **ret_io);
int loop_io_set_events(struct loop_io *io, uint32_t events);
/* Safe to call from inside any callback, including the watcher's own. */
void loop_io_remove(struct loop_io *io);

/**
 * loop_timer_new() - a disarmed timer; arm it with loop_timer_arm().
 * A timer fires once per arming; re-arm it from its callback to repeat.
 */
int loop_timer_new(struct loop *l, loop_timer_fn fn, void *userdata, struct loop_timer **ret_timer);
/* @when_usec: absolute, on loop_now()'s clock. Re-arming moves the timer. */
int loop_timer_arm(struct loop_timer *t, uint64_t when_usec);
void loop_timer_disarm(struct loop_timer *t);
bool loop_timer_armed(const struct loop_timer *t);
/* Disarms and frees; accepts NULL; safe inside any callback. */
void loop_timer_free(struct loop_timer *t);
/* Number of armed timers: for tests and "show daemon". */
size_t loop_timer_count(const struct loop *l);

/**
 * loop_add_signal() - deliver @signo through the loop's signalfd.
 * Blocks @signo in the calling thread: call it before starting other threads,
 * which inherit the mask (the worker pool blocks every signal anyway).
 */
int loop_add_signal(struct loop *l, int signo, loop_signal_fn fn, void *userdata);

/* Run @fn once at the start of the next iteration. Return: 0 or -ENOMEM. */
int loop_defer(struct loop *l, loop_defer_fn fn, void *userdata);

/**
 * loop_run() - dispatch until loop_quit().
 * Return: the code given to loop_quit(), or -errno if waiting failed.
 */
int loop_run(struct loop *l);
/* One iteration, waiting at most @timeout_ms (-1: forever). For tests. */
int loop_iterate(struct loop *l, int timeout_ms);
void loop_quit(struct loop *l, int code);
bool loop_quitting(const struct loop *l);

#endif
