/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VPD page 0x83 (Device Identification, SPC-4 7.8.6): designator iteration,
 * the port identifiers ALUA needs, and the WWID derivation.
 *
 * The WWID is what the host's udev shows as ID_SERIAL, because that is the
 * string in admins' bindings files, wwids files and blacklists. Two orders
 * exist; see README.md ("WWID derivation") for the exact rules and sources.
 */
#ifndef MPATH_DISCOVER_VPD83_H
#define MPATH_DISCOVER_VPD83_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mp_desig_type {
	MP_DESIG_VENDOR = 0x0,
	MP_DESIG_T10 = 0x1,
	MP_DESIG_EUI64 = 0x2,
	MP_DESIG_NAA = 0x3,
	MP_DESIG_REL_PORT = 0x4,
	MP_DESIG_TPG = 0x5,
	MP_DESIG_LU_GROUP = 0x6,
	MP_DESIG_MD5 = 0x7,
	MP_DESIG_NAME = 0x8,
};

enum mp_desig_assoc {
	MP_ASSOC_LU = 0,
	MP_ASSOC_PORT = 1,
	MP_ASSOC_TARGET = 2,
};

enum mp_code_set {
	MP_CODESET_BINARY = 1,
	MP_CODESET_ASCII = 2,
	MP_CODESET_UTF8 = 3,
};

struct mp_designator {
	uint8_t protocol_id;
	uint8_t code_set;
	bool piv;
	uint8_t assoc;
	uint8_t type;
	const uint8_t *id; /* points into the page */
	size_t len;
};

/*
 * mp_vpd83_next() - step to the next designator of a page 0x83 payload (the
 * bytes after the 4-byte page header).
 * @off: 0 to start; advanced past the designator returned
 * Return: 1 and *ret filled; 0 at the end; -EINVAL when a designator header
 * or body runs past len (*off then points at the bad designator).
 */
int mp_vpd83_next(const uint8_t *payload, size_t len, size_t *off, struct mp_designator *ret);

/*
 * mp_vpd83_check() - validate a whole page (header included): page code, all
 * designators inside the data. Return: 0, or -EINVAL with *ret_why (static
 * text) and *ret_offset (byte offset in the page) saying what is wrong.
 */
int mp_vpd83_check(const uint8_t *page, size_t len, const char **ret_why, size_t *ret_offset);

/* Target port group (type 5, port association) and relative target port (type 4).
 * Return: the id (0..65535), -ENOENT when absent, -EINVAL on a malformed page. */
int mp_vpd83_tpg_id(const uint8_t *page, size_t len);
int mp_vpd83_rel_port(const uint8_t *page, size_t len);

enum mp_wwid_mode {
	/* Debian/Ubuntu: sg3-utils-udev 55-scsi-sg3_id.rules (sg_inq --export). Default. */
	MP_WWID_SG3_UDEV = 0,
	/* systemd's scsi_id --whitelisted, as 60-persistent-storage.rules uses when no earlier rule set ID_SERIAL. */
	MP_WWID_SCSI_ID,
};

struct mp_wwid_input {
	const uint8_t *vpd83; /* whole page with header; NULL when unavailable */
	size_t vpd83_len;
	const char *vendor;  /* standard INQUIRY, for the vendor-specific and serial fallbacks */
	const char *product;
	const char *serial;  /* VPD 0x80 unit serial number, NULL when none */
};

/*
 * mp_wwid_derive() - the ID_SERIAL udev would show for this device.
 * Bytes a device may put in a SCSI name or T10 designator that are not
 * plain printable text (blanks, controls, quotes, '/', '$', '`', non-ASCII)
 * come out as "\xNN": a WWID is safe in names, files, logs and JSON.
 * Return: 0 with the WWID in buf; -ENODATA when nothing identifies the
 * device; -EINVAL when the page is malformed (see mp_vpd83_check());
 * -ENOSPC when buf is too small.
 */
int mp_wwid_derive(enum mp_wwid_mode mode, const struct mp_wwid_input *in, char *buf,
		   size_t size);

#endif
