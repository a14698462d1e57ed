/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The live SCSI transport: one SG_IO ioctl per command on the block device
 * (or sg) node. The caller's timeout goes to the kernel, which aborts the
 * command itself, so a dead path costs at most that timeout.
 *
 * The asynchronous form writes the same sg_io_hdr to the device's sg node
 * and reads the answer when poll() says it is there: a hung device holds an
 * fd, not a thread. Only the sg node speaks this interface (a write() to the
 * block node would be a write to the disk), so the block device's
 * scsi_generic link in sysfs names it. Abandoning a command is close(): the
 * sg driver copies sense and data to the caller only inside read(), and an
 * orphaned request's data is freed, not copied (bio_uncopy_user).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <scsi/sg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common/macros.h"
#include "discover/transport.h"

/* host_status values (include/scsi/scsi_status.h, DID_*) that mean something to us. */
enum {
	HOST_OK = 0x00,
	HOST_NO_CONNECT = 0x01,
	HOST_BUS_BUSY = 0x02,
	HOST_TIME_OUT = 0x03,
	HOST_ABORT = 0x05,
	HOST_TRANSPORT_DISRUPTED = 0x0e,
	HOST_TRANSPORT_FAILFAST = 0x0f,
	HOST_TRANSPORT_MARGINAL = 0x14,
};

/* driver_status (DRIVER_*): low nibble; 0x08 only says sense is valid. */
enum {
	DRV_OK = 0x00,
	DRV_BUSY = 0x01,
	DRV_TIMEOUT = 0x06,
	DRV_SENSE = 0x08,
};

static int host_errno(unsigned int host)
{
	switch (host) {
	case HOST_OK:
		return 0;
	case HOST_NO_CONNECT:
	case HOST_TRANSPORT_FAILFAST:
		return -ENOLINK;
	case HOST_BUS_BUSY:
	case HOST_TRANSPORT_DISRUPTED:
		return -EBUSY;
	case HOST_TIME_OUT:
	case HOST_ABORT:
		return -ETIMEDOUT;
	}
	return -EIO;
}

static void fill_hdr(struct sg_io_hdr *hdr, struct mp_scsi_io *io)
{
	memset(hdr, 0, sizeof(*hdr));
	hdr->interface_id = 'S';
	hdr->cmdp = (unsigned char *)io->cdb;
	hdr->cmd_len = (unsigned char)io->cdb_len;
	hdr->dxferp = io->buf;
	hdr->dxfer_len = (unsigned int)io->buf_len;
	hdr->dxfer_direction = !io->buf_len ? SG_DXFER_NONE
			       : io->data_out ? SG_DXFER_TO_DEV
					      : SG_DXFER_FROM_DEV;
	hdr->sbp = io->sense;
	hdr->mx_sb_len = sizeof(io->sense);
	hdr->timeout = io->timeout_ms;
}

/* The kernel's answer in @hdr -> execute()'s convention and @io's fields. */
static int hdr_result(const struct sg_io_hdr *hdr, struct mp_scsi_io *io)
{
	int r;

	if ((hdr->driver_status & 0x0f) == DRV_TIMEOUT)
		return -ETIMEDOUT;
	r = host_errno(hdr->host_status);
	if (r < 0)
		return r;
	if ((hdr->driver_status & 0x0f) == DRV_BUSY)
		return -EBUSY;
	io->status = hdr->status;
	io->sense_len = hdr->sb_len_wr < sizeof(io->sense) ? hdr->sb_len_wr : sizeof(io->sense);
	/* data_len counts bytes received; a data-out command receives none. */
	io->data_len = io->data_out ? 0
		       : hdr->resid > 0 && (unsigned int)hdr->resid <= hdr->dxfer_len
			       ? hdr->dxfer_len - (unsigned int)hdr->resid
			       : hdr->dxfer_len;
	/* Some HBAs report sense without setting the status: treat as CHECK CONDITION. */
	if (io->status == 0 && (hdr->driver_status & DRV_SENSE) && io->sense_len)
		io->status = MP_SAM_CHECK_CONDITION;
	return 0;
}

static bool io_ok(const char *dev, const struct mp_scsi_io *io)
{
	return !strchr(dev, '/') && io->cdb_len <= 16 && io->buf_len <= UINT_MAX;
}

static int sg_io_execute(void *data, const char *dev, struct mp_scsi_io *io)
{
	const char *dev_root = data ? data : "/dev";
	char path[PATH_MAX];
	_cleanup_close_ int fd = -1;
	struct sg_io_hdr hdr;
	int n;

	if (!io_ok(dev, io))
		return -EINVAL;
	n = snprintf(path, sizeof(path), "%s/%s", dev_root, dev);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	/* O_NONBLOCK: opening a removable or reserved device must not wait. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	fill_hdr(&hdr, io);
	if (ioctl(fd, SG_IO, &hdr) < 0)
		return -errno;
	return hdr_result(&hdr, io);
}

/* "sda" -> "sg2" through /sys/class/block/sda/device/scsi_generic/. */
static int sg_name(const char *dev, char *buf, size_t size)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int r = -EOPNOTSUPP;

	if (strncmp(dev, "sg", 2) == 0) {
		snprintf(buf, size, "%s", dev);
		return 0;
	}
	if (snprintf(path, sizeof(path), "/sys/class/block/%s/device/scsi_generic", dev) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d) /* no sg driver, or not SCSI (NVMe): the blocking form it is */
		return errno == EMFILE || errno == ENFILE || errno == ENOMEM ? -errno : -EOPNOTSUPP;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, "sg", 2) == 0 && strlen(e->d_name) < size) {
			strcpy(buf, e->d_name);
			r = 0;
			break;
		}
	closedir(d);
	return r;
}

static int sg_submit(void *data, const char *dev, struct mp_scsi_io *io, int *ret_fd)
{
	char sg[64], path[PATH_MAX];
	struct sg_io_hdr hdr;
	int fd, r;

	if (data) /* a test's device directory: its nodes have no sysfs */
		return -EOPNOTSUPP;
	if (!io_ok(dev, io))
		return -EINVAL;
	r = sg_name(dev, sg, sizeof(sg));
	if (r < 0)
		return r;
	snprintf(path, sizeof(path), "/dev/%s", sg);
	/* O_RDWR: the sg driver takes commands by write(); O_NONBLOCK: never
	   wait in open() or write(), poll() says when the answer is there. */
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -EOPNOTSUPP : -errno;
	fill_hdr(&hdr, io);
	if (write(fd, &hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr)) {
		r = -errno;
		close(fd);
		return r ? r : -EIO;
	}
	*ret_fd = fd;
	return 0;
}

static int sg_complete(void *data, int fd, struct mp_scsi_io *io)
{
	struct sg_io_hdr hdr;

	(void)data;
	/* read() takes the header back, its pointers the ones write() gave. */
	fill_hdr(&hdr, io);
	errno = 0;
	if (read(fd, &hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr))
		return errno ? -errno : -EIO;
	return hdr_result(&hdr, io);
}

const struct mp_scsi_transport mp_sg_io_transport = {
	.execute = sg_io_execute,
	.submit = sg_submit,
	.complete = sg_complete,
};
