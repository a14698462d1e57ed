/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checker registry, the "none" checker, and the check interval policy. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "checker.h"

void check_result_set(struct check_result *r, enum mp_path_state s, const char *fmt, ...)
{
	va_list ap;

	r->state = s;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
}

static int none_start(const struct checker_env *env, const char *devnode, uint64_t deadline_usec,
		      check_done_fn done, void *userdata)
{
	struct check_result r;

	(void)env;
	(void)devnode;
	(void)deadline_usec;
	check_result_set(&r, MP_PATH_UP, "none: always up");
	done(userdata, &r);
	return 0;
}

const struct checker_ops checker_none = {"none", none_start};

const struct checker_ops *checker_find(const char *name)
{
	static const struct checker_ops *const all[] = {
		&checker_tur, &checker_directio, &checker_readsector0, &checker_none,
	};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
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
