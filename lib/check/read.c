/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "directio" and "readsector0": an O_DIRECT read of 4 KiB at offset 0, so
 * the check goes through the same block layer as the I/O it stands for.
 * directio hands the read to the backend's asynchronous read() when there is
 * one (the daemon's io_uring); otherwise, and always for readsector0, the
 * read is a blocking job. The buffer and fd live until the backend releases
 * the request, however late the kernel hands it back.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "check/checkers.h"

#define READ_SIZE 4096

static int open_dev(const struct mp_check_env *env, const char *dev, int *ret_fd)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", env->dev_dir ? env->dev_dir : "/dev", dev);
	int fd;

	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	/* O_NONBLOCK keeps open() itself from waiting on a removable or odd device. */
	fd = open(path, (env->no_direct ? O_RDONLY : O_RDONLY | O_DIRECT) | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	/* The read itself must wait for the device (a FIFO would say EAGAIN). */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	*ret_fd = fd;
	return 0;
}

/* Out of fds or memory says nothing about the path: pending, never down. */
static bool local_shortage(int err)
{
	return err == -EMFILE || err == -ENFILE || err == -ENOMEM;
}

static void read_verdict(const char *name, int res, struct mp_check_result *r)
{
	if (local_shortage(res))
		mp_check_result_set(r, MP_PATH_PENDING, "%s: not checked: %s", name, strerror(-res));
	else if (res > 0)
		mp_check_result_set(r, MP_PATH_UP, "%s: read %d bytes", name, res);
	else if (res == 0)
		mp_check_result_set(r, MP_PATH_DOWN, "%s: device is empty", name);
	else
		mp_check_result_set(r, MP_PATH_DOWN, "%s: read failed: %s", name, strerror(-res));
}

/* The blocking form: readsector0, and directio without an asynchronous backend. */
static void read_run(const char *name, const struct mp_check_env *env, const char *dev,
		     struct mp_check_result *r)
{
	void *buf = NULL;
	ssize_t n;
	int fd, ret = open_dev(env, dev, &fd);

	if (ret < 0) {
		mp_check_result_set(r, local_shortage(ret) ? MP_PATH_PENDING : MP_PATH_DOWN,
				    "%s: open %s: %s", name, dev, strerror(-ret));
		return;
	}
	if (posix_memalign(&buf, READ_SIZE, READ_SIZE) != 0) {
		close(fd);
		mp_check_result_set(r, MP_PATH_PENDING, "%s: out of memory", name);
		return;
	}
	n = pread(fd, buf, READ_SIZE, 0);
	read_verdict(name, n < 0 ? -errno : (int)n, r);
	free(buf);
	close(fd);
}

static void readsector0_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
			    struct mp_check_result *r)
{
	(void)timeout_ms;
	read_run("readsector0", env, dev, r);
}

static void directio_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
			 struct mp_check_result *r)
{
	(void)timeout_ms;
	read_run("directio", env, dev, r);
}

/* The job forms, used when the backend has no read(). */
static const struct mp_checker directio_blocking = {.name = "directio", .run = directio_run};
static const struct mp_checker readsector0_blocking = {.name = "readsector0",
						       .run = readsector0_run};

struct dio {
	struct mp_check_read rd; /* first: the backend hands this pointer back */
	const char *name;
	mp_check_done_fn done;
	void *userdata;
};

static void dio_finish(struct mp_check_read *rd, int res, enum mp_check_job_status status)
{
	struct dio *d = (struct dio *)rd;
	struct mp_check_result r;

	if (status == MP_CHECK_JOB_TIMEOUT)
		mp_check_result_set(&r, MP_PATH_TIMEOUT, "%s: no answer before the deadline", d->name);
	else if (status == MP_CHECK_JOB_EXPIRED)
		mp_check_result_set(&r, MP_PATH_PENDING, "%s: %s", d->name,
				    res < 0 ? strerror(-res) : "not run");
	else
		read_verdict(d->name, res, &r);
	d->done(d->userdata, &r);
}

static void dio_release(struct mp_check_read *rd)
{
	close(rd->fd);
	free(rd->buf);
	free(rd);
}

/* Both read checkers read 4 KiB at offset 0; with the backend's read() (the
 * daemon's ring) a device that never answers holds a ring slot, not a worker. */
static int read_start(const struct mp_checker *blocking, const struct mp_check_env *env,
		      const char *dev, uint64_t deadline_usec, mp_check_done_fn done, void *userdata)
{
	const char *name = blocking->name;
	struct mp_check_result r;
	struct dio *d;
	int fd, ret;

	if (!env->backend || !env->backend->read)
		return mp_check_start(blocking, env, dev, deadline_usec, done, userdata);
	ret = open_dev(env, dev, &fd);
	if (ret < 0) {
		mp_check_result_set(&r, local_shortage(ret) ? MP_PATH_PENDING : MP_PATH_DOWN,
				    "%s: open %s: %s", name, dev, strerror(-ret));
		done(userdata, &r);
		return 0;
	}
	d = calloc(1, sizeof(*d));
	if (!d || posix_memalign(&d->rd.buf, READ_SIZE, READ_SIZE) != 0) {
		free(d);
		close(fd);
		return -ENOMEM;
	}
	d->rd.fd = fd;
	d->rd.len = READ_SIZE;
	d->rd.finish = dio_finish;
	d->rd.release = dio_release;
	d->name = name;
	d->done = done;
	d->userdata = userdata;
	ret = env->backend->read(env->backend_data, &d->rd, deadline_usec);
	if (ret == -EAGAIN) {
		/* The ring never overflows: beyond its size a check reports "pending". */
		dio_release(&d->rd);
		mp_check_result_set(&r, MP_PATH_PENDING, "%s: too many reads in flight", name);
		done(userdata, &r);
		return 0;
	}
	if (ret < 0)
		dio_release(&d->rd);
	if (ret == -EOPNOTSUPP) /* no ring after all (io_uring unavailable): a job it is */
		return mp_check_start(blocking, env, dev, deadline_usec, done, userdata);
	return ret;
}

static int directio_start(const struct mp_check_env *env, const char *dev, uint64_t deadline_usec,
			  mp_check_done_fn done, void *userdata)
{
	return read_start(&directio_blocking, env, dev, deadline_usec, done, userdata);
}

static int readsector0_start(const struct mp_check_env *env, const char *dev,
			     uint64_t deadline_usec, mp_check_done_fn done, void *userdata)
{
	return read_start(&readsector0_blocking, env, dev, deadline_usec, done, userdata);
}

const struct mp_checker mp_checker_directio = {.name = "directio", .start = directio_start};
const struct mp_checker mp_checker_readsector0 = {.name = "readsector0",
						  .start = readsector0_start};
