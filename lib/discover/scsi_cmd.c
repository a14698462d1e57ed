/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>

#include "common/ctx.h"
#include "discover/scsi_cmd.h"
#include "discover/transport.h"

/* Default for discovery commands: long enough for a busy array, short enough not to stall a scan. */
#define MP_DISCOVER_TIMEOUT_MS 30000

void mp_cdb_test_unit_ready(uint8_t cdb[MP_CDB6_LEN])
{
	memset(cdb, 0, MP_CDB6_LEN);
	cdb[0] = MP_OP_TEST_UNIT_READY;
}

void mp_cdb_inquiry(uint8_t cdb[MP_CDB6_LEN], bool evpd, uint8_t page, uint16_t alloc_len)
{
	memset(cdb, 0, MP_CDB6_LEN);
	cdb[0] = MP_OP_INQUIRY;
	cdb[1] = evpd ? 0x01 : 0x00;
	cdb[2] = evpd ? page : 0;
	cdb[3] = (uint8_t)(alloc_len >> 8);
	cdb[4] = (uint8_t)alloc_len;
}

/* Copy a fixed-width ASCII field, dropping trailing blanks and NULs. */
static void copy_field(char *dst, const uint8_t *src, size_t width)
{
	size_t n = width;

	while (n > 0 && (src[n - 1] == ' ' || src[n - 1] == '\0'))
		n--;
	for (size_t i = 0; i < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? (char)src[i] : '.';
	dst[n] = '\0';
}

int mp_inquiry_decode(const uint8_t *buf, size_t len, struct mp_std_inquiry *ret)
{
	struct mp_std_inquiry inq = {0};

	if (len < 36)
		return -EINVAL;
	inq.peripheral_qualifier = buf[0] >> 5;
	inq.device_type = buf[0] & 0x1f;
	inq.version = buf[2];
	inq.tpgs = (enum mp_tpgs)((buf[5] >> 4) & 0x3);
	copy_field(inq.vendor, buf + 8, 8);
	copy_field(inq.product, buf + 16, 16);
	copy_field(inq.revision, buf + 32, 4);
	*ret = inq;
	return 0;
}

int mp_vpd_payload(const uint8_t *buf, size_t len, uint8_t page, const uint8_t **ret_payload,
		   size_t *ret_payload_len, bool *ret_truncated)
{
	size_t plen;
	bool truncated = false;

	if (len < 4 || buf[1] != page)
		return -EINVAL;
	plen = ((size_t)buf[2] << 8) | buf[3];
	if (plen > len - 4) {
		plen = len - 4;
		truncated = true;
	}
	*ret_payload = buf + 4;
	*ret_payload_len = plen;
	if (ret_truncated)
		*ret_truncated = truncated;
	return 0;
}

int mp_vpd00_has_page(const uint8_t *buf, size_t len, uint8_t page)
{
	const uint8_t *p;
	size_t n;
	int r;

	r = mp_vpd_payload(buf, len, MP_VPD_SUPPORTED, &p, &n, NULL);
	if (r < 0)
		return r;
	return memchr(p, page, n) ? 1 : 0;
}

int mp_vpd80_decode(const uint8_t *buf, size_t len, char *serial, size_t size)
{
	const uint8_t *p;
	size_t n, start = 0;
	int r;

	r = mp_vpd_payload(buf, len, MP_VPD_SERIAL, &p, &n, NULL);
	if (r < 0)
		return r;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\0'))
		n--;
	while (start < n && p[start] == ' ')
		start++;
	if (n - start >= size)
		return -ENOSPC;
	for (size_t i = start; i < n; i++)
		serial[i - start] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '.';
	serial[n - start] = '\0';
	return 0;
}

static void fill_sense(const struct mp_scsi_io *io, int r, struct mp_sense *ret_sense)
{
	if (!ret_sense)
		return;
	memset(ret_sense, 0, sizeof(*ret_sense));
	if (r == -EREMOTEIO)
		(void)mp_sense_decode(io->sense, io->sense_len, ret_sense);
}

int mp_scsi_inquiry_vpd(const struct mp_ctx *ctx, const char *dev, uint8_t page, uint8_t *buf,
			size_t size, size_t *ret_len, struct mp_sense *ret_sense)
{
	uint8_t cdb[MP_CDB6_LEN];
	struct mp_scsi_io io = {0};
	int r;

	if (size > 0xffff)
		size = 0xffff;
	mp_cdb_inquiry(cdb, true, page, (uint16_t)size);
	io.cdb = cdb;
	io.cdb_len = sizeof(cdb);
	io.buf = buf;
	io.buf_len = size;
	io.timeout_ms = MP_DISCOVER_TIMEOUT_MS;
	r = mp_scsi_execute(ctx, dev, &io);
	fill_sense(&io, r, ret_sense);
	if (r < 0)
		return r;
	*ret_len = io.data_len;
	return 0;
}

int mp_scsi_tur(const struct mp_ctx *ctx, const char *dev, unsigned int timeout_ms,
		struct mp_sense *ret_sense)
{
	uint8_t cdb[MP_CDB6_LEN];
	struct mp_scsi_io io = {0};
	int r;

	mp_cdb_test_unit_ready(cdb);
	io.cdb = cdb;
	io.cdb_len = sizeof(cdb);
	io.timeout_ms = timeout_ms;
	r = mp_scsi_execute(ctx, dev, &io);
	fill_sense(&io, r, ret_sense);
	return r;
}

int mp_scsi_execute(const struct mp_ctx *ctx, const char *dev, struct mp_scsi_io *io)
{
	int r;

	if (!ctx->scsi || !ctx->scsi->execute)
		return -EOPNOTSUPP;
	io->data_len = 0;
	io->status = MP_SAM_GOOD;
	io->sense_len = 0;
	/* Some HBA drivers report no residual, so data_len can cover bytes the
	   device never wrote: zeroed, they decode as nothing rather than as
	   whatever the heap or stack held before (a WWID made of old memory). */
	if (!io->data_out && io->buf && io->buf_len)
		memset(io->buf, 0, io->buf_len);
	r = ctx->scsi->execute(ctx->scsi_data, dev, io);
	if (r < 0)
		return r;
	/* A transport must never claim more than it was given room for. */
	if (io->data_len > io->buf_len)
		io->data_len = io->buf_len;
	if (io->sense_len > sizeof(io->sense))
		io->sense_len = sizeof(io->sense);
	switch (io->status) {
	case MP_SAM_GOOD:
	case MP_SAM_CONDITION_MET:
		return 0;
	case MP_SAM_CHECK_CONDITION:
		return -EREMOTEIO;
	case MP_SAM_BUSY:
	case MP_SAM_TASK_SET_FULL:
	case MP_SAM_ACA_ACTIVE:
		return -EBUSY;
	case MP_SAM_RESERVATION_CONFLICT:
		return -EACCES;
	case MP_SAM_TASK_ABORTED:
		return -ECANCELED;
	}
	return -EIO;
}
