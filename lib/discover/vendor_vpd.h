/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Vendor INQUIRY data that path checkers and prioritizers of non-ALUA arrays
 * read: pure decoders, one struct per page, no I/O. Byte offsets come from
 * the vendors' published page layouts as the kernel's scsi_dh_rdac/scsi_dh_emc
 * handlers and sg3_utils document them:
 *
 *   0xC9 RDAC "Volume Access Control" (LSI/Engenio, NetApp E-Series, IBM DS,
 *        Dell MD, Sun/STK): who owns the volume, AVT/IOSHIP mode, preferred path
 *   0xC0 EMC CLARiiON "Unit Path Report": LUN state on this SP, default and
 *        current SP, LUN WWN, failover configuration
 *   0xC1 NetApp ONTAP proxy page, and the NetApp "get vendor attribute" (GVA)
 *        command 0xC0 page 0x41 (iSCSI software / HBA initiator)
 *   standard INQUIRY bytes 40-50 of Hitachi modular arrays (serial, LDEV,
 *        controller, port) and bytes 112-127 of DataCore SANsymphony (server name)
 *
 * Every decoder takes the bytes the device returned (len may be anything,
 * including 0) and returns -EINVAL when they are too short or not the page
 * asked for; nothing reads past len.
 */
#ifndef MPATH_DISCOVER_VENDOR_VPD_H
#define MPATH_DISCOVER_VENDOR_VPD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	MP_VPD_EMC_UNIT_PATH = 0xc0,
	MP_VPD_NETAPP_PROXY = 0xc1,
	MP_VPD_RDAC_VAC = 0xc9,
};

/* Allocation lengths the arrays are known to answer (multipath-tools uses the same). */
#define MP_RDAC_C9_ALLOC 128
#define MP_EMC_C0_ALLOC 128
#define MP_NETAPP_ALLOC 128
#define MP_VENDOR_STD_INQ_ALLOC 255

/* ---- RDAC VPD 0xC9 ---- */

/* Preferred-path values of byte 9 bits 3:0. */
enum {
	MP_RDAC_PATH_PREFERRED = 0x1,
	MP_RDAC_PATH_SECONDARY = 0x2,
};

struct mp_rdac_c9 {
	uint8_t page_len;     /* byte 3: 0x2c on every known firmware */
	bool lun_connected;   /* byte 0 bits 6:0 clear: a LUN is behind this path */
	bool owner;           /* byte 8 bit 0 (CVP): this controller owns the volume */
	bool tpg_data;        /* byte 8 bit 4 (TPGDE): bytes 10-13 hold ALUA states */
	bool ioship;          /* byte 8 bit 5: I/O shipping, both controllers take I/O */
	bool avt;             /* byte 8 bit 7: auto volume transfer */
	uint8_t path_prio;    /* byte 9 bits 3:0 */
	uint8_t aas_cur;      /* byte 10 bits 3:0: ALUA state of this controller's port group */
	uint8_t aas_cur_vs;   /* byte 11: vendor reason when unavailable */
	uint8_t aas_alt;      /* byte 12 bits 3:0: the other controller's state */
	uint8_t aas_alt_vs;   /* byte 13 */
};

/* Return: 0; -EINVAL when shorter than 14 bytes, another page, or without the "vac" id. */
int mp_rdac_c9_decode(const uint8_t *buf, size_t len, struct mp_rdac_c9 *ret);

/* Why a controller is unavailable (byte 11 when aas_cur is unavailable), or NULL. */
const char *mp_rdac_unavailable_reason(uint8_t vs);

/* ---- EMC CLARiiON VPD 0xC0 ---- */

enum {
	MP_EMC_LUN_UNBOUND = 0, /* or LUNZ: no LUN behind this path */
	MP_EMC_LUN_BOUND = 1,   /* bound, owned by the other SP */
	MP_EMC_LUN_OWNED = 2,   /* owned by the SP this path goes to */
};

struct mp_emc_c0 {
	uint8_t lun_state;      /* byte 4 */
	uint8_t default_sp;     /* byte 5 */
	uint8_t port;           /* byte 7 */
	uint8_t current_sp;     /* byte 8: the SP this path leads to */
	uint8_t wwn[16];        /* bytes 10-25 */
	uint8_t initiator_type; /* byte 27: 3 expected */
	uint8_t failover_mode;  /* byte 28 bits 2:0: 4 = failover mode 1 (PNR), 6 = mode 4 (ALUA) */
	bool arraycommpath;     /* byte 30 bit 2 */
	uint8_t lun_operations; /* byte 48: 0 = normal operations */
};

/* Return: 0; -EINVAL when shorter than 49 bytes, another page, or page revision (byte 9) not 0. */
int mp_emc_c0_decode(const uint8_t *buf, size_t len, struct mp_emc_c0 *ret);

/* The initiator record is set up for failover (type 3, mode 1 or 4, arraycommpath). */
bool mp_emc_failover_configured(const struct mp_emc_c0 *c0);

/* ---- NetApp ---- */

#define MP_CDB10_LEN 10

/* The GVA vendor command (opcode 0xC0) asking for attribute page @page. */
void mp_cdb_netapp_gva(uint8_t cdb[MP_CDB10_LEN], uint8_t page, uint8_t alloc_len);

enum mp_netapp_initiator {
	MP_NETAPP_INITIATOR_OTHER = 0, /* FCP, or the page does not say */
	MP_NETAPP_INITIATOR_ISCSI_SW,  /* "ism_sw" / "iswt" */
	MP_NETAPP_INITIATOR_ISCSI_HBA, /* "ism_sn" */
};

/* GVA page 0x41. Return: 0; -EINVAL when the header (bytes 4-7 0a 98 0a 01) is wrong. */
int mp_netapp_gva41_decode(const uint8_t *buf, size_t len, enum mp_netapp_initiator *ret);

/* VPD 0xC1. Return: 0 with *ret_proxy; -EINVAL for another page or format. */
int mp_netapp_c1_decode(const uint8_t *buf, size_t len, bool *ret_proxy);

/* ---- Hitachi modular (DF600 family): standard INQUIRY bytes 40-50 ---- */

struct mp_hds_ident {
	char serial[5]; /* bytes 40-43 */
	char ldev[5];   /* bytes 44-47, hex digits */
	char ctrl;      /* byte 49, a decimal digit */
	char port;      /* byte 50, a letter */
};

/* Return: 0; -EINVAL when shorter than 51 bytes. Unprintable bytes read as '.'. */
int mp_hds_ident_decode(const uint8_t *buf, size_t len, struct mp_hds_ident *ret);

/* ---- DataCore SANsymphony: storage server name, standard INQUIRY bytes 112-127 ---- */

/* Return: 0 with up to 16 characters (NUL-terminated, cut at the first NUL); -EINVAL when
 * the data ends before byte 113. */
int mp_datacore_sds_name(const uint8_t *buf, size_t len, char out[17]);

#endif
