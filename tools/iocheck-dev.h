/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Opening the device under test and timing each synchronous I/O on it. */
#ifndef MPATH_TOOLS_IOCHECK_DEV_H
#define MPATH_TOOLS_IOCHECK_DEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ioc_dev {
	int fd;
	bool is_blockdev;
	uint64_t size;	      /* bytes */
	uint32_t sector_size; /* logical block size; O_DIRECT I/O must be a multiple */
};

/* Opens an existing block device or regular file. On error a message goes to @err. */
int ioc_dev_open(const char *path, bool direct, bool writable, struct ioc_dev *ret, char *err,
		 size_t errlen);
void ioc_dev_close(struct ioc_dev *d);

/* Regular files only: grow to @bytes so every block can be read back. */
int ioc_dev_ensure_size(struct ioc_dev *d, uint64_t bytes);

uint64_t ioc_now_ns(void);

/*
 * One pread/pwrite of exactly @len bytes at @off, retried on EINTR. The time it
 * took, retries included, goes to @ret_ns even on failure: a failing I/O after
 * a long stall is exactly what a failover test wants to see. A short transfer is
 * -EIO.
 */
int ioc_dev_io(const struct ioc_dev *d, bool write, void *buf, size_t len, uint64_t off,
	       uint64_t *ret_ns);

#endif
