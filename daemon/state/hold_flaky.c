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
 * method is on (core_marginal.c): two methods holding the same path would
 * fight over it.
 */
#include <stdio.h>

#include "state/checker_sched.h"
#include "state/core_int.h"

#define USEC 1000000u

static bool flaky_enabled(const struct core_policy *pol)
{
	return pol->san_err_threshold > 0 && pol->san_err_forget_rate > 0 &&
	       pol->san_err_recovery_s > 0 && !core_marginal_enabled(pol);
}

bool core_hold_other_usable(struct core *c, const struct core_path *p)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		const struct core_path *q = c->paths[i];

		if (q != p && q->map == p->map && !q->gone && core_state_usable(q->p.state))
			return true;
	}
	return false;
}

void core_hold_recheck(struct core *c, struct core_path *p, uint64_t deadline, unsigned max_ms)
{
	uint64_t now = core_now(c);
	uint64_t ms = deadline > now ? (deadline - now + 999) / 1000 : 0;

	/* A path that keeps answering is checked ever less often by the
	 * scheduler; without this its release could wait max_polling_interval. */
	if (p->sp)
		sched_check_in(p->sp, (unsigned)(ms < max_ms ? ms : max_ms));
}

static void release(struct core_flaky *f)
{
	*f = (struct core_flaky){0};
}

static enum mp_path_state flaky_verdict(struct core *c, struct core_path *p, enum mp_path_state s,
					char *why, size_t why_size)
{
	const struct core_policy *pol = &p->map->pol;
	struct core_flaky *f = &p->flaky;
	uint64_t now = core_now(c), deadline;
	unsigned poll_ms = c->polling_s * 1000;

	if (!core_state_usable(s)) {
		/* failing again while held: the quiet period starts over */
		if (f->held)
			f->held_since = now;
		return s;
	}
	if (f->held) {
		deadline = f->held_since + (uint64_t)pol->san_err_recovery_s * USEC;
		if (now >= deadline) {
			snprintf(why, why_size, "san_path_err_recovery_time %d s passed",
				 pol->san_err_recovery_s);
			release(f);
			return s;
		}
		if (!core_hold_other_usable(c, p)) {
			snprintf(why, why_size, "shaky, but no other path is usable");
			release(f);
			return s;
		}
		core_hold_recheck(c, p, deadline, poll_ms);
		return MP_PATH_SHAKY;
	}
	/* Back from a failure: too many recent ones and the path is held. */
	if (p->p.state != MP_PATH_UNCHECKED && !core_state_usable(p->p.state) &&
	    f->failures > (unsigned)pol->san_err_threshold && core_hold_other_usable(c, p)) {
		f->held = true;
		f->held_since = now;
		snprintf(why, why_size,
			 "%u failures exceed san_path_err_threshold %d: held for %d s", f->failures,
			 pol->san_err_threshold, pol->san_err_recovery_s);
		core_hold_recheck(c, p, now + (uint64_t)pol->san_err_recovery_s * USEC, poll_ms);
		return MP_PATH_SHAKY;
	}
	/* A healthy check: every forget_rate of them, one failure is forgotten. */
	if (f->failures > 0 && core_state_usable(p->p.state)) {
		if (f->forget_left > 1) {
			f->forget_left--;
		} else {
			f->failures--;
			f->forget_left = (unsigned)pol->san_err_forget_rate;
		}
	}
	return s;
}

enum mp_path_state core_hold_verdict(struct core *c, struct core_path *p, enum mp_path_state s,
				     char *why, size_t why_size)
{
	why[0] = '\0';
	if (!p->map || !p->map->managed) {
		release(&p->flaky);
		p->marginal = (struct core_marginal){0};
		return s;
	}
	if (core_marginal_enabled(&p->map->pol))
		return core_marginal_verdict(c, p, s, why, why_size);
	p->marginal = (struct core_marginal){0};
	if (!flaky_enabled(&p->map->pol)) {
		release(&p->flaky);
		return s;
	}
	return flaky_verdict(c, p, s, why, why_size);
}

void core_hold_path_failed(struct core *c, struct core_path *p)
{
	struct core_flaky *f = &p->flaky;

	if (!p->map)
		return;
	if (core_marginal_enabled(&p->map->pol)) {
		core_marginal_failed(c, p);
		return;
	}
	if (!flaky_enabled(&p->map->pol))
		return;
	/* the forget countdown starts with the first failure remembered */
	if (f->failures == 0)
		f->forget_left = (unsigned)p->map->pol.san_err_forget_rate;
	f->failures++;
}
