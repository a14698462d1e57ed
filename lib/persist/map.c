/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "persist/map.h"

enum mp_pr_fanout mp_prout_fanout(uint8_t sa)
{
	switch (sa) {
	case MP_PROUT_REGISTER:
	case MP_PROUT_REGISTER_AND_IGNORE:
	/* Only the holding nexus can release (SPC-4 5.13.11.2); a RELEASE from
	 * another registered nexus is a harmless GOOD, so every path gets it. */
	case MP_PROUT_RELEASE:
		return MP_PR_EVERY_PATH;
	}
	return MP_PR_ONE_PATH;
}

int mp_prout_rollback(uint8_t sa, const struct mp_prout_param *p,
		      struct mp_prout_param *ret_rollback)
{
	struct mp_prout_param rb;

	if (sa != MP_PROUT_REGISTER && sa != MP_PROUT_REGISTER_AND_IGNORE)
		return -EINVAL;
	rb = *p;
	rb.key = p->sa_key;
	rb.sa_key = p->key;
	*ret_rollback = rb;
	return 0;
}

bool mp_pr_path_failure(const struct mp_pr_result *r)
{
	switch (r->error) {
	case -ETIMEDOUT:
	case -ENOLINK:
	case -EIO:
	case -EBUSY:
	case -ECANCELED:
	case -ENOENT:
	case -ENXIO:
	case -ENODEV:
		return true;
	case -EREMOTEIO:
		/* NOT READY (ALUA standby/transitioning), ABORTED COMMAND, retried-out UNIT
		 * ATTENTION: this path's trouble, not the command's. */
		return r->has_sense &&
		       (r->sense.key == MP_SK_NOT_READY || r->sense.key == MP_SK_ABORTED_COMMAND ||
			r->sense.key == MP_SK_UNIT_ATTENTION);
	}
	return false;
}

static void reset_paths(struct mp_pr_path *paths, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		paths[i].sent = false;
		paths[i].rolled_back = false;
		memset(&paths[i].res, 0, sizeof(paths[i].res));
		memset(&paths[i].rollback_res, 0, sizeof(paths[i].rollback_res));
	}
}

static bool any_usable(const struct mp_pr_path *paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (paths[i].usable)
			return true;
	return false;
}

static int out_one_path(const struct mp_ctx *ctx, struct mp_pr_path *paths, size_t n, uint8_t sa,
			uint8_t type, const struct mp_prout_param *p, struct mp_pr_result *res)
{
	int r = -ENODEV;

	for (size_t i = 0; i < n; i++) {
		if (!paths[i].usable)
			continue;
		paths[i].sent = true;
		r = mp_pr_out(ctx, paths[i].dev, sa, type, p, &paths[i].res);
		*res = paths[i].res;
		if (r == 0 || !mp_pr_path_failure(&paths[i].res))
			return r;
	}
	return r;
}

static void rollback(const struct mp_ctx *ctx, struct mp_pr_path *paths, size_t n, uint8_t sa,
		     uint8_t type, const struct mp_prout_param *p)
{
	struct mp_prout_param rb;

	if (mp_prout_rollback(sa, p, &rb) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!paths[i].sent || paths[i].res.error != 0)
			continue;
		paths[i].rolled_back = true;
		(void)mp_pr_out(ctx, paths[i].dev, sa, type, &rb, &paths[i].rollback_res);
	}
}

/* After RELEASE: is a reservation still held under the key we released?
 * The READ goes through a copy of the paths, so theirs keep the RELEASE results. */
static int still_reserved(const struct mp_ctx *ctx, const struct mp_pr_path *paths, size_t n,
			  uint64_t key)
{
	_cleanup_free_ struct mp_pr_path *probe = calloc(n, sizeof(*probe));
	struct mp_pr_reservation resv;
	struct mp_pr_result res;
	uint8_t buf[24];
	size_t len, used;
	int r;

	if (!probe)
		return -ENOMEM;
	memcpy(probe, paths, n * sizeof(*probe));
	r = mp_pr_map_in(ctx, probe, n, MP_PRIN_READ_RESERVATION, buf, sizeof(buf), &len, &used,
			 &res);
	if (r < 0)
		return r;
	r = mp_pr_reservation_decode(buf, len, &resv);
	if (r < 0)
		return r;
	return resv.held && resv.key == key;
}

static int finish(struct mp_pr_result res, struct mp_pr_result *ret_res)
{
	if (ret_res)
		*ret_res = res;
	return res.error;
}

/*
 * RELEASE went down every path. A device error (other than a path failure)
 * is the answer; if only some paths failed on their own, the release counts
 * when the reservation is gone afterwards.
 */
static int release_outcome(const struct mp_ctx *ctx, struct mp_pr_path *paths, size_t n,
			   uint64_t key, size_t ok, const struct mp_pr_result *first_fail,
			   const struct mp_pr_result *first_hard, struct mp_pr_result *ret_res)
{
	int held;

	if (first_hard->error)
		return finish(*first_hard, ret_res);
	if (!ok)
		return finish(*first_fail, ret_res);
	held = still_reserved(ctx, paths, n, key);
	if (held > 0)
		return finish(first_fail->error ? *first_fail
						: (struct mp_pr_result){.error = -EAGAIN},
			      ret_res);
	/* held < 0: every device answer said GOOD and the check itself failed */
	return finish((struct mp_pr_result){0}, ret_res);
}

int mp_pr_map_out(const struct mp_ctx *ctx, struct mp_pr_path *paths, size_t n, uint8_t sa,
		  uint8_t type, const struct mp_prout_param *p, struct mp_pr_result *ret_res)
{
	struct mp_pr_result first_fail = {0}, first_hard = {0}, res = {0};
	bool conflict = false;
	size_t ok = 0;

	reset_paths(paths, n);
	if (!any_usable(paths, n))
		return finish((struct mp_pr_result){.error = -ENODEV}, ret_res);
	if (mp_prout_fanout(sa) == MP_PR_ONE_PATH) {
		(void)out_one_path(ctx, paths, n, sa, type, p, &res);
		return finish(res, ret_res);
	}
	for (size_t i = 0; i < n; i++) {
		if (!paths[i].usable)
			continue;
		paths[i].sent = true;
		if (mp_pr_out(ctx, paths[i].dev, sa, type, p, &paths[i].res) == 0) {
			ok++;
			continue;
		}
		if (!first_fail.error)
			first_fail = paths[i].res;
		if (!first_hard.error && !mp_pr_path_failure(&paths[i].res))
			first_hard = paths[i].res;
		conflict |= paths[i].res.error == -EACCES;
	}
	if (sa == MP_PROUT_RELEASE)
		return release_outcome(ctx, paths, n, p->key, ok, &first_fail, &first_hard,
				       ret_res);
	/*
	 * As mpathpersist: a RESERVATION CONFLICT on some paths means the device
	 * does not hold the registration we assumed there, so the paths that took
	 * the new key go back to the old one. A path that failed on its own keeps
	 * the others registered: the daemon registers it when it comes back.
	 */
	if (conflict && ok)
		rollback(ctx, paths, n, sa, type, p);
	if (first_hard.error)
		return finish(first_hard, ret_res);
	return finish(first_fail, ret_res);
}

int mp_pr_map_in(const struct mp_ctx *ctx, struct mp_pr_path *paths, size_t n, uint8_t sa,
		 uint8_t *buf, size_t len, size_t *ret_len, size_t *ret_path,
		 struct mp_pr_result *ret_res)
{
	struct mp_pr_result res = {.error = -ENODEV};
	int r = -ENODEV;

	reset_paths(paths, n);
	for (size_t i = 0; i < n; i++) {
		size_t got = 0;

		if (!paths[i].usable)
			continue;
		paths[i].sent = true;
		r = mp_pr_in(ctx, paths[i].dev, sa, buf, len, &got, &paths[i].res);
		res = paths[i].res;
		if (r == 0) {
			*ret_len = got;
			*ret_path = i;
			break;
		}
		if (!mp_pr_path_failure(&paths[i].res))
			break;
	}
	if (ret_res)
		*ret_res = res;
	return r;
}
