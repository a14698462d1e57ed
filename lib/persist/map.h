/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Persistent reservations on a multipath map: the device holds one
 * registration per I_T nexus, so a key must be registered through every path
 * of the map or a failover lands on a path where the host is a stranger.
 * REGISTER (and REGISTER AND IGNORE, and RELEASE) therefore go down every
 * usable path, and when some paths answer RESERVATION CONFLICT the paths that
 * took the new key are rolled back to the old one, as mpathpersist does
 * (a path that fails on its own is left to the daemon); RESERVE, PREEMPT, CLEAR act on
 * the whole logical unit and go down one path; PR IN is answered by any.
 */
#ifndef MPATH_PERSIST_MAP_H
#define MPATH_PERSIST_MAP_H

#include "persist/persist.h"

struct mp_pr_path {
	const char *dev; /* kernel name of the path ("sdb"), owned by the caller */
	bool usable;     /* up in the map: the caller decides (dm status, device state) */
	/* Filled by mp_pr_map_out() / mp_pr_map_in(): */
	bool sent;                 /* the command went down this path */
	struct mp_pr_result res;   /* and ended so */
	bool rolled_back;          /* the rollback went down it too */
	struct mp_pr_result rollback_res;
};

enum mp_pr_fanout {
	MP_PR_EVERY_PATH, /* the state it changes belongs to one I_T nexus */
	MP_PR_ONE_PATH,   /* the state belongs to the logical unit */
};

/* Pure planning: where service action sa goes. */
enum mp_pr_fanout mp_prout_fanout(uint8_t sa);

/*
 * mp_prout_rollback() - the command that undoes a successful REGISTER or
 * REGISTER AND IGNORE on one path: the same service action with the two keys
 * swapped, so the nexus goes back to the key it had (0: not registered).
 * Return: 0, or -EINVAL for a service action that is not rolled back.
 */
int mp_prout_rollback(uint8_t sa, const struct mp_prout_param *p,
		      struct mp_prout_param *ret_rollback);

/* Whether a failure on one path says nothing about the others (transport,
 * timeout, device not ready, node gone), so the next path is worth a try. */
bool mp_pr_path_failure(const struct mp_pr_result *r);

/*
 * mp_pr_map_out() - one PR OUT on the map whose paths are paths[0..n).
 * @ret_res: the result that decides the outcome (the first failure, or
 * success), for messages and the exit status
 * Return: 0 when every usable path did what was asked; -ENODEV when no path
 * is usable; else the first device error (a path failure only when nothing
 * worse happened), after the rollback for a conflicting registration. A RELEASE is checked with READ RESERVATION afterwards:
 * -EAGAIN when the reservation is still held under the key (the holding
 * nexus did not answer).
 */
int mp_pr_map_out(const struct mp_ctx *ctx, struct mp_pr_path *paths, size_t n, uint8_t sa,
		  uint8_t type, const struct mp_prout_param *p, struct mp_pr_result *ret_res);

/*
 * mp_pr_map_in() - one PR IN through the first usable path that answers
 * (a path failure moves on to the next one).
 * Return: 0 with *ret_len and *ret_path (index into paths); -ENODEV; -errno.
 */
int mp_pr_map_in(const struct mp_ctx *ctx, struct mp_pr_path *paths, size_t n, uint8_t sa,
		 uint8_t *buf, size_t len, size_t *ret_len, size_t *ret_path,
		 struct mp_pr_result *ret_res);

#endif
