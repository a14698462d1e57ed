/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading the world: paths from sysfs, multipath maps from device-mapper. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "check/check.h"
#include "common/log.h"
#include "config/config.h"
#include "discover/discover.h"
#include "engine/engine.h"
#include "topology/settings.h"
#include "topology/settings_config.h"

static void read_map_tables(struct mp_engine *e, struct mp_world *w, struct mp_diags *diags)
{
	for (size_t i = 0; i < w->n_dm_maps; i++) {
		const char *name = w->dm_maps[i].name;
		int r = mp_dm_get_table(e->dm, name, &w->tables[i]);

		if (r < 0)
			mp_diags_add(diags, MP_DIAG_WARNING, "device-mapper", 0,
				     "%s: cannot read table: %s", name, strerror(-r));
		r = mp_dm_get_status(e->dm, name, &w->status[i]);
		if (r < 0)
			mp_diags_add(diags, MP_DIAG_WARNING, "device-mapper", 0,
				     "%s: cannot read status: %s", name, strerror(-r));
	}
}

int mp_world_read(struct mp_engine *e, struct mp_world *ret, struct mp_diags *diags)
{
	struct mp_world w = {0};
	int r;

	r = mp_discover_paths(e->ctx, &w.paths, &w.n_paths, diags);
	if (r < 0) {
		mp_diags_add(diags, MP_DIAG_ERROR, e->ctx->sysfs_root, 0,
			     "cannot read block devices: %s", strerror(-r));
		return r;
	}
	w.notes = calloc(w.n_paths ? w.n_paths : 1, sizeof(*w.notes));
	if (!w.notes) {
		r = -ENOMEM;
		goto fail;
	}
	r = mp_dm_list_maps(e->dm, &w.dm_maps, &w.n_dm_maps);
	if (r < 0) {
		mp_diags_add(diags, MP_DIAG_ERROR, "device-mapper", 0, "cannot list maps: %s",
			     strerror(-r));
		goto fail;
	}
	w.tables = calloc(w.n_dm_maps ? w.n_dm_maps : 1, sizeof(*w.tables));
	w.status = calloc(w.n_dm_maps ? w.n_dm_maps : 1, sizeof(*w.status));
	if (!w.tables || !w.status) {
		r = -ENOMEM;
		goto fail;
	}
	read_map_tables(e, &w, diags);
	*ret = w;
	return 0;
fail:
	mp_world_clear(&w);
	return r;
}

void mp_world_clear(struct mp_world *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n_dm_maps; i++) {
		if (w->tables)
			mp_dm_table_clear(&w->tables[i]);
		if (w->status)
			mp_dm_table_clear(&w->status[i]);
	}
	free(w->paths);
	free(w->notes);
	free(w->dm_maps);
	free(w->tables);
	free(w->status);
	memset(w, 0, sizeof(*w));
}

ssize_t mp_world_find_path(const struct mp_world *w, const char *name)
{
	unsigned int major, minor;
	char tail;
	bool by_devt = sscanf(name, "%u:%u%c", &major, &minor, &tail) == 2;

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	for (size_t i = 0; i < w->n_paths; i++) {
		const struct mp_path *p = &w->paths[i];

		if (by_devt ? (p->major == major && p->minor == minor) : streq(p->dev, name))
			return (ssize_t)i;
	}
	return -1;
}

ssize_t mp_world_find_map(const struct mp_world *w, const char *name)
{
	unsigned int minor;
	char tail;

	if (!strncmp(name, "/dev/mapper/", 12))
		name += 12;
	for (size_t i = 0; i < w->n_dm_maps; i++) {
		const struct mp_dm_map *m = &w->dm_maps[i];

		if (streq(m->name, name) || streq(m->uuid, name))
			return (ssize_t)i;
		if (sscanf(name, "dm-%u%c", &minor, &tail) == 1 && m->minor == minor)
			return (ssize_t)i;
	}
	return -1;
}

/* What sysfs alone says about a path, when no SCSI command can be sent
 * (a captured tree, or a device node we cannot open). */
static enum mp_path_state state_from_snapshot(const struct mp_path *p)
{
	if (p->dev_state[0] && !streq(p->dev_state, "running"))
		return MP_PATH_DOWN;
	switch (p->alua_state) {
	case MP_ALUA_STANDBY:
		return MP_PATH_GHOST;
	case MP_ALUA_UNAVAILABLE:
	case MP_ALUA_OFFLINE:
		return MP_PATH_DOWN;
	case MP_ALUA_TRANSITIONING:
		return MP_PATH_PENDING;
	default:
		return MP_PATH_UP;
	}
}

void mp_engine_device_id(const struct mp_path *p, struct mp_device_id *ret)
{
	*ret = (struct mp_device_id){
		.vendor = p->vendor,
		.product = p->product,
		.revision = p->rev,
		.wwid = p->wwid,
		.transport = p->transport,
	};
}

/* The checker the configuration gives @p (path_checker, detect_checker), as
 * the map it would join resolves it; tur when the name is unknown here. */
static const struct mp_checker *checker_for(const struct mp_engine *e, const struct mp_path *p)
{
	struct mp_device_id id;
	struct mp_resolved *res = NULL;
	struct mp_map_settings settings;
	struct mp_path_choice ck = {0};
	const struct mp_checker *c = NULL;

	mp_engine_device_id(p, &id);
	if (e->cfg && mp_config_resolve(e->cfg, &id, &res) == 0 &&
	    mp_map_settings_from_resolved(res, &settings, NULL) == 0 &&
	    mp_settings_path_checker(&settings, p, &ck) == 0)
		c = mp_checker_find(ck.name);
	mp_resolved_free(res);
	if (!c) {
		if (ck.name[0])
			mp_log(e->ctx, MP_LOG_WARNING, "%s: checker %s is not available, using tur",
			       p->dev, ck.name);
		c = mp_checker_find("tur");
	}
	return c;
}

void mp_world_check_paths(struct mp_engine *e, struct mp_world *w)
{
	struct mp_check_env env = {
		.scsi = e->ctx->scsi,
		.scsi_data = e->ctx->scsi_data,
		.dev_dir = e->ctx->dev_root,
	};
	long timeout_s = 0;

	if (!e->cfg || mp_config_get_int(e->cfg, "checker_timeout", &timeout_s) < 0 || timeout_s <= 0)
		timeout_s = 30;
	for (size_t i = 0; i < w->n_paths; i++) {
		struct mp_path *p = &w->paths[i];
		enum mp_path_state s = state_from_snapshot(p);

		if (s != MP_PATH_DOWN && e->ctx->scsi) {
			struct mp_check_result r;

			mp_check_sync(checker_for(e, p), &env, p->dev, (unsigned)timeout_s * 1000, &r);
			mp_dbg(e->ctx, "%s: %s", p->dev, r.message);
			s = r.state;
		}
		p->state = s;
	}
}
