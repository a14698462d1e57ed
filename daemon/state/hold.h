/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Paths the daemon keeps out of the kernel's rotation although their checker
 * says they answer: flapping paths (san_path_err_*, hold_flaky.c, state
 * "shaky") and marginal paths (marginal_path_*, hold_marginal.c, state
 * "marginal"). These are pure decisions: the policy core (core_policy.c)
 * hands in what they need (the time, whether another path of the map is
 * usable) and acts on what comes back (the state, a reason, when to check
 * again, a note for the timeline). They never call into the core.
 */
#ifndef MPATHD_STATE_HOLD_H
#define MPATHD_STATE_HOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The keywords of one map (0: off). */
struct hold_policy {
	int san_err_threshold, san_err_forget_rate, san_err_recovery_s;
	int marg_double_failed_s, marg_sample_s, marg_rate_threshold, marg_gap_s;
};

enum hold_marginal_phase {
	MARGINAL_NONE = 0,
	MARGINAL_SAMPLING, /* held, every check is a sample */
	MARGINAL_GAP,      /* held without sampling for recheck_gap_time */
};

/* What the policies remember of one path. */
struct hold_state {
	/* san_path_err_* */
	unsigned failures;    /* good -> bad transitions not yet forgotten */
	unsigned forget_left; /* usable checks until one failure is forgotten */
	bool held;
	uint64_t held_since;  /* now of the last verdict that was not usable */
	/* marginal_path_* */
	uint64_t last_fail;   /* now of the last good -> bad transition, 0: none */
	enum hold_marginal_phase phase;
	uint64_t phase_start;
	unsigned samples, errors;
};

/* What the core knows at the moment of the decision. */
struct hold_input {
	uint64_t now;             /* loop clock, microseconds */
	enum mp_path_state prev;  /* the state the core holds for the path */
	bool other_usable;        /* another path of its map can carry I/O */
	unsigned polling_ms;      /* polling_interval */
};

struct hold_outcome {
	enum mp_path_state state; /* what the core acts on */
	char why[160];            /* reason when holding starts, changes or ends; "" otherwise */
	const char *note_to;      /* non-NULL: record why in the timeline as "-> note_to" even
				     though the state does not change */
	uint64_t recheck_by;      /* 0, or check the path again by then ... */
	unsigned recheck_max_ms;  /* ... and no later than this from now */
};

/* Whether any policy is on for @pol (otherwise the core skips them). */
bool hold_enabled(const struct hold_policy *pol);

/*
 * hold_needs_other() - whether hold_verdict() for @s will read
 * in->other_usable: the core finds it by walking the map, so it asks first.
 */
bool hold_needs_other(const struct hold_policy *pol, const struct hold_state *h,
		      enum mp_path_state s, enum mp_path_state prev);

/* The verdict for checker state @s; @h is updated. */
void hold_verdict(const struct hold_policy *pol, struct hold_state *h, const struct hold_input *in,
		  enum mp_path_state s, struct hold_outcome *out);

/* A good -> bad transition (checker or kernel), counted by the policy that is on. */
void hold_path_failed(const struct hold_policy *pol, struct hold_state *h,
		      const struct hold_input *in, struct hold_outcome *out);

/* The policies' own parts (hold_flaky.c, hold_marginal.c), for hold_verdict(). */
bool hold_marginal_enabled(const struct hold_policy *pol);
bool hold_flaky_enabled(const struct hold_policy *pol);
void hold_flaky_verdict(const struct hold_policy *pol, struct hold_state *h,
			const struct hold_input *in, enum mp_path_state s, struct hold_outcome *out);
void hold_flaky_failed(const struct hold_policy *pol, struct hold_state *h);
bool hold_flaky_needs_other(const struct hold_policy *pol, const struct hold_state *h,
			    enum mp_path_state s, enum mp_path_state prev);
void hold_marginal_verdict(const struct hold_policy *pol, struct hold_state *h,
			   const struct hold_input *in, enum mp_path_state s,
			   struct hold_outcome *out);
void hold_marginal_failed(const struct hold_policy *pol, struct hold_state *h,
			  const struct hold_input *in, struct hold_outcome *out);

/* Usable for I/O: up or ghost (shared with the core's own notion). */
bool hold_state_usable(enum mp_path_state s);

#endif
