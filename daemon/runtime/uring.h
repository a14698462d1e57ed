/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's single io_uring, serving lib/check's asynchronous reads
 * (directio) on the loop thread: each read completes once, by its deadline
 * at the latest, and is released when the kernel is done with its buffer.
 */
#ifndef MPATHD_RUNTIME_URING_H
#define MPATHD_RUNTIME_URING_H

#include <stdint.h>

#include "check/check.h"

struct loop;
struct uring;

int uring_new(struct loop *l, unsigned entries, struct uring **ret_ring);
void uring_free(struct uring *ring);
unsigned uring_inflight(const struct uring *ring);

/**
 * uring_read() - start @rd; @deadline_usec on the loop clock (0: none).
 * Return: 0 (@rd will be finished and released), -EAGAIN when the ring is
 * full (nothing is called then), or -errno.
 */
int uring_read(struct uring *ring, struct mp_check_read *rd, uint64_t deadline_usec);

#endif
