/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PR IN / PR OUT through the context's SCSI transport. A UNIT ATTENTION is
 * retried: a device reports one instead of running the command (SAM-5
 * 5.14), and after a PREEMPT every other nexus gets one ("registrations
 * preempted"), so the first command after a fence would fail otherwise.
 */
#include <errno.h>
#include <string.h>

#include "discover/transport.h"
#include "persist/persist.h"

#define PR_TIMEOUT_MS 30000
#define PR_UA_RETRIES 5

static void fill_result(const struct mp_scsi_io *io, int r, struct mp_pr_result *res)
{
	memset(res, 0, sizeof(*res));
	res->error = r;
	if (r == -EREMOTEIO && mp_sense_decode(io->sense, io->sense_len, &res->sense) == 0)
		res->has_sense = true;
}

static int run(const struct mp_ctx *ctx, const char *dev, struct mp_scsi_io *io,
	       struct mp_pr_result *ret_res)
{
	struct mp_pr_result res;
	int r;

	for (int attempt = 0;; attempt++) {
		r = mp_scsi_execute(ctx, dev, io);
		fill_result(io, r, &res);
		if (!(res.has_sense && res.sense.key == MP_SK_UNIT_ATTENTION) ||
		    attempt + 1 >= PR_UA_RETRIES)
			break;
	}
	if (ret_res)
		*ret_res = res;
	return r;
}

int mp_pr_in(const struct mp_ctx *ctx, const char *dev, uint8_t sa, uint8_t *buf, size_t len,
	     size_t *ret_len, struct mp_pr_result *ret_res)
{
	uint8_t cdb[MP_PR_CDB_LEN];
	struct mp_scsi_io io = {0};
	int r;

	if (len > MP_PR_IN_MAX_LEN)
		len = MP_PR_IN_MAX_LEN;
	mp_cdb_prin(cdb, sa, (uint16_t)len);
	io.cdb = cdb;
	io.cdb_len = sizeof(cdb);
	io.buf = buf;
	io.buf_len = len;
	io.timeout_ms = PR_TIMEOUT_MS;
	r = run(ctx, dev, &io, ret_res);
	if (r < 0)
		return r;
	*ret_len = io.data_len;
	return 0;
}

int mp_pr_out(const struct mp_ctx *ctx, const char *dev, uint8_t sa, uint8_t type,
	      const struct mp_prout_param *p, struct mp_pr_result *ret_res)
{
	/* basic list (24) + the largest TransportID the builder accepts */
	uint8_t param[MP_PROUT_BASIC_LEN + MP_PR_TID_MAX];
	uint8_t cdb[MP_PR_CDB_LEN];
	struct mp_scsi_io io = {0};
	int n;

	n = mp_prout_param_build(sa, p, param, sizeof(param));
	if (n < 0) {
		if (ret_res) {
			memset(ret_res, 0, sizeof(*ret_res));
			ret_res->error = n;
		}
		return n;
	}
	mp_cdb_prout(cdb, sa, 0, type, (uint32_t)n);
	io.cdb = cdb;
	io.cdb_len = sizeof(cdb);
	io.buf = param;
	io.buf_len = (size_t)n;
	io.data_out = true;
	io.timeout_ms = PR_TIMEOUT_MS;
	return run(ctx, dev, &io, ret_res);
}

int mp_pr_status_of(const struct mp_pr_result *r)
{
	switch (r->error) {
	case 0:
		return MP_PR_SUCCESS;
	case -EACCES:
		return MP_PR_RESERV_CONFLICT;
	case -EBADMSG:
		return MP_PR_SENSE_MALFORMED;
	case -ENOENT:
	case -ENODEV:
	case -ENXIO:
		return MP_PR_FILE_ERROR;
	case -EREMOTEIO:
		break;
	default:
		return MP_PR_OTHER;
	}
	if (!r->has_sense)
		return MP_PR_OTHER;
	switch (r->sense.key) {
	case MP_SK_NO_SENSE:
		return MP_PR_NO_SENSE;
	case MP_SK_NOT_READY:
		return MP_PR_SENSE_NOT_READY;
	case MP_SK_MEDIUM_ERROR:
		return MP_PR_SENSE_MEDIUM_ERROR;
	case MP_SK_HARDWARE_ERROR:
		return MP_PR_SENSE_HARDWARE_ERROR;
	case MP_SK_ILLEGAL_REQUEST:
		/* ASC 0x20: invalid command operation code (no PR support) */
		return r->sense.asc == 0x20 ? MP_PR_SENSE_INVALID_OP : MP_PR_ILLEGAL_REQ;
	case MP_SK_UNIT_ATTENTION:
		return MP_PR_SENSE_UNIT_ATTENTION;
	case MP_SK_ABORTED_COMMAND:
		return MP_PR_SENSE_ABORTED_COMMAND;
	}
	return MP_PR_OTHER;
}
