/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Flapping paths (san_path_err_threshold / _forget_rate / _recovery_time).
 * A path that fails, answers, fails again... would be put back into the
 * kernel's rotation at every answer, and each time I/O would stall on it
 * again. So the daemon counts its failures (good -> bad transitions, from the
 * checker or the kernel), forgets one every forget_rate usable checks, and
 * once the count exceeds the threshold it keeps the path out ("shaky") after
 * it comes back, until it has answered for recovery_time seconds without
 * failing. Holding never takes a map's last usable path: with no other path
 * left, the held path is put back at once, as multipathd does.
 *
 * The trio acts only when all three are set, and not when the marginal_path
 * method is on (hold_marginal.c): two methods holding the same path would
 * fight over it.
 */
#include <stdio.h>

#include "state/hold.h"

#define USEC 1000000u

bool hold_state_usable(enum mp_path_state s)
{
	return s == MP_PATH_UP || s == MP_PATH_GHOST;
}

bool hold_flaky_enabled(const struct hold_policy *pol)
{
	return pol->san_err_threshold > 0 && pol->san_err_forget_rate > 0 &&
	       pol->san_err_recovery_s > 0 && !hold_marginal_enabled(pol);
}

static void release(struct hold_state *h)
{
	h->failures = h->forget_left = 0;
	h->held = false;
	h->held_since = 0;
}

static void recheck(struct hold_outcome *out, uint64_t by, unsigned max_ms)
{
	/* A path that keeps answering is checked ever less often by the
	 * scheduler; without this its release could wait max_polling_interval. */
	out->recheck_by = by;
	out->recheck_max_ms = max_ms;
}

bool hold_flaky_needs_other(const struct hold_policy *pol, const struct hold_state *h,
			    enum mp_path_state s, enum mp_path_state prev)
{
	if (!hold_state_usable(s))
		return false;
	if (h->held)
		return true;
	return prev != MP_PATH_UNCHECKED && !hold_state_usable(prev) &&
	       h->failures > (unsigned)pol->san_err_threshold;
}

void hold_flaky_verdict(const struct hold_policy *pol, struct hold_state *h,
			const struct hold_input *in, enum mp_path_state s, struct hold_outcome *out)
{
	uint64_t deadline;

	out->state = s;
	if (!hold_state_usable(s)) {
		/* failing again while held: the quiet period starts over */
		if (h->held)
			h->held_since = in->now;
		return;
	}
	if (h->held) {
		deadline = h->held_since + (uint64_t)pol->san_err_recovery_s * USEC;
		if (in->now >= deadline) {
			snprintf(out->why, sizeof(out->why), "san_path_err_recovery_time %d s passed",
				 pol->san_err_recovery_s);
			release(h);
			return;
		}
		if (!in->other_usable) {
			snprintf(out->why, sizeof(out->why), "shaky, but no other path is usable");
			release(h);
			return;
		}
		recheck(out, deadline, in->polling_ms);
		out->state = MP_PATH_SHAKY;
		return;
	}
	/* Back from a failure: too many recent ones and the path is held. */
	if (in->prev != MP_PATH_UNCHECKED && !hold_state_usable(in->prev) &&
	    h->failures > (unsigned)pol->san_err_threshold && in->other_usable) {
		h->held = true;
		h->held_since = in->now;
		snprintf(out->why, sizeof(out->why),
			 "%u failures exceed san_path_err_threshold %d: held for %d s", h->failures,
			 pol->san_err_threshold, pol->san_err_recovery_s);
		recheck(out, in->now + (uint64_t)pol->san_err_recovery_s * USEC, in->polling_ms);
		out->state = MP_PATH_SHAKY;
		return;
	}
	/* A healthy check: every forget_rate of them, one failure is forgotten. */
	if (h->failures > 0 && hold_state_usable(in->prev)) {
		if (h->forget_left > 1) {
			h->forget_left--;
		} else {
			h->failures--;
			h->forget_left = (unsigned)pol->san_err_forget_rate;
		}
	}
}

void hold_flaky_failed(const struct hold_policy *pol, struct hold_state *h)
{
	/* the forget countdown starts with the first failure remembered */
	if (h->failures == 0)
		h->forget_left = (unsigned)pol->san_err_forget_rate;
	h->failures++;
}

/* ---- the two policies behind one interface ---- */

static void forget_marginal(struct hold_state *h)
{
	h->last_fail = h->phase_start = 0;
	h->phase = MARGINAL_NONE;
	h->samples = h->errors = 0;
}

bool hold_enabled(const struct hold_policy *pol)
{
	return hold_marginal_enabled(pol) || hold_flaky_enabled(pol);
}

bool hold_needs_other(const struct hold_policy *pol, const struct hold_state *h,
		      enum mp_path_state s, enum mp_path_state prev)
{
	if (hold_marginal_enabled(pol))
		return h->phase != MARGINAL_NONE;
	return hold_flaky_enabled(pol) && hold_flaky_needs_other(pol, h, s, prev);
}

void hold_verdict(const struct hold_policy *pol, struct hold_state *h, const struct hold_input *in,
		  enum mp_path_state s, struct hold_outcome *out)
{
	*out = (struct hold_outcome){.state = s};
	if (hold_marginal_enabled(pol)) {
		hold_marginal_verdict(pol, h, in, s, out);
		/* a phase change the path's state does not show belongs in its timeline */
		if (out->why[0] && out->state == in->prev)
			out->note_to = mp_path_state_name(out->state);
		return;
	}
	forget_marginal(h);
	if (!hold_flaky_enabled(pol)) {
		release(h);
		return;
	}
	hold_flaky_verdict(pol, h, in, s, out);
}

void hold_path_failed(const struct hold_policy *pol, struct hold_state *h,
		      const struct hold_input *in, struct hold_outcome *out)
{
	*out = (struct hold_outcome){.state = in->prev};
	if (hold_marginal_enabled(pol))
		hold_marginal_failed(pol, h, in, out);
	else if (hold_flaky_enabled(pol))
		hold_flaky_failed(pol, h);
}
