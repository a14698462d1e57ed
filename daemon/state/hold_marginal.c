/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Marginal paths (marginal_path_double_failed_time / _err_sample_time /
 * _err_rate_threshold / _err_recheck_gap_time), all four set or nothing.
 *
 * A path that fails twice within double_failed_time seconds (good -> bad
 * transitions, seen by the checker or by the kernel failing it on I/O) while
 * its map has another usable path becomes marginal: it is kept out of the
 * kernel's rotation (state "marginal") and sampled for err_sample_time
 * seconds. multipathd samples with its own direct reads at 10 per second;
 * mpathd has no I/O error sampling engine, so its samples are the path's
 * checks, run once a second while sampling (instead of every
 * polling_interval): a check that finds the path down or timed out is an
 * error. When the sample time is over, an error rate (per thousand checks)
 * above err_rate_threshold keeps the path out for err_recheck_gap_time
 * seconds, then it is sampled again; a rate at or below it reinstates the
 * path. multipathd raises a sample time below 120 s to 120 s because its
 * reads time out after 60 s; mpathd's checks time out after checker_timeout,
 * so the configured time is used as is.
 *
 * Like the shaky method, it never holds a map's last usable path: with no
 * other path left, the marginal path is put back at once.
 */
#include <stdio.h>

#include "state/hold.h"

#define USEC 1000000u
#define SAMPLE_EVERY_MS 1000

bool hold_marginal_enabled(const struct hold_policy *pol)
{
	return pol->marg_double_failed_s > 0 && pol->marg_sample_s > 0 &&
	       pol->marg_rate_threshold > 0 && pol->marg_gap_s > 0;
}

static void start_phase(struct hold_state *h, enum hold_marginal_phase ph, uint64_t now)
{
	h->phase = ph;
	h->phase_start = now;
	h->samples = h->errors = 0;
}

void hold_marginal_failed(const struct hold_policy *pol, struct hold_state *h,
			  const struct hold_input *in, struct hold_outcome *out)
{
	uint64_t window = (uint64_t)pol->marg_double_failed_s * USEC;
	bool twice = h->last_fail && in->now - h->last_fail <= window;

	h->last_fail = in->now;
	if (h->phase != MARGINAL_NONE || !twice || !in->other_usable)
		return;
	start_phase(h, MARGINAL_SAMPLING, in->now);
	snprintf(out->why, sizeof(out->why),
		 "failed twice within marginal_path_double_failed_time %d s: sampling for %d s",
		 pol->marg_double_failed_s, pol->marg_sample_s);
	out->note_to = "marginal";
}

static bool state_error(enum mp_path_state s)
{
	return s == MP_PATH_DOWN || s == MP_PATH_TIMEOUT;
}

/* Held: answering paths show "marginal", failing ones their own state. */
static void held(struct hold_outcome *out, enum mp_path_state s, uint64_t by, unsigned max_ms)
{
	out->state = hold_state_usable(s) ? MP_PATH_MARGINAL : s;
	out->recheck_by = by;
	out->recheck_max_ms = max_ms;
}

void hold_marginal_verdict(const struct hold_policy *pol, struct hold_state *h,
			   const struct hold_input *in, enum mp_path_state s,
			   struct hold_outcome *out)
{
	uint64_t end;
	unsigned rate;

	out->state = s;
	if (h->phase == MARGINAL_NONE)
		return;
	if (!in->other_usable) {
		if (hold_state_usable(s))
			snprintf(out->why, sizeof(out->why), "marginal, but no other path is usable");
		h->phase = MARGINAL_NONE;
		return;
	}
	if (h->phase == MARGINAL_GAP) {
		end = h->phase_start + (uint64_t)pol->marg_gap_s * USEC;
		if (in->now < end) {
			held(out, s, end, in->polling_ms);
			return;
		}
		start_phase(h, MARGINAL_SAMPLING, in->now);
		snprintf(out->why, sizeof(out->why),
			 "marginal_path_err_recheck_gap_time %d s over: sampling again", pol->marg_gap_s);
	}
	h->samples++;
	if (state_error(s))
		h->errors++;
	end = h->phase_start + (uint64_t)pol->marg_sample_s * USEC;
	if (in->now < end) {
		held(out, s, end, SAMPLE_EVERY_MS);
		return;
	}
	rate = h->errors * 1000u / h->samples;
	if (rate > (unsigned)pol->marg_rate_threshold) {
		snprintf(out->why, sizeof(out->why),
			 "%u of %u checks failed (%u/1000 > marginal_path_err_rate_threshold %d): "
			 "kept out for %d s",
			 h->errors, h->samples, rate, pol->marg_rate_threshold, pol->marg_gap_s);
		start_phase(h, MARGINAL_GAP, in->now);
		held(out, s, in->now + (uint64_t)pol->marg_gap_s * USEC, in->polling_ms);
		return;
	}
	snprintf(out->why, sizeof(out->why),
		 "%u of %u checks failed (%u/1000, marginal_path_err_rate_threshold %d): no longer "
		 "marginal",
		 h->errors, h->samples, rate, pol->marg_rate_threshold);
	h->phase = MARGINAL_NONE;
}
