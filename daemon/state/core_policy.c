/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From checker verdicts to what the kernel must hear: fail_path and
 * reinstate_path messages, prio re-evaluation, path group switching by the
 * failback policy, and no_path_retry's queueing toggles. Each decision is
 * written to the timeline with its reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/checker_sched.h"
#include "state/core_int.h"
#include "discover/sysfs.h"
#include "observe/events.h"
#include "runtime/loop.h"
#include "policy/prio.h"

bool core_state_usable(enum mp_path_state s)
{
	return s == MP_PATH_UP || s == MP_PATH_GHOST;
}

static bool state_down(enum mp_path_state s)
{
	return s == MP_PATH_DOWN || s == MP_PATH_TIMEOUT;
}

/* Down, or answering but held out (shaky, marginal): the kernel must not use it. */
static bool state_kept_out(enum mp_path_state s)
{
	return state_down(s) || s == MP_PATH_SHAKY || s == MP_PATH_MARGINAL;
}

char core_dm_path_state(const struct core_map *m, const struct mp_path *p)
{
	const struct mp_dm_table *st = &m->status;

	for (size_t g = 0; g < st->n_groups; g++)
		for (size_t k = 0; k < st->groups[g].n_paths; k++)
			if (st->groups[g].paths[k].major == p->major &&
			    st->groups[g].paths[k].minor == p->minor)
				return st->groups[g].paths[k].active ? 'A' : 'F';
	return 0;
}

void core_set_path_state(struct core *c, struct core_path *p, enum mp_path_state s,
			 const char *reason)
{
	enum mp_path_state old = p->p.state;

	if (old == s)
		return;
	p->p.state = s;
	if (state_down(s) && !state_down(old)) {
		p->failures++;
		if (p->map)
			p->map->path_faults++;
	}
	timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
			mp_path_state_name(old), mp_path_state_name(s), reason);
	core_log(c, state_down(s) ? MP_LOG_NOTICE : MP_LOG_INFO, "%s: %s -> %s (%s)", p->p.dev,
		 mp_path_state_name(old), mp_path_state_name(s), reason ? reason : "");
	if (state_down(s) && core_state_usable(old))
		core_hold_path_failed(c, p); /* after the record: what it notes follows it */
}

/* ---- messages ---- */

static void map_message_log(struct core *c, struct core_map *m, const char *what, int r)
{
	if (r < 0)
		core_log(c, MP_LOG_ERR, "%s: %s failed: %s", m->info.name, what, strerror(-r));
	else
		core_log(c, MP_LOG_NOTICE, "%s: %s", m->info.name, what);
}

static void kernel_path(struct core *c, struct core_path *p, bool fail, const char *why)
{
	struct core_map *m = p->map;
	char what[96], reason[160];
	int r;

	r = fail ? mp_dm_fail_path(c->dm, m->info.name, p->p.major, p->p.minor) :
		   mp_dm_reinstate_path(c->dm, m->info.name, p->p.major, p->p.minor);
	snprintf(what, sizeof(what), "%s path %s (%u:%u)", fail ? "fail" : "reinstate", p->p.dev,
		 p->p.major, p->p.minor);
	map_message_log(c, m, what, r);
	if (r < 0)
		return;
	snprintf(reason, sizeof(reason), "%s in %s: %s", fail ? "failed" : "reinstated",
		 m->info.name, why);
	timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
			fail ? "active" : "failed", fail ? "failed" : "active", reason);
	core_refresh_map(c, m->info.name);
}

void core_policy_reinstate(struct core *c, struct core_path *p, const char *why)
{
	kernel_path(c, p, false, why);
}

void core_set_queueing(struct core *c, struct core_map *m, bool on, const char *why)
{
	int r = mp_dm_set_queueing(c->dm, m->info.name, on);

	map_message_log(c, m, on ? "queue_if_no_path" : "fail_if_no_path", r);
	if (r == 0)
		timeline_record(c->env.timeline, TL_MAP, m->info.name, core_realtime_usec(),
				on ? "queueing off" : "queueing on", on ? "queueing on" : "queueing off",
				why);
}

/* ---- prio ---- */

/* The kernel keeps access_state current (scsi_dh_alua updates it after
 * every RTPG), so re-reading it is the cheap way to follow ALUA changes. */
static bool reevaluate_prio(struct core *c, struct core_path *p)
{
	struct mp_prio_result res;
	char rel[128], buf[64];

	if (!p->prio_name[0] || !strcmp(p->prio_name, "const"))
		return false;
	snprintf(rel, sizeof(rel), "block/%s/device/access_state", p->p.dev);
	if (mp_sysfs_read_str(c->ctx, rel, buf, sizeof(buf)) == 0)
		p->p.alua_state = mp_alua_state_from_name(buf);
	if (mp_prio_compute(p->prio_name, p->prio_args, &p->p, &res) < 0 || res.prio == p->p.prio)
		return false;
	core_log(c, MP_LOG_NOTICE, "%s: prio %d -> %d (%s)", p->p.dev, p->p.prio, res.prio,
		 res.reason);
	p->p.prio = res.prio;
	return true;
}

/* ---- per map ---- */

static void npr_expire(struct loop_timer *t, void *userdata);
static void failback_fire(struct loop_timer *t, void *userdata);

void core_policy_init_map(struct core *c, struct core_map *m)
{
	struct mp_map_settings s;

	mp_map_settings_init(&s);
	core_policy_settings(c, &s, &m->pol);
	if (c->env.loop) {
		loop_timer_new(c->env.loop, npr_expire, m, &m->npr_timer);
		loop_timer_new(c->env.loop, failback_fire, m, &m->failback_timer);
	}
}

void core_policy_free_map(struct core_map *m)
{
	loop_timer_free(m->npr_timer);
	loop_timer_free(m->failback_timer);
	m->npr_timer = m->failback_timer = NULL;
}

int core_policy_settings(struct core *c, const struct mp_map_settings *s, struct core_policy *ret)
{
	(void)c;
	ret->failback = s->failback;
	ret->failback_secs = s->failback_secs;
	ret->npr = s->no_path_retry;
	ret->npr_n = s->no_path_retry_n;
	ret->flush_on_last_del = s->flush_on_last_del;
	ret->deferred_remove = s->deferred_remove;
	ret->pgpolicy = s->pgpolicy;
	ret->hold.san_err_threshold = s->san_path_err_threshold;
	ret->hold.san_err_forget_rate = s->san_path_err_forget_rate;
	ret->hold.san_err_recovery_s = s->san_path_err_recovery_time;
	ret->hold.marg_double_failed_s = s->marginal_double_failed_time;
	ret->hold.marg_sample_s = s->marginal_err_sample_time;
	ret->hold.marg_rate_threshold = s->marginal_err_rate_threshold;
	ret->hold.marg_gap_s = s->marginal_err_recheck_gap_time;
	return 0;
}

struct map_count {
	size_t total, usable, down;
};

static struct map_count count_paths(struct core *c, const struct core_map *m)
{
	struct map_count n = {0};

	for (size_t g = 0; g < m->table.n_groups; g++)
		for (size_t k = 0; k < m->table.groups[g].n_paths; k++) {
			const struct mp_dm_path *dp = &m->table.groups[g].paths[k];
			struct core_path *p = core_find_path_devt(c, dp->major, dp->minor);

			n.total++;
			if (!p || p->gone || state_down(p->p.state))
				n.down++;
			else if (core_state_usable(p->p.state))
				n.usable++;
		}
	return n;
}

bool core_map_queueing(const struct core_map *m)
{
	/* status features: "2 <queue_io> <pg_init_count>"... but the table
	 * as the kernel prints it names queue_if_no_path while it is on */
	for (size_t i = 0; i < m->table.n_features; i++)
		if (!strcmp(m->table.features[i], "queue_if_no_path"))
			return true;
	return false;
}

static void no_path_retry(struct core *c, struct core_map *m)
{
	struct map_count n = count_paths(c, m);
	char why[96];

	if (n.total && !n.usable && n.down == n.total) {
		if (m->pol.npr == MP_NPR_COUNT && !m->npr_expired && m->npr_timer &&
		    !loop_timer_armed(m->npr_timer) && core_map_queueing(m)) {
			uint64_t wait = (uint64_t)m->pol.npr_n * c->polling_s * 1000000u;

			loop_timer_arm(m->npr_timer, loop_now(c->env.loop) + wait);
			snprintf(why, sizeof(why), "all paths down: queueing for %d checks (%u s)",
				 m->pol.npr_n, m->pol.npr_n * c->polling_s);
			timeline_record(c->env.timeline, TL_MAP, m->info.name, core_realtime_usec(),
					"paths up", "all paths down", why);
			core_log(c, MP_LOG_WARNING, "%s: %s", m->info.name, why);
		}
		return;
	}
	if (!n.usable)
		return;
	if (m->npr_timer && loop_timer_armed(m->npr_timer))
		loop_timer_disarm(m->npr_timer);
	if ((m->pol.npr == MP_NPR_QUEUE || m->pol.npr == MP_NPR_COUNT) && !m->queue_off_admin &&
	    (m->npr_expired || !core_map_queueing(m))) {
		m->npr_expired = false;
		core_set_queueing(c, m, true, "a path is usable again");
		core_refresh_map(c, m->info.name);
	}
}

static void npr_expire(struct loop_timer *t, void *userdata)
{
	struct core_map *m = userdata;
	struct core *c = m->core;
	struct map_count n = count_paths(c, m);
	char why[96];

	(void)t;
	if (n.usable)
		return;
	m->npr_expired = true;
	snprintf(why, sizeof(why), "no_path_retry %d: no path came back", m->pol.npr_n);
	core_set_queueing(c, m, false, why);
	core_refresh_map(c, m->info.name);
}

/* Best group by average prio of its usable paths; -1 when none is usable. */
static int best_group(struct core *c, const struct core_map *m, int *ret_prios, size_t max)
{
	int best = -1;

	for (size_t g = 0; g < m->table.n_groups && g < max; g++) {
		long sum = 0;
		size_t n = 0;

		for (size_t k = 0; k < m->table.groups[g].n_paths; k++) {
			const struct mp_dm_path *dp = &m->table.groups[g].paths[k];
			struct core_path *p = core_find_path_devt(c, dp->major, dp->minor);

			if (p && !p->gone && core_state_usable(p->p.state)) {
				sum += p->p.prio;
				n++;
			}
		}
		ret_prios[g] = n ? (int)(sum / (long)n) : -1;
		if (ret_prios[g] >= 0 && (best < 0 || ret_prios[g] > ret_prios[best]))
			best = (int)g;
	}
	return best;
}

/* The group the kernel uses now, or will use for the next I/O. */
static int active_group(const struct core_map *m)
{
	for (size_t g = 0; g < m->status.n_groups; g++)
		if (m->status.groups[g].state == 'A')
			return (int)g;
	if (m->status.initial_pg >= 1 && m->status.initial_pg <= m->status.n_groups)
		return (int)m->status.initial_pg - 1;
	return -1;
}

static void switch_to(struct core *c, struct core_map *m, int from, int to, const char *why)
{
	char a[32], b[32];
	uint64_t now = c->env.loop ? loop_now(c->env.loop) : 0;
	int r;

	/* The kernel leaves a group whose paths fail I/O; switching back at
	 * each of its events would fight it. Once per polling interval. */
	if (m->last_switch_usec && now - m->last_switch_usec < (uint64_t)c->polling_s * 1000000u)
		return;
	m->last_switch_usec = now;
	r = mp_dm_switch_group(c->dm, m->info.name, (unsigned)to + 1);

	snprintf(a, sizeof(a), "group %d", from + 1);
	snprintf(b, sizeof(b), "group %d", to + 1);
	map_message_log(c, m, "switch_group", r);
	if (r < 0)
		return;
	m->switch_grp++;
	timeline_record(c->env.timeline, TL_MAP, m->info.name, core_realtime_usec(), a, b, why);
	core_refresh_map(c, m->info.name);
}

static bool group_holds(const struct core_map *m, int g, const struct core_path *p)
{
	for (size_t k = 0; g >= 0 && k < m->table.groups[g].n_paths; k++)
		if (m->table.groups[g].paths[k].major == p->p.major &&
		    m->table.groups[g].paths[k].minor == p->p.minor)
			return true;
	return false;
}

static void failback(struct core *c, struct core_map *m, struct core_path *trigger,
		     enum mp_path_state trigger_old)
{
	int prios[64];
	int best = best_group(c, m, prios, 64), cur = active_group(m);
	char why[128];

	if (best < 0 || cur < 0 || best == cur || (size_t)cur >= 64 ||
	    (prios[cur] >= 0 && prios[best] <= prios[cur]))
		return;
	/* Paths of the current group not checked yet (start-up) are no reason to
	 * leave it: their first verdict comes back here. Switching now sent maps
	 * to their standby group when its path happened to be checked first. */
	for (size_t k = 0; k < m->table.groups[cur].n_paths; k++) {
		struct core_path *p = core_find_path_devt(c, m->table.groups[cur].paths[k].major,
							  m->table.groups[cur].paths[k].minor);

		if (p && !p->gone && p->p.state == MP_PATH_UNCHECKED)
			return;
	}
	snprintf(why, sizeof(why), "prio %d beats %d", prios[best], prios[cur]);
	switch (m->pol.failback) {
	case MP_FAILBACK_IMMEDIATE:
		switch_to(c, m, cur, best, why);
		break;
	case MP_FAILBACK_DEFERRED:
		if (m->failback_timer && !loop_timer_armed(m->failback_timer))
			loop_timer_arm(m->failback_timer,
				       loop_now(c->env.loop) + (uint64_t)m->pol.failback_secs * 1000000u);
		break;
	case MP_FAILBACK_FOLLOWOVER:
		/* Only follow a path group that comes back as a whole: the first
		 * path of the best group returning, not a manual switch. */
		if (trigger && state_down(trigger_old) && core_state_usable(trigger->p.state) &&
		    group_holds(m, best, trigger)) {
			size_t usable = 0;

			for (size_t k = 0; k < m->table.groups[best].n_paths; k++) {
				struct core_path *p = core_find_path_devt(
					c, m->table.groups[best].paths[k].major,
					m->table.groups[best].paths[k].minor);
				if (p && core_state_usable(p->p.state))
					usable++;
			}
			if (usable == 1)
				switch_to(c, m, cur, best, "followover: its first path came back");
		}
		break;
	case MP_FAILBACK_MANUAL:
		break;
	}
}

static void failback_fire(struct loop_timer *t, void *userdata)
{
	struct core_map *m = userdata;
	int prios[64];
	int best, cur;

	(void)t;
	best = best_group(m->core, m, prios, 64);
	cur = active_group(m);
	if (best >= 0 && cur >= 0 && best != cur && (size_t)cur < 64 &&
	    (prios[cur] < 0 || prios[best] > prios[cur]))
		switch_to(m->core, m, cur, best, "deferred failback");
}

void core_policy_map_changed(struct core *c, struct core_map *m, struct core_path *trigger,
			     enum mp_path_state trigger_old)
{
	if (!m->managed)
		return;
	no_path_retry(c, m);
	failback(c, m, trigger, trigger_old);
}

void core_policy_resync_map(struct core *c, struct core_map *m)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];

		if (p->map == m && state_kept_out(p->p.state) && core_dm_path_state(m, &p->p) == 'A')
			kernel_path(c, p, true, "still faulty after a reload");
	}
}

/* ---- checker verdicts ---- */

/*
 * A path the kernel failed on I/O is checked at once, but a check that
 * passes with the same answer as before the failure (TUR answers on a
 * standby port, or on a port that fails I/O) must not put it back into the
 * kernel's rotation at once, or kernel and daemon ping-pong it as fast as TUR
 * answers: wait one polling interval. A different answer (standby turned
 * active/optimized: the array failed over) is news and acts at once.
 */
static bool recently_failed_by_kernel(struct core *c, const struct core_path *p,
				      enum mp_path_state now_state)
{
	return c->env.loop && p->kernel_failed_usec &&
	       now_state == p->state_when_kernel_failed &&
	       loop_now(c->env.loop) - p->kernel_failed_usec < (uint64_t)c->polling_s * 1000000u;
}

/* Period of the checks of a map that has no path the kernel may use: I/O
 * waits (queueing) or fails, so the first path that comes back counts. */
#define DEAD_MAP_CHECK_MS 250

/* From the map's own dm status (a few paths), not a walk over every path the
 * daemon knows: this runs after every check. An unreadable status counts as
 * active, so a map the daemon cannot read is not polled at the dead-map rate. */
static bool map_has_active_path(const struct core_map *m)
{
	if (!m->status.n_groups)
		return true;
	for (size_t g = 0; g < m->status.n_groups; g++)
		for (size_t k = 0; k < m->status.groups[g].n_paths; k++)
			if (m->status.groups[g].paths[k].active)
				return true;
	return false;
}

void core_path_result(struct core *c, struct core_path *p, const struct mp_check_result *r)
{
	enum mp_path_state old = p->p.state, st;
	bool prio_changed;
	struct core_map *m;
	char dmst, held_why[160];
	const char *why;

	/* pending means "no answer yet": not a verdict to act on */
	if (r->state == MP_PATH_PENDING || r->state == MP_PATH_UNCHECKED)
		return;
	st = core_hold_verdict(c, p, r->state, held_why, sizeof(held_why));
	why = held_why[0] ? held_why : r->message;
	core_set_path_state(c, p, st, why);
	prio_changed = reevaluate_prio(c, p);
	m = p->map;
	if (!m) {
		core_update_gauges(c);
		return;
	}
	dmst = core_dm_path_state(m, &p->p);
	if (state_kept_out(st) && dmst == 'A')
		kernel_path(c, p, true, why);
	else if (core_state_usable(st) && dmst == 'F' && !recently_failed_by_kernel(c, p, st) &&
		 !core_pr_before_reinstate(c, p))
		kernel_path(c, p, false, why);
	if (p->sp && !map_has_active_path(m))
		sched_check_in(p->sp, DEAD_MAP_CHECK_MS);
	if (prio_changed && m->pol.pgpolicy == MP_PGP_GROUP_BY_PRIO)
		core_mark_dirty(c, m->wwid, 0); /* groups follow prios: let the planner regroup */
	if (old != st || prio_changed)
		core_policy_map_changed(c, m, p, old);
	if (old != st)
		core_update_gauges(c);
}

int core_path_result_by_name(struct core *c, const char *dev, enum mp_path_state state,
			     const char *message)
{
	struct core_path *p = core_find_path(c, dev);
	struct mp_check_result r = {.state = state};

	if (!p)
		return -ENODEV;
	snprintf(r.message, sizeof(r.message), "%s", message ? message : "");
	core_path_result(c, p, &r);
	return 0;
}
