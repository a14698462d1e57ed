/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <sys/resource.h>

#include "runtime/fdlimit.h"

/* Beyond this, code that walks every possible fd (closefrom loops in
   libraries) gets slow; 64 Ki fits 4096 clients and tens of thousands of paths. */
#define FDLIMIT_CEILING (64UL * 1024)

long fdlimit_raise(unsigned long want)
{
	struct rlimit rl;
	rlim_t target;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -errno;
	target = want ? want : FDLIMIT_CEILING;
	if (rl.rlim_max != RLIM_INFINITY && target > rl.rlim_max)
		target = rl.rlim_max;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < target) {
		rl.rlim_cur = target;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			return -errno;
	}
	return rl.rlim_cur == RLIM_INFINITY ? (long)FDLIMIT_CEILING : (long)rl.rlim_cur;
}
