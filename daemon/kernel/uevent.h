/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Uevents: parse the two wire formats seen on NETLINK_KOBJECT_UEVENT, keep
 * only block devices that can be or carry multipath (sd*, nvme*, dm-*), and
 * coalesce storms per device before the core hears of them.
 *
 * Kernel format (multicast group 1): "ACTION@DEVPATH\0KEY=VALUE\0KEY=VALUE\0..."
 * udev format (group 2): a header, then "KEY=VALUE\0..." properties:
 *   char prefix[8] = "libudev\0"; uint32 magic = 0xfeedcafe (big endian);
 *   uint32 header_size, properties_off, properties_len (host order);
 *   then filter hashes we do not need. ACTION and DEVPATH are properties.
 * Only messages from the kernel (sender port 0) or, for group 2, from a
 * root process are trusted: anyone may send netlink datagrams.
 */
#ifndef MPATHD_UEVENT_H
#define MPATHD_UEVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "mpath/mpath.h"

#define UEVENT_BUFFER_SIZE 8192
#define UEVENT_MAX_ENV 64

struct loop;

struct uevent {
	char buf[UEVENT_BUFFER_SIZE + 1]; /* own copy; the pointers below point in here */
	size_t len;
	bool from_udev;
	const char *action;    /* "add", "remove", "change", ... */
	const char *devpath;   /* "/devices/.../block/sda" */
	const char *subsystem;
	const char *devname;   /* "sda", "dm-3" (kernel's DEVNAME; never a path) */
	const char *devtype;   /* "disk", "partition" */
	const char *dm_name, *dm_uuid;
	const char *dm_action; /* "PATH_FAILED", "PATH_REINSTATED" */
	const char *dm_path;   /* "8:16" */
	const char *id_serial; /* from udev: the WWID others see */
	int major, minor;      /* -1 when absent */
	uint64_t seqnum;
	const char *env[UEVENT_MAX_ENV]; /* every "KEY=VALUE" */
	unsigned nenv;
};

/**
 * uevent_parse() - parse one datagram of either format into @ret_ev.
 * Return: 0, or -EBADMSG (malformed: reason in @ret_why, static string),
 * -E2BIG (longer than UEVENT_BUFFER_SIZE).
 */
int uevent_parse(const void *data, size_t len, struct uevent *ret_ev, const char **ret_why);

/* Value of @key or NULL. */
const char *uevent_get(const struct uevent *ev, const char *key);

/* True for block disks and partitions of sd*, nvme*, dm-* devices. */
bool uevent_is_relevant(const struct uevent *ev);

/**
 * uevent_sender_trusted() - should a datagram from @nl_pid with @cred be read?
 * Group 1: only the kernel (nl_pid 0, uid 0). Group 2: uid 0 (udevd).
 */
bool uevent_sender_trusted(unsigned group, uint32_t nl_pid, bool have_cred, uint32_t uid);

/* ---- live listener with coalescing ---- */

struct uevents;

struct uevent_notice {
	const struct uevent *ev; /* the last event of the burst */
	unsigned merged;         /* events folded into this one (0: none) */
	unsigned actions;        /* bit set of UEVENT_SAW_* across the burst */
	uint64_t received_usec;  /* loop clock when the burst's first event arrived:
				    latency is measured from here, window included */
};

enum {
	UEVENT_SAW_ADD = 1 << 0,
	UEVENT_SAW_REMOVE = 1 << 1,
	UEVENT_SAW_CHANGE = 1 << 2,
	UEVENT_SAW_OTHER = 1 << 3,
};

struct uevent_callbacks {
	/* One notice per device per window; runs on the loop thread. */
	void (*notify)(void *userdata, const struct uevent_notice *n);
	/* Dropped datagrams (malformed, untrusted, filtered), for counters. */
	void (*ignored)(void *userdata, const char *why);
	mp_log_fn log;
};

struct uevent_config {
	int group;          /* 1 kernel, 2 udev, 0 auto: udev if /run/udev/control exists */
	int coalesce_ms;    /* window per device; 0: deliver at once */
	unsigned max_pending; /* devices waiting in a window; 0: 4096. Beyond: flush early */
};

/**
 * uevents_start() - open the netlink socket (when @open_socket) and listen.
 * Without a socket the same object takes datagrams from uevents_feed(),
 * which tests and the replay tool use: the live path runs the same code.
 */
int uevents_start(struct loop *l, const struct uevent_config *cfg, const struct uevent_callbacks *cb,
		  void *userdata, bool open_socket, struct uevents **ret_u);
void uevents_stop(struct uevents *u);
/* Feeds one datagram as if received from a trusted sender. Return: 0 or -errno. */
int uevents_feed(struct uevents *u, const void *data, size_t len);
/* Delivers every pending notice now (shutdown, tests). */
void uevents_flush(struct uevents *u);

/**
 * uevents_replay_file() - feed a text recording (format in
 * tests/unit/daemon/data/README) through uevents_feed().
 * @ret_events: events fed. Return: 0 or -errno (-EBADMSG: bad line).
 */
int uevents_replay_file(struct uevents *u, const char *path, unsigned *ret_events);

#endif
