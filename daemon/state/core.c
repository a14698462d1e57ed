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

/* Parse the config; refuse it when it has errors, as multipath-tools would
 * silently run with half of it. */
static int load_config(const char *path, struct mp_config **ret, struct strbuf *errors)
{
	struct mp_config *cfg = NULL;
	struct mp_diags diags = {0};
	char line[1024];
	size_t nerr;
	int r = mp_config_new(&cfg);

	if (r < 0)
		return r;
	r = mp_config_load_file(cfg, path, &diags);
	if (r < 0 && r != -ENOENT) {
		if (errors)
			strbuf_printf(errors, "%s: %s\n", path, strerror(-r));
		goto fail;
	}
	nerr = mp_diags_count(&diags, MP_DIAG_ERROR);
	if (nerr > 0) {
		for (size_t i = 0; errors && i < diags.n; i++) {
			if (diags.items[i].severity != MP_DIAG_ERROR)
				continue;
			mp_diag_format(&diags.items[i], line, sizeof(line));
			strbuf_printf(errors, "%s\n", line);
		}
		r = -EINVAL;
		goto fail;
	}
	mp_diags_clear(&diags);
	*ret = cfg;
	return 0;
fail:
	mp_diags_clear(&diags);
	mp_config_free(cfg);
	return r;
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
	r = load_config(env->config_path ? env->config_path : "/etc/multipath.conf", &cfg, errors);
	if (r < 0)
		goto fail;
	if ((r = mp_ctx_new(&c->ctx)) < 0)
		goto fail;
	mp_ctx_set_log(c->ctx, env->log, env->log_data, env->log_level);
	if (env->sysfs_root && (r = mp_ctx_set_sysfs_root(c->ctx, env->sysfs_root)) < 0)
		goto fail;
	if (env->live_scsi)
		c->ctx->scsi = &mp_sg_io_transport;
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

	if (!c || !c->cfg)
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
	int r = load_config(c->env.config_path ? c->env.config_path : "/etc/multipath.conf", &cfg,
			    errors);

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

/* ---- lookups ---- */

struct core_path *core_find_path(struct core *c, const char *name)
{
	unsigned major, minor;
	char tail;

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	if (sscanf(name, "%u:%u%c", &major, &minor, &tail) == 2)
		return core_find_path_devt(c, major, minor);
	for (size_t i = 0; i < c->n_paths; i++)
		if (!strcmp(c->paths[i]->p.dev, name))
			return c->paths[i];
	return NULL;
}

struct core_path *core_find_path_devt(struct core *c, unsigned major, unsigned minor)
{
	for (size_t i = 0; i < c->n_paths; i++)
		if (c->paths[i]->p.major == major && c->paths[i]->p.minor == minor)
			return c->paths[i];
	return NULL;
}

struct core_map *core_find_map(struct core *c, const char *name)
{
	unsigned minor;
	char tail;

	if (!strncmp(name, "/dev/mapper/", 12))
		name += 12;
	for (size_t i = 0; i < c->n_maps; i++) {
		struct core_map *m = c->maps[i];

		if (!strcmp(m->info.name, name) || !strcmp(m->info.uuid, name) ||
		    !strcmp(m->wwid, name))
			return m;
		if (sscanf(name, "dm-%u%c", &minor, &tail) == 1 && m->info.minor == minor)
			return m;
	}
	return NULL;
}

struct core_map *core_find_map_wwid(struct core *c, const char *wwid)
{
	for (size_t i = 0; i < c->n_maps; i++)
		if (!strcmp(c->maps[i]->wwid, wwid))
			return c->maps[i];
	return NULL;
}

/* ---- tracking ---- */

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	void *n;
	size_t nc;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap * 2 : 16;
	while (nc < need)
		nc *= 2;
	n = realloc(*arr, nc * elem);
	if (!n)
		return -ENOMEM;
	*arr = n;
	*cap = nc;
	return 0;
}

struct core_path *core_track_path(struct core *c, const struct mp_path *snap)
{
	struct core_path *p = core_find_path(c, snap->dev);

	if (p) {
		/* Same name: keep the checker verdict and prio the daemon holds. */
		enum mp_path_state st = p->p.state;
		int prio = p->p.prio;
		bool moved = p->p.major != snap->major || p->p.minor != snap->minor;

		p->p = *snap;
		p->p.state = moved ? MP_PATH_UNCHECKED : st;
		p->p.prio = prio;
		p->gone = false;
		return p;
	}
	if (grow((void **)&c->paths, &c->cap_paths, c->n_paths + 1, sizeof(*c->paths)) < 0)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->p = *snap;
	p->p.state = MP_PATH_UNCHECKED;
	p->core = c;
	snprintf(p->checker, sizeof(p->checker), "tur");
	c->paths[c->n_paths++] = p;
	return p;
}

void core_untrack_path(struct core *c, struct core_path *p)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		if (c->paths[i] != p)
			continue;
		sched_remove(p->sp);
		memmove(&c->paths[i], &c->paths[i + 1], (c->n_paths - i - 1) * sizeof(*c->paths));
		c->n_paths--;
		free(p);
		return;
	}
}

void core_untrack_map(struct core *c, struct core_map *m)
{
	for (size_t i = 0; i < c->n_paths; i++)
		if (c->paths[i]->map == m)
			c->paths[i]->map = NULL;
	for (size_t i = 0; i < c->n_maps; i++) {
		if (c->maps[i] != m)
			continue;
		memmove(&c->maps[i], &c->maps[i + 1], (c->n_maps - i - 1) * sizeof(*c->maps));
		c->n_maps--;
		core_policy_free_map(m);
		mp_dm_table_clear(&m->table);
		mp_dm_table_clear(&m->status);
		free(m);
		return;
	}
}

struct core_map *core_refresh_map(struct core *c, const char *name)
{
	struct mp_dm_map info;
	struct core_map *m = NULL;
	struct mp_dm_table table = {0}, status = {0};
	const char *wwid;
	int r = mp_dm_get_map(c->dm, name, &info);

	for (size_t i = 0; i < c->n_maps; i++)
		if (!strcmp(c->maps[i]->info.name, name))
			m = c->maps[i];
	if (r < 0 || strcmp(info.target_type, "multipath")) {
		if (m && (r == -ENXIO || r == -EMEDIUMTYPE || r == 0))
			core_untrack_map(c, m);
		return NULL;
	}
	if (!m) /* renamed: same uuid under a new name */
		for (size_t i = 0; i < c->n_maps && info.uuid[0]; i++)
			if (!strcmp(c->maps[i]->info.uuid, info.uuid))
				m = c->maps[i];
	if (mp_dm_get_table(c->dm, name, &table) < 0) {
		core_log(c, MP_LOG_WARNING, "%s: cannot read its table", name);
		return m;
	}
	if (mp_dm_get_status(c->dm, name, &status) < 0)
		memset(&status, 0, sizeof(status));
	if (!m) {
		if (grow((void **)&c->maps, &c->cap_maps, c->n_maps + 1, sizeof(*c->maps)) < 0 ||
		    !(m = calloc(1, sizeof(*m)))) {
			mp_dm_table_clear(&table);
			mp_dm_table_clear(&status);
			return NULL;
		}
		m->core = c;
		wwid = mp_dm_wwid_from_uuid(info.uuid);
		snprintf(m->wwid, sizeof(m->wwid), "%s", wwid ? wwid : info.name);
		core_policy_init_map(c, m);
		c->maps[c->n_maps++] = m;
	}
	m->info = info;
	mp_dm_table_clear(&m->table);
	mp_dm_table_clear(&m->status);
	m->table = table;
	m->status = status;
	/* A status whose layout does not match the table cannot be read per path. */
	if (m->status.n_groups != m->table.n_groups)
		mp_dm_table_clear(&m->status);
	return m;
}

static struct core_map *map_holding(struct core *c, const struct mp_path *p)
{
	for (size_t i = 0; i < c->n_maps; i++) {
		const struct mp_dm_table *t = &c->maps[i]->table;

		for (size_t g = 0; g < t->n_groups; g++)
			for (size_t k = 0; k < t->groups[g].n_paths; k++)
				if (t->groups[g].paths[k].major == p->major &&
				    t->groups[g].paths[k].minor == p->minor)
					return c->maps[i];
	}
	return NULL;
}

void core_bind_paths(struct core *c)
{
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];

		p->map = p->gone ? NULL : map_holding(c, &p->p);
		if (p->map && !p->sp && c->sched) {
			const struct mp_checker *ops = mp_checker_find(p->checker);
			int r;

			if (!ops) {
				core_log(c, MP_LOG_WARNING,
					 "%s: checker %s is not available, using tur", p->p.dev,
					 p->checker);
				ops = mp_checker_find("tur");
			}
			r = sched_add(c->sched, p->p.dev, ops, p, &p->sp);
			if (r < 0)
				core_log(c, MP_LOG_ERR, "%s: cannot start its checker: %s",
					 p->p.dev, strerror(-r));
		} else if (!p->map && p->sp) {
			sched_remove(p->sp);
			p->sp = NULL;
		}
	}
}

struct mp_path *core_path_array(struct core *c, size_t *ret_n)
{
	struct mp_path *a = calloc(c->n_paths ? c->n_paths : 1, sizeof(*a));

	if (!a)
		return NULL;
	for (size_t i = 0; i < c->n_paths; i++)
		a[i] = c->paths[i]->p;
	*ret_n = c->n_paths;
	return a;
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
