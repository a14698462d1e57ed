/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Prioritizers: pure functions from the discovered data of one path to a
 * priority (higher is better). Nothing here sends a SCSI command: discovery
 * already read the ALUA state, the preferred bit and the identifiers, so a
 * prioritizer is a lookup that tests can drive with literal structs.
 */
#ifndef MPATH_POLICY_PRIO_H
#define MPATH_POLICY_PRIO_H

#include <stddef.h>

#include "model.h"

#define MP_PRIO_REASON_MAX 160

/* What a prioritizer says about one path: the value, or why there is none. */
struct mp_prio_result {
	int prio;                        /* valid when the call returned 0 */
	char reason[MP_PRIO_REASON_MAX]; /* "alua: active/optimized", "weightedpath: devname sd[a-c] matched" */
};

typedef int (*mp_prio_fn)(const struct mp_path *p, const char *args, struct mp_prio_result *ret);

/**
 * mp_prio_compute() - run the prioritizer called @name on @p.
 * @args: the prio_args string from the configuration, may be NULL.
 * Return: 0 with ret->prio set; -ENOTSUP for an unknown prioritizer or one
 * whose data the path lacks (alua without TPGS), -ENODATA when the state is
 * not known yet, -EINVAL for malformed args. ret->reason explains in all cases.
 */
int mp_prio_compute(const char *name, const char *args, const struct mp_path *p,
		    struct mp_prio_result *ret);
/* Whether @name is a prioritizer this module implements. */
int mp_prio_known(const char *name);

/* The individual prioritizers (also reachable through mp_prio_compute). */
int mp_prio_const(const struct mp_path *p, const char *args, struct mp_prio_result *ret);
int mp_prio_alua(const struct mp_path *p, const char *args, struct mp_prio_result *ret);
int mp_prio_sysfs(const struct mp_path *p, const char *args, struct mp_prio_result *ret);
int mp_prio_weightedpath(const struct mp_path *p, const char *args, struct mp_prio_result *ret);
int mp_prio_random(const struct mp_path *p, const char *args, struct mp_prio_result *ret);

/* ALUA state -> value used by both alua and sysfs (50, 10, 5, 1, 0), without the preferred bonus. */
int mp_prio_alua_value(enum mp_alua_state s);

#endif
