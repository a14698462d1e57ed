/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Carrying out a plan through the device-mapper ops. */
#include <errno.h>
#include <string.h>

#include "common/ctx.h"
#include "common/log.h"
#include "engine/engine.h"
#include "engine/tuning.h"
#include "names/wwids.h"

static int apply_one(struct mp_engine *e, const struct mp_action *a, struct mp_diags *diags)
{
	switch (a->kind) {
	case MP_ACT_CREATE:
		return mp_dm_create(e->dm, a->name, a->uuid, &a->map->table, 0);
	case MP_ACT_RELOAD:
		return mp_dm_reload(e->dm, a->name, &a->map->table);
	case MP_ACT_RENAME:
		return mp_dm_rename(e->dm, a->name, a->new_name);
	case MP_ACT_REMOVE:
		return mp_engine_remove_map(e, a->name, 0, diags);
	case MP_ACT_MESSAGE:
		return mp_dm_message(e->dm, a->name, a->message);
	case MP_ACT_NOTHING:
		break;
	}
	return 0;
}

/* Reloads for path changes leave the partitions alone: only a new size
 * (or an unknown old one) can change what fits, and a table scan is a
 * synchronous read of the map. */
static bool partitions_follow(const struct mp_action *a)
{
	if (a->kind == MP_ACT_CREATE || a->kind == MP_ACT_RENAME)
		return true;
	if (a->kind != MP_ACT_RELOAD)
		return false;
	return !a->cur || !a->cur->table || a->cur->table->length != a->map->table.length;
}

int mp_engine_apply(struct mp_engine *e, const struct mp_plan *plan, struct mp_diags *diags)
{
	int failed = 0;

	for (size_t i = 0; i < plan->n; i++) {
		const struct mp_action *a = &plan->actions[i];
		int r;

		/* Before the load: dm-multipath copies its paths' queue limits then.
		 * Failures are warnings in diags and never hold the map back. */
		mp_engine_tune_action(e, a, diags);
		r = apply_one(e, a, diags);

		if (r < 0) {
			failed++;
			mp_diags_add(diags, MP_DIAG_ERROR, a->name, 0, "%s failed: %s",
				     mp_action_name(a->kind), strerror(-r));
			continue;
		}
		if (a->kind != MP_ACT_NOTHING)
			mp_info(e->ctx, "%s: %s (%s)", a->name, mp_action_name(a->kind), a->reason);
		/* A new, resized or renamed map: its partitions follow (kpartx -u). */
		if (a->map && !a->map->settings.skip_kpartx && partitions_follow(a))
			mp_engine_partitions_sync(e, a->kind == MP_ACT_RENAME ? a->new_name : a->name,
						  a->map->settings.partition_delimiter_set
							  ? a->map->settings.partition_delimiter
							  : NULL,
						  diags);
		/* find_multipaths remembers what was once multipathed. */
		if (a->kind == MP_ACT_CREATE && e->wwids_path && a->map)
			mp_wwids_file_add(e->wwids_path, a->map->wwid, diags);
	}
	return failed;
}
