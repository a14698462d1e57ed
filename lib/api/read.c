/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mp_topology_read(): the engine's pipeline as far as it shows something,
 * never further. The world is read, the desired maps are computed only for
 * the prios the prioritizers give (dry run: no bindings or wwids file is
 * written), paths are checked on request, and the kernel's maps become
 * views. Nothing is planned or applied: this API is read-only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api-private.h"
#include "common/ctx.h"
#include "common/log.h"
#include "discover/nvme_admin.h"
#include "discover/transport.h"
#include "dm/dm_fake.h"

#define DEFAULT_CONFIG_FILE "/etc/multipath.conf"
#define DEFAULT_STATE_DIR "/etc/multipath"
#define KNOWN_FLAGS (MP_TOPOLOGY_CHECK_PATHS)

/* A sysfs root other than /sys is a captured tree: no kernel stands behind it. */
static bool live_system(const struct mp_ctx *ctx)
{
	return streq(ctx->sysfs_root, "/sys");
}

static int load_config(const struct mp_ctx *ctx, struct mp_config **ret, struct mp_diags *diags)
{
	const char *path = ctx->config_file ? ctx->config_file : DEFAULT_CONFIG_FILE;
	struct mp_config *cfg = NULL;
	int r = mp_config_new(&cfg);

	if (r < 0)
		return r;
	r = mp_config_load_file(cfg, path, diags);
	/* Without multipath.conf multipath runs on built-in defaults; a file the
	 * caller named explicitly must exist, or they would not notice a typo. */
	if (r == -ENOENT && !ctx->config_file)
		r = 0;
	if (r < 0) {
		mp_err(ctx, "%s: %s", path, strerror(-r));
		mp_config_free(cfg);
		return r;
	}
	*ret = cfg;
	return 0;
}

/* bindings_file / wwids_file: the state directory when the caller set one,
 * else what multipath.conf says, else the default directory (as mpath -d). */
static int state_path(const struct mp_ctx *ctx, const struct mp_config *cfg, const char *keyword,
		      const char *file, char **ret)
{
	const char *configured = mp_config_get(cfg, keyword, NULL);
	char *path = NULL;

	if (ctx->state_dir || !configured) {
		if (asprintf(&path, "%s/%s", ctx->state_dir ? ctx->state_dir : DEFAULT_STATE_DIR,
			     file) < 0)
			return -ENOMEM;
	} else {
		path = strdup(configured);
		if (!path)
			return -ENOMEM;
	}
	*ret = path;
	return 0;
}

/* The library never prints: diagnostics become log messages. */
static void flush_diags(const struct mp_ctx *ctx, struct mp_diags *diags)
{
	char line[1024];

	for (size_t i = 0; i < diags->n; i++) {
		const struct mp_diag *d = &diags->items[i];
		int level = d->severity == MP_DIAG_ERROR     ? MP_LOG_ERR
			    : d->severity == MP_DIAG_WARNING ? MP_LOG_WARNING
							     : MP_LOG_INFO;

		mp_diag_format(d, line, sizeof(line));
		mp_log(ctx, level, "%s", line);
	}
	mp_diags_clear(diags);
}

static void log_excluded(const struct mp_ctx *ctx, const struct mp_world *w)
{
	for (size_t i = 0; i < w->n_paths; i++)
		if (w->notes[i].excluded)
			mp_dbg(ctx, "%s", w->notes[i].reason);
}

/* Everything after the config: world, prios, checks, views, handles. */
static int run_pipeline(struct mp_engine *e, bool checked, struct mp_topology **ret,
			struct mp_diags *diags)
{
	struct mp_desire_opts dopts = {.dry_run = true};
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_view_map *views = NULL;
	size_t n = 0;
	int r;

	r = mp_world_read(e, &w, diags);
	if (r < 0)
		return r;
	/* Only the prios are wanted: the desired maps themselves are dropped. */
	r = mp_engine_desire(e, &w, &dopts, &maps, diags);
	mp_map_set_clear(&maps);
	if (r < 0)
		goto out;
	log_excluded(e->ctx, &w);
	if (checked)
		mp_world_check_paths(e, &w);
	r = mp_engine_views(&w, checked, NULL, &views, &n);
	if (r < 0)
		goto out;
	r = mp_topology_wrap(&w, views, n, checked, ret);
	if (r < 0) {
		mp_engine_views_free(views, n);
		goto out;
	}
	r = (int)n;
out:
	mp_world_clear(&w);
	return r;
}

int mp_topology_read_with_dm(struct mp_ctx *ctx, struct mp_dm *dm, unsigned int flags,
			     struct mp_topology **ret)
{
	struct mp_ctx run_ctx;
	struct mp_config *cfg = NULL;
	_cleanup_free_ char *bindings = NULL, *wwids = NULL;
	struct mp_diags diags = {0};
	struct mp_engine e;
	int r;

	if (!ctx || !dm || !ret || (flags & ~(unsigned int)KNOWN_FLAGS))
		return -EINVAL;
	/* On the live system SCSI commands (VPD when sysfs lacks it, TEST UNIT
	 * READY) go through SG_IO, as for `mpath -ll`. A shallow copy carries
	 * that, so the caller's context is not changed behind its back. */
	run_ctx = *ctx;
	if (!run_ctx.scsi && live_system(ctx)) {
		run_ctx.scsi = &mp_sg_io_transport;
		run_ctx.scsi_data = ctx->dev_root;
		run_ctx.nvme = &mp_nvme_ioctl_transport;
		run_ctx.nvme_data = ctx->dev_root;
	}
	r = load_config(ctx, &cfg, &diags);
	if (r < 0)
		goto out;
	if ((r = state_path(ctx, cfg, "bindings_file", "bindings", &bindings)) < 0 ||
	    (r = state_path(ctx, cfg, "wwids_file", "wwids", &wwids)) < 0)
		goto out;
	e = (struct mp_engine){
	    .ctx = &run_ctx,
	    .cfg = cfg,
	    .dm = dm,
	    .bindings_path = bindings,
	    .wwids_path = wwids,
	};
	r = run_pipeline(&e, flags & MP_TOPOLOGY_CHECK_PATHS, ret, &diags);
out:
	flush_diags(ctx, &diags);
	mp_config_free(cfg);
	return r;
}

MP_EXPORT int mp_topology_read(struct mp_ctx *ctx, unsigned int flags, struct mp_topology **ret)
{
	struct mp_dm *dm = NULL;
	int r;

	if (!ctx || !ret || (flags & ~(unsigned int)KNOWN_FLAGS))
		return -EINVAL;
	/* A captured tree gets an empty device-mapper, as `mpath --sysfs-root` does. */
	r = live_system(ctx) ? mp_dm_libdm_new(ctx, &dm) : mp_dm_fake_new(&dm);
	if (r < 0) {
		mp_err(ctx, "device-mapper is not available: %s", strerror(-r));
		return r;
	}
	r = mp_topology_read_with_dm(ctx, dm, flags, ret);
	mp_dm_free(dm);
	return r;
}
