/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One loop io + one timer per SCSI request in flight; see scsi_async.h. */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "runtime/loop.h"
#include "runtime/scsi_async.h"

struct req {
	struct scsi_async *a;
	struct mp_check_scsi *sc;
	int fd;
	struct loop_io *io;
	struct loop_timer *timer;
	struct req *prev, *next;
};

struct scsi_async {
	struct loop *loop;
	unsigned max;
	struct req *reqs;
	struct scsi_async_stats st;
};

/* Unlinks and frees @q; closing its fd abandons a command still out. */
static void req_end(struct req *q)
{
	struct scsi_async *a = q->a;
	struct mp_check_scsi *sc = q->sc;

	if (q->prev)
		q->prev->next = q->next;
	else
		a->reqs = q->next;
	if (q->next)
		q->next->prev = q->prev;
	a->st.inflight--;
	loop_io_remove(q->io);
	loop_timer_free(q->timer);
	close(q->fd);
	free(q);
	sc->release(sc);
}

static void on_answer(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct req *q = userdata;
	struct mp_check_scsi *sc = q->sc;
	int r;

	(void)io;
	(void)revents;
	r = sc->recv(sc, fd);
	if (r == -EAGAIN) /* woken without an answer: keep waiting */
		return;
	q->a->st.answered++;
	/* finish() may start the next try (a new request): it must not see this
	   one's fd, so the answer is read first and finish() runs after. */
	loop_io_remove(q->io);
	q->io = NULL;
	sc->finish(sc, r, MP_CHECK_JOB_DONE);
	req_end(q);
}

static void on_deadline(struct loop_timer *t, void *userdata)
{
	struct req *q = userdata;

	(void)t;
	q->a->st.timed_out++;
	loop_io_remove(q->io);
	q->io = NULL;
	q->sc->finish(q->sc, -ETIMEDOUT, MP_CHECK_JOB_TIMEOUT);
	req_end(q);
}

int scsi_async_new(struct loop *l, unsigned max_inflight, struct scsi_async **ret)
{
	struct scsi_async *a = calloc(1, sizeof(*a));

	if (!a)
		return -ENOMEM;
	a->loop = l;
	a->max = max_inflight ? max_inflight : 4096;
	*ret = a;
	return 0;
}

void scsi_async_free(struct scsi_async *a)
{
	if (!a)
		return;
	/* As the pool does with queued jobs at exit: each caller hears once. */
	while (a->reqs) {
		struct req *q = a->reqs;

		loop_io_remove(q->io);
		q->io = NULL;
		q->sc->finish(q->sc, -ECANCELED, MP_CHECK_JOB_EXPIRED);
		req_end(q);
	}
	free(a);
}

int scsi_async_submit(struct scsi_async *a, struct mp_check_scsi *sc, uint64_t deadline_usec)
{
	struct req *q;
	int r;

	if (a->st.inflight >= a->max) {
		a->st.refused++;
		return -EAGAIN;
	}
	q = calloc(1, sizeof(*q));
	if (!q)
		return -ENOMEM;
	r = loop_timer_new(a->loop, on_deadline, q, &q->timer);
	if (r < 0) {
		free(q);
		return r;
	}
	r = sc->send(sc, &q->fd);
	if (r == 0) {
		r = loop_add_io(a->loop, q->fd, EPOLLIN, LOOP_PRIO_NORMAL, on_answer, q, &q->io);
		if (r < 0)
			close(q->fd);
	}
	if (r < 0) {
		loop_timer_free(q->timer);
		free(q);
		return r;
	}
	q->a = a;
	q->sc = sc;
	if (deadline_usec)
		loop_timer_arm(q->timer, deadline_usec);
	q->next = a->reqs;
	if (a->reqs)
		a->reqs->prev = q;
	a->reqs = q;
	a->st.inflight++;
	a->st.sent++;
	return 0;
}

void scsi_async_get_stats(const struct scsi_async *a, struct scsi_async_stats *ret)
{
	*ret = a->st;
}
