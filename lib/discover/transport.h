/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The seam between mpath and the kernel's SCSI pass-through. Everything that
 * sends a SCSI command (VPD fallback, RTPG, checkers) goes through a
 * struct mp_scsi_transport held in the context, so tests and the fuzzer can
 * answer from a table (fake_scsi.h) and the host uses SG_IO (sg_io.c).
 */
#ifndef MPATH_DISCOVER_TRANSPORT_H
#define MPATH_DISCOVER_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mp_ctx;

/* Sense buffer size: SPC allows up to 252 bytes of sense data. */
#define MP_SENSE_MAX 252

/* SCSI status byte values (SAM). */
enum {
	MP_SAM_GOOD = 0x00,
	MP_SAM_CHECK_CONDITION = 0x02,
	MP_SAM_CONDITION_MET = 0x04,
	MP_SAM_BUSY = 0x08,
	MP_SAM_RESERVATION_CONFLICT = 0x18,
	MP_SAM_TASK_SET_FULL = 0x28,
	MP_SAM_ACA_ACTIVE = 0x30,
	MP_SAM_TASK_ABORTED = 0x40,
};

/* One data-in, data-out or no-data command. The caller owns every buffer. */
struct mp_scsi_io {
	const uint8_t *cdb;
	size_t cdb_len;
	uint8_t *buf;     /* data buffer, NULL for no-data commands */
	size_t buf_len;   /* its size */
	bool data_out;    /* buf goes to the device (PERSISTENT RESERVE OUT); default data-in */
	unsigned int timeout_ms;
	/* Filled by execute(): */
	size_t data_len;  /* bytes the device returned (buf_len - residual) */
	uint8_t status;   /* SAM status byte */
	uint8_t sense[MP_SENSE_MAX];
	size_t sense_len;
};

struct mp_scsi_transport {
	/*
	 * execute() - run io->cdb on dev (kernel name: "sda", "sg3").
	 * @data: ctx->scsi_data, owned by whoever set up the context
	 * Return: 0 when the device answered with any SCSI status (look at
	 * io->status and io->sense); -ETIMEDOUT when the command timed out;
	 * -ENOLINK / -EIO / -EBUSY for transport (host/driver) failures;
	 * -errno when the device could not be opened.
	 */
	int (*execute)(void *data, const char *dev, struct mp_scsi_io *io);
	/*
	 * Optional, both or neither: the same command without blocking.
	 * submit() sends @io and returns an fd (*ret_fd, the caller's to close)
	 * that becomes readable when the answer is there; complete() reads it
	 * from that fd into @io, with execute()'s return convention. @io and its
	 * buffers must stay valid until complete() or close(). Closing the fd
	 * instead abandons the command: nothing is written to @io afterwards.
	 * Return of submit(): 0, -EOPNOTSUPP when @dev has no such path (use
	 * execute()), -errno.
	 */
	int (*submit)(void *data, const char *dev, struct mp_scsi_io *io, int *ret_fd);
	int (*complete)(void *data, int fd, struct mp_scsi_io *io);
};

/* The live transport: SG_IO ioctl on <data>/<dev>; data is a const char * device
 * directory (usually ctx->dev_root), NULL meaning "/dev". Its submit/complete
 * use the sg driver's write()/poll()/read() interface on the device's
 * /dev/sgN (found in /sys; only when data is NULL, the live system). */
extern const struct mp_scsi_transport mp_sg_io_transport;

/*
 * mp_scsi_execute() - run io through ctx->scsi and fold the SCSI status into
 * the return value: 0 on GOOD/CONDITION MET; -EREMOTEIO on CHECK CONDITION
 * (io->sense holds why); -EBUSY on BUSY/TASK SET FULL/ACA ACTIVE;
 * -EACCES on RESERVATION CONFLICT; -ECANCELED on TASK ABORTED;
 * -EOPNOTSUPP when the context has no transport; transport -errno otherwise.
 */
int mp_scsi_execute(const struct mp_ctx *ctx, const char *dev, struct mp_scsi_io *io);

#endif
