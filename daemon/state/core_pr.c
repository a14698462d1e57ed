/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Persistent reservations when a path comes back: a registration belongs to
 * one I_T nexus, so a path that was down (or whose nexus the array reset)
 * may not carry the host's key. Before such a path is reinstated in the
 * kernel, a job on the checkers' backend asks the array, through that path,
 * for the registered keys (READ KEYS); when the map's key is among them,
 * the host is a registrant and the path gets the key too (REGISTER AND
 * IGNORE EXISTING KEY), then the reinstate goes ahead. When the key is not
 * registered anywhere (never joined, or fenced: a PREEMPT removed it), the
 * path is reinstated without registering: a daemon must never undo a fence.
 * Whatever the array answers, the path is reinstated; a failed registration
 * is logged. multipathd does the same READ KEYS / register on path events
 * (its prflag); mpathd keeps no flag, the array's key list is the truth.
 *
 * A path new to a map (a rescan, a new controller port, a replaced HBA)
 * would otherwise enter the table active through the reload, and the
 * first write sent down it would meet RESERVATION CONFLICT under a Write
 * Exclusive - Registrants Only reservation: the kernel fails the path and
 * may fail the I/O. So the sync keeps such a path out of the table
 * (pr_hold) while the same job runs on it; when the job ends, whatever it
 * found, the path joins with the next sync.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "common/ctx.h"
#include "config/config.h"
#include "names/prkeys.h"
#include "persist/persist.h"
#include "state/core_int.h"

#define PR_JOB_TIMEOUT_USEC (35ull * 1000000) /* the PR commands' own 30 s, and some */

struct pr_job {
	struct mp_check_job job;
	struct core *c;
	struct mp_ctx ctx;  /* only the SCSI transport: what mp_pr_in/out use */
	char dev[32];
	uint64_t key;
	bool aptpl;
	bool join;          /* a path new to its map (pr_hold), not a reinstate */
	/* filled by run(): */
	int error;
	bool key_present, registered;
	char why[160];
};

/* The map's key (config, or prkeys_file with "reservation_key file"). 0: none. */
static uint64_t map_key(struct core *c, const struct core_map *m, bool *ret_aptpl)
{
	struct mp_reservation_key k = {0};
	struct mp_diags diags = {0};
	char path[512];

	if (c->env.state_dir)
		snprintf(path, sizeof(path), "%s/prkeys", c->env.state_dir);
	else
		snprintf(path, sizeof(path), "%s", mp_prkeys_path(c->cfg));
	if (mp_prkeys_map_key(c->cfg, path, m->wwid, &k, &diags) < 0)
		k.key = 0;
	core_flush_diags(c, &diags);
	*ret_aptpl = k.aptpl;
	return k.key;
}

/* On a worker: may block for the commands' timeouts. */
static void job_run(struct mp_check_job *job)
{
	struct pr_job *j = (struct pr_job *)job;
	struct mp_prout_param p = {.sa_key = j->key, .flags = j->aptpl ? MP_PR_APTPL : 0};
	uint8_t buf[8192];
	struct mp_pr_keys keys;
	struct mp_pr_result res;
	size_t len = 0;

	j->error = mp_pr_in(&j->ctx, j->dev, MP_PRIN_READ_KEYS, buf, sizeof(buf), &len, &res);
	if (j->error == 0)
		j->error = mp_pr_keys_decode(buf, len, &keys, NULL);
	if (j->error < 0) {
		snprintf(j->why, sizeof(j->why), "READ KEYS failed: %s", strerror(-j->error));
		return;
	}
	for (size_t i = 0; i < keys.n_keys; i++)
		j->key_present |= keys.keys[i] == j->key;
	mp_pr_keys_clear(&keys);
	if (!j->key_present)
		return;
	j->error = mp_pr_out(&j->ctx, j->dev, MP_PROUT_REGISTER_AND_IGNORE, 0, &p, &res);
	j->registered = j->error == 0;
	if (j->error < 0)
		snprintf(j->why, sizeof(j->why), "REGISTER AND IGNORE EXISTING KEY failed: %s",
			 strerror(-j->error));
}

static void log_outcome(struct pr_job *j, enum mp_check_job_status status)
{
	const char *before = j->join ? "before it joins its map" : "before the reinstate";

	if (status != MP_CHECK_JOB_DONE)
		core_log(j->c, MP_LOG_WARNING, "%s: key 0x%" PRIx64 " not registered: no answer in time",
			 j->dev, j->key);
	else if (j->why[0])
		core_log(j->c, MP_LOG_WARNING, "%s: key 0x%" PRIx64 ": %s", j->dev, j->key, j->why);
	else if (j->registered)
		core_log(j->c, MP_LOG_NOTICE, "%s: key 0x%" PRIx64 " registered %s", j->dev, j->key,
			 before);
	else
		core_log(j->c, MP_LOG_NOTICE, "%s: key 0x%" PRIx64 " not registered on the LUN: "
					      "%s without registering", j->dev, j->key,
			 j->join ? "joins" : "reinstated");
}

/* On the loop thread. The path may have gone or left its map meanwhile. */
static void job_finish(struct mp_check_job *job, enum mp_check_job_status status)
{
	struct pr_job *j = (struct pr_job *)job;
	struct core_path *p = core_find_path(j->c, j->dev);
	struct core_map *m = p ? core_find_map_wwid(j->c, p->p.wwid) : NULL;

	if (m && status == MP_CHECK_JOB_DONE && (j->key_present || !j->why[0]))
		m->pr_registered = j->key_present; /* what the array said, for getprstatus */

	if (j->join) {
		if (!p || !p->pr_hold)
			return;
		p->pr_hold = false;
		p->pr_joined = true;
		log_outcome(j, status);
		if (!p->gone)
			core_mark_dirty(j->c, p->p.wwid, 0);
		return;
	}
	if (!p || !p->pr_pending)
		return;
	p->pr_pending = false;
	log_outcome(j, status);
	if (p->map && core_state_usable(p->p.state) && core_dm_path_state(p->map, &p->p) == 'F')
		core_policy_reinstate(j->c, p, "checker: up (after the reservation key)");
}

static void job_release(struct mp_check_job *job)
{
	free(job);
}

/* Start the job on @dev. Return: 0 when it runs (finish will be called). */
static int submit(struct core *c, const char *dev, uint64_t key, bool aptpl, bool join)
{
	const struct mp_check_env *env = &c->env.checkers;
	struct pr_job *j = calloc(1, sizeof(*j));

	if (!j)
		return -ENOMEM;
	j->job = (struct mp_check_job){.run = job_run, .finish = job_finish, .release = job_release};
	j->c = c;
	j->ctx.scsi = env->scsi;
	j->ctx.scsi_data = env->scsi_data;
	snprintf(j->dev, sizeof(j->dev), "%s", dev);
	j->key = key;
	j->aptpl = aptpl;
	j->join = join;
	if (env->backend->submit(env->backend_data, &j->job, mp_check_now_usec() + PR_JOB_TIMEOUT_USEC) < 0) {
		free(j);
		return -EAGAIN;
	}
	return 0;
}

bool core_pr_before_reinstate(struct core *c, struct core_path *p)
{
	const struct mp_check_env *env = &c->env.checkers;
	uint64_t key;
	bool aptpl = false;

	if (p->pr_pending)
		return true; /* the job decides; later verdicts wait for it */
	if (!p->map || !env->backend || !env->scsi)
		return false;
	key = map_key(c, p->map, &aptpl);
	if (!key)
		return false;
	p->pr_pending = true;
	if (submit(c, p->p.dev, key, aptpl, false) < 0) {
		p->pr_pending = false;
		return false; /* no worker: reinstate now rather than keep a good path out */
	}
	return true;
}

void core_pr_hold_new_members(struct core *c, struct core_map *m)
{
	const struct mp_check_env *env = &c->env.checkers;
	uint64_t key = 0;
	bool aptpl = false, key_read = false;

	if (!env->backend || !env->scsi)
		return;
	for (size_t i = 0; i < c->n_paths; i++) {
		struct core_path *p = c->paths[i];

		if (p->gone || p->excluded || p->pr_hold || strcmp(p->p.wwid, m->wwid))
			continue;
		if (core_table_holds(&m->table, &p->p)) {
			p->pr_joined = false; /* it joined: should it leave and come back, hold it again */
			continue;
		}
		if (p->pr_joined || !mp_engine_path_openable(&p->p))
			continue;
		if (!key_read) {
			key = map_key(c, m, &aptpl);
			key_read = true;
		}
		if (!key)
			return;
		p->pr_hold = true;
		if (submit(c, p->p.dev, key, aptpl, true) < 0)
			p->pr_hold = false; /* no worker: let it join rather than keep it out */
	}
}
