/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "discover/scsi_cmd.h"
#include "discover/vpd83.h"

int mp_vpd83_next(const uint8_t *payload, size_t len, size_t *off, struct mp_designator *ret)
{
	const uint8_t *d;
	size_t o = *off;

	if (o >= len)
		return 0;
	if (len - o < 4)
		return -EINVAL;
	d = payload + o;
	if ((size_t)d[3] > len - o - 4)
		return -EINVAL;
	ret->protocol_id = d[0] >> 4;
	ret->code_set = d[0] & 0x0f;
	ret->piv = d[1] & 0x80;
	ret->assoc = (d[1] >> 4) & 0x3;
	ret->type = d[1] & 0x0f;
	ret->id = d + 4;
	ret->len = d[3];
	*off = o + 4 + d[3];
	return 1;
}

int mp_vpd83_check(const uint8_t *page, size_t len, const char **ret_why, size_t *ret_offset)
{
	const uint8_t *p;
	size_t n, off = 0;
	struct mp_designator d;
	bool truncated;
	int r;

	if (mp_vpd_payload(page, len, MP_VPD_DEVICE_ID, &p, &n, &truncated) < 0) {
		*ret_why = len < 4 ? "shorter than the 4-byte page header" : "page code is not 0x83";
		*ret_offset = len < 4 ? 0 : 1;
		return -EINVAL;
	}
	if (truncated) {
		*ret_why = "page length field exceeds the data";
		*ret_offset = 2;
		return -EINVAL;
	}
	while ((r = mp_vpd83_next(p, n, &off, &d)) > 0)
		;
	if (r < 0) {
		*ret_why = "designator runs past the end of the page";
		*ret_offset = 4 + off;
		return -EINVAL;
	}
	return 0;
}

/* Port-associated 4-byte binary designator of the given type: id in bytes 2-3. */
static int port_designator(const uint8_t *page, size_t len, uint8_t type)
{
	const uint8_t *p;
	size_t n, off = 0;
	struct mp_designator d;
	int r;

	if (mp_vpd_payload(page, len, MP_VPD_DEVICE_ID, &p, &n, NULL) < 0)
		return -EINVAL;
	while ((r = mp_vpd83_next(p, n, &off, &d)) > 0) {
		if (d.type == type && d.assoc == MP_ASSOC_PORT && d.len >= 4)
			return (d.id[2] << 8) | d.id[3];
	}
	return r < 0 ? -EINVAL : -ENOENT;
}

int mp_vpd83_tpg_id(const uint8_t *page, size_t len)
{
	return port_designator(page, len, MP_DESIG_TPG);
}

int mp_vpd83_rel_port(const uint8_t *page, size_t len)
{
	return port_designator(page, len, MP_DESIG_REL_PORT);
}

/* ---- text helpers ---- */

#define ID_MAX 1100 /* 255 bytes escaped as \xNN, plus prefixes */

struct idbuf {
	char s[ID_MAX];
	size_t len;
	bool set;
};

static void id_reset(struct idbuf *b)
{
	b->len = 0;
	b->s[0] = '\0';
	b->set = true;
}

static void id_putc(struct idbuf *b, char c)
{
	if (b->len + 1 < sizeof(b->s)) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	}
}

static void id_hex(struct idbuf *b, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	id_reset(b);
	for (size_t i = 0; i < n; i++) {
		id_putc(b, digits[p[i] >> 4]);
		id_putc(b, digits[p[i] & 0xf]);
	}
}

static bool is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/*
 * sg_inq's text clean-up for exported identifiers: drop leading blanks and
 * leading control bytes, drop trailing blanks/NULs, fold each run of blanks
 * into one '_', show other unprintable bytes as '.', skip a lone NUL (UCS-2
 * style text) and stop at two in a row. Yields "" when nothing printable.
 */
static size_t squeeze(const uint8_t *in, size_t len, char *out)
{
	size_t start = 0, end = len, n = 0;
	bool valid = false, prev_nul = false;

	while (start < end && is_blank(in[start]))
		start++;
	while (start < end && in[start] < 0x20)
		start++;
	while (end > start && (is_blank(in[end - 1]) || in[end - 1] == '\0'))
		end--;
	for (size_t i = start; i < end; i++) {
		uint8_t c = in[i];

		if (is_blank(c)) {
			if (n > 0 && out[n - 1] != '_') {
				out[n++] = '_';
				valid = true;
			}
			prev_nul = false;
		} else if (c == '\0') {
			if (prev_nul)
				break;
			prev_nul = true;
		} else if (c < 0x20 || c >= 0x7f) {
			out[n++] = '.';
			prev_nul = false;
		} else {
			out[n++] = (char)c;
			valid = true;
			prev_nul = false;
		}
	}
	if (!valid)
		n = 0;
	out[n] = '\0';
	return n;
}

/* udev's safe character set; anything else becomes a literal "\xNN" as sg_inq writes it. */
static void id_udev_escaped(struct idbuf *b, const char *s, size_t n)
{
	id_reset(b);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c && strchr("#+-.:=@_", c))) {
			id_putc(b, (char)c);
		} else {
			char esc[5];

			snprintf(esc, sizeof(esc), "\\x%02x", c);
			for (int k = 0; esc[k]; k++)
				id_putc(b, esc[k]);
		}
	}
}

static int emit(char *buf, size_t size, const char *prefix, const char *a, const char *b,
		const char *c)
{
	int n = snprintf(buf, size, "%s%s%s%s%s%s", prefix, a, b ? "_" : "", b ? b : "",
			 c ? "_" : "", c ? c : "");

	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return 0;
}

/* ---- sg3-utils-udev order ---- */

/* The SCSI_IDENT_LUN_* variables sg_inq --export would print (last one wins, as in udev's import). */
enum sg3_var {
	V_ATA,
	V_NAA_REGEXT,
	V_NAA_REG,
	V_NAA_EXT,
	V_EUI64,
	V_NAME,
	V_T10,
	V_NAA_LOCAL,
	V_VENDOR,
	V_COUNT,
};

static void sg3_export(const struct mp_designator *d, struct idbuf *v)
{
	char tmp[ID_MAX];
	size_t k;

	switch (d->type) {
	case MP_DESIG_VENDOR:
		if (d->len == 0 || d->len > 128)
			break;
		if (d->code_set == MP_CODESET_ASCII || d->code_set == MP_CODESET_UTF8) {
			k = squeeze(d->id, d->len, tmp);
			if (k > 0)
				id_udev_escaped(&v[V_VENDOR], tmp, k);
		} else {
			id_hex(&v[V_VENDOR], d->id, d->len);
		}
		break;
	case MP_DESIG_T10:
		if (d->code_set == MP_CODESET_ASCII || d->code_set == MP_CODESET_UTF8) {
			k = squeeze(d->id, d->len, tmp);
			id_udev_escaped(&v[V_T10], tmp, k);
			if (k >= 4 && memcmp(tmp, "ATA_", 4) == 0) {
				id_reset(&v[V_ATA]);
				for (size_t i = 4; i < k; i++)
					id_putc(&v[V_ATA], tmp[i]);
			}
		} else {
			id_hex(&v[V_T10], d->id, d->len);
		}
		break;
	case MP_DESIG_EUI64:
		if (d->code_set == MP_CODESET_BINARY)
			id_hex(&v[V_EUI64], d->id, d->len);
		break;
	case MP_DESIG_NAA:
		if (d->code_set != MP_CODESET_BINARY || d->len == 0)
			break;
		switch (d->id[0] >> 4) {
		case 6:
			id_hex(&v[V_NAA_REGEXT], d->id, d->len);
			break;
		case 5:
			id_hex(&v[V_NAA_REG], d->id, d->len);
			break;
		case 2:
			id_hex(&v[V_NAA_EXT], d->id, d->len);
			break;
		default: /* 3 and the reserved values */
			id_hex(&v[V_NAA_LOCAL], d->id, d->len);
			break;
		}
		break;
	case MP_DESIG_NAME:
		if (d->code_set != MP_CODESET_UTF8)
			break;
		id_reset(&v[V_NAME]);
		for (size_t i = 0; i < d->len && d->id[i]; i++)
			id_putc(&v[V_NAME], (char)d->id[i]);
		break;
	}
}

static int derive_sg3(const struct mp_wwid_input *in, const uint8_t *p, size_t n, char *buf,
		      size_t size)
{
	/* ID_SERIAL rules of 55-scsi-sg3_id.rules, first match wins, with their prefixes. */
	static const struct {
		enum sg3_var var;
		const char *prefix;
	} order[] = {
		{V_ATA, ""},	 {V_NAA_REGEXT, "3"}, {V_NAA_REG, "3"}, {V_NAA_EXT, "3"},
		{V_EUI64, "2"},	 {V_NAME, "8"},	      {V_T10, "1"},	{V_NAA_LOCAL, "3"},
	};
	struct idbuf v[V_COUNT];
	char vendor[64] = "", product[64] = "", serial[512] = "";
	struct mp_designator d;
	size_t off = 0;
	int r;

	for (int i = 0; i < V_COUNT; i++)
		v[i].set = false;
	if (p) {
		/* Pre-SPC-3 answer (some EMC Symmetrix): byte 2 of the first designator is
		 * not reserved-zero; sg_inq then takes the whole payload as one NAA. */
		if (n > 2 && p[2] != 0) {
			d = (struct mp_designator){.code_set = MP_CODESET_BINARY,
						   .type = MP_DESIG_NAA, .id = p, .len = n};
			sg3_export(&d, v);
		} else {
			while ((r = mp_vpd83_next(p, n, &off, &d)) > 0)
				if (d.assoc == MP_ASSOC_LU)
					sg3_export(&d, v);
			if (r < 0)
				return -EINVAL;
		}
	}
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (v[order[i].var].set && v[order[i].var].len)
			return emit(buf, size, order[i].prefix, v[order[i].var].s, NULL, NULL);

	/* The last two rules glue SCSI_VENDOR and SCSI_MODEL (squeezed the same way) in front. */
	if (in->vendor)
		squeeze((const uint8_t *)in->vendor, strnlen(in->vendor, 63), vendor);
	if (in->product)
		squeeze((const uint8_t *)in->product, strnlen(in->product, 63), product);
	if (v[V_VENDOR].set && v[V_VENDOR].len)
		return emit(buf, size, "0", vendor, product, v[V_VENDOR].s);
	if (in->serial && squeeze((const uint8_t *)in->serial, strnlen(in->serial, 511), serial))
		return emit(buf, size, "S", vendor, product, serial);
	return -ENODATA;
}

/* ---- scsi_id order ---- */

/* udev_replace_whitespace + udev_replace_chars as scsi_id applies them to its output. */
static void udev_clean(const char *in, char *out, size_t size)
{
	size_t start = 0, end = strlen(in), n = 0;

	while (start < end && (in[start] == ' ' || in[start] == '\t' || in[start] == '\n'))
		start++;
	while (end > start && (in[end - 1] == ' ' || in[end - 1] == '\t' || in[end - 1] == '\n'))
		end--;
	for (size_t i = start; i < end && n + 1 < size; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == ' ' || c == '\t' || c == '\n') {
			if (n > 0 && out[n - 1] == '_')
				continue;
			c = '_';
		} else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			     (c >= 'a' && c <= 'z') || strchr("#+-.:=@_", c))) {
			c = '_';
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
}

static int derive_scsi_id(const uint8_t *p, size_t n, char *buf, size_t size)
{
	/* scsi_id's search list: type, NAA nibble (-1 any), code set; binary before ASCII. */
	static const struct {
		uint8_t type;
		int naa;
		uint8_t code_set;
	} order[] = {
		{MP_DESIG_NAA, 6, 1},	  {MP_DESIG_NAA, 6, 2},	   {MP_DESIG_NAA, 5, 1},
		{MP_DESIG_NAA, 5, 2},	  {MP_DESIG_NAA, -1, 1},   {MP_DESIG_NAA, -1, 2},
		{MP_DESIG_EUI64, -1, 1},  {MP_DESIG_EUI64, -1, 2}, {MP_DESIG_T10, -1, 1},
		{MP_DESIG_T10, -1, 2},	  {MP_DESIG_VENDOR, -1, 1}, {MP_DESIG_VENDOR, -1, 2},
	};
	struct idbuf raw;
	struct mp_designator d;
	char clean[ID_MAX];
	size_t off;
	int r;

	if (!p)
		return -ENODATA;
	if (n > 2 && p[2] != 0) {
		id_hex(&raw, p, n);
		return emit(buf, size, "3", raw.s, NULL, NULL);
	}
	for (off = 0; (r = mp_vpd83_next(p, n, &off, &d)) > 0;)
		;
	if (r < 0)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		for (off = 0; mp_vpd83_next(p, n, &off, &d) > 0;) {
			char prefix[2] = {(char)('0' + d.type), '\0'};

			if (d.assoc != MP_ASSOC_LU || d.type != order[i].type ||
			    d.code_set != order[i].code_set || d.len == 0)
				continue;
			if (order[i].naa >= 0 && (d.id[0] >> 4) != order[i].naa)
				continue;
			if (d.code_set == MP_CODESET_BINARY) {
				id_hex(&raw, d.id, d.len);
			} else {
				id_reset(&raw);
				for (size_t k = 0; k < d.len && d.id[k]; k++)
					id_putc(&raw, (char)d.id[k]);
			}
			udev_clean(raw.s, clean, sizeof(clean));
			return emit(buf, size, prefix, clean, NULL, NULL);
		}
	}
	return -ENODATA;
}

/* A WWID byte that may go into dm uuids, the bindings and wwids files (which
 * are split on blanks and '/'), logs, terminals and JSON as it is. */
static bool wwid_safe(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("\"'\\/`$", c);
}

/*
 * SCSI name strings and T10 (ATA) designators reach the WWID as the device
 * sent them; anything else than plain printable text is written "\xNN", as
 * udev writes unsafe bytes. Return: 0, or -ENOSPC when that does not fit.
 */
static int wwid_escape(char *buf, size_t size)
{
	char tmp[ID_MAX * 4 + 1];
	size_t n = 0;

	for (const char *s = buf; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (n + 5 > sizeof(tmp))
			return -ENOSPC;
		if (wwid_safe(c) || c == '\\')
			tmp[n++] = (char)c;
		else
			n += (size_t)snprintf(tmp + n, sizeof(tmp) - n, "\\x%02x", c);
	}
	tmp[n] = '\0';
	if (n >= size)
		return -ENOSPC;
	memcpy(buf, tmp, n + 1);
	return 0;
}

int mp_wwid_derive(enum mp_wwid_mode mode, const struct mp_wwid_input *in, char *buf, size_t size)
{
	const uint8_t *p = NULL;
	size_t n = 0;
	int r;

	if (in->vpd83) {
		if (mp_vpd_payload(in->vpd83, in->vpd83_len, MP_VPD_DEVICE_ID, &p, &n, NULL) < 0)
			return -EINVAL;
	}
	if (mode == MP_WWID_SCSI_ID)
		r = derive_scsi_id(p, n, buf, size);
	else
		r = derive_sg3(in, p, n, buf, size);
	return r < 0 ? r : wwid_escape(buf, size);
}
