/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fixed pool of worker threads for calls that can only block (SG_IO,
 * synchronous reads). The thread count never depends on the number of paths.
 *
 * Jobs carry a deadline. The loop reports a job's outcome exactly once:
 *   WORK_DONE     the function returned in time: @result is its return value
 *   WORK_TIMEOUT  the deadline passed while the function was running; the
 *                 worker is counted as "stuck" until the call returns, and
 *                 its late result is thrown away
 *   WORK_EXPIRED  the deadline passed while the job was still queued (every
 *                 worker busy or stuck): it never ran; checkers report
 *                 "pending" for it, not a failure of the path
 * A hung device therefore costs one worker, never the loop: other checks
 * keep running on the remaining workers, and when all of them are stuck new
 * jobs wait in the bounded queue and expire as "pending".
 */
#ifndef MPATHD_WORKERS_H
#define MPATHD_WORKERS_H

#include <stdint.h>

struct loop;
struct workers;

enum work_status {
	WORK_DONE,
	WORK_TIMEOUT,
	WORK_EXPIRED,
};

/* Runs on a worker thread: may block; must not touch loop-owned state. */
typedef int (*work_fn)(void *arg);
/* Runs on the loop thread, exactly once per job. Must not free @arg. */
typedef void (*work_done_fn)(void *arg, int result, enum work_status status, void *userdata);
/* Frees @arg once neither the worker nor the loop uses it; may be NULL. */
typedef void (*work_free_fn)(void *arg);

struct work_stats {
	unsigned threads;
	unsigned busy;  /* running a job, stuck ones included */
	unsigned stuck; /* running past their job's deadline */
	unsigned queued;
	uint64_t done, timeouts, expired, rejected;
};

/**
 * workers_new() - start @nthreads threads with room for @max_queue waiting jobs.
 * Return: 0 or -errno.
 */
int workers_new(struct loop *l, unsigned nthreads, unsigned max_queue, struct workers **ret_pool);

/**
 * workers_free() - stop the pool: queued jobs are reported WORK_EXPIRED,
 * running ones are waited for up to @grace_ms. If a worker is still stuck
 * after that (a hung SG_IO), the pool is left allocated on purpose (the
 * thread still references it) and -EBUSY is returned: the process is
 * exiting anyway. Accepts NULL.
 */
int workers_free(struct workers *w, int grace_ms);

/**
 * workers_submit() - queue @fn(@arg), to be reported through @done.
 * @deadline_usec: absolute, loop_now() clock; 0 means none.
 * Return: 0, or -EAGAIN when the queue is full (nothing is called then and
 * @arg stays the caller's), or -ENOMEM.
 */
int workers_submit(struct workers *w, work_fn fn, void *arg, uint64_t deadline_usec,
		   work_done_fn done, work_free_fn free_arg, void *userdata);

void workers_get_stats(const struct workers *w, struct work_stats *ret_stats);

#endif
