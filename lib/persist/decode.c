/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PR IN answers (SPC-4 6.15.2-6.15.5). Every length the device sends is
 * compared with the bytes that arrived: a lying ADDITIONAL LENGTH can make
 * us decode less, never read past the buffer or allocate more than it holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persist/persist.h"

#define PR_HEADER_LEN 8
#define FULL_DESC_LEN 24

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return ((uint64_t)be32(p) << 32) | be32(p + 4);
}

static size_t needed_of(uint32_t additional)
{
	uint64_t total = (uint64_t)additional + PR_HEADER_LEN;

	return total > SIZE_MAX ? SIZE_MAX : (size_t)total;
}

void mp_pr_keys_clear(struct mp_pr_keys *k)
{
	if (!k)
		return;
	free(k->keys);
	memset(k, 0, sizeof(*k));
}

/* Bytes 0-3 PRGENERATION, 4-7 ADDITIONAL LENGTH, then one 8-byte key per registration. */
int mp_pr_keys_decode(const uint8_t *buf, size_t len, struct mp_pr_keys *ret, size_t *ret_needed)
{
	struct mp_pr_keys k = {0};
	uint32_t additional;
	size_t avail;

	if (len < PR_HEADER_LEN)
		return -EBADMSG;
	k.generation = be32(buf);
	additional = be32(buf + 4);
	if (additional % 8)
		return -EBADMSG;
	if (ret_needed)
		*ret_needed = needed_of(additional);
	k.n_claimed = additional / 8;
	avail = (len - PR_HEADER_LEN) / 8;
	k.n_keys = k.n_claimed < avail ? k.n_claimed : avail;
	if (k.n_keys) {
		k.keys = calloc(k.n_keys, sizeof(*k.keys));
		if (!k.keys)
			return -ENOMEM;
	}
	for (size_t i = 0; i < k.n_keys; i++)
		k.keys[i] = be64(buf + PR_HEADER_LEN + 8 * i);
	*ret = k;
	return 0;
}

/*
 * ADDITIONAL LENGTH is 0 (no reservation) or 16: key in 8-15, scope/type in
 * byte 21 (16-19 and 22-23 are obsolete).
 */
int mp_pr_reservation_decode(const uint8_t *buf, size_t len, struct mp_pr_reservation *ret)
{
	struct mp_pr_reservation r = {0};
	uint32_t additional;

	if (len < PR_HEADER_LEN)
		return -EBADMSG;
	r.generation = be32(buf);
	additional = be32(buf + 4);
	if (additional != 0 && additional != 16)
		return -EBADMSG;
	if (additional == 16) {
		if (len < PR_HEADER_LEN + 16)
			return -EBADMSG;
		r.held = true;
		r.key = be64(buf + 8);
		r.scope = buf[21] >> 4;
		r.type = buf[21] & 0x0f;
	}
	*ret = r;
	return 0;
}

/* LENGTH (bytes 0-1) is 8: flags in 2-3, type mask in 4-5. */
int mp_pr_caps_decode(const uint8_t *buf, size_t len, struct mp_pr_caps *ret)
{
	struct mp_pr_caps c = {0};

	if (len < 8 || be16(buf) < 8)
		return -EBADMSG;
	c.rlr_c = buf[2] & 0x80;
	c.crh = buf[2] & 0x10;
	c.sip_c = buf[2] & 0x08;
	c.atp_c = buf[2] & 0x04;
	c.ptpl_c = buf[2] & 0x01;
	c.tmv = buf[3] & 0x80;
	c.allow_commands = (buf[3] >> 4) & 0x07;
	c.ptpl_a = buf[3] & 0x01;
	c.type_mask = be16(buf + 4);
	*ret = c;
	return 0;
}

void mp_pr_full_status_clear(struct mp_pr_full_status *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_desc; i++)
		free(s->desc[i].tid);
	free(s->desc);
	memset(s, 0, sizeof(*s));
}

static int add_desc(struct mp_pr_full_status *s, const uint8_t *d, size_t tid_len)
{
	struct mp_pr_full_desc *n, *grown;

	grown = realloc(s->desc, (s->n_desc + 1) * sizeof(*s->desc));
	if (!grown)
		return -ENOMEM;
	s->desc = grown;
	n = &s->desc[s->n_desc];
	memset(n, 0, sizeof(*n));
	n->key = be64(d);
	n->all_tg_pt = d[12] & 0x02;
	n->holder = d[12] & 0x01;
	n->scope = d[13] >> 4;
	n->type = d[13] & 0x0f;
	n->rel_tgt_port = be16(d + 18);
	if (tid_len) {
		n->tid = malloc(tid_len);
		if (!n->tid)
			return -ENOMEM;
		memcpy(n->tid, d + FULL_DESC_LEN, tid_len);
		n->tid_len = tid_len;
		n->protocol = n->tid[0] & 0x0f;
		n->format = n->tid[0] >> 6;
	}
	s->n_desc++;
	return 0;
}

/*
 * Header as READ KEYS; then descriptors of 24 bytes (key 0-7, ALL_TG_PT bit 1
 * and R_HOLDER bit 0 of byte 12, scope/type 13, relative target port 18-19,
 * ADDITIONAL DESCRIPTOR LENGTH 20-23) each followed by its TransportID.
 */
int mp_pr_full_status_decode(const uint8_t *buf, size_t len, struct mp_pr_full_status *ret,
			     size_t *ret_needed)
{
	struct mp_pr_full_status s = {0};
	size_t total, end, off = PR_HEADER_LEN;
	int r;

	if (len < PR_HEADER_LEN)
		return -EBADMSG;
	s.generation = be32(buf);
	total = needed_of(be32(buf + 4));
	if (ret_needed)
		*ret_needed = total;
	s.truncated = total > len;
	end = s.truncated ? len : total;
	while (off < end) {
		const uint8_t *d = buf + off;
		uint32_t tid_len;

		if (end - off < FULL_DESC_LEN)
			goto short_desc;
		tid_len = be32(d + 20);
		if (tid_len > end - off - FULL_DESC_LEN)
			goto short_desc;
		r = add_desc(&s, d, tid_len);
		if (r < 0) {
			mp_pr_full_status_clear(&s);
			return r;
		}
		off += FULL_DESC_LEN + tid_len;
	}
	*ret = s;
	return 0;

short_desc:
	/* Cut by our buffer: keep the complete descriptors. Inside the device's own
	 * length: the device contradicts itself. */
	if (s.truncated) {
		*ret = s;
		return 0;
	}
	mp_pr_full_status_clear(&s);
	return -EBADMSG;
}

static void hex_bytes(const uint8_t *p, size_t n, char *buf, size_t size)
{
	size_t used = strlen(buf);

	for (size_t i = 0; i < n && used + 3 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%02x", i ? " " : "", p[i]);
}

void mp_pr_tid_format(const struct mp_pr_full_desc *d, char *buf, size_t size)
{
	size_t used;

	if (!size)
		return;
	buf[0] = '\0';
	if (!d->tid_len)
		return;
	switch (d->protocol) {
	case MP_TPID_FC:
		/* N_PORT_NAME in bytes 8-15 */
		snprintf(buf, size, "FCP-2 ");
		if (d->tid_len >= 16)
			hex_bytes(d->tid + 8, 8, buf, size);
		return;
	case MP_TPID_SAS:
		/* SAS ADDRESS in bytes 4-11 */
		snprintf(buf, size, "SAS ");
		if (d->tid_len >= 12)
			hex_bytes(d->tid + 4, 8, buf, size);
		return;
	case MP_TPID_ISCSI: {
		/* bytes 2-3: length of the name that starts at byte 4 */
		size_t name_len = d->tid_len >= 4 ? be16(d->tid + 2) : 0;

		if (name_len > d->tid_len - 4)
			name_len = d->tid_len >= 4 ? d->tid_len - 4 : 0;
		snprintf(buf, size, "iSCSI %s: ",
			 d->format == 1 ? "world wide unique port id" : "name");
		used = strlen(buf);
		for (size_t i = 0; i < name_len && used + 1 < size; i++) {
			uint8_t c = d->tid[4 + i];

			if (!c)
				break;
			buf[used++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
		}
		buf[used] = '\0';
		return;
	}
	}
}
