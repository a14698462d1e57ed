/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "tur": TEST UNIT READY through the SCSI transport. A unit attention is
 * news (a reset, a changed access state), not a failure: ask again, up to
 * three times. ALUA's NOT READY answers say standby, transitioning or
 * unavailable, which is what the checker reports.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "check/checkers.h"
#include "discover/sense.h"
#include "discover/transport.h"

#define TUR_TRIES 3

void mp_check_tur_decode(int ret, const struct mp_scsi_io *io, struct mp_check_result *r)
{
	struct mp_sense s;

	if (ret == -ETIMEDOUT) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: command timed out");
		return;
	}
	if (ret == -EMFILE || ret == -ENFILE || ret == -ENOMEM) {
		mp_check_result_set(r, MP_PATH_PENDING, "tur: not sent: %s", strerror(-ret));
		return;
	}
	if (ret == -ENOLINK || ret == -EIO || ret == -EBUSY) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: transport error: %s", strerror(-ret));
		return;
	}
	if (ret < 0) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: SG_IO failed: %s", strerror(-ret));
		return;
	}
	if (io->status == MP_SAM_GOOD || io->status == MP_SAM_CONDITION_MET) {
		mp_check_result_set(r, MP_PATH_UP, "tur: ready");
		return;
	}
	if (io->status == MP_SAM_BUSY || io->status == MP_SAM_TASK_SET_FULL) {
		mp_check_result_set(r, MP_PATH_PENDING, "tur: device busy (status 0x%02x)", io->status);
		return;
	}
	if (io->status == MP_SAM_RESERVATION_CONFLICT) {
		/* Another node holds a reservation: the path itself works. */
		mp_check_result_set(r, MP_PATH_UP, "tur: reservation conflict (path answers)");
		return;
	}
	if (mp_sense_decode(io->sense, io->sense_len < sizeof(io->sense) ? io->sense_len : sizeof(io->sense),
			    &s) < 0) {
		mp_check_result_set(r, MP_PATH_DOWN, "tur: status 0x%x, no usable sense", io->status);
		return;
	}
	if (s.key == MP_SK_NOT_READY && s.asc == 0x04) {
		switch (s.ascq) {
		case 0x0b:
			mp_check_result_set(r, MP_PATH_GHOST, "tur: target port in standby state");
			return;
		case 0x0a:
			mp_check_result_set(r, MP_PATH_PENDING, "tur: asymmetric access state transition");
			return;
		case 0x0c:
			mp_check_result_set(r, MP_PATH_DOWN, "tur: target port in unavailable state");
			return;
		default:
			break;
		}
	}
	if (s.key == MP_SK_UNIT_ATTENTION) {
		mp_check_result_set(r, MP_PATH_PENDING, "tur: unit attention (asc 0x%02x/0x%02x)", s.asc,
				    s.ascq);
		return;
	}
	mp_check_result_set(r, MP_PATH_DOWN, "tur: sense key 0x%x asc 0x%02x ascq 0x%02x", s.key, s.asc,
			    s.ascq);
}

static const uint8_t tur_cdb[6] = {0}; /* TEST UNIT READY */

/* Another try after this answer? (A unit attention is news, not a verdict.) */
static bool tur_again(const struct mp_check_result *r)
{
	return r->state == MP_PATH_PENDING && strstr(r->message, "unit attention");
}

static void tur_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
		    struct mp_check_result *r)
{
	if (!env->scsi) {
		mp_check_result_set(r, MP_PATH_PENDING, "tur: no SCSI transport");
		return;
	}
	for (int attempt = 0; attempt < TUR_TRIES; attempt++) {
		struct mp_scsi_io io = {.cdb = tur_cdb, .cdb_len = sizeof(tur_cdb), .timeout_ms = timeout_ms};
		int ret = env->scsi->execute(env->scsi_data, dev, &io);

		mp_check_tur_decode(ret, &io, r);
		if (!tur_again(r))
			return;
	}
	mp_check_result_set(r, MP_PATH_DOWN, "tur: unit attention persists");
}

/* ---- the same without a job: each try one backend scsi() request ---- */

struct tur_async {
	struct mp_check_scsi sc; /* first: the backend hands this pointer back */
	struct mp_check_env env;
	struct mp_scsi_io io;
	char dev[256];
	uint64_t deadline_usec;
	int attempt;
	mp_check_done_fn done;
	void *userdata;
};

static int tur_async_send(struct mp_check_scsi *sc, int *ret_fd)
{
	struct tur_async *t = (struct tur_async *)sc;

	return t->env.scsi->submit(t->env.scsi_data, t->dev, &t->io, ret_fd);
}

static int tur_async_recv(struct mp_check_scsi *sc, int fd)
{
	struct tur_async *t = (struct tur_async *)sc;

	return t->env.scsi->complete(t->env.scsi_data, fd, &t->io);
}

static int tur_async_try(struct tur_async *t);

static void tur_async_finish(struct mp_check_scsi *sc, int result, enum mp_check_job_status status)
{
	struct tur_async *t = (struct tur_async *)sc;
	struct mp_check_result r;

	if (status == MP_CHECK_JOB_TIMEOUT)
		mp_check_result_set(&r, MP_PATH_TIMEOUT, "tur: no answer before the deadline");
	else if (status == MP_CHECK_JOB_EXPIRED)
		mp_check_result_set(&r, MP_PATH_PENDING, "tur: not sent in time");
	else
		mp_check_tur_decode(result, &t->io, &r);
	if (status == MP_CHECK_JOB_DONE && tur_again(&r)) {
		if (++t->attempt >= TUR_TRIES) {
			mp_check_result_set(&r, MP_PATH_DOWN, "tur: unit attention persists");
		} else {
			/* The next try is a new request: this one is released after us. */
			struct tur_async *next = malloc(sizeof(*next));
			int ret;

			if (next) {
				*next = *t;
				next->io = (struct mp_scsi_io){.cdb = tur_cdb, .cdb_len = sizeof(tur_cdb),
							       .timeout_ms = t->io.timeout_ms};
				ret = tur_async_try(next);
				if (ret == 0)
					return;
				free(next);
				mp_check_tur_decode(ret, &t->io, &r);
			} else {
				mp_check_result_set(&r, MP_PATH_PENDING, "tur: retry: out of memory");
			}
		}
	}
	t->done(t->userdata, &r);
}

static void tur_async_release(struct mp_check_scsi *sc)
{
	free(sc);
}

static int tur_async_try(struct tur_async *t)
{
	int r = t->env.backend->scsi(t->env.backend_data, &t->sc, t->deadline_usec);
	struct mp_check_result res;

	if (r == -EAGAIN) { /* full: "pending" now rather than a false failure */
		mp_check_result_set(&res, MP_PATH_PENDING, "tur: check queue full");
		t->done(t->userdata, &res);
		free(t);
		return 0;
	}
	return r;
}

static int tur_start_scsi(const struct mp_check_env *env, const char *dev, uint64_t deadline_usec,
			  mp_check_done_fn done, void *userdata)
{
	struct tur_async *t;
	struct mp_check_result res;
	int r;

	if (!env->scsi || !env->scsi->submit || !env->scsi->complete)
		return -EOPNOTSUPP;
	if (strlen(dev) >= sizeof(t->dev))
		return -ENAMETOOLONG;
	t = calloc(1, sizeof(*t));
	if (!t) {
		mp_check_result_set(&res, MP_PATH_PENDING, "tur: not started: out of memory");
		done(userdata, &res);
		return 0;
	}
	t->sc = (struct mp_check_scsi){tur_async_send, tur_async_recv, tur_async_finish,
				       tur_async_release};
	t->env = *env;
	strcpy(t->dev, dev);
	t->io = (struct mp_scsi_io){.cdb = tur_cdb, .cdb_len = sizeof(tur_cdb),
				    .timeout_ms = mp_check_device_timeout_ms(deadline_usec)};
	t->deadline_usec = deadline_usec;
	t->done = done;
	t->userdata = userdata;
	r = tur_async_try(t);
	if (r == 0)
		return 0; /* the backend (or a full queue's answer) has it */
	if (r == -EMFILE || r == -ENFILE || r == -ENOMEM) {
		mp_check_tur_decode(r, &t->io, &res); /* says nothing about the path */
		done(userdata, &res);
		r = 0;
	}
	free(t);
	return r;
}

const struct mp_checker mp_checker_tur = {.name = "tur", .run = tur_run, .start_scsi = tur_start_scsi};
