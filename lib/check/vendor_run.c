/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vendor checkers' blocking bodies: send the commands through the
 * environment's SCSI transport and hand the answers to the pure verdict
 * functions (rdac.c, emc_clariion.c, hp_sw.c, cciss_tur.c).
 *
 * Checks keep no state between runs (check.h), so emc_clariion's memory of
 * a path's LUN WWN and of a LUN's inactive snapshot starts afresh each
 * time: a changed WWN is not detected, and only the owning SP's path of an
 * inactive snapshot goes down (0.9.4 fails the passive paths too).
 */
#include <errno.h>
#include <string.h>

#include "check/check.h"
#include "check/checkers.h"
#include "check/vendor.h"
#include "discover/scsi_cmd.h"
#include "discover/transport.h"

#define UA_TRIES 3

/* One command, its SAM status folded as mp_scsi_execute() does. */
static void exec_cmd(const struct mp_check_env *env, const char *dev, const uint8_t *cdb,
		     size_t cdb_len, uint8_t *buf, size_t len, unsigned timeout_ms,
		     struct mp_check_answer *a)
{
	struct mp_scsi_io io = {.cdb = cdb, .cdb_len = cdb_len, .buf = buf, .buf_len = len,
				.timeout_ms = timeout_ms};
	int r = env->scsi->execute(env->scsi_data, dev, &io);

	memset(a, 0, sizeof(*a));
	a->data = buf;
	if (r < 0) {
		a->ret = r;
		return;
	}
	a->len = io.data_len < len ? io.data_len : len;
	switch (io.status) {
	case MP_SAM_GOOD:
	case MP_SAM_CONDITION_MET:
		a->ret = 0;
		break;
	case MP_SAM_CHECK_CONDITION:
		a->ret = -EREMOTEIO;
		if (mp_sense_decode(io.sense, io.sense_len < sizeof(io.sense) ? io.sense_len : sizeof(io.sense),
				    &a->sense) < 0)
			a->ret = -EIO;
		break;
	case MP_SAM_BUSY:
	case MP_SAM_TASK_SET_FULL:
	case MP_SAM_ACA_ACTIVE:
		a->ret = -EBUSY;
		break;
	default:
		a->ret = -EIO;
		break;
	}
}

/* A command retried while it draws unit attentions (resets, changed states). */
static void exec_retry(const struct mp_check_env *env, const char *dev, const uint8_t *cdb,
		       size_t cdb_len, uint8_t *buf, size_t len, unsigned timeout_ms,
		       struct mp_check_answer *a)
{
	for (int i = 0; i < UA_TRIES; i++) {
		exec_cmd(env, dev, cdb, cdb_len, buf, len, timeout_ms, a);
		if (!mp_check_is_unit_attention(a))
			return;
	}
}

static void to_result(const struct mp_check_verdict *v, struct mp_check_result *r)
{
	/* "Not this array" is MP_PATH_UNCHECKED: shown as "undef" like 0.9.4's
	 * PATH_WILD, and mpathd keeps the path's state on it (as on pending). */
	mp_check_result_set(r, v->state, "%s", v->message);
}

static bool have_transport(const struct mp_check_env *env, const char *who, struct mp_check_result *r)
{
	if (env->scsi)
		return true;
	mp_check_result_set(r, MP_PATH_PENDING, "%s: no SCSI transport", who);
	return false;
}

static void rdac_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
		     struct mp_check_result *r)
{
	uint8_t cdb[6], buf[128];
	struct mp_check_answer a;
	struct mp_check_verdict v;

	if (!have_transport(env, "rdac", r))
		return;
	mp_check_rdac_cdb(cdb);
	exec_retry(env, dev, cdb, sizeof(cdb), buf, sizeof(buf), timeout_ms, &a);
	mp_check_rdac(&a, &v);
	to_result(&v, r);
}

static void emc_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
		    struct mp_check_result *r)
{
	uint8_t cdb[6], rcdb[10], buf[128], data[4096];
	struct mp_emc_path_memory mem = {0};
	struct mp_check_answer a;
	struct mp_check_verdict v;
	bool snap = false;

	if (!have_transport(env, "emc_clariion", r))
		return;
	mp_check_emc_cdb(cdb);
	exec_retry(env, dev, cdb, sizeof(cdb), buf, sizeof(buf), timeout_ms, &a);
	if (mp_check_emc_c0(&a, &mem, snap, &v)) {
		/* One block at LBA 0; 4 KiB holds it whatever the block size. */
		mp_check_emc_read_cdb(rcdb, 1);
		exec_retry(env, dev, rcdb, sizeof(rcdb), data, sizeof(data), timeout_ms, &a);
		mp_check_emc_read(&a, &snap, &v);
	}
	to_result(&v, r);
}

static void hp_sw_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
		      struct mp_check_result *r)
{
	static const uint8_t tur_cdb[6] = {0};
	uint8_t cdb[6], buf[255];
	struct mp_check_answer inq, tur;
	struct mp_check_verdict v;

	if (!have_transport(env, "hp_sw", r))
		return;
	mp_check_hp_sw_inquiry_cdb(cdb);
	exec_retry(env, dev, cdb, sizeof(cdb), buf, sizeof(buf), timeout_ms, &inq);
	if (inq.ret != 0 && !(inq.ret == -EREMOTEIO && inq.sense.key == MP_SK_RECOVERED_ERROR)) {
		mp_check_hp_sw(&inq, NULL, &v);
	} else {
		exec_retry(env, dev, tur_cdb, sizeof(tur_cdb), NULL, 0, timeout_ms, &tur);
		mp_check_hp_sw(&inq, &tur, &v);
	}
	to_result(&v, r);
}

static void cciss_tur_run(const struct mp_check_env *env, const char *dev, unsigned timeout_ms,
			  struct mp_check_result *r)
{
	static const uint8_t tur_cdb[6] = {0};
	struct mp_check_answer a;
	struct mp_check_verdict v;

	if (!have_transport(env, "cciss_tur", r))
		return;
	exec_retry(env, dev, tur_cdb, sizeof(tur_cdb), NULL, 0, timeout_ms, &a);
	mp_check_cciss_tur(&a, &v);
	to_result(&v, r);
}

const struct mp_checker mp_checker_rdac = {.name = "rdac", .run = rdac_run};
const struct mp_checker mp_checker_emc_clariion = {.name = "emc_clariion", .run = emc_run};
const struct mp_checker mp_checker_hp_sw = {.name = "hp_sw", .run = hp_sw_run};
const struct mp_checker mp_checker_cciss_tur = {.name = "cciss_tur", .run = cciss_tur_run};
