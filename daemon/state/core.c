/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The core's state: config, library context, tracked paths and maps, and
 * the bookkeeping that keeps paths pointed at their maps and checked.
 * Decisions live in core_sync.c (engine) and core_policy.c (kernel state).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "state/checker_sched.h"
#include "common/ctx.h"
#include "config/config.h"
#include "state/core_int.h"
#include "discover/nvme_admin.h"
#include "discover/transport.h"
#include "observe/events.h"
#include "runtime/loop.h"
#include "observe/metrics.h"

void core_log(struct core *c, int level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!c->env.log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->env.log(c->env.log_data, level, msg);
}

uint64_t core_realtime_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t core_now(const struct core *c)
{
	if (c->env.clock)
		return c->env.clock(c->env.clock_data);
	return c->env.loop ? loop_now(c->env.loop) : 0;
}

void core_flush_diags(struct core *c, struct mp_diags *d)
{
	char line[1024];

	for (size_t i = 0; i < d->n; i++) {
		int level = d->items[i].severity == MP_DIAG_ERROR     ? MP_LOG_ERR :
			    d->items[i].severity == MP_DIAG_WARNING ? MP_LOG_WARNING :
								      MP_LOG_INFO;

		mp_diag_format(&d->items[i], line, sizeof(line));
		core_log(c, level, "%s", line);
	}
	mp_diags_clear(d);
}

/* ---- config ---- */

/* Parse the config. Its problems never stop the daemon (multipath-tools warns
 * and runs too, and a host without multipath at boot is worse than one with a
 * default setting): each is logged with file:line, an invalid value keeps its
 * default, an unusable entry is dropped, an unreadable file means defaults. */
static int load_config(struct core *c, const char *path, struct mp_config **ret)
{
	struct mp_config *cfg = NULL;
	struct mp_diags diags = {0};
	size_t nerr;
	int r = mp_config_new(&cfg);

	if (r < 0)
		return r;
	r = mp_config_load_file(cfg, path, &diags);
	if (r == -ENOMEM) {
		mp_diags_clear(&diags);
		mp_config_free(cfg);
		return r;
	}
	nerr = mp_diags_count(&diags, MP_DIAG_ERROR);
	core_flush_diags(c, &diags);
	if (r < 0 && r != -ENOENT)
		core_log(c, MP_LOG_ERR, "%s: %s; running with the built-in defaults", path,
			 strerror(-r));
	else if (nerr > 0)
		core_log(c, MP_LOG_WARNING,
			 "%s: %zu configuration error(s): invalid values keep their defaults, "
			 "unusable entries are dropped",
			 path, nerr);
	*ret = cfg;
	return 0;
}

static unsigned config_uint(const struct mp_config *cfg, const char *kw, unsigned dflt)
{
	long v;

	return mp_config_get_int(cfg, kw, &v) == 0 && v > 0 ? (unsigned)v : dflt;
}

static int state_file(const struct core *c, const struct mp_config *cfg, const char *kw,
		      const char *file, char **ret)
{
	const char *v = mp_config_get(cfg, kw, NULL);
	char *s;

	if (c->env.state_dir || !v) {
		if (asprintf(&s, "%s/%s", c->env.state_dir ? c->env.state_dir : "/etc/multipath",
			     file) < 0)
			return -ENOMEM;
	} else if (!(s = strdup(v))) {
		return -ENOMEM;
	}
	free(*ret);
	*ret = s;
	return 0;
}

/* Take a loaded config into use (at start and on reconfigure). */
static int adopt_config(struct core *c, struct mp_config *cfg)
{
	int r;

	if ((r = state_file(c, cfg, "bindings_file", "bindings", &c->bindings_path)) < 0 ||
	    (r = state_file(c, cfg, "wwids_file", "wwids", &c->wwids_path)) < 0)
		return r;
	mp_config_free(c->cfg);
	c->cfg = cfg;
	c->polling_s = config_uint(cfg, "polling_interval", 5);
	c->max_polling_s = config_uint(cfg, "max_polling_interval", 4 * c->polling_s);
	if (c->max_polling_s < c->polling_s)
		c->max_polling_s = c->polling_s;
	c->checker_timeout_s = config_uint(cfg, "checker_timeout", 30);
	c->engine = (struct mp_engine){
		.ctx = c->ctx,
		.cfg = c->cfg,
		.dm = c->dm,
		.bindings_path = c->bindings_path,
		.wwids_path = c->wwids_path,
		/* partition maps with the maps, unless a test handed in its dm */
		.manage_partitions = !c->env.dm,
	};
	return 0;
}

static void on_check(void *userdata, struct sched_path *sp, enum mp_path_state old,
		     const struct mp_check_result *r, uint64_t duration_usec)
{
	struct core_path *p = sched_path_data(sp);

	(void)userdata;
	(void)old;
	if (p->core->env.metrics)
		metrics_observe_check(p->core->env.metrics, r->state, duration_usec);
	core_path_result(p->core, p, r);
}

int core_new(const struct core_env *env, struct strbuf *errors, struct core **ret)
{
	struct core *c = calloc(1, sizeof(*c));
	struct mp_config *cfg = NULL;
	int r;

	if (!c)
		return -ENOMEM;
	c->env = *env;
	c->dm = env->dm;
	(void)errors; /* the config is never refused any more; its problems are logged */
	r = load_config(c, env->config_path ? env->config_path : "/etc/multipath.conf", &cfg);
	if (r < 0)
		goto fail;
	if ((r = mp_ctx_new(&c->ctx)) < 0)
		goto fail;
	mp_ctx_set_log(c->ctx, env->log, env->log_data, env->log_level);
	if (env->sysfs_root && (r = mp_ctx_set_sysfs_root(c->ctx, env->sysfs_root)) < 0)
		goto fail;
	if (env->live_scsi) {
		c->ctx->scsi = &mp_sg_io_transport;
		c->ctx->nvme = &mp_nvme_ioctl_transport;
	}
	if (!c->dm && (r = mp_dm_libdm_new(c->ctx, &c->dm)) < 0) {
		core_log(c, MP_LOG_ERR, "device-mapper is not available: %s", strerror(-r));
		goto fail;
	}
	if ((r = adopt_config(c, cfg)) < 0)
		goto fail;
	cfg = NULL;
	if (!env->no_checks) {
		struct sched_config sc = {
			.min_ms = c->polling_s * 1000,
			.max_ms = c->max_polling_s * 1000,
			.timeout_ms = c->checker_timeout_s * 1000,
		};

		if ((r = sched_new(env->loop, &env->checkers, &sc, on_check, c, &c->sched)) < 0)
			goto fail;
	}
	*ret = c;
	return 0;
fail:
	mp_config_free(cfg);
	core_free(c); /* frees c->dm too, also one handed in: the core owns it either way */
	return r;
}

void core_free(struct core *c)
{
	if (!c)
		return;
	core_ghost_free_all(c);
	core_left_out_free(c);
	sched_free(c->sched);
	for (size_t i = 0; i < c->n_maps; i++) {
		core_policy_free_map(c->maps[i]);
		mp_dm_table_clear(&c->maps[i]->table);
		mp_dm_table_clear(&c->maps[i]->status);
		free(c->maps[i]);
	}
	free(c->maps);
	for (size_t i = 0; i < c->n_paths; i++)
		free(c->paths[i]);
	free(c->paths);
	for (size_t i = 0; i < c->n_dirty; i++)
		free(c->dirty[i]);
	free(c->dirty);
	free(c->dirty_since);
	mp_dm_free(c->dm);
	mp_config_free(c->cfg);
	mp_ctx_free(c->ctx);
	free(c->bindings_path);
	free(c->wwids_path);
	free(c);
}

/*
 * multipathd's rule: with no daemon left to end the queueing after
 * no_path_retry, a map that queues would hang its I/O forever once its paths
 * are gone. Only the queueing changes; the maps themselves stay.
 */
void core_stop(struct core *c)
{
	bool keep = false;

	if (!c || !c->cfg || c->force_queue_without_daemon)
		return;
	if (mp_config_get_bool(c->cfg, "queue_without_daemon", &keep) == 0 && keep)
		return;
	for (size_t i = 0; i < c->n_maps; i++)
		if (c->maps[i]->managed && core_map_queueing(c->maps[i]))
			core_set_queueing(c, c->maps[i], false,
					  "mpathd stopping, queue_without_daemon is no");
}

int core_reconfigure(struct core *c, struct strbuf *errors)
{
	struct mp_config *cfg = NULL;
	int r = load_config(c, c->env.config_path ? c->env.config_path : "/etc/multipath.conf",
			    &cfg);

	(void)errors;
	if (r < 0) {
		core_log(c, MP_LOG_ERR, "reconfigure refused, the running configuration stays");
		return r;
	}
	r = adopt_config(c, cfg);
	if (r < 0) {
		mp_config_free(cfg);
		return r;
	}
	core_log(c, MP_LOG_NOTICE, "reconfigure: configuration re-read, applying the difference");
	/* Paths keep their checkers; the sync re-binds them with the new settings. */
	return core_sync_all(c, false);
}

void core_update_gauges(struct core *c)
{
	struct metrics *m = c->env.metrics;

	if (!m)
		return;
	memset(m->paths_by_state, 0, sizeof(m->paths_by_state));
	for (size_t i = 0; i < c->n_paths; i++)
		if (c->paths[i]->map && c->paths[i]->p.state < METRICS_NSTATES)
			m->paths_by_state[c->paths[i]->p.state]++;
	m->maps = c->n_maps;
}

int core_start(struct core *c)
{
	int r = core_sync_all(c, true);

	if (r < 0)
		return r;
	core_update_gauges(c);
	return 0;
}

struct mp_dm *core_dm(const struct core *c)
{
	return c->dm;
}

const struct mp_config *core_config(const struct core *c)
{
	return c->cfg;
}
