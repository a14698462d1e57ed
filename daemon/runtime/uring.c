/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's one io_uring for checker reads (never one ring or AIO
 * context per path). The deadline is a loop timer: when it fires the read
 * is reported as timed out and cancelled; its buffer and fd are released
 * only when the kernel hands the request back, however late that is.
 */
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "runtime/loop.h"
#include "runtime/uring.h"

struct dio_op {
	struct uring *ring;
	struct mp_check_read *rd; /* its fd and buffer stay the kernel's until op_free() */
	struct loop_timer *timer;
	bool reported;
	struct dio_op *prev, *next;
};

struct uring {
	struct loop *loop;
	struct io_uring ring;
	bool ring_ok;
	int efd;
	struct loop_io *io;
	unsigned entries;
	unsigned inflight;
	struct dio_op *ops;
};

static void op_free(struct dio_op *op)
{
	struct uring *u = op->ring;

	if (op->prev)
		op->prev->next = op->next;
	else
		u->ops = op->next;
	if (op->next)
		op->next->prev = op->prev;
	u->inflight--;
	loop_timer_free(op->timer);
	op->rd->release(op->rd);
	free(op);
}

static void op_report(struct dio_op *op, int res, enum mp_check_job_status status)
{
	if (op->reported)
		return;
	op->reported = true;
	loop_timer_disarm(op->timer);
	op->rd->finish(op->rd, res, status);
}

static void on_cqes(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct uring *u = userdata;
	struct io_uring_cqe *cqe;
	uint64_t n;

	(void)io;
	(void)revents;
	if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return;
	while (io_uring_peek_cqe(&u->ring, &cqe) == 0) {
		struct dio_op *op = io_uring_cqe_get_data(cqe);
		int res = cqe->res;

		io_uring_cqe_seen(&u->ring, cqe);
		if (!op)
			continue; /* the answer to a cancel request */
		op_report(op, res, MP_CHECK_JOB_DONE);
		op_free(op);
	}
}

static void on_deadline(struct loop_timer *t, void *userdata)
{
	struct dio_op *op = userdata;
	struct uring *u = op->ring;
	struct io_uring_sqe *sqe;

	(void)t;
	op_report(op, -ETIMEDOUT, MP_CHECK_JOB_TIMEOUT);
	sqe = io_uring_get_sqe(&u->ring);
	if (sqe) {
		io_uring_prep_cancel(sqe, op, 0);
		io_uring_sqe_set_data(sqe, NULL);
		io_uring_submit(&u->ring);
	}
}

int uring_read(struct uring *u, struct mp_check_read *rd, uint64_t deadline_usec)
{
	struct io_uring_sqe *sqe;
	struct dio_op *op;
	int ret;

	if (u->inflight >= u->entries)
		return -EAGAIN;
	op = calloc(1, sizeof(*op));
	if (!op)
		return -ENOMEM;
	op->ring = u;
	op->rd = rd;
	ret = loop_timer_new(u->loop, on_deadline, op, &op->timer);
	if (ret == 0 && deadline_usec)
		ret = loop_timer_arm(op->timer, deadline_usec);
	sqe = ret == 0 ? io_uring_get_sqe(&u->ring) : NULL;
	if (!sqe) {
		loop_timer_free(op->timer);
		free(op);
		return ret < 0 ? ret : -EAGAIN;
	}
	io_uring_prep_read(sqe, rd->fd, rd->buf, (unsigned)rd->len, 0);
	io_uring_sqe_set_data(sqe, op);
	op->next = u->ops;
	if (u->ops)
		u->ops->prev = op;
	u->ops = op;
	u->inflight++;
	ret = io_uring_submit(&u->ring);
	if (ret < 0) {
		op_report(op, ret, MP_CHECK_JOB_EXPIRED);
		op_free(op);
	}
	return 0;
}


int uring_new(struct loop *l, unsigned entries, struct uring **ret_ring)
{
	struct uring *u = calloc(1, sizeof(*u));
	int r;

	if (!u)
		return -ENOMEM;
	u->loop = l;
	u->entries = entries ? entries : 256;
	u->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (u->efd < 0) {
		r = -errno;
		goto fail;
	}
	/* CQ twice the SQ: every read may also produce a cancel completion. */
	r = io_uring_queue_init(u->entries, &u->ring, 0);
	if (r < 0)
		goto fail;
	u->ring_ok = true;
	r = io_uring_register_eventfd(&u->ring, u->efd);
	if (r < 0)
		goto fail;
	r = loop_add_io(l, u->efd, EPOLLIN, LOOP_PRIO_NORMAL, on_cqes, u, &u->io);
	if (r < 0)
		goto fail;
	*ret_ring = u;
	return 0;
fail:
	uring_free(u);
	return r;
}

void uring_free(struct uring *u)
{
	if (!u)
		return;
	loop_io_remove(u->io);
	/* Tearing the ring down cancels what is left; then nothing refers to the ops. */
	if (u->ring_ok)
		io_uring_queue_exit(&u->ring);
	while (u->ops) {
		op_report(u->ops, -ESHUTDOWN, MP_CHECK_JOB_EXPIRED); /* lets the owner free what it attached */
		op_free(u->ops);
	}
	if (u->efd >= 0)
		close(u->efd);
	free(u);
}

unsigned uring_inflight(const struct uring *u)
{
	return u->inflight;
}
