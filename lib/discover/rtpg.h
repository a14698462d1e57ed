/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * REPORT TARGET PORT GROUPS (SPC-4 6.36, MAINTENANCE IN service action 0x0a):
 * which ALUA state every target port group is in and which relative target
 * ports belong to it.
 */
#ifndef MPATH_DISCOVER_RTPG_H
#define MPATH_DISCOVER_RTPG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discover/sense.h"

struct mp_ctx;

/* Supported-state bits of descriptor byte 1. */
enum {
	MP_TPG_SUP_AO = 0x01,
	MP_TPG_SUP_AN = 0x02,
	MP_TPG_SUP_S = 0x04,
	MP_TPG_SUP_U = 0x08,
	MP_TPG_SUP_LBD = 0x10,
	MP_TPG_SUP_O = 0x40,
	MP_TPG_SUP_T = 0x80,
};

struct mp_tpg {
	uint16_t id;
	uint8_t state;     /* enum mp_alua_state value (low 4 bits of byte 0) */
	bool preferred;    /* PREF bit */
	uint8_t supported; /* MP_TPG_SUP_* */
	uint8_t status;    /* 0 none, 1 altered by SET TPG, 2 altered by implicit behaviour */
	size_t n_ports;
	uint16_t *rel_ports; /* relative target port identifiers */
};

struct mp_rtpg {
	bool extended;     /* extended header (parameter data format 001b) */
	uint8_t transition_time; /* implicit transition time, seconds (extended only) */
	size_t n_groups;
	struct mp_tpg *groups;
};

/* 12-byte CDB; extended asks for the extended header. */
void mp_cdb_rtpg(uint8_t cdb[12], uint32_t alloc_len, bool extended);

/*
 * mp_rtpg_decode() - parse an RTPG response.
 * @len: bytes actually received; the return data length field may claim more
 * (the caller should retry with a larger buffer: see ret_needed)
 * @ret_needed: if not NULL, total bytes the device wants to send
 * Return: 0 and *ret (free with mp_rtpg_free()); -EINVAL when a descriptor
 * runs past the data; -ENOMEM.
 */
int mp_rtpg_decode(const uint8_t *buf, size_t len, struct mp_rtpg **ret, size_t *ret_needed);
void mp_rtpg_free(struct mp_rtpg *r);

/* The group holding relative target port rel_port, or NULL. */
const struct mp_tpg *mp_rtpg_find_port(const struct mp_rtpg *r, uint16_t rel_port);
/* The group with this id, or NULL. */
const struct mp_tpg *mp_rtpg_find_group(const struct mp_rtpg *r, uint16_t id);

/* Run RTPG through the transport (growing the buffer once when needed) and decode it. */
int mp_scsi_rtpg(const struct mp_ctx *ctx, const char *dev, struct mp_rtpg **ret,
		 struct mp_sense *ret_sense);

#endif
