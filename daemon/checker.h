/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Asynchronous path checkers. A check is start(path, deadline) and, later on
 * the loop thread, exactly one completion (state + message). Nothing blocks
 * the loop: "tur" and "readsector0" run on the worker pool, "directio"
 * goes through the daemon's single io_uring, "none" answers at once.
 * A check whose deadline passes completes as MP_PATH_TIMEOUT; one that
 * could not even start in time (every worker stuck, ring full) completes as
 * MP_PATH_PENDING, which the core must not read as a path failure.
 */
#ifndef MPATHD_CHECKER_H
#define MPATHD_CHECKER_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

struct loop;
struct workers;
struct uring;
struct sg_io_hdr;

/* The SG_IO call, behind a pointer so tests script the device. Returns 0 or -errno. */
typedef int (*checker_sg_io_fn)(void *data, int fd, struct sg_io_hdr *hdr);

struct checker_env {
	struct loop *loop;
	struct workers *pool;
	struct uring *ring;
	checker_sg_io_fn sg_io; /* NULL: the real ioctl */
	void *sg_data;
	/* Open device nodes without O_DIRECT in directio/readsector0. Only for
	   tests: a FIFO (which refuses O_DIRECT) stands in for a device that
	   never answers. */
	bool no_direct;
};

struct check_result {
	enum mp_path_state state;
	char message[128];
};

/* Called once per started check on the loop thread; @r is valid during the call. */
typedef void (*check_done_fn)(void *userdata, const struct check_result *r);

struct check;

struct checker_ops {
	const char *name;
	/**
	 * start() - check @devnode ("/dev/sda"), completing by @deadline_usec.
	 * Return: 0 (done will be called, possibly before start returns for
	 * "none"), or -errno (done will not be called).
	 */
	int (*start)(const struct checker_env *env, const char *devnode, uint64_t deadline_usec,
		     check_done_fn done, void *userdata);
};

const struct checker_ops *checker_find(const char *name);

/* ---- shared by the checker implementations ---- */

/* Fills @r; the message is printf-formatted. */
void check_result_set(struct check_result *r, enum mp_path_state s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Decodes a TEST UNIT READY outcome (pure; tests feed it sense data). */
void tur_decode(int ioctl_ret, const struct sg_io_hdr *hdr, struct check_result *r);

/* The daemon's one io_uring, shared by every directio check. */
int uring_new(struct loop *l, unsigned entries, struct uring **ret_ring);
void uring_free(struct uring *ring);
unsigned uring_inflight(const struct uring *ring);

extern const struct checker_ops checker_none;
extern const struct checker_ops checker_tur;
extern const struct checker_ops checker_directio;
extern const struct checker_ops checker_readsector0;

/* ---- per-path check interval ---- */

/**
 * checker_next_interval() - seconds until a path's next check.
 * Unstable (state changed, or not up): back to @min (polling_interval).
 * Healthy and unchanged: double, up to @max (max_polling_interval).
 */
unsigned checker_next_interval(unsigned cur, unsigned min, unsigned max,
			       enum mp_path_state old_state, enum mp_path_state new_state);

#endif
