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

#include "state/core_int.h"
#include "observe/events.h"

#define USEC 1000000u
#define SAMPLE_EVERY_MS 1000

bool core_marginal_enabled(const struct core_policy *pol)
{
	return pol->marg_double_failed_s > 0 && pol->marg_sample_s > 0 &&
	       pol->marg_rate_threshold > 0 && pol->marg_gap_s > 0;
}

static void start_phase(struct core_marginal *g, enum core_marginal_phase ph, uint64_t now)
{
	g->phase = ph;
	g->phase_start = now;
	g->samples = g->errors = 0;
}

/* A phase change the path's state does not show (it stays marginal, or is
 * down while sampling) still belongs in its timeline. */
static void note(struct core *c, struct core_path *p, const char *to, const char *why)
{
	timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
			mp_path_state_name(p->p.state), to, why);
	core_log(c, MP_LOG_NOTICE, "%s: %s", p->p.dev, why);
}

void core_marginal_failed(struct core *c, struct core_path *p)
{
	char why[160];
	struct core_marginal *g = &p->marginal;
	uint64_t now = core_now(c);
	uint64_t window = (uint64_t)p->map->pol.marg_double_failed_s * USEC;
	bool twice = g->last_fail && now - g->last_fail <= window;

	g->last_fail = now;
	if (g->phase != MARGINAL_NONE || !twice || !core_hold_other_usable(c, p))
		return;
	start_phase(g, MARGINAL_SAMPLING, now);
	snprintf(why, sizeof(why),
		 "failed twice within marginal_path_double_failed_time %d s: sampling for %d s",
		 p->map->pol.marg_double_failed_s, p->map->pol.marg_sample_s);
	note(c, p, "marginal", why);
}

static bool state_error(enum mp_path_state s)
{
	return s == MP_PATH_DOWN || s == MP_PATH_TIMEOUT;
}

static enum mp_path_state verdict(struct core *c, struct core_path *p, enum mp_path_state s,
				  char *why, size_t why_size);

enum mp_path_state core_marginal_verdict(struct core *c, struct core_path *p,
					 enum mp_path_state s, char *why, size_t why_size)
{
	enum mp_path_state st = verdict(c, p, s, why, why_size);

	if (why[0] && st == p->p.state)
		note(c, p, mp_path_state_name(st), why);
	return st;
}

static enum mp_path_state verdict(struct core *c, struct core_path *p, enum mp_path_state s,
				  char *why, size_t why_size)
{
	const struct core_policy *pol = &p->map->pol;
	struct core_marginal *g = &p->marginal;
	uint64_t now = core_now(c), end;
	unsigned rate;

	if (g->phase == MARGINAL_NONE)
		return s;
	if (!core_hold_other_usable(c, p)) {
		if (core_state_usable(s))
			snprintf(why, why_size, "marginal, but no other path is usable");
		g->phase = MARGINAL_NONE;
		return s;
	}
	if (g->phase == MARGINAL_GAP) {
		end = g->phase_start + (uint64_t)pol->marg_gap_s * USEC;
		if (now < end) {
			core_hold_recheck(c, p, end, c->polling_s * 1000);
			return core_state_usable(s) ? MP_PATH_MARGINAL : s;
		}
		start_phase(g, MARGINAL_SAMPLING, now);
		snprintf(why, why_size, "marginal_path_err_recheck_gap_time %d s over: sampling again",
			 pol->marg_gap_s);
	}
	g->samples++;
	if (state_error(s))
		g->errors++;
	end = g->phase_start + (uint64_t)pol->marg_sample_s * USEC;
	if (now < end) {
		core_hold_recheck(c, p, end, SAMPLE_EVERY_MS);
		return core_state_usable(s) ? MP_PATH_MARGINAL : s;
	}
	rate = g->errors * 1000u / g->samples;
	if (rate > (unsigned)pol->marg_rate_threshold) {
		snprintf(why, why_size,
			 "%u of %u checks failed (%u/1000 > marginal_path_err_rate_threshold %d): "
			 "kept out for %d s",
			 g->errors, g->samples, rate, pol->marg_rate_threshold, pol->marg_gap_s);
		start_phase(g, MARGINAL_GAP, now);
		core_hold_recheck(c, p, now + (uint64_t)pol->marg_gap_s * USEC, c->polling_s * 1000);
		return core_state_usable(s) ? MP_PATH_MARGINAL : s;
	}
	snprintf(why, why_size,
		 "%u of %u checks failed (%u/1000, marginal_path_err_rate_threshold %d): no longer "
		 "marginal",
		 g->errors, g->samples, rate, pol->marg_rate_threshold);
	g->phase = MARGINAL_NONE;
	return s;
}
