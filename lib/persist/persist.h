/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SCSI-3 persistent reservations (SPC-4 5.13, 6.15 PERSISTENT RESERVE IN,
 * 6.16 PERSISTENT RESERVE OUT): CDB and parameter list builders, decoders of
 * the four PR IN answers, and the commands run through the context's SCSI
 * transport. Builders and decoders are pure; a decoder trusts no length the
 * device sends (it is checked against the bytes actually received).
 */
#ifndef MPATH_PERSIST_H
#define MPATH_PERSIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discover/sense.h"

struct mp_ctx;

enum {
	MP_OP_PERSISTENT_RESERVE_IN = 0x5e,
	MP_OP_PERSISTENT_RESERVE_OUT = 0x5f,
};
#define MP_PR_CDB_LEN 10
/* PR IN's ALLOCATION LENGTH is a 16-bit field: no answer is longer. */
#define MP_PR_IN_MAX_LEN 65535u

/* PR IN service actions (SPC-4 table 162). */
enum mp_prin_sa {
	MP_PRIN_READ_KEYS = 0x00,
	MP_PRIN_READ_RESERVATION = 0x01,
	MP_PRIN_REPORT_CAPABILITIES = 0x02,
	MP_PRIN_READ_FULL_STATUS = 0x03,
};

/* PR OUT service actions (SPC-4 table 175). */
enum mp_prout_sa {
	MP_PROUT_REGISTER = 0x00,
	MP_PROUT_RESERVE = 0x01,
	MP_PROUT_RELEASE = 0x02,
	MP_PROUT_CLEAR = 0x03,
	MP_PROUT_PREEMPT = 0x04,
	MP_PROUT_PREEMPT_AND_ABORT = 0x05,
	MP_PROUT_REGISTER_AND_IGNORE = 0x06,
	MP_PROUT_REGISTER_AND_MOVE = 0x07,
};

/* Persistent reservation TYPE field (SPC-4 table 169); 0, 2, 4 are obsolete. */
enum mp_pr_type {
	MP_PR_WRITE_EXCLUSIVE = 0x1,
	MP_PR_EXCLUSIVE_ACCESS = 0x3,
	MP_PR_WRITE_EXCLUSIVE_RO = 0x5,
	MP_PR_EXCLUSIVE_ACCESS_RO = 0x6,
	MP_PR_WRITE_EXCLUSIVE_AR = 0x7,
	MP_PR_EXCLUSIVE_ACCESS_AR = 0x8,
};

/* Flags byte (20) of the basic PR OUT parameter list. */
enum {
	MP_PR_APTPL = 0x01,
	MP_PR_ALL_TG_PT = 0x04,
	MP_PR_SPEC_I_PT = 0x08,
};

/* "Write Exclusive, registrants only", as mpathpersist names the types. */
const char *mp_pr_type_name(uint8_t type);
/* "REGISTER", "PREEMPT AND ABORT", ...; "?" for an unknown service action. */
const char *mp_prout_sa_name(uint8_t sa);

/* ---- CDBs and parameter lists (cdb.c) ---- */

void mp_cdb_prin(uint8_t cdb[MP_PR_CDB_LEN], uint8_t sa, uint16_t alloc_len);
/* scope is 0 (LU_SCOPE) for every current type. */
void mp_cdb_prout(uint8_t cdb[MP_PR_CDB_LEN], uint8_t sa, uint8_t scope, uint8_t type,
		  uint32_t param_len);

#define MP_PROUT_BASIC_LEN 24
/* Largest TransportID we send: an iSCSI name is at most 223 bytes (RFC 3720),
 * its TransportID at most 4 + 224 + ",i,0x" + 12 digits, padded. */
#define MP_PR_TID_MAX 256

/* What a PR OUT command carries. */
struct mp_prout_param {
	uint64_t key;    /* RESERVATION KEY: the key the I_T nexus is registered with */
	uint64_t sa_key; /* SERVICE ACTION RESERVATION KEY: new key, or the key to preempt */
	uint8_t flags;   /* MP_PR_APTPL | MP_PR_ALL_TG_PT (basic list only) */
	/* REGISTER AND MOVE only: */
	bool unreg;                /* UNREG: drop the source's registration */
	uint16_t rel_tgt_port;     /* RELATIVE TARGET PORT IDENTIFIER of the destination */
	const uint8_t *transport_id; /* destination initiator's TransportID */
	size_t transport_id_len;
};

/*
 * mp_prout_param_build() - the parameter list of service action sa into buf.
 * Every service action but REGISTER AND MOVE takes the 24-byte basic list
 * (SPC-4 6.16.3); REGISTER AND MOVE takes 24 bytes plus one TransportID
 * (6.16.4), which must be 24..MP_PR_TID_MAX bytes and a multiple of 4 (SPC-4 7.6.4).
 * Return: the list length, -EINVAL for a bad TransportID or SPEC_I_PT (not
 * supported: we never name initiators), -ENOBUFS when size is too small.
 */
int mp_prout_param_build(uint8_t sa, const struct mp_prout_param *p, uint8_t *buf, size_t size);

/* ---- PR IN answers (decode.c) ---- */

struct mp_pr_keys {
	uint32_t generation;
	size_t n_keys;    /* keys decoded (complete ones in the buffer) */
	size_t n_claimed; /* keys the device's ADDITIONAL LENGTH claims */
	uint64_t *keys;
};

struct mp_pr_reservation {
	uint32_t generation;
	bool held;
	uint64_t key;
	uint8_t scope; /* 0 = LU_SCOPE */
	uint8_t type;  /* enum mp_pr_type */
};

struct mp_pr_caps {
	bool rlr_c, crh, sip_c, atp_c, ptpl_c; /* byte 2 */
	bool tmv;                               /* byte 3 */
	uint8_t allow_commands;                 /* byte 3 bits 4-6 */
	bool ptpl_a;
	uint16_t type_mask; /* bytes 4-5 as a big-endian word: MP_PR_MASK_* */
};

/* PERSISTENT RESERVATION TYPE MASK bits, bytes 4-5 read big-endian. */
enum {
	MP_PR_MASK_WR_EX_AR = 0x8000,
	MP_PR_MASK_EX_AC_RO = 0x4000,
	MP_PR_MASK_WR_EX_RO = 0x2000,
	MP_PR_MASK_EX_AC = 0x0800,
	MP_PR_MASK_WR_EX = 0x0200,
	MP_PR_MASK_EX_AC_AR = 0x0001,
};

/* TransportID PROTOCOL IDENTIFIER values (SPC-4 table 444) we can print. */
enum {
	MP_TPID_FC = 0x0,
	MP_TPID_ISCSI = 0x5,
	MP_TPID_SAS = 0x6,
};

struct mp_pr_full_desc {
	uint64_t key;
	bool all_tg_pt;
	bool holder; /* R_HOLDER */
	uint8_t scope, type;
	uint16_t rel_tgt_port;
	uint8_t protocol;    /* TransportID byte 0 bits 0-3 */
	uint8_t format;      /* TransportID byte 0 bits 6-7 */
	size_t tid_len;
	uint8_t *tid;        /* the TransportID as sent */
};

struct mp_pr_full_status {
	uint32_t generation;
	size_t n_desc;
	struct mp_pr_full_desc *desc;
	bool truncated; /* the device had more than the buffer held */
};

/*
 * Decoders. @len: bytes received. When the device's ADDITIONAL LENGTH claims
 * more than len, what is complete is decoded and *ret_needed (if not NULL)
 * says how big an allocation would have held everything.
 * Return: 0; -EBADMSG when the answer is shorter than its header or a length
 * field contradicts the format (READ KEYS not a multiple of 8, a reservation
 * whose additional length is not 0 or 16, a descriptor running past its
 * list); -ENOMEM.
 */
int mp_pr_keys_decode(const uint8_t *buf, size_t len, struct mp_pr_keys *ret, size_t *ret_needed);
void mp_pr_keys_clear(struct mp_pr_keys *k);
int mp_pr_reservation_decode(const uint8_t *buf, size_t len, struct mp_pr_reservation *ret);
int mp_pr_caps_decode(const uint8_t *buf, size_t len, struct mp_pr_caps *ret);
int mp_pr_full_status_decode(const uint8_t *buf, size_t len, struct mp_pr_full_status *ret,
			     size_t *ret_needed);
void mp_pr_full_status_clear(struct mp_pr_full_status *s);

/*
 * mp_pr_tid_format() - the TransportID as mpathpersist prints it:
 * "FCP-2 <hex WWPN>", "iSCSI name: <name>", "iSCSI world wide unique port id:
 * <name>", "SAS <hex address>"; "" for other protocols. The iSCSI name is
 * bounded by the TransportID's own length field and the bytes present.
 */
void mp_pr_tid_format(const struct mp_pr_full_desc *d, char *buf, size_t size);

/* ---- commands through ctx->scsi (command.c) ---- */

/* How one command ended, for messages and for mpathpersist's exit status. */
struct mp_pr_result {
	int error;            /* 0, or the -errno mp_scsi_execute() returned */
	bool has_sense;
	struct mp_sense sense;
};

/* PR IN: len bytes into buf (len <= MP_PR_IN_MAX_LEN); *ret_len bytes came. */
int mp_pr_in(const struct mp_ctx *ctx, const char *dev, uint8_t sa, uint8_t *buf, size_t len,
	     size_t *ret_len, struct mp_pr_result *ret_res);
/* PR OUT with the parameter list of p. */
int mp_pr_out(const struct mp_ctx *ctx, const char *dev, uint8_t sa, uint8_t type,
	      const struct mp_prout_param *p, struct mp_pr_result *ret_res);

/* mpathpersist's exit status (MPATH_PR_* of libmpathpersist) for a result. */
enum mp_pr_status {
	MP_PR_SUCCESS = 0,
	MP_PR_SYNTAX_ERROR = 1,
	MP_PR_SENSE_NOT_READY = 2,
	MP_PR_SENSE_MEDIUM_ERROR = 3,
	MP_PR_SENSE_HARDWARE_ERROR = 4,
	MP_PR_ILLEGAL_REQ = 5,
	MP_PR_SENSE_UNIT_ATTENTION = 6,
	MP_PR_SENSE_INVALID_OP = 7,
	MP_PR_SENSE_ABORTED_COMMAND = 8,
	MP_PR_NO_SENSE = 9,
	MP_PR_SENSE_MALFORMED = 10,
	MP_PR_RESERV_CONFLICT = 11,
	MP_PR_FILE_ERROR = 12,
	MP_PR_DMMP_ERROR = 13,
	MP_PR_THREAD_ERROR = 14,
	MP_PR_OTHER = 15,
};
int mp_pr_status_of(const struct mp_pr_result *r);

#endif
