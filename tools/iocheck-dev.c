/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "iocheck-dev.h"

int ioc_dev_open(const char *path, bool direct, bool writable, struct ioc_dev *ret, char *err,
		 size_t errlen)
{
	int flags = (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC | (direct ? O_DIRECT : 0);
	struct ioc_dev d = {.fd = -1, .sector_size = 512};
	struct stat sb;
	int r;

	/* No O_CREAT: a typo in /dev/mapper/... must not turn into a file on tmpfs. */
	d.fd = open(path, flags);
	if (d.fd < 0) {
		r = -errno;
		if (r == -EINVAL && direct)
			snprintf(err, errlen,
				 "%s: O_DIRECT is not supported here (tmpfs?); use --no-direct",
				 path);
		else
			snprintf(err, errlen, "cannot open %s: %s", path, strerror(-r));
		return r;
	}
	if (fstat(d.fd, &sb) < 0) {
		r = -errno;
		snprintf(err, errlen, "cannot stat %s: %s", path, strerror(-r));
		goto fail;
	}
	if (S_ISBLK(sb.st_mode)) {
		int ssz = 0;

		d.is_blockdev = true;
		if (ioctl(d.fd, BLKGETSIZE64, &d.size) < 0) {
			r = -errno;
			snprintf(err, errlen, "%s: cannot get the device size: %s", path,
				 strerror(-r));
			goto fail;
		}
		if (ioctl(d.fd, BLKSSZGET, &ssz) == 0 && ssz > 0)
			d.sector_size = (uint32_t)ssz;
	} else if (S_ISREG(sb.st_mode)) {
		d.size = (uint64_t)sb.st_size;
	} else {
		r = -EINVAL;
		snprintf(err, errlen, "%s is neither a block device nor a regular file", path);
		goto fail;
	}
	*ret = d;
	return 0;
fail:
	close(d.fd);
	return r;
}

void ioc_dev_close(struct ioc_dev *d)
{
	if (d && d->fd >= 0) {
		close(d->fd);
		d->fd = -1;
	}
}

int ioc_dev_ensure_size(struct ioc_dev *d, uint64_t bytes)
{
	if (d->is_blockdev || d->size >= bytes)
		return 0;
	if (ftruncate(d->fd, (off_t)bytes) < 0)
		return -errno;
	d->size = bytes;
	return 0;
}

uint64_t ioc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int ioc_dev_io(const struct ioc_dev *d, bool write, void *buf, size_t len, uint64_t off,
	       uint64_t *ret_ns)
{
	uint64_t t0 = ioc_now_ns();
	ssize_t n;
	int r = 0;

	do {
		n = write ? pwrite(d->fd, buf, len, (off_t)off)
			  : pread(d->fd, buf, len, (off_t)off);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		r = -errno;
	else if ((size_t)n != len)
		r = -EIO;
	*ret_ns = ioc_now_ns() - t0;
	return r;
}
