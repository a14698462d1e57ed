/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The live SCSI transport: one SG_IO ioctl per command on the block device
 * (or sg) node. The caller's timeout goes to the kernel, which aborts the
 * command itself, so a dead path costs at most that timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <scsi/sg.h>
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

static int sg_io_execute(void *data, const char *dev, struct mp_scsi_io *io)
{
	const char *dev_root = data ? data : "/dev";
	char path[PATH_MAX];
	_cleanup_close_ int fd = -1;
	struct sg_io_hdr hdr;
	int n, r;

	if (strchr(dev, '/') || io->cdb_len > 16 || io->buf_len > UINT_MAX)
		return -EINVAL;
	n = snprintf(path, sizeof(path), "%s/%s", dev_root, dev);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	/* O_NONBLOCK: opening a removable or reserved device must not wait. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&hdr, 0, sizeof(hdr));
	hdr.interface_id = 'S';
	hdr.cmdp = (unsigned char *)io->cdb;
	hdr.cmd_len = (unsigned char)io->cdb_len;
	hdr.dxferp = io->buf;
	hdr.dxfer_len = (unsigned int)io->buf_len;
	hdr.dxfer_direction = io->buf_len ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
	hdr.sbp = io->sense;
	hdr.mx_sb_len = sizeof(io->sense);
	hdr.timeout = io->timeout_ms;
	if (ioctl(fd, SG_IO, &hdr) < 0)
		return -errno;
	if ((hdr.driver_status & 0x0f) == DRV_TIMEOUT)
		return -ETIMEDOUT;
	r = host_errno(hdr.host_status);
	if (r < 0)
		return r;
	if ((hdr.driver_status & 0x0f) == DRV_BUSY)
		return -EBUSY;
	io->status = hdr.status;
	io->sense_len = hdr.sb_len_wr;
	io->data_len = hdr.resid > 0 && (unsigned int)hdr.resid <= hdr.dxfer_len
			       ? hdr.dxfer_len - (unsigned int)hdr.resid
			       : hdr.dxfer_len;
	/* Some HBAs report sense without setting the status: treat as CHECK CONDITION. */
	if (io->status == 0 && (hdr.driver_status & DRV_SENSE) && io->sense_len)
		io->status = MP_SAM_CHECK_CONDITION;
	return 0;
}

const struct mp_scsi_transport mp_sg_io_transport = {
	.execute = sg_io_execute,
};
