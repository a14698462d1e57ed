/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ghost_delay: a LUN whose paths all show up standby (ALUA "standby", or a
 * checker verdict "ghost") is often one whose active paths are still being
 * discovered. Creating its map at once would make the kernel's hardware
 * handler activate the standby ports (an array failover nobody wanted), so
 * the creation waits up to ghost_delay seconds for an active path. The wait
 * ends early when a path of the LUN turns out active (an add uevent with an
 * active path, or its access_state re-read every polling_interval).
 *
 * Only the daemon delays: the mpath command creates at once, as multipath
 * does. Only creation is delayed; an existing map is never held back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/core_int.h"
#include "discover/sysfs.h"
#include "observe/events.h"
#include "runtime/loop.h"
#include "topology/map.h"
#include "topology/plan.h"

#define USEC 1000000u

enum ghost_class {
	GHOST_NO_PATH = 0, /* no usable path at all: nothing to wait for */
	GHOST_ONLY,
	GHOST_ACTIVE,      /* an active path: create now */
};

static enum ghost_class classify_path(struct core *c, const struct mp_path *snap)
{
	const struct core_path *tp = core_find_path(c, snap->dev);
	const struct mp_path *p = tp ? &tp->p : snap;

	switch (p->state) {
	case MP_PATH_UP:
		return GHOST_ACTIVE;
	case MP_PATH_GHOST:
		return GHOST_ONLY;
	case MP_PATH_DOWN:
	case MP_PATH_TIMEOUT:
		return GHOST_NO_PATH;
	default:
		break;
	}
	/* not checked yet (a new path): what the array says of the port */
	switch (p->alua_state) {
	case MP_ALUA_STANDBY:
		return GHOST_ONLY;
	case MP_ALUA_UNAVAILABLE:
	case MP_ALUA_OFFLINE:
	case MP_ALUA_TRANSITIONING:
		return GHOST_NO_PATH;
	default:
		return GHOST_ACTIVE;
	}
}

static enum ghost_class classify_map(struct core *c, const struct mp_map *m,
				     const struct mp_path *paths)
{
	enum ghost_class best = GHOST_NO_PATH;

	for (size_t g = 0; g < m->n_groups; g++)
		for (size_t k = 0; k < m->groups[g].n; k++) {
			enum ghost_class k_cls = classify_path(c, &paths[m->groups[g].members[k].path]);

			if (k_cls > best)
				best = k_cls;
		}
	return best;
}

static struct core_ghost *find(struct core *c, const char *wwid)
{
	for (size_t i = 0; i < c->n_ghosts; i++)
		if (!strcmp(c->ghosts[i]->wwid, wwid))
			return c->ghosts[i];
	return NULL;
}

static void drop(struct core *c, struct core_ghost *g)
{
	for (size_t i = 0; i < c->n_ghosts; i++) {
		if (c->ghosts[i] != g)
			continue;
		memmove(&c->ghosts[i], &c->ghosts[i + 1], (c->n_ghosts - i - 1) * sizeof(*c->ghosts));
		c->n_ghosts--;
		break;
	}
	loop_timer_free(g->timer);
	free(g);
}

void core_ghost_free_all(struct core *c)
{
	while (c->n_ghosts)
		drop(c, c->ghosts[c->n_ghosts - 1]);
	free(c->ghosts);
	c->ghosts = NULL;
}

/* Re-read access_state of the LUN's paths: the array may have activated one
 * without any uevent. Return: whether one is active now. */
static bool an_active_port(struct core *c, const char *wwid)
{
	char rel[128], buf[64];

	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];

		if (p->gone || strcmp(p->p.wwid, wwid))
			continue;
		snprintf(rel, sizeof(rel), "block/%s/device/access_state", p->p.dev);
		if (mp_sysfs_read_str(c->ctx, rel, buf, sizeof(buf)) < 0)
			continue;
		if (!strncmp(buf, "active/optimized", 16))
			p->p.alua_state = MP_ALUA_ACTIVE_OPTIMIZED;
		else if (!strncmp(buf, "active/non-optimized", 20))
			p->p.alua_state = MP_ALUA_ACTIVE_NON_OPTIMIZED;
		else
			continue;
		return true;
	}
	return false;
}

static bool lun_has_paths(struct core *c, const char *wwid)
{
	for (size_t i = 0; i < c->n_paths; i++)
		if (!c->paths[i]->gone && !strcmp(c->paths[i]->p.wwid, wwid))
			return true;
	return false;
}

static void arm(struct core *c, struct core_ghost *g)
{
	uint64_t now = core_now(c), step = (uint64_t)c->polling_s * USEC;

	if (g->deadline > now && g->deadline - now < step)
		step = g->deadline - now;
	loop_timer_arm(g->timer, loop_now(c->env.loop) + step);
}

static void tick(struct loop_timer *t, void *userdata)
{
	struct core_ghost *g = userdata;
	struct core *c = g->core;

	(void)t;
	if (!lun_has_paths(c, g->wwid)) {
		drop(c, g); /* the LUN went away: nothing to create */
		return;
	}
	if (core_now(c) >= g->deadline)
		g->expired = true;
	else if (!an_active_port(c, g->wwid)) {
		arm(c, g);
		return;
	}
	core_mark_dirty(c, g->wwid, 0); /* the sync decides, through the filter below */
}

static struct core_ghost *add(struct core *c, const struct mp_map *m)
{
	struct core_ghost **arr = realloc(c->ghosts, (c->n_ghosts + 1) * sizeof(*arr));
	struct core_ghost *g;

	if (!arr)
		return NULL;
	c->ghosts = arr;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->core = c;
	snprintf(g->wwid, sizeof(g->wwid), "%s", m->wwid);
	g->deadline = core_now(c) + (uint64_t)m->settings.ghost_delay * USEC;
	if (c->env.loop && loop_timer_new(c->env.loop, tick, g, &g->timer) == 0)
		arm(c, g);
	c->ghosts[c->n_ghosts++] = g;
	return g;
}

static void record(struct core *c, const struct mp_map *m, const char *from, const char *to,
		   const char *why)
{
	timeline_record(c->env.timeline, TL_MAP, m->name, core_realtime_usec(), from, to, why);
	core_log(c, MP_LOG_NOTICE, "%s: %s", m->name, why);
}

void core_ghost_filter_plan(struct core *c, struct mp_plan *plan, const struct mp_path *paths)
{
	char why[160];

	for (size_t i = 0; i < plan->n; i++) {
		struct mp_action *a = &plan->actions[i];
		const struct mp_map *m = a->map;
		struct core_ghost *g = m ? find(c, m->wwid) : NULL;
		enum ghost_class cls;

		if (!m)
			continue;
		if (a->kind != MP_ACT_CREATE) {
			if (g) /* the map exists after all (created by someone else) */
				drop(c, g);
			continue;
		}
		cls = m->settings.ghost_delay > 0 ? classify_map(c, m, paths) : GHOST_ACTIVE;
		if (cls != GHOST_ONLY) {
			if (g) {
				record(c, m, "delayed", "creating",
				       cls == GHOST_ACTIVE ? "ghost_delay: an active path appeared"
							   : "ghost_delay: no standby path left");
				drop(c, g);
			}
			continue;
		}
		if (!g) {
			if (!(g = add(c, m)))
				continue; /* out of memory: create rather than lose the map */
			snprintf(why, sizeof(why),
				 "only standby paths: creation delayed up to %d s (ghost_delay)",
				 m->settings.ghost_delay);
			record(c, m, "absent", "delayed", why);
		} else if (g->expired || core_now(c) >= g->deadline) {
			record(c, m, "delayed", "creating",
			       "ghost_delay over: creating with standby paths only");
			drop(c, g);
			continue;
		}
		a->kind = MP_ACT_NOTHING;
	}
}
