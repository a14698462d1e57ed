/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Partition maps around the pipeline: after a map is created, reloaded
 * (resized) or renamed its partition maps follow its table, and before it
 * is removed its partition maps go first. This is what multipath-tools
 * leaves to kpartx run from a udev rule; mpath does it in the same step, so
 * it works without udev (initramfs, the lab) and a flush can refuse cleanly.
 *
 * Only when the engine's manage_partitions is set (the real device-mapper
 * backend): the fake backend of --sysfs-root runs has no devices to read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "common/log.h"
#include "engine/engine.h"
#include "partition/partsync.h"
#include "partition/read_dev.h"

/* A read of a map with no usable path could wait forever when it queues:
 * only scan maps the kernel shows at least one active path for. */
static bool has_active_path(struct mp_engine *e, const char *name)
{
	struct mp_dm_table st;
	bool active = false;

	if (mp_dm_get_status(e->dm, name, &st) < 0)
		return false;
	for (size_t g = 0; g < st.n_groups && !active; g++)
		for (size_t p = 0; p < st.groups[g].n_paths && !active; p++)
			active = st.groups[g].paths[p].active;
	mp_dm_table_clear(&st);
	return active;
}

static void report(struct mp_engine *e, const struct mp_part_result *res, size_t n,
		   struct mp_diags *diags)
{
	for (size_t i = 0; i < n; i++) {
		const struct mp_part_action *a = &res[i].action;

		if (res[i].result < 0)
			mp_diags_add(diags, MP_DIAG_ERROR, a->name, 0, "partition map %s failed: %s",
				     mp_part_op_name(a->op), strerror(-res[i].result));
		else
			mp_info(e->ctx, "%s: partition map %s%s%s", a->name, mp_part_op_name(a->op),
				a->op == MP_PART_OP_RENAME ? " to " : "",
				a->op == MP_PART_OP_RENAME ? a->map.name : "");
	}
}

int mp_engine_partitions_sync(struct mp_engine *e, const char *name, const char *delim,
			      struct mp_diags *diags)
{
	struct mp_part_parent_info pi;
	struct mp_part_result *res = NULL;
	struct mp_part_table *t;
	char dev[256];
	size_t n = 0;
	int r;

	if (!e->manage_partitions)
		return 0;
	r = mp_part_parent_get(e->dm, name, &pi);
	if (r < 0)
		return r;
	if (!has_active_path(e, name)) {
		mp_info(e->ctx, "%s: no active path, partitions not scanned", name);
		return 0;
	}
	snprintf(dev, sizeof(dev), "%s/dm-%u", e->ctx->dev_root ? e->ctx->dev_root : "/dev",
		 pi.p.minor);
	t = malloc(sizeof(*t));
	if (!t)
		return -ENOMEM;
	r = mp_part_read_device(dev, false, t, diags);
	if (r < 0) {
		mp_diags_add(diags, MP_DIAG_WARNING, name, 0, "cannot read the partition table (%s): %s",
			     dev, strerror(-r));
		free(t);
		return r;
	}
	r = mp_part_sync(e->dm, &pi.p, t, delim ? delim : MP_PART_DELIM_DEFAULT, 0, &res, &n);
	report(e, res, n, diags);
	free(res);
	free(t);
	return r;
}

int mp_engine_remove_map(struct mp_engine *e, const char *name, unsigned int flags,
			 struct mp_diags *diags)
{
	struct mp_part_result *res = NULL;
	struct mp_dm_map m;
	size_t n = 0;
	int r = mp_dm_get_map(e->dm, name, &m);

	if (r < 0)
		return r;
	if (m.uuid[0]) {
		r = mp_part_remove_all(e->dm, m.uuid, flags, &res, &n);
		if (r == -EBUSY) {
			for (size_t i = 0; i < n; i++)
				mp_diags_add(diags, MP_DIAG_ERROR, name, 0,
					     "not flushed: its partition %s is open (mounted or in use)",
					     res[i].action.name);
			free(res);
			return -EBUSY;
		}
		report(e, res, n, diags);
		free(res);
		if (r < 0)
			return r;
	}
	return mp_dm_remove(e->dm, name, flags);
}
