/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Check scheduling: one loop timer per path (timers are cheap), one check in
 * flight per path at most, and the next check planned when the last one
 * completes, checker_next_interval() apart: polling_interval while a path is
 * unstable, doubling up to max_polling_interval while it stays up.
 */
#ifndef MPATHD_CHECKER_SCHED_H
#define MPATHD_CHECKER_SCHED_H

#include "check/check.h"

struct loop;

struct sched;
struct sched_path;

/* Runs on the loop thread after every check; @old is the previous state. */
typedef void (*sched_result_fn)(void *userdata, struct sched_path *p, enum mp_path_state old,
				const struct mp_check_result *r, uint64_t duration_usec);

struct sched_config {
	unsigned min_ms;      /* polling_interval */
	unsigned max_ms;      /* max_polling_interval */
	unsigned timeout_ms;  /* checker_timeout: each check's deadline */
};

int sched_new(struct loop *loop, const struct mp_check_env *env, const struct sched_config *cfg, sched_result_fn fn,
	      void *userdata, struct sched **ret_sched);
/* Frees every path; checks still in flight complete into the void. */
void sched_free(struct sched *s);

/* Starts checking @dev ("sda") with @ops; the first check runs at once. */
int sched_add(struct sched *s, const char *dev, const struct mp_checker *ops,
	      void *path_data, struct sched_path **ret_path);
void sched_remove(struct sched_path *p);
/* Check @p at once (the kernel failed it), unless a check is in flight. */
void sched_check_now(struct sched_path *p);
/* Check @p within @ms (sooner than its interval), unless a check is in flight. */
void sched_check_in(struct sched_path *p, unsigned ms);
void *sched_path_data(const struct sched_path *p);
enum mp_path_state sched_path_state(const struct sched_path *p);
unsigned sched_path_interval_ms(const struct sched_path *p);

/**
 * checker_next_interval() - seconds until a path's next check.
 * Unstable (state changed, or not up): back to @min (polling_interval).
 * Healthy and unchanged: double, up to @max (max_polling_interval).
 */
unsigned checker_next_interval(unsigned cur, unsigned min, unsigned max,
			       enum mp_path_state old_state, enum mp_path_state new_state);

#endif
