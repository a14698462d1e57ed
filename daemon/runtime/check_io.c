/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib/check's backend over the worker pool and the io_uring; see check_io.h. */
#include <errno.h>

#include "runtime/check_io.h"
#include "runtime/scsi_async.h"
#include "runtime/uring.h"
#include "runtime/workers.h"

static int job_run(void *arg)
{
	struct mp_check_job *job = arg;

	job->run(job);
	return 0;
}

static void job_done(void *arg, int result, enum work_status status, void *userdata)
{
	struct mp_check_job *job = arg;

	(void)result;
	(void)userdata;
	job->finish(job, status == WORK_DONE      ? MP_CHECK_JOB_DONE
			 : status == WORK_TIMEOUT ? MP_CHECK_JOB_TIMEOUT
						  : MP_CHECK_JOB_EXPIRED);
}

static void job_release(void *arg)
{
	struct mp_check_job *job = arg;

	job->release(job);
}

static int io_submit(void *data, struct mp_check_job *job, uint64_t deadline_usec)
{
	const struct check_io *io = data;

	if (!io || !io->pool)
		return -EINVAL;
	return workers_submit(io->pool, job_run, job, deadline_usec, job_done, job_release, NULL);
}

static int io_read(void *data, struct mp_check_read *rd, uint64_t deadline_usec)
{
	const struct check_io *io = data;

	return io && io->ring ? uring_read(io->ring, rd, deadline_usec) : -EOPNOTSUPP;
}

static int io_scsi(void *data, struct mp_check_scsi *sc, uint64_t deadline_usec)
{
	const struct check_io *io = data;

	return io && io->scsi ? scsi_async_submit(io->scsi, sc, deadline_usec) : -EOPNOTSUPP;
}

const struct mp_check_backend_ops check_io_ops = {
	.submit = io_submit, .read = io_read, .scsi = io_scsi};
