/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Worker pool. The mutex guards only the pool's own queues and counters,
 * never daemon state: results travel back to the loop thread through an
 * eventfd, and every job is created, reported and freed on the loop thread.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "runtime/loop.h"
#include "runtime/workers.h"

enum job_state {
	JOB_QUEUED,
	JOB_RUNNING,
	JOB_FINISHED,
};

struct job {
	struct workers *w;
	work_fn fn;
	void *arg;
	work_done_fn done;
	work_free_fn free_arg;
	void *userdata;
	struct loop_timer *timer;
	enum job_state state; /* under w->lock */
	bool timed_out;       /* under w->lock */
	bool reported;        /* loop thread only */
	int result;
	struct job *next;
};

struct workers {
	struct loop *loop;
	int efd;
	struct loop_io *io;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t *threads;
	unsigned nthreads;
	unsigned max_queue;

	/* under lock */
	struct job *q_head, *q_tail;
	unsigned nqueued;
	struct job *finished;
	unsigned busy, stuck;
	bool quit;

	/* loop thread only */
	uint64_t n_done, n_timeouts, n_expired, n_rejected;
};

static void report(struct job *j, int result, enum work_status status)
{
	struct workers *w = j->w;

	if (j->reported)
		return;
	j->reported = true;
	loop_timer_free(j->timer);
	j->timer = NULL;
	if (status == WORK_DONE)
		w->n_done++;
	else if (status == WORK_TIMEOUT)
		w->n_timeouts++;
	else
		w->n_expired++;
	if (j->done)
		j->done(j->arg, result, status, j->userdata);
}

static void job_free(struct job *j)
{
	loop_timer_free(j->timer);
	if (j->free_arg)
		j->free_arg(j->arg);
	free(j);
}

static void *worker_main(void *data)
{
	struct workers *w = data;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct job *j;
		uint64_t one = 1;
		int r;

		while (!w->quit && !w->q_head)
			pthread_cond_wait(&w->cond, &w->lock);
		if (w->quit)
			break;
		j = w->q_head;
		w->q_head = j->next;
		if (!w->q_head)
			w->q_tail = NULL;
		w->nqueued--;
		j->state = JOB_RUNNING;
		w->busy++;
		pthread_mutex_unlock(&w->lock);

		r = j->fn(j->arg);

		pthread_mutex_lock(&w->lock);
		j->result = r;
		j->state = JOB_FINISHED;
		w->busy--;
		if (j->timed_out)
			w->stuck--;
		j->next = w->finished;
		w->finished = j;
		/* A full eventfd counter is impossible here; a failed write would
		   only delay the report until the next one. */
		if (write(w->efd, &one, sizeof(one)) < 0) {
		}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static void collect_finished(struct workers *w)
{
	struct job *list;

	pthread_mutex_lock(&w->lock);
	list = w->finished;
	w->finished = NULL;
	pthread_mutex_unlock(&w->lock);
	/* Pushed newest first: report in completion order. */
	{
		struct job *rev = NULL;

		while (list) {
			struct job *j = list;

			list = j->next;
			j->next = rev;
			rev = j;
		}
		list = rev;
	}
	while (list) {
		struct job *j = list;

		list = j->next;
		report(j, j->result, WORK_DONE);
		job_free(j);
	}
}

static void on_eventfd(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	uint64_t n;

	(void)io;
	(void)revents;
	if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return;
	collect_finished(userdata);
}

static void on_deadline(struct loop_timer *t, void *userdata)
{
	struct job *j = userdata;
	struct workers *w = j->w;
	enum job_state state;

	(void)t;
	pthread_mutex_lock(&w->lock);
	state = j->state;
	if (state == JOB_QUEUED) {
		struct job **pp = &w->q_head, *prev = NULL;

		while (*pp && *pp != j) {
			prev = *pp;
			pp = &(*pp)->next;
		}
		*pp = j->next;
		if (w->q_tail == j)
			w->q_tail = prev;
		w->nqueued--;
	} else if (state == JOB_RUNNING) {
		j->timed_out = true;
		w->stuck++;
	}
	pthread_mutex_unlock(&w->lock);

	switch (state) {
	case JOB_QUEUED:
		report(j, -ETIMEDOUT, WORK_EXPIRED);
		job_free(j);
		break;
	case JOB_RUNNING:
		report(j, -ETIMEDOUT, WORK_TIMEOUT); /* freed when the worker returns */
		break;
	case JOB_FINISHED:
		/* Finished just now; the eventfd is not read yet. The result is good. */
		report(j, j->result, WORK_DONE);
		break;
	}
}

int workers_submit(struct workers *w, work_fn fn, void *arg, uint64_t deadline_usec,
		   work_done_fn done, work_free_fn free_arg, void *userdata)
{
	struct job *j;
	int r;

	if (!fn)
		return -EINVAL;
	if (w->quit) /* no lock: only the loop thread writes it */
		return -ESHUTDOWN;
	j = calloc(1, sizeof(*j));
	if (!j)
		return -ENOMEM;
	*j = (struct job){.w = w, .fn = fn, .arg = arg, .done = done, .free_arg = free_arg,
			  .userdata = userdata, .state = JOB_QUEUED};
	if (deadline_usec) {
		r = loop_timer_new(w->loop, on_deadline, j, &j->timer);
		if (r == 0)
			r = loop_timer_arm(j->timer, deadline_usec);
		if (r < 0) {
			loop_timer_free(j->timer);
			free(j);
			return r;
		}
	}
	pthread_mutex_lock(&w->lock);
	if (w->nqueued >= w->max_queue) {
		pthread_mutex_unlock(&w->lock);
		w->n_rejected++;
		loop_timer_free(j->timer);
		free(j);
		return -EAGAIN;
	}
	if (w->q_tail)
		w->q_tail->next = j;
	else
		w->q_head = j;
	w->q_tail = j;
	w->nqueued++;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	return 0;
}

void workers_get_stats(const struct workers *w, struct work_stats *ret_stats)
{
	struct workers *mw = (struct workers *)w; /* the lock is not part of the value */

	pthread_mutex_lock(&mw->lock);
	*ret_stats = (struct work_stats){
		.threads = w->nthreads,
		.busy = w->busy,
		.stuck = w->stuck,
		.queued = w->nqueued,
		.done = w->n_done,
		.timeouts = w->n_timeouts,
		.expired = w->n_expired,
		.rejected = w->n_rejected,
	};
	pthread_mutex_unlock(&mw->lock);
}

int workers_new(struct loop *l, unsigned nthreads, unsigned max_queue, struct workers **ret_pool)
{
	struct workers *w;
	sigset_t all, old;
	int r;

	if (nthreads == 0 || nthreads > 64 || max_queue == 0)
		return -EINVAL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->loop = l;
	w->max_queue = max_queue;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	w->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	w->threads = calloc(nthreads, sizeof(*w->threads));
	if (w->efd < 0 || !w->threads) {
		r = w->efd < 0 ? -errno : -ENOMEM;
		goto fail;
	}
	r = loop_add_io(l, w->efd, EPOLLIN, LOOP_PRIO_NORMAL, on_eventfd, w, &w->io);
	if (r < 0)
		goto fail;
	/* Signals belong to the loop's signalfd: workers start with all blocked. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (; w->nthreads < nthreads; w->nthreads++) {
		r = -pthread_create(&w->threads[w->nthreads], NULL, worker_main, w);
		if (r < 0)
			break;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r < 0)
		goto fail;
	*ret_pool = w;
	return 0;
fail:
	workers_free(w, 0);
	return r;
}

int workers_free(struct workers *w, int grace_ms)
{
	struct job *queued;
	struct timespec until;
	bool stuck = false;

	if (!w)
		return 0;
	pthread_mutex_lock(&w->lock);
	w->quit = true;
	queued = w->q_head;
	w->q_head = w->q_tail = NULL;
	w->nqueued = 0;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	while (queued) {
		struct job *j = queued;

		queued = j->next;
		report(j, -ESHUTDOWN, WORK_EXPIRED);
		job_free(j);
	}

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += grace_ms / 1000;
	until.tv_nsec += (long)(grace_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	for (unsigned i = 0; i < w->nthreads; i++)
		if (pthread_timedjoin_np(w->threads[i], NULL, &until) != 0)
			stuck = true;
	loop_io_remove(w->io);
	w->io = NULL;
	if (stuck)
		return -EBUSY; /* a thread still uses w: leave it be */

	collect_finished(w);
	if (w->efd >= 0)
		close(w->efd);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->lock);
	free(w->threads);
	free(w);
	return 0;
}
