/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lib/check's io backend in the daemon: SCSI commands (tur) go out on the
 * loop through the sg driver's asynchronous interface (scsi_async.c);
 * what can only block runs on the worker pool (whose deadline turns a hung
 * SG_IO into a timeout without waiting for it); reads go through the one
 * io_uring.
 */
#ifndef MPATHD_RUNTIME_CHECK_IO_H
#define MPATHD_RUNTIME_CHECK_IO_H

#include "check/check.h"

struct workers;
struct uring;
struct scsi_async;

struct check_io {
	struct workers *pool;
	struct uring *ring;       /* NULL: directio runs as a blocking job too */
	struct scsi_async *scsi;  /* NULL: tur runs as a blocking job too */
};

/* backend_data: a struct check_io *. */
extern const struct mp_check_backend_ops check_io_ops;

#endif
