/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Paths the daemon keeps out of the kernel's rotation although their checker
 * says they answer: flapping paths (san_path_err_*, core_flaky.c, state
 * "shaky") and marginal paths (marginal_path_*, core_marginal.c, state
 * "marginal"). Also ghost_delay (core_ghost.c): maps whose paths are all
 * standby are created late. Everything runs on the loop thread.
 */
#ifndef MPATHD_CORE_HOLD_H
#define MPATHD_CORE_HOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct core;
struct core_path;
struct core_policy;
struct mp_plan;
struct loop_timer;

/* san_path_err_* bookkeeping of one path. */
struct core_flaky {
	unsigned failures;    /* good -> bad transitions not yet forgotten */
	unsigned forget_left; /* usable checks until one failure is forgotten */
	bool held;
	uint64_t held_since;  /* core_now() of the last verdict that was not usable */
};

enum core_marginal_phase {
	MARGINAL_NONE = 0,
	MARGINAL_SAMPLING, /* held, every check is a sample */
	MARGINAL_GAP,      /* held without sampling for recheck_gap_time */
};

/* marginal_path_* bookkeeping of one path. */
struct core_marginal {
	uint64_t last_fail;   /* core_now() of the last good -> bad transition, 0: none */
	enum core_marginal_phase phase;
	uint64_t phase_start;
	unsigned samples, errors;
};

/* A map whose creation waits for an active path (ghost_delay). */
struct core_ghost {
	struct core *core;
	char wwid[256];
	uint64_t deadline;    /* core_now() */
	bool expired;         /* its timer saw the deadline pass */
	struct loop_timer *timer;
};

/* core_flaky.c */
/*
 * core_hold_verdict() - the state the policy acts on for checker verdict @s:
 * @s itself, or MP_PATH_SHAKY / MP_PATH_MARGINAL while the path is held.
 * @why gets a reason when holding starts or ends ("" otherwise).
 */
enum mp_path_state core_hold_verdict(struct core *c, struct core_path *p, enum mp_path_state s,
				     char *why, size_t why_size);
/* A good -> bad transition of @p (checker or kernel): counted by both policies. */
void core_hold_path_failed(struct core *c, struct core_path *p);
/* Whether another path of @p's map could carry I/O: holding never takes the last one. */
bool core_hold_other_usable(struct core *c, const struct core_path *p);
/* Plan @p's next check within @deadline (core_now() clock), and no later than @max_ms. */
void core_hold_recheck(struct core *c, struct core_path *p, uint64_t deadline, unsigned max_ms);

/* core_marginal.c */
bool core_marginal_enabled(const struct core_policy *pol);
enum mp_path_state core_marginal_verdict(struct core *c, struct core_path *p,
					 enum mp_path_state s, char *why, size_t why_size);
void core_marginal_failed(struct core *c, struct core_path *p);

/* core_ghost.c */
/* Turn the plan's creations of all-standby maps into no-ops while their
 * ghost_delay runs. @paths: the world the plan was built from. */
void core_ghost_filter_plan(struct core *c, struct mp_plan *plan, const struct mp_path *paths);
void core_ghost_free_all(struct core *c);

#endif
