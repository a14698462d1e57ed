/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Starting checks: the job that carries a blocking checker to the backend,
 * the registry, the inline backend and the synchronous wrapper. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check/check.h"
#include "check/checkers.h"

void mp_check_result_set(struct mp_check_result *r, enum mp_path_state s, const char *fmt, ...)
{
	va_list ap;

	r->state = s;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
}

uint64_t mp_check_now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static const struct mp_checker *const registry[] = {
	&mp_checker_tur,  &mp_checker_directio,     &mp_checker_readsector0, &mp_checker_none,
	&mp_checker_rdac, &mp_checker_emc_clariion, &mp_checker_hp_sw,       &mp_checker_cciss_tur,
};

const struct mp_checker *mp_checker_at(size_t i)
{
	return i < sizeof(registry) / sizeof(registry[0]) ? registry[i] : NULL;
}

const struct mp_checker *mp_checker_find(const char *name)
{
	const struct mp_checker *c;

	for (size_t i = 0; name && (c = mp_checker_at(i)); i++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* ---- a blocking checker as a backend job ---- */

struct run_job {
	struct mp_check_job job; /* first: the backend hands this pointer back */
	const struct mp_checker *checker;
	struct mp_check_env env;
	char dev[256];
	unsigned timeout_ms;
	mp_check_done_fn done;
	void *userdata;
	struct mp_check_result result; /* written by run(), read by finish() after it */
};

static void job_run(struct mp_check_job *job)
{
	struct run_job *j = (struct run_job *)job;

	j->checker->run(&j->env, j->dev, j->timeout_ms, &j->result);
}

static void job_finish(struct mp_check_job *job, enum mp_check_job_status status)
{
	struct run_job *j = (struct run_job *)job;
	struct mp_check_result r;

	switch (status) {
	case MP_CHECK_JOB_DONE:
		j->done(j->userdata, &j->result);
		return;
	case MP_CHECK_JOB_TIMEOUT:
		mp_check_result_set(&r, MP_PATH_TIMEOUT, "%s: no answer before the deadline",
				    j->checker->name);
		break;
	case MP_CHECK_JOB_EXPIRED:
	default:
		mp_check_result_set(&r, MP_PATH_PENDING, "%s: not run, every worker busy",
				    j->checker->name);
		break;
	}
	j->done(j->userdata, &r);
}

static void job_release(struct mp_check_job *job)
{
	free(job);
}

unsigned mp_check_device_timeout_ms(uint64_t deadline_usec)
{
	uint64_t now = mp_check_now_usec();

	if (!deadline_usec)
		return 30000;
	return deadline_usec > now + 1000000 ? (unsigned)((deadline_usec - now) / 1000) : 1000;
}

int mp_check_start(const struct mp_checker *c, const struct mp_check_env *env, const char *dev,
		   uint64_t deadline_usec, mp_check_done_fn done, void *userdata)
{
	const struct mp_check_backend_ops *b = env->backend ? env->backend : &mp_check_inline_backend;
	struct run_job *j;
	int r;

	if (!c || !dev || strchr(dev, '/'))
		return -EINVAL;
	if (c->start)
		return c->start(env, dev, deadline_usec, done, userdata);
	if (c->start_scsi && env->backend && b->scsi) {
		r = c->start_scsi(env, dev, deadline_usec, done, userdata);
		if (r != -EOPNOTSUPP)
			return r;
	}
	if (strlen(dev) >= sizeof(j->dev))
		return -ENAMETOOLONG;
	j = calloc(1, sizeof(*j));
	if (!j)
		return -ENOMEM;
	j->job = (struct mp_check_job){job_run, job_finish, job_release};
	j->checker = c;
	j->env = *env;
	strcpy(j->dev, dev);
	j->timeout_ms = mp_check_device_timeout_ms(deadline_usec);
	j->done = done;
	j->userdata = userdata;
	r = b->submit(env->backend_data, &j->job, deadline_usec);
	if (r == -EAGAIN) {
		struct mp_check_result res;

		/* Queue full: "pending" now rather than a false failure. */
		free(j);
		mp_check_result_set(&res, MP_PATH_PENDING, "%s: check queue full", c->name);
		done(userdata, &res);
		return 0;
	}
	if (r < 0)
		free(j);
	return r;
}

/* ---- the inline backend and the synchronous wrapper ---- */

static int inline_submit(void *data, struct mp_check_job *job, uint64_t deadline_usec)
{
	(void)data;
	(void)deadline_usec;
	job->run(job);
	job->finish(job, MP_CHECK_JOB_DONE);
	job->release(job);
	return 0;
}

const struct mp_check_backend_ops mp_check_inline_backend = {.submit = inline_submit};

static void sync_done(void *userdata, const struct mp_check_result *r)
{
	*(struct mp_check_result *)userdata = *r;
}

void mp_check_sync(const struct mp_checker *c, const struct mp_check_env *env, const char *dev,
		   unsigned timeout_ms, struct mp_check_result *ret)
{
	struct mp_check_env e = *env;
	int r;

	e.backend = &mp_check_inline_backend; /* an asynchronous one would return before the answer */
	e.backend_data = NULL;
	mp_check_result_set(ret, MP_PATH_PENDING, "%s: no answer", c ? c->name : "?");
	r = mp_check_start(c, &e, dev, mp_check_now_usec() + (uint64_t)(timeout_ms ? timeout_ms : 30000) * 1000u,
			   sync_done, ret);
	if (r < 0)
		mp_check_result_set(ret, MP_PATH_PENDING, "%s: could not start: %s",
				    c ? c->name : "?", strerror(-r));
}

/* ---- "none" ---- */

static int none_start(const struct mp_check_env *env, const char *dev, uint64_t deadline_usec,
		      mp_check_done_fn done, void *userdata)
{
	struct mp_check_result r;

	(void)env;
	(void)dev;
	(void)deadline_usec;
	mp_check_result_set(&r, MP_PATH_UP, "none: always up");
	done(userdata, &r);
	return 0;
}

const struct mp_checker mp_checker_none = {.name = "none", .start = none_start};
