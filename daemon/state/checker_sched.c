/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-path check timers; see checker_sched.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/loop.h"
#include "state/checker_sched.h"

/*
 * A check in flight keeps a ticket. If its path is removed meanwhile, the
 * ticket is orphaned (path = NULL) and freed when the completion arrives,
 * so a late completion never touches a freed path.
 */
struct ticket {
	struct sched_path *path;
	uint64_t started;
};

struct sched_path {
	struct sched *s;
	char dev[256];
	const struct mp_checker *ops;
	void *data;
	struct loop_timer *timer;
	struct ticket *inflight;
	enum mp_path_state state;
	unsigned interval_ms;
	struct sched_path *prev, *next;
};

struct sched {
	struct loop *loop;
	struct mp_check_env env;
	struct sched_config cfg;
	sched_result_fn fn;
	void *userdata;
	struct sched_path *paths;
};

static void check_done(void *userdata, const struct mp_check_result *r)
{
	struct ticket *t = userdata;
	struct sched_path *p = t->path;
	struct sched *s;
	enum mp_path_state old;
	uint64_t now;

	if (!p) {
		free(t);
		return;
	}
	s = p->s;
	now = loop_now(s->loop);
	p->inflight = NULL;
	old = p->state;
	p->state = r->state;
	p->interval_ms = checker_next_interval(p->interval_ms, s->cfg.min_ms, s->cfg.max_ms, old, r->state);
	loop_timer_arm(p->timer, now + (uint64_t)p->interval_ms * 1000);
	if (s->fn)
		s->fn(s->userdata, p, old, r, now - t->started);
	free(t);
}

static void run_check(struct loop_timer *timer, void *userdata)
{
	struct sched_path *p = userdata;
	struct sched *s = p->s;
	struct ticket *t;
	uint64_t now = loop_now(s->loop);
	int r;

	(void)timer;
	if (p->inflight)
		return; /* cannot happen: re-armed only on completion */
	t = calloc(1, sizeof(*t));
	if (!t) {
		loop_timer_arm(p->timer, now + (uint64_t)s->cfg.min_ms * 1000);
		return;
	}
	t->path = p;
	t->started = now;
	p->inflight = t;
	r = mp_check_start(p->ops, &s->env, p->dev, now + (uint64_t)s->cfg.timeout_ms * 1000, check_done, t);
	if (r < 0) {
		struct mp_check_result res;

		mp_check_result_set(&res, MP_PATH_PENDING, "%s: could not start: %s", p->ops->name, strerror(-r));
		check_done(t, &res);
	}
}

int sched_new(struct loop *loop, const struct mp_check_env *env, const struct sched_config *cfg, sched_result_fn fn,
	      void *userdata, struct sched **ret_sched)
{
	struct sched *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->loop = loop;
	s->env = *env;
	s->cfg = *cfg;
	if (!s->cfg.min_ms)
		s->cfg.min_ms = 5000;
	if (s->cfg.max_ms < s->cfg.min_ms)
		s->cfg.max_ms = s->cfg.min_ms * 4;
	if (!s->cfg.timeout_ms)
		s->cfg.timeout_ms = 30000;
	s->fn = fn;
	s->userdata = userdata;
	*ret_sched = s;
	return 0;
}

void sched_free(struct sched *s)
{
	if (!s)
		return;
	while (s->paths)
		sched_remove(s->paths);
	free(s);
}

int sched_add(struct sched *s, const char *dev, const struct mp_checker *ops, void *path_data,
	      struct sched_path **ret_path)
{
	struct sched_path *p;
	int r;

	if (!ops || strlen(dev) >= sizeof(p->dev))
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->s = s;
	strcpy(p->dev, dev);
	p->ops = ops;
	p->data = path_data;
	p->state = MP_PATH_UNCHECKED;
	p->interval_ms = s->cfg.min_ms;
	r = loop_timer_new(s->loop, run_check, p, &p->timer);
	if (r == 0)
		r = loop_timer_arm(p->timer, loop_now(s->loop));
	if (r < 0) {
		loop_timer_free(p->timer);
		free(p);
		return r;
	}
	p->next = s->paths;
	if (s->paths)
		s->paths->prev = p;
	s->paths = p;
	if (ret_path)
		*ret_path = p;
	return 0;
}

void sched_remove(struct sched_path *p)
{
	struct sched *s;

	if (!p)
		return;
	s = p->s;
	if (p->inflight)
		p->inflight->path = NULL;
	loop_timer_free(p->timer);
	if (p->prev)
		p->prev->next = p->next;
	else
		s->paths = p->next;
	if (p->next)
		p->next->prev = p->prev;
	free(p);
}

void sched_check_now(struct sched_path *p)
{
	if (!p || p->inflight)
		return;
	/* an unstable path is polled at polling_interval again */
	p->interval_ms = p->s->cfg.min_ms;
	loop_timer_arm(p->timer, loop_now(p->s->loop));
}

void sched_check_in(struct sched_path *p, unsigned ms)
{
	if (!p || p->inflight)
		return;
	loop_timer_arm(p->timer, loop_now(p->s->loop) + (uint64_t)ms * 1000);
}

void *sched_path_data(const struct sched_path *p)
{
	return p->data;
}

enum mp_path_state sched_path_state(const struct sched_path *p)
{
	return p->state;
}

unsigned sched_path_interval_ms(const struct sched_path *p)
{
	return p->interval_ms;
}

unsigned checker_next_interval(unsigned cur, unsigned min, unsigned max,
			       enum mp_path_state old_state, enum mp_path_state new_state)
{
	unsigned next;

	if (min == 0)
		min = 1;
	if (max < min)
		max = min;
	if (old_state != new_state || new_state != MP_PATH_UP)
		return min;
	next = cur < min ? min : (cur > max / 2 ? max : cur * 2);
	return next > max ? max : next;
}
