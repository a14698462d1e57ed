/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device-mapper operations behind a vtable, so the planner/applier and the
 * daemon run against the real kernel (dm_libdm.c, libdevmapper) or against
 * the recording fake (dm_fake.h) in tests.
 *
 * Every function returns 0 or -errno; -ENXIO means "no such map",
 * -EMEDIUMTYPE "the map exists but is not a multipath map", -EEXIST a name
 * already in use, -EBUSY a map still open (or a uuid already in use).
 * Messages go to sector 0, the only one dm-multipath listens on.
 */
#ifndef MPATH_DM_DM_H
#define MPATH_DM_DM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dm/table.h"

struct mp_ctx;

/* One device-mapper device (names and uuid lengths are the kernel's). */
struct mp_dm_map {
	char name[128];
	char uuid[129];       /* "mpath-<wwid>" for maps made by mpath or multipath-tools */
	char target_type[16]; /* first target: "multipath", "linear", ... */
	unsigned int major, minor;
	int open_count;
	bool suspended;
	bool read_only;
	bool deferred_remove;
	uint32_t event_nr;
};

enum {
	MP_DM_CREATE_READONLY = 1 << 0,
};

enum {
	/* Let the kernel remove the map when its last opener closes it. */
	MP_DM_REMOVE_DEFERRED = 1 << 0,
	/* Skip mpath's own "still open" check and ask the kernel anyway
	 * (with retries, as udev may hold the device briefly). */
	MP_DM_REMOVE_FORCE = 1 << 1,
};

/* A one-target "linear" table, "0 <length> linear <major>:<minor> <offset>":
 * what a partition map over a multipath map holds. Sectors of 512 bytes. */
struct mp_dm_linear {
	uint64_t length;
	unsigned int major, minor;
	uint64_t offset;
};

struct mp_dm;

/*
 * The backend contract. Strings handed out through ret_* are malloc'd and
 * owned by the caller. Backends embed struct mp_dm as their first member.
 */
struct mp_dm_ops {
	const char *name;
	/* All maps whose first target is "multipath"; *ret_maps is malloc'd. */
	int (*list_maps)(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n);
	int (*get_map)(struct mp_dm *dm, const char *name, struct mp_dm_map *ret);
	/* "<start> <length> multipath <params>" as the kernel prints it. */
	int (*get_table)(struct mp_dm *dm, const char *name, char **ret_line);
	int (*get_status)(struct mp_dm *dm, const char *name, char **ret_line);
	int (*create)(struct mp_dm *dm, const char *name, const char *uuid,
		      const struct mp_dm_table *t, unsigned int flags);
	/* Load t as the inactive table, then resume without flushing, so I/O
	 * queued by queue_if_no_path survives the swap. */
	int (*reload)(struct mp_dm *dm, const char *name, const struct mp_dm_table *t);
	int (*rename)(struct mp_dm *dm, const char *name, const char *new_name);
	int (*remove)(struct mp_dm *dm, const char *name, unsigned int flags);
	int (*message)(struct mp_dm *dm, const char *name, const char *msg);
	int (*suspend)(struct mp_dm *dm, const char *name, bool noflush);
	int (*resume)(struct mp_dm *dm, const char *name);
	/* Block until the map's event counter differs from event_nr (the fake
	 * never blocks: -EAGAIN when nothing happened). */
	int (*wait_event)(struct mp_dm *dm, const char *name, uint32_t event_nr,
			  uint32_t *ret_event_nr);
	/* A pollable fd that turns readable when any dm event happens; after it
	 * does, call arm_poll and compare event_nr of the maps. Caller closes. */
	int (*open_event_fd)(struct mp_dm *dm, int *ret_fd);
	int (*arm_poll)(struct mp_dm *dm, int fd);
	/* Every map, whatever its target (partition maps are "linear"). */
	int (*list_all)(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n);
	/* The table of a one-target linear map; -EMEDIUMTYPE for other maps. */
	int (*get_linear)(struct mp_dm *dm, const char *name, struct mp_dm_linear *ret);
	int (*create_linear)(struct mp_dm *dm, const char *name, const char *uuid,
			     const struct mp_dm_linear *l, unsigned int flags);
	/* Load, then resume without flushing (a mounted partition stays usable). */
	int (*reload_linear)(struct mp_dm *dm, const char *name, const struct mp_dm_linear *l);
	void (*free)(struct mp_dm *dm);
};

struct mp_dm {
	const struct mp_dm_ops *ops;
};

/**
 * mp_dm_libdm_new() - the real backend.
 * Detects a running udevd (/run/udev/control is a socket): with it, device
 * nodes come from udev and mpath waits for them (udev cookie); without it,
 * libdevmapper's udev sync is switched off so that it creates
 * /dev/mapper/<name> itself. libdevmapper's messages go to mp_log(ctx).
 * ctx must outlive the handle.
 */
int mp_dm_libdm_new(const struct mp_ctx *ctx, struct mp_dm **ret_dm);
void mp_dm_free(struct mp_dm *dm);

int mp_dm_list_maps(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n);
int mp_dm_get_map(struct mp_dm *dm, const char *name, struct mp_dm_map *ret);
int mp_dm_get_table_line(struct mp_dm *dm, const char *name, char **ret_line);
int mp_dm_get_status_line(struct mp_dm *dm, const char *name, char **ret_line);
/* The same, parsed (-EINVAL if the kernel's text does not parse). */
int mp_dm_get_table(struct mp_dm *dm, const char *name, struct mp_dm_table *ret);
int mp_dm_get_status(struct mp_dm *dm, const char *name, struct mp_dm_table *ret);
int mp_dm_create(struct mp_dm *dm, const char *name, const char *uuid,
		 const struct mp_dm_table *t, unsigned int flags);
int mp_dm_reload(struct mp_dm *dm, const char *name, const struct mp_dm_table *t);
int mp_dm_rename(struct mp_dm *dm, const char *name, const char *new_name);
/* "flush": -EBUSY when the map is open, unless MP_DM_REMOVE_DEFERRED or
 * MP_DM_REMOVE_FORCE is given. */
int mp_dm_remove(struct mp_dm *dm, const char *name, unsigned int flags);
int mp_dm_message(struct mp_dm *dm, const char *name, const char *msg);
int mp_dm_suspend(struct mp_dm *dm, const char *name, bool noflush);
int mp_dm_resume(struct mp_dm *dm, const char *name);
int mp_dm_wait_event(struct mp_dm *dm, const char *name, uint32_t event_nr,
		     uint32_t *ret_event_nr);
int mp_dm_open_event_fd(struct mp_dm *dm, int *ret_fd);
int mp_dm_arm_poll(struct mp_dm *dm, int fd);

/* A name dm accepts for /dev/mapper/<name>: no '/', not "." or "..", no blanks, < 128. */
bool mp_dm_name_ok(const char *name);
int mp_dm_list_all(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n);
int mp_dm_get_linear(struct mp_dm *dm, const char *name, struct mp_dm_linear *ret);
int mp_dm_create_linear(struct mp_dm *dm, const char *name, const char *uuid,
			const struct mp_dm_linear *l, unsigned int flags);
int mp_dm_reload_linear(struct mp_dm *dm, const char *name, const struct mp_dm_linear *l);
/* "<major>:<minor> <offset>", the params of a linear table, into buf. */
int mp_dm_linear_params(const struct mp_dm_linear *l, char *buf, size_t size);
/* Parse "<start> <length> linear <major>:<minor> <offset>" (start must be 0). */
int mp_dm_linear_parse(const char *line, struct mp_dm_linear *ret);

/* The dm-multipath messages, spelled once. */
int mp_dm_fail_path(struct mp_dm *dm, const char *name, unsigned int major, unsigned int minor);
int mp_dm_reinstate_path(struct mp_dm *dm, const char *name, unsigned int major,
			 unsigned int minor);
int mp_dm_switch_group(struct mp_dm *dm, const char *name, unsigned int group);
int mp_dm_disable_group(struct mp_dm *dm, const char *name, unsigned int group);
int mp_dm_enable_group(struct mp_dm *dm, const char *name, unsigned int group);
int mp_dm_set_queueing(struct mp_dm *dm, const char *name, bool queue_if_no_path);

/* "mpath-<wwid>" into buf (the uuid multipath-tools uses too, so maps are
 * adopted both ways). -ENAMETOOLONG if it does not fit a dm uuid. */
int mp_dm_uuid_for_wwid(const char *wwid, char *buf, size_t size);
/* The wwid part of an "mpath-" uuid, or NULL for other uuids. */
const char *mp_dm_wwid_from_uuid(const char *uuid);

#endif
