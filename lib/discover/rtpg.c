/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "common/macros.h"
#include "discover/rtpg.h"
#include "discover/transport.h"

#define RTPG_TIMEOUT_MS 30000

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

void mp_cdb_rtpg(uint8_t cdb[12], uint32_t alloc_len, bool extended)
{
	memset(cdb, 0, 12);
	cdb[0] = 0xa3; /* MAINTENANCE IN */
	/* Parameter data format in bits 5-7 of byte 1: 001b asks for the extended header. */
	cdb[1] = 0x0a | (extended ? 0x20 : 0x00);
	cdb[6] = (uint8_t)(alloc_len >> 24);
	cdb[7] = (uint8_t)(alloc_len >> 16);
	cdb[8] = (uint8_t)(alloc_len >> 8);
	cdb[9] = (uint8_t)alloc_len;
}

void mp_rtpg_free(struct mp_rtpg *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_groups; i++)
		free(r->groups[i].rel_ports);
	free(r->groups);
	free(r);
}

/*
 * Layout: bytes 0-3 return data length (not counting themselves); with the
 * extended header, byte 4 bits 4-6 = 001b and byte 5 the implicit transition
 * time, descriptors from byte 8. Each descriptor is 8 bytes (byte 0: PREF bit
 * 7, state bits 0-3; byte 1: supported states; 2-3: group id; 5: status
 * code; 7: port count) followed by 4 bytes per port (id in bytes 2-3).
 */
int mp_rtpg_decode(const uint8_t *buf, size_t len, struct mp_rtpg **ret, size_t *ret_needed)
{
	struct mp_rtpg *r;
	size_t off = 4, end;
	uint64_t total;

	if (len < 4)
		return -EINVAL;
	total = (uint64_t)be32(buf) + 4;
	if (ret_needed)
		*ret_needed = total > SIZE_MAX ? SIZE_MAX : (size_t)total;
	end = total < len ? (size_t)total : len;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	if (end >= 8 && ((buf[4] >> 4) & 0x7) == 1) {
		r->extended = true;
		r->transition_time = buf[5];
		off = 8;
	}
	while (off + 8 <= end) {
		const uint8_t *d = buf + off;
		size_t nports = d[7];
		struct mp_tpg *g, *groups;

		if (off + 8 + nports * 4 > end) {
			/* Cut by a short buffer: keep the complete descriptors. */
			if (end < total)
				break;
			mp_rtpg_free(r);
			return -EINVAL;
		}
		groups = realloc(r->groups, (r->n_groups + 1) * sizeof(*groups));
		if (!groups) {
			mp_rtpg_free(r);
			return -ENOMEM;
		}
		r->groups = groups;
		g = &r->groups[r->n_groups];
		memset(g, 0, sizeof(*g));
		r->n_groups++;
		g->preferred = d[0] & 0x80;
		g->state = d[0] & 0x0f;
		g->supported = d[1];
		g->id = be16(d + 2);
		g->status = d[5];
		if (nports) {
			g->rel_ports = calloc(nports, sizeof(*g->rel_ports));
			if (!g->rel_ports) {
				mp_rtpg_free(r);
				return -ENOMEM;
			}
			for (size_t i = 0; i < nports; i++)
				g->rel_ports[i] = be16(d + 8 + i * 4 + 2);
			g->n_ports = nports;
		}
		off += 8 + nports * 4;
	}
	/* Leftover bytes shorter than a descriptor header: a truncated answer. */
	if (off != end && end == (size_t)total) {
		mp_rtpg_free(r);
		return -EINVAL;
	}
	*ret = r;
	return 0;
}

const struct mp_tpg *mp_rtpg_find_port(const struct mp_rtpg *r, uint16_t rel_port)
{
	for (size_t i = 0; i < r->n_groups; i++)
		for (size_t j = 0; j < r->groups[i].n_ports; j++)
			if (r->groups[i].rel_ports[j] == rel_port)
				return &r->groups[i];
	return NULL;
}

const struct mp_tpg *mp_rtpg_find_group(const struct mp_rtpg *r, uint16_t id)
{
	for (size_t i = 0; i < r->n_groups; i++)
		if (r->groups[i].id == id)
			return &r->groups[i];
	return NULL;
}

static int rtpg_once(const struct mp_ctx *ctx, const char *dev, uint8_t *buf, size_t size,
		     size_t *ret_len, struct mp_sense *ret_sense)
{
	uint8_t cdb[12];
	struct mp_scsi_io io = {0};
	int r;

	mp_cdb_rtpg(cdb, (uint32_t)size, true);
	io.cdb = cdb;
	io.cdb_len = sizeof(cdb);
	io.buf = buf;
	io.buf_len = size;
	io.timeout_ms = RTPG_TIMEOUT_MS;
	r = mp_scsi_execute(ctx, dev, &io);
	if (r == -EREMOTEIO && ret_sense)
		(void)mp_sense_decode(io.sense, io.sense_len, ret_sense);
	if (r < 0)
		return r;
	*ret_len = io.data_len;
	return 0;
}

int mp_scsi_rtpg(const struct mp_ctx *ctx, const char *dev, struct mp_rtpg **ret,
		 struct mp_sense *ret_sense)
{
	/* Most arrays have a handful of groups: 4 KiB usually fits, else one retry. */
	size_t size = 4096, len = 0, needed = 0;
	_cleanup_free_ uint8_t *buf = NULL;
	int r;

	if (ret_sense)
		memset(ret_sense, 0, sizeof(*ret_sense));
	for (int attempt = 0; attempt < 2; attempt++) {
		free(buf);
		buf = calloc(1, size);
		if (!buf)
			return -ENOMEM;
		r = rtpg_once(ctx, dev, buf, size, &len, ret_sense);
		if (r < 0)
			return r;
		if (len < 4)
			return -EINVAL;
		needed = (size_t)be32(buf) + 4;
		if (needed <= size || needed > 0x100000)
			break;
		size = needed;
	}
	return mp_rtpg_decode(buf, len, ret, NULL);
}
