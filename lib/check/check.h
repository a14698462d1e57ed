/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Path checkers, for the CLI and the daemon alike. A check is
 * mp_check_start(checker, dev, deadline) and, later, exactly one completion
 * (state + message) on the caller's thread. The checkers never block the
 * caller and never own a thread or a ring: what can only block (SG_IO, a
 * synchronous read) is handed to the caller's backend as a job, and reads
 * that can be asynchronous go to the backend's read() when it has one (the
 * daemon's io_uring). The CLI's backend simply runs jobs in place.
 *
 * A check whose deadline passes completes as MP_PATH_TIMEOUT; one the
 * backend could not even start in time (every worker stuck, ring full)
 * completes as MP_PATH_PENDING, which callers must not read as a failure.
 */
#ifndef MPATH_CHECK_CHECK_H
#define MPATH_CHECK_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct mp_scsi_transport;
struct mp_scsi_io;

struct mp_check_result {
	enum mp_path_state state;
	char message[128];
};

/* Fills @r; the message is printf-formatted. */
void mp_check_result_set(struct mp_check_result *r, enum mp_path_state s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

enum mp_check_job_status {
	MP_CHECK_JOB_DONE,    /* run() returned (or the read completed) in time */
	MP_CHECK_JOB_TIMEOUT, /* the deadline passed while it was running */
	MP_CHECK_JOB_EXPIRED, /* the deadline passed before it could start */
};

/* Blocking work for the backend. It calls run() where blocking is allowed,
 * finish() once on the caller's thread, and release() once neither the
 * worker nor the caller refers to the job any more (after both). */
struct mp_check_job {
	void (*run)(struct mp_check_job *job);
	void (*finish)(struct mp_check_job *job, enum mp_check_job_status status);
	void (*release)(struct mp_check_job *job);
};

/* A read of @len bytes at offset 0 of @fd into @buf (aligned for O_DIRECT).
 * finish() gets the byte count or -errno; release() comes when the kernel
 * has handed the buffer back, however late. */
struct mp_check_read {
	int fd;
	void *buf;
	size_t len;
	void (*finish)(struct mp_check_read *rd, int result, enum mp_check_job_status status);
	void (*release)(struct mp_check_read *rd);
};

/*
 * A SCSI command sent without blocking, for a backend with an event loop.
 * The backend calls send() (which writes the command and gives an fd that
 * turns readable when the answer is there), waits for that fd or the
 * deadline, then calls recv() on the readable fd and finish() with its
 * result, or, past the deadline, finish(-ETIMEDOUT, MP_CHECK_JOB_TIMEOUT)
 * without recv(). It closes the fd itself (closing abandons the command:
 * nothing is written to the request afterwards) and calls release() last.
 * A device that never answers thus holds one fd until its deadline, and
 * nothing that other devices need.
 */
struct mp_check_scsi {
	int (*send)(struct mp_check_scsi *sc, int *ret_fd); /* 0 or -errno; nothing else is called on failure */
	int (*recv)(struct mp_check_scsi *sc, int fd);      /* the transport's execute() convention */
	void (*finish)(struct mp_check_scsi *sc, int result, enum mp_check_job_status status);
	void (*release)(struct mp_check_scsi *sc);
};

struct mp_check_backend_ops {
	/* Return: 0, -EAGAIN when full (nothing is called then), or -errno. */
	int (*submit)(void *data, struct mp_check_job *job, uint64_t deadline_usec);
	/* Optional (NULL: reads run as blocking jobs). Same return convention. */
	int (*read)(void *data, struct mp_check_read *rd, uint64_t deadline_usec);
	/* Optional (NULL: SCSI checkers run as blocking jobs). Return: 0 (finish()
	   and release() will come), -EAGAIN when full, send()'s -errno
	   (-EOPNOTSUPP: this device has no asynchronous path), -errno. */
	int (*scsi)(void *data, struct mp_check_scsi *sc, uint64_t deadline_usec);
};

struct mp_check_env {
	const struct mp_check_backend_ops *backend;
	void *backend_data;
	const struct mp_scsi_transport *scsi; /* commands go to scsi->execute(scsi_data, dev) */
	void *scsi_data;
	const char *dev_dir; /* where reads open <dev>; NULL: "/dev" */
	/* Open without O_DIRECT. Only for tests: a FIFO (which refuses
	   O_DIRECT) stands in for a device that never answers. */
	bool no_direct;
};

/* Called once per started check on the caller's thread; @r is valid during the call. */
typedef void (*mp_check_done_fn)(void *userdata, const struct mp_check_result *r);

struct mp_checker {
	const char *name;
	/* The blocking body, run as a job: fills @r. @timeout_ms is for the
	   device (the SCSI command timeout), just under the check's deadline. */
	void (*run)(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
		    struct mp_check_result *r);
	/* Checkers that need no job (none, directio) start themselves instead. */
	int (*start)(const struct mp_check_env *env, const char *dev, uint64_t deadline_usec,
		     mp_check_done_fn done, void *userdata);
	/* Optional: the check without a job, through the backend's scsi() and the
	   transport's submit/complete, tried first when the backend has scsi();
	   -EOPNOTSUPP (no submit in the transport, no sg node) falls back to
	   run() as a job. Same contract as start(). */
	int (*start_scsi)(const struct mp_check_env *env, const char *dev, uint64_t deadline_usec,
			  mp_check_done_fn done, void *userdata);
};

/* The registry: tur, directio, readsector0, none, rdac, emc_clariion, hp_sw,
 * cciss_tur (every path_checker multipath.conf accepts). NULL when unknown. */
const struct mp_checker *mp_checker_find(const char *name);
/* The @i-th registered checker, NULL past the end (for listings). */
const struct mp_checker *mp_checker_at(size_t i);

/**
 * mp_check_start() - check @dev (kernel name, "sda") with @c by @deadline_usec
 * (CLOCK_MONOTONIC, microseconds; 0: none).
 * Return: 0 (done will be called, possibly before this returns), or -errno
 * (done will not be called).
 */
int mp_check_start(const struct mp_checker *c, const struct mp_check_env *env, const char *dev,
		   uint64_t deadline_usec, mp_check_done_fn done, void *userdata);

/* The backend that runs every job in place, for one-shot programs. */
extern const struct mp_check_backend_ops mp_check_inline_backend;

/**
 * mp_check_sync() - run one check to completion on the calling thread, with
 * the inline backend whatever @env names (its other fields are used).
 * @timeout_ms: the device's command timeout; 0 means 30 s.
 */
void mp_check_sync(const struct mp_checker *c, const struct mp_check_env *env, const char *dev,
		   unsigned timeout_ms, struct mp_check_result *ret);

/* CLOCK_MONOTONIC in microseconds: the clock of every deadline here. */
uint64_t mp_check_now_usec(void);

/* ---- the checkers' decoders, pure, for tests and fuzzing ---- */

/* The verdict on a TEST UNIT READY: @ret is execute()'s return, @io its answer.
 * Running out of fds or memory (-EMFILE, -ENFILE, -ENOMEM) says nothing about
 * the path: pending, never down. */
void mp_check_tur_decode(int ret, const struct mp_scsi_io *io, struct mp_check_result *r);

#endif
