/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The loop's inside, shared by loop.c (watchers, signals, lifecycle) and
 * loop_timers.c (the timer heap). Not for other files. */
#ifndef MPATHD_RUNTIME_LOOP_INT_H
#define MPATHD_RUNTIME_LOOP_INT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/loop.h"

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

/* loop_timers.c: the timerfd's watcher, and programming it before a wait. */
void loop_dispatch_timers(struct loop_io *io, int fd, uint32_t revents, void *userdata);
int loop_prepare_timers(struct loop *l);

#endif
