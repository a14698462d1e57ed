/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>

#include "persist/persist.h"

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

const char *mp_pr_type_name(uint8_t type)
{
	switch (type) {
	case MP_PR_WRITE_EXCLUSIVE:
		return "Write Exclusive";
	case MP_PR_EXCLUSIVE_ACCESS:
		return "Exclusive Access";
	case MP_PR_WRITE_EXCLUSIVE_RO:
		return "Write Exclusive, registrants only";
	case MP_PR_EXCLUSIVE_ACCESS_RO:
		return "Exclusive Access, registrants only";
	case MP_PR_WRITE_EXCLUSIVE_AR:
		return "Write Exclusive, all registrants";
	case MP_PR_EXCLUSIVE_ACCESS_AR:
		return "Exclusive Access, all registrants";
	}
	return "obsolete";
}

const char *mp_prout_sa_name(uint8_t sa)
{
	static const char *const names[] = {
		"REGISTER", "RESERVE", "RELEASE", "CLEAR", "PREEMPT", "PREEMPT AND ABORT",
		"REGISTER AND IGNORE EXISTING KEY", "REGISTER AND MOVE",
	};

	return sa < sizeof(names) / sizeof(names[0]) ? names[sa] : "?";
}

/* SPC-4 6.15.1: byte 1 bits 0-4 service action, bytes 7-8 allocation length. */
void mp_cdb_prin(uint8_t cdb[MP_PR_CDB_LEN], uint8_t sa, uint16_t alloc_len)
{
	memset(cdb, 0, MP_PR_CDB_LEN);
	cdb[0] = MP_OP_PERSISTENT_RESERVE_IN;
	cdb[1] = sa & 0x1f;
	put_be16(cdb + 7, alloc_len);
}

/* SPC-4 6.16.1: byte 2 scope (bits 4-7) and type (bits 0-3), bytes 5-8 list length. */
void mp_cdb_prout(uint8_t cdb[MP_PR_CDB_LEN], uint8_t sa, uint8_t scope, uint8_t type,
		  uint32_t param_len)
{
	memset(cdb, 0, MP_PR_CDB_LEN);
	cdb[0] = MP_OP_PERSISTENT_RESERVE_OUT;
	cdb[1] = sa & 0x1f;
	cdb[2] = (uint8_t)((scope & 0x0f) << 4 | (type & 0x0f));
	put_be32(cdb + 5, param_len);
}

int mp_prout_param_build(uint8_t sa, const struct mp_prout_param *p, uint8_t *buf, size_t size)
{
	size_t len = MP_PROUT_BASIC_LEN;

	if (sa == MP_PROUT_REGISTER_AND_MOVE) {
		/* The smallest TransportID is 24 bytes; all are padded to 4. */
		if (!p->transport_id || p->transport_id_len < 24 || p->transport_id_len % 4 ||
		    p->transport_id_len > MP_PR_TID_MAX)
			return -EINVAL;
		len += p->transport_id_len;
	} else if (p->flags & ~(MP_PR_APTPL | MP_PR_ALL_TG_PT)) {
		return -EINVAL;
	}
	if (size < len)
		return -ENOBUFS;
	memset(buf, 0, len);
	put_be64(buf, p->key);
	put_be64(buf + 8, p->sa_key);
	if (sa == MP_PROUT_REGISTER_AND_MOVE) {
		/* Byte 17: UNREG bit 1, APTPL bit 0; 18-19 target port; 20-23 TransportID length. */
		buf[17] = (uint8_t)((p->unreg ? 0x02 : 0) | (p->flags & MP_PR_APTPL));
		put_be16(buf + 18, p->rel_tgt_port);
		put_be32(buf + 20, (uint32_t)p->transport_id_len);
		memcpy(buf + 24, p->transport_id, p->transport_id_len);
	} else {
		buf[20] = p->flags;
	}
	return (int)len;
}
