/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Paths the engine left out of their map because their device cannot be
 * opened (offline SCSI device, lib/engine/desire.c). Nothing tells the
 * daemon when such a device is usable again (writing "running" to its
 * sysfs state sends no uevent), and it has no checker since it is in no
 * map: so they are read again from sysfs every polling interval, and the
 * WWID of one that is back is synced, which adds it to its map.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "state/core_int.h"
#include "discover/discover.h"
#include "runtime/loop.h"

static bool any_left_out(const struct core *c)
{
	for (size_t i = 0; i < c->n_paths; i++)
		if (c->paths[i]->left_out && !c->paths[i]->gone)
			return true;
	return false;
}

static void arm(struct core *c)
{
	if (c->left_out_timer && !loop_timer_armed(c->left_out_timer))
		loop_timer_arm(c->left_out_timer,
			       loop_now(c->env.loop) + (uint64_t)c->polling_s * 1000000u);
}

void core_left_out_recheck(struct core *c)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];
		struct mp_diags diags = {0};
		struct mp_path snap;
		char was[32];

		if (!p->left_out || p->gone)
			continue;
		snprintf(was, sizeof(was), "%s", p->p.dev_state);
		if (mp_discover_path(c->ctx, p->p.dev, &snap, &diags) == 0 &&
		    strcmp(snap.dev_state, was)) {
			p = core_track_path(c, &snap);
			if (p) {
				core_log(c, MP_LOG_NOTICE, "%s: device %s (was %s), syncing its map",
					 p->p.dev, p->p.dev_state, was);
				core_mark_dirty(c, p->p.wwid, 0);
			}
		}
		core_flush_diags(c, &diags);
	}
}

static void tick(struct loop_timer *t, void *userdata)
{
	struct core *c = userdata;

	(void)t;
	core_left_out_recheck(c);
	if (any_left_out(c))
		arm(c);
}

void core_left_out_watch(struct core *c)
{
	if (!c->env.loop || !any_left_out(c))
		return;
	if (!c->left_out_timer && loop_timer_new(c->env.loop, tick, c, &c->left_out_timer) < 0)
		return;
	arm(c);
}

void core_left_out_free(struct core *c)
{
	loop_timer_free(c->left_out_timer);
	c->left_out_timer = NULL;
}
