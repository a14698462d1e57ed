/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the kernel said, as calls on the state (kernel/ makes them from
 * uevents and dm events; the commands add/del path too). A path seen or gone
 * updates the path snapshot at once (discovery of one device reads a few
 * sysfs files) and marks its WWID dirty: every WWID touched in one loop
 * iteration is synced once. A dm event makes the core compare event numbers
 * and re-read the status of the maps that changed, so a path the kernel
 * failed is seen without waiting for its next check.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "state/checker_sched.h"
#include "state/core_int.h"
#include "discover/discover.h"
#include "observe/events.h"
#include "runtime/loop.h"

/*
 * When one path of a map fails or goes away, its siblings are likely to change
 * too (an array failing over moves its standby ports to active/optimized):
 * check them now instead of at their next interval, so failover to the standby
 * group does not wait up to polling_interval.
 */
static void check_siblings_now(struct core *c, const struct core_map *m,
			       const struct core_path *except)
{
	for (size_t i = 0; m && i < c->n_paths; i++) {
		struct core_path *q = c->paths[i];

		if (q != except && q->map == m && q->sp && !q->gone)
			sched_check_now(q->sp);
	}
}

void core_path_gone(struct core *c, const char *dev, uint64_t since)
{
	struct core_path *p = core_find_path(c, dev);

	if (!p)
		return;
	check_siblings_now(c, p->map, p);
	p->gone = true;
	timeline_record(c->env.timeline, TL_PATH, p->p.dev, core_realtime_usec(),
			mp_path_state_name(p->p.state), "removed", "remove uevent");
	if (p->p.wwid[0])
		core_mark_dirty(c, p->p.wwid, since);
	else
		core_untrack_path(c, p);
}

void core_path_seen(struct core *c, const char *dev, bool is_add, uint64_t since)
{
	struct mp_diags diags = {0};
	struct mp_path snap;
	struct core_path *old = core_find_path(c, dev);
	char old_wwid[256] = "";
	uint64_t old_size = 0;
	bool moved = false;
	int r = mp_discover_path(c->ctx, dev, &snap, &diags);

	core_flush_diags(c, &diags);
	if (r == -ENODEV) {
		core_path_gone(c, dev, since);
		return;
	}
	if (r < 0) {
		core_log(c, MP_LOG_WARNING, "%s: cannot read the device: %s", dev, strerror(-r));
		return;
	}
	if (old) {
		snprintf(old_wwid, sizeof(old_wwid), "%s", old->p.wwid);
		old_size = old->p.size;
		moved = old->p.major != snap.major || old->p.minor != snap.minor;
	}
	if (!core_track_path(c, &snap)) {
		core_log(c, MP_LOG_ERR, "%s: out of memory", dev);
		return;
	}
	if (!old)
		timeline_record(c->env.timeline, TL_PATH, dev, core_realtime_usec(), "absent",
				"added", is_add ? "add uevent" : "change uevent");
	if (old_wwid[0] && strcmp(old_wwid, snap.wwid))
		core_mark_dirty(c, old_wwid, since); /* the name now holds another LUN */
	if (snap.wwid[0] && (is_add || !old || moved || old_size != snap.size ||
			     strcmp(old_wwid, snap.wwid)))
		core_mark_dirty(c, snap.wwid, since);
}

int core_add_path(struct core *c, const char *dev)
{
	struct core_path *p;

	if (!strncmp(dev, "/dev/", 5))
		dev += 5;
	core_path_seen(c, dev, true, 0);
	core_run_pending(c);
	p = core_find_path(c, dev);
	if (!p)
		return -ENODEV;
	return p->excluded ? -EPERM : 0;
}

int core_del_path(struct core *c, const char *dev)
{
	struct core_path *p = core_find_path(c, dev);

	if (!p)
		return -ENODEV;
	core_path_gone(c, p->p.dev, 0);
	core_run_pending(c);
	return 0;
}

/* ---- dm events ---- */

/* A path the kernel failed while the checker still holds it usable. */
static void kernel_failed(struct core *c, struct core_map *m)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];
		char why[160];

		if (p->map != m || !core_state_usable(p->p.state) ||
		    core_dm_path_state(m, &p->p) != 'F')
			continue;
		snprintf(why, sizeof(why), "failed by the kernel in %s", m->info.name);
		p->kernel_failed_usec = loop_now(c->env.loop);
		p->state_when_kernel_failed = p->p.state;
		core_set_path_state(c, p, MP_PATH_DOWN, why);
		sched_check_now(p->sp);
		check_siblings_now(c, m, p);
	}
}

void core_dm_event(struct core *c)
{
	for (size_t i = 0; i < c->n_maps; i++) {
		struct core_map *m = c->maps[i];
		struct mp_dm_map info;
		char name[sizeof(m->info.name)];

		if (mp_dm_get_map(c->dm, m->info.name, &info) < 0 ||
		    info.event_nr == m->info.event_nr)
			continue;
		snprintf(name, sizeof(name), "%s", m->info.name);
		m = core_refresh_map(c, name);
		if (!m) {
			i--; /* untracked: the array moved down */
			continue;
		}
		kernel_failed(c, m);
		core_policy_map_changed(c, m, NULL, MP_PATH_UNCHECKED);
	}
	core_update_gauges(c);
}
