/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SCSI commands on the loop without a thread (lib/check's struct
 * mp_check_scsi): each request is one fd that the transport gives and one
 * loop timer at its deadline. A device that never answers holds its own fd
 * until then, and nothing another path needs; the thread count stays 1 +
 * workers whatever hangs.
 */
#ifndef MPATHD_RUNTIME_SCSI_ASYNC_H
#define MPATHD_RUNTIME_SCSI_ASYNC_H

#include <stdint.h>

#include "check/check.h"

struct loop;
struct scsi_async;

struct scsi_async_stats {
	unsigned inflight;
	unsigned long long sent, answered, timed_out, refused;
};

/* @max_inflight: requests at once (0: 4096); beyond it submit says -EAGAIN. */
int scsi_async_new(struct loop *l, unsigned max_inflight, struct scsi_async **ret);
/* Abandons what is in flight: finish(-ECANCELED, MP_CHECK_JOB_EXPIRED), fd
 * closed, release(). Accepts NULL. */
void scsi_async_free(struct scsi_async *a);
/* Return: 0, -EAGAIN when full, or send()'s -errno (nothing called then). */
int scsi_async_submit(struct scsi_async *a, struct mp_check_scsi *sc, uint64_t deadline_usec);
void scsi_async_get_stats(const struct scsi_async *a, struct scsi_async_stats *ret);

#endif
