/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The prioritizer table, and the two prioritizers too small for a file of
 * their own (const, random).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "policy/prio.h"
#include "policy/prio_vendor.h"

struct prio_entry {
	const char *name;
	mp_prio_fn fn; /* NULL: the device must be asked first (prio_probe.c) */
};

/* Data, not code: adding a prioritizer is one line here. The list is
 * multipath-tools 0.9.4's (libmultipath/prio.h). */
static const struct prio_entry prio_table[] = {
	{"const", mp_prio_const},
	{"alua", mp_prio_alua},
	{"sysfs", mp_prio_sysfs},
	{"weightedpath", mp_prio_weightedpath},
	{"random", mp_prio_random},
	{"emc", NULL},
	{"rdac", NULL},
	{"hds", NULL},
	{"ontap", NULL},
	{"hp_sw", NULL},
	{"datacore", NULL},
	{"iet", NULL},
	{"ana", NULL},
	{"path_latency", NULL},
};

static const struct prio_entry *prio_lookup(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(prio_table); i++)
		if (streq(prio_table[i].name, name))
			return &prio_table[i];
	return NULL;
}

int mp_prio_known(const char *name)
{
	return prio_lookup(name) != NULL;
}

int mp_prio_compute(const char *name, const char *args, const struct mp_path *p,
		    struct mp_prio_result *ret)
{
	const struct prio_entry *e = prio_lookup(name);

	ret->prio = 0;
	if (!e) {
		snprintf(ret->reason, sizeof(ret->reason), "unknown prioritizer \"%s\"",
			 name ? name : "(null)");
		return -ENOTSUP;
	}
	ret->reason[0] = '\0';
	if (!e->fn)
		return mp_prio_probed(name, args, p, ret);
	return e->fn(p, args, ret);
}

int mp_prio_const(const struct mp_path *p, const char *args, struct mp_prio_result *ret)
{
	(void)p;
	(void)args;
	ret->prio = 1;
	snprintf(ret->reason, sizeof(ret->reason), "const: always 1");
	return 0;
}

/* FNV-1a: a stable hash so the same args and device give the same value on
 * every run and every machine (tests and dry runs must be reproducible). */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* multipath-tools' random prioritizer draws 1..10 from rand(); we derive the
 * draw from a seed (the args, "" by default) and the device name instead of
 * global PRNG state, which keeps the module free of globals. */
int mp_prio_random(const struct mp_path *p, const char *args, struct mp_prio_result *ret)
{
	uint64_t h = fnv1a(0xcbf29ce484222325ULL, args ? args : "");

	h = fnv1a(h ^ 0x2f, p->dev);
	/* splitmix64 finaliser spreads nearby seeds */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	ret->prio = (int)(h % 10) + 1;
	snprintf(ret->reason, sizeof(ret->reason), "random: seeded by \"%s\" and %s",
		 args ? args : "", p->dev);
	return 0;
}
