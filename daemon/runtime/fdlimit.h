/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RLIMIT_NOFILE at start: a shell's usual 1024 does not fit 4096 control
 * clients plus a check fd per path, and running out turns checks into
 * EMFILE failures. The soft limit is raised to @want (0: the hard limit,
 * as multipathd's max_fds "max" does), never lowered.
 */
#ifndef MPATHD_FDLIMIT_H
#define MPATHD_FDLIMIT_H

/**
 * fdlimit_raise() - raise the soft RLIMIT_NOFILE towards @want.
 * Return: the soft limit now in force (>= 0), or -errno.
 */
long fdlimit_raise(unsigned long want);

#endif
