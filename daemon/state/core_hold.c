/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The policy core's side of the hold policies (hold.h): it gathers what they
 * need, asks them, and carries out what they answer (when to check the path
 * again, what the timeline should say). The policies themselves never see the
 * core.
 */
#include <stdio.h>

#include "observe/events.h"
#include "state/checker_sched.h"
#include "state/core_int.h"

/* Whether another path of @p's map could carry I/O: holding never takes the last one. */
static bool other_usable(const struct core *c, const struct core_path *p)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		const struct core_path *q = c->paths[i];

		if (q != p && q->map == p->map && !q->gone && core_state_usable(q->p.state))
			return true;
	}
	return false;
}

static void carry_out(struct core *c, struct core_path *p, const struct hold_outcome *out)
{
	if (out->recheck_by && p->sp) {
		uint64_t now = core_now(c);
		uint64_t ms = out->recheck_by > now ? (out->recheck_by - now + 999) / 1000 : 0;

		sched_check_in(p->sp, (unsigned)(ms < out->recheck_max_ms ? ms : out->recheck_max_ms));
	}
	if (out->note_to) {
		timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
				mp_path_state_name(p->p.state), out->note_to, out->why);
		core_log(c, MP_LOG_NOTICE, "%s: %s", p->p.dev, out->why);
	}
}

static struct hold_input input(const struct core *c, const struct core_path *p, bool need_other)
{
	return (struct hold_input){
		.now = core_now(c),
		.prev = p->p.state,
		.other_usable = need_other && other_usable(c, p),
		.polling_ms = c->polling_s * 1000,
	};
}

enum mp_path_state core_hold_verdict(struct core *c, struct core_path *p, enum mp_path_state s,
				     char *why, size_t why_size)
{
	const struct hold_policy *pol;
	struct hold_outcome out;
	struct hold_input in;

	why[0] = '\0';
	if (!p->map || !p->map->managed || !hold_enabled(&p->map->pol.hold)) {
		p->hold = (struct hold_state){0};
		return s;
	}
	pol = &p->map->pol.hold;
	in = input(c, p, hold_needs_other(pol, &p->hold, s, p->p.state));
	hold_verdict(pol, &p->hold, &in, s, &out);
	carry_out(c, p, &out);
	snprintf(why, why_size, "%s", out.why);
	return out.state;
}

void core_hold_path_failed(struct core *c, struct core_path *p)
{
	const struct hold_policy *pol;
	struct hold_outcome out;
	struct hold_input in;

	if (!p->map || !hold_enabled(&p->map->pol.hold))
		return;
	pol = &p->map->pol.hold;
	in = input(c, p, hold_marginal_enabled(pol));
	hold_path_failed(pol, &p->hold, &in, &out);
	carry_out(c, p, &out);
}
