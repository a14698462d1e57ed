/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Partition maps: one dm "linear" map per partition of a multipath map,
 * named and tagged as multipath-tools' kpartx makes them, so that udev
 * rules, systemd and admins' fstabs see the same devices:
 *
 *   name   <map><delimiter><N>          (mpatha-part1, mpatha1, 36005...p1)
 *   uuid   part<N>-<uuid of the map>     (part1-mpath-3600a0b80...)
 *   table  0 <size> linear <major>:<minor of the map> <start>
 *
 * N is the partition number (mp_part.number). Logical DOS partitions map
 * the multipath map directly at their absolute start, as kpartx 0.9.4
 * does, not the extended partition's map.
 *
 * Delimiter: kpartx without -p puts "p" between a name that ends in a digit
 * and N, and nothing otherwise; multipath-tools' udev rule runs it with
 * "-p -part", which is why maps show up as <map>-partN there. The
 * partition_delimiter keyword of multipath.conf, when set, is used as is.
 *
 * partmap.c is pure; apply.c carries a plan out through lib/dm.
 */
#ifndef MPATH_PARTITION_PARTMAP_H
#define MPATH_PARTITION_PARTMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dm/dm.h"
#include "partition/partition.h"

struct mp_diags;

/* What mpath uses when partition_delimiter is unset: the udev rule's "-part". */
#define MP_PART_DELIM_DEFAULT "-part"

struct mp_part_parent {
	const char *name; /* the multipath map */
	const char *uuid; /* its dm uuid, "mpath-<wwid>" */
	unsigned int major, minor;
	uint64_t sectors; /* its size, 512-byte sectors */
};

struct mp_part_map {
	char name[128];
	char uuid[129];
	unsigned int number;
	struct mp_dm_linear table;
};

/* A partition map that exists: its number from its uuid, its table when it
 * is a linear map (table_ok). */
struct mp_part_have {
	char name[128];
	unsigned int number;
	bool table_ok;
	struct mp_dm_linear table;
	int open_count;
};

/**
 * mp_part_map_name() - "<map><delim><number>" into buf. delim NULL: kpartx's
 * own rule ("p" after a trailing digit, else nothing).
 * Return: 0, -ENAMETOOLONG when it does not fit buf or a dm name (127).
 */
int mp_part_map_name(const char *map, const char *delim, unsigned int number, char *buf,
		     size_t size);
/* "part<number>-<map_uuid>" into buf; -ENAMETOOLONG beyond a dm uuid (128). */
int mp_part_map_uuid(const char *map_uuid, unsigned int number, char *buf, size_t size);
/* N when uuid is "part<N>-<map_uuid>" (N >= 1, no leading zero), else 0. */
unsigned int mp_part_uuid_number(const char *uuid, const char *map_uuid);

/**
 * mp_part_want() - the partition maps for table t on parent p. ret holds
 * MP_PART_MAX entries. Partitions beyond the end of the map are left out
 * with a warning (dm would refuse them).
 * Return: the number of maps, or -ENAMETOOLONG/-EINVAL.
 */
int mp_part_want(const struct mp_part_table *t, const struct mp_part_parent *p, const char *delim,
		 struct mp_part_map *ret, struct mp_diags *diags);

enum mp_part_op {
	MP_PART_OP_REMOVE, /* a partition that is gone (or all of them) */
	MP_PART_OP_RENAME, /* the right uuid under another name (map renamed) */
	MP_PART_OP_CREATE,
	MP_PART_OP_RELOAD, /* start or size changed */
};

struct mp_part_action {
	enum mp_part_op op;
	char name[128];     /* the map acted on (before a rename) */
	struct mp_part_map map; /* create/reload/rename: what it becomes */
};

enum {
	/* kpartx -a: leave maps of partitions that are gone (-u removes them). */
	MP_PART_KEEP_STALE = 1 << 0,
	/* kpartx -r: new partition maps are read-only. */
	MP_PART_READ_ONLY = 1 << 1,
};

/**
 * mp_part_plan() - what turns have[] into want[]: removals first (so names
 * are free), then renames, then creations and reloads, in number order.
 * *ret is malloc'd (NULL when nothing is to do); the caller frees it.
 * Return: the number of actions or -ENOMEM.
 */
int mp_part_plan(const struct mp_part_map *want, size_t n_want, const struct mp_part_have *have,
		 size_t n_have, unsigned int flags, struct mp_part_action **ret);

const char *mp_part_op_name(enum mp_part_op op);

#endif
