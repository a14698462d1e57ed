/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of the core shared by core*.c and the command handlers. The
 * paths and maps live in arrays of pointers so a scheduler handle or a timer
 * can hold a stable pointer to one of them.
 */
#ifndef MPATHD_CORE_INT_H
#define MPATHD_CORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "state/core.h"
#include "state/hold.h"
#include "dm/dm.h"
#include "engine/engine.h"
#include "model.h"
#include "topology/settings.h"

struct sched;
struct sched_path;
struct loop_timer;
struct loop_io;
struct core_map;

struct core_path {
	struct mp_path p;        /* snapshot; p.state is the checker's verdict, p.prio the last prio */
	struct core *core;
	struct core_map *map;    /* the map whose table holds it, NULL for none */
	struct sched_path *sp;   /* its checker, NULL when it is in no map */
	char checker[32];
	char prio_name[32];
	char prio_args[256];
	unsigned failures;       /* transitions to faulty */
	uint64_t kernel_failed_usec; /* loop clock when the kernel last failed it */
	enum mp_path_state state_when_kernel_failed; /* the checker's verdict just before */
	bool excluded;           /* blacklisted or not multipathed: listed, not checked */
	bool gone;               /* removed by a uevent, kept until its map is synced */
	bool pr_pending;         /* its reservation key is being registered; reinstate waits (core_pr.c) */
	bool pr_hold;            /* new to its map: kept out of the table while the key is registered */
	bool pr_joined;          /* that registration was tried: it may join (never held twice) */
	bool admin_marginal;     /* "path X setmarginal" until "unsetmarginal" */
	bool left_out;           /* eligible, but its device cannot be opened (core_left_out.c) */
	struct hold_state hold;  /* what the hold policies remember of it */
};

/* The policy knobs of a map the daemon acts on at run time. */
struct core_policy {
	enum mp_failback failback;
	int failback_secs;
	enum mp_no_path_retry npr;
	int npr_n;
	bool flush_on_last_del;
	bool deferred_remove;
	enum mp_pgpolicy pgpolicy;
	struct hold_policy hold; /* san_path_err_*, marginal_path_* */
};

struct core_map {
	struct core *core;
	struct mp_dm_map info;
	struct mp_dm_table table;  /* as the kernel prints it */
	struct mp_dm_table status; /* aligned with table; n_groups 0 when unreadable */
	char wwid[256];
	struct core_policy pol;
	bool managed;              /* a desired map of ours; others are only shown */
	bool queue_off_admin;      /* disablequeueing */
	bool npr_expired;          /* fail_if_no_path sent after no_path_retry checks */
	bool pr_registered;        /* "setprstatus", or our key seen on the LUN by a core_pr.c job */
	struct loop_timer *npr_timer, *failback_timer;
	unsigned path_faults, switch_grp, map_loads;
	uint64_t last_switch_usec; /* loop clock of our last switch_group */
};

struct core {
	struct core_env env;
	struct mp_ctx *ctx;
	struct mp_config *cfg;
	char *bindings_path, *wwids_path;
	struct mp_dm *dm;
	struct mp_engine engine;
	struct sched *sched;
	unsigned polling_s, max_polling_s, checker_timeout_s;
	struct core_path **paths;
	size_t n_paths, cap_paths;
	struct core_map **maps;
	size_t n_maps, cap_maps;
	/* WWIDs touched this iteration: synced once, from a deferred call */
	char **dirty;
	size_t n_dirty, cap_dirty;
	bool sync_deferred;
	uint64_t *dirty_since;     /* uevent receipt per dirty WWID (0: none), for latency */
	struct core_ghost **ghosts; /* maps whose creation waits (ghost_delay) */
	size_t n_ghosts;
	bool force_queue_without_daemon; /* "forcequeueing daemon" until "restorequeueing daemon" */
	struct loop_timer *left_out_timer; /* rereads left-out paths every polling interval */
};

/* core.c: lookups and tracking */
void core_log(struct core *c, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
uint64_t core_realtime_usec(void);
/* The holding policies' clock: env.clock, else the loop's (0 without a loop). */
uint64_t core_now(const struct core *c);
struct core_path *core_find_path(struct core *c, const char *name);
struct core_path *core_find_path_devt(struct core *c, unsigned major, unsigned minor);
struct core_map *core_find_map(struct core *c, const char *name);
struct core_map *core_find_map_wwid(struct core *c, const char *wwid);
/* Insert or replace (by kernel name) a path snapshot. Return: the tracked path or NULL. */
struct core_path *core_track_path(struct core *c, const struct mp_path *p);
void core_untrack_path(struct core *c, struct core_path *p);
/* Re-read info, table and status of a map from the kernel (tracks it if new). */
struct core_map *core_refresh_map(struct core *c, const char *name);
void core_untrack_map(struct core *c, struct core_map *m);
/* Whether table @t names @p's device. */
bool core_table_holds(const struct mp_dm_table *t, const struct mp_path *p);
/* Point paths at their map from its table, start/stop checkers accordingly. */
void core_bind_paths(struct core *c);
/* A contiguous copy of all tracked paths (for views), caller frees. */
struct mp_path *core_path_array(struct core *c, size_t *ret_n);
/* Log and drop accumulated library diagnostics. */
void core_flush_diags(struct core *c, struct mp_diags *d);

/* core_sync.c: the engine for one WWID or all */
void core_mark_dirty(struct core *c, const char *wwid, uint64_t since_usec);
/* @force: reload even when the table looks equal. Return: 0 or -errno. */
int core_sync_wwid(struct core *c, const char *wwid, bool force, uint64_t since_usec);
int core_sync_all(struct core *c, bool first_start);

/* core_policy.c: what the kernel must hear after a state change */
void core_policy_map_changed(struct core *c, struct core_map *m, struct core_path *trigger,
			     enum mp_path_state trigger_old);
/* After a reload: fail again in the kernel the paths the checker holds down. */
void core_policy_resync_map(struct core *c, struct core_map *m);
void core_policy_init_map(struct core *c, struct core_map *m);
void core_policy_free_map(struct core_map *m);
int core_policy_settings(struct core *c, const struct mp_map_settings *s, struct core_policy *ret);
/* Status state of a path in its map: 'A', 'F' or 0 when unknown. */
char core_dm_path_state(const struct core_map *m, const struct mp_path *p);
bool core_state_usable(enum mp_path_state s);
/* Whether the map's table asks the kernel to queue when no path is left. */
bool core_map_queueing(const struct core_map *m);
void core_set_queueing(struct core *c, struct core_map *m, bool on, const char *why);
void core_set_path_state(struct core *c, struct core_path *p, enum mp_path_state s,
			 const char *reason);

/* core_pr.c: true when the reinstate waits for the reservation key (a job
 * registers it, then calls core_policy_reinstate()). */
bool core_pr_before_reinstate(struct core *c, struct core_path *p);
/* core_pr.c: before a sync builds @m's table, hold back the paths of its
 * WWID the table does not have yet while a job registers the map's key on
 * each (pr_hold); the job's end marks the WWID dirty so they join. */
void core_pr_hold_new_members(struct core *c, struct core_map *m);
/* core_policy.c: reinstate in the kernel now (no reservation gate). */
void core_policy_reinstate(struct core *c, struct core_path *p, const char *why);

/* core_events.c */
/* "add path X" / "del path X": as a uevent would, then sync at once. */
int core_add_path(struct core *c, const char *dev);
int core_del_path(struct core *c, const char *dev);

/* ---- the policy core's side of the hold policies (core_hold.c) ---- */
/*
 * core_hold_verdict() - the state the policy acts on for checker verdict @s:
 * @s itself, or MP_PATH_SHAKY / MP_PATH_MARGINAL while the path is held.
 * @why gets a reason when holding starts or ends ("" otherwise).
 */
enum mp_path_state core_hold_verdict(struct core *c, struct core_path *p, enum mp_path_state s,
				     char *why, size_t why_size);
/* A good -> bad transition of @p (checker or kernel). */
void core_hold_path_failed(struct core *c, struct core_path *p);

/* ---- paths left out because their device cannot be opened (core_left_out.c) ---- */
/* Arm the polling-interval timer when some path is left out. */
void core_left_out_watch(struct core *c);
/* Read the left-out paths again now; mark the WWIDs of changed ones dirty. */
void core_left_out_recheck(struct core *c);
void core_left_out_free(struct core *c);

/* ---- ghost_delay (core_ghost.c) ---- */
/* A map whose creation waits for an active path. */
struct core_ghost {
	struct core *core;
	char wwid[256];
	uint64_t deadline;    /* core_now() */
	bool expired;         /* its timer saw the deadline pass */
	struct loop_timer *timer;
};
/* Turn the plan's creations of all-standby maps into no-ops while their
 * ghost_delay runs. @paths: the world the plan was built from. */
void core_ghost_filter_plan(struct core *c, struct mp_plan *plan, const struct mp_path *paths);
void core_ghost_free_all(struct core *c);

#endif
