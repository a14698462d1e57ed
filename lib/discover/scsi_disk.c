/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One SCSI disk (sdX): identity, state, ALUA and WWID from the attributes of
 * its scsi_device (block/sdX/device/...). The kernel caches the standard
 * INQUIRY and VPD pages there, so discovery normally sends no command; only
 * a device without vpd_pg83 in sysfs costs an INQUIRY through ctx->scsi.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "discover/discover_internal.h"
#include "discover/scsi_cmd.h"
#include "discover/sysfs.h"
#include "discover/vpd83.h"

static void read_alua(const struct mp_ctx *ctx, const char *name, struct mp_path *p,
		      struct mp_diags *diags)
{
	char rel[PATH_MAX], buf[64];

	if (mp_discover_device_attr(ctx, name, "access_state", buf, sizeof(buf), diags) == 0) {
		p->alua_state = mp_alua_state_from_name(buf);
		if (p->alua_state == MP_ALUA_UNKNOWN && !streq(buf, "unknown")) {
			snprintf(rel, sizeof(rel), "block/%s/device/access_state", name);
			mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "unknown access state '%s'",
				     buf);
		}
	}
	if (mp_discover_device_attr(ctx, name, "preferred_path", buf, sizeof(buf), diags) == 0)
		p->alua_preferred = streq(buf, "1");
	mp_discover_device_attr(ctx, name, "dh_state", p->dh_state, sizeof(p->dh_state), diags);
}

static void read_inquiry(const struct mp_ctx *ctx, const char *name, struct mp_path *p,
			 struct mp_diags *diags)
{
	char rel[PATH_MAX];
	_cleanup_free_ uint8_t *buf = NULL;
	struct mp_std_inquiry inq;
	size_t len;
	int r;

	snprintf(rel, sizeof(rel), "block/%s/device/inquiry", name);
	r = mp_sysfs_read(ctx, rel, &buf, &len);
	if (r == -ENOENT)
		return;
	if (r < 0 || mp_inquiry_decode(buf, len, &inq) < 0) {
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "%s",
			     r < 0 ? strerror(-r) : "standard INQUIRY data shorter than 36 bytes");
		return;
	}
	p->tpgs = inq.tpgs;
	/* sysfs vendor/model are the same bytes; use INQUIRY only where they were missing. */
	if (!*p->vendor)
		snprintf(p->vendor, sizeof(p->vendor), "%s", inq.vendor);
	mp_text_sanitize(p->vendor);
	if (!*p->product)
		snprintf(p->product, sizeof(p->product), "%s", inq.product);
	if (!*p->rev)
		snprintf(p->rev, sizeof(p->rev), "%s", inq.revision);
}

static void read_serial(const struct mp_ctx *ctx, const char *name, struct mp_path *p,
			struct mp_diags *diags)
{
	char rel[PATH_MAX];
	_cleanup_free_ uint8_t *buf = NULL;
	size_t len;
	int r;

	snprintf(rel, sizeof(rel), "block/%s/device/vpd_pg80", name);
	r = mp_sysfs_read(ctx, rel, &buf, &len);
	if (r == -ENOENT)
		return;
	if (r == 0)
		r = mp_vpd80_decode(buf, len, p->serial, sizeof(p->serial));
	if (r >= 0)
		mp_text_sanitize(p->serial);
	if (r < 0) {
		p->serial[0] = '\0';
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "bad VPD page 0x80: %s",
			     r == -EINVAL ? "short or wrong page code" : strerror(-r));
	}
}

/*
 * VPD 0x83 from sysfs, or from the device when the kernel did not cache it
 * (old kernels, SCSI-2 devices). ret_source names where it came from for
 * diagnostics.
 */
static int load_vpd83(const struct mp_ctx *ctx, const char *name, uint8_t **ret_buf,
		      size_t *ret_len, char *source, size_t source_size, struct mp_diags *diags)
{
	char rel[PATH_MAX];
	_cleanup_free_ uint8_t *buf = NULL;
	struct mp_sense sense;
	size_t len;
	int r;

	snprintf(rel, sizeof(rel), "block/%s/device/vpd_pg83", name);
	mp_sysfs_path(ctx, rel, source, source_size);
	r = mp_sysfs_read(ctx, rel, ret_buf, ret_len);
	if (r != -ENOENT) {
		if (r < 0)
			mp_diag_file(diags, MP_DIAG_ERROR, ctx, rel, "cannot read: %s",
				     strerror(-r));
		return r;
	}
	snprintf(source, source_size, "%s: INQUIRY VPD 0x83", name);
	if (!ctx->scsi) {
		mp_diag_file(diags, MP_DIAG_NOTE, ctx, rel,
			     "absent and no SCSI transport to ask the device: WWID unknown");
		return -ENOENT;
	}
	/* The page length is 16 bits: 64 KiB + header always holds it. */
	buf = malloc(0xffff);
	if (!buf)
		return -ENOMEM;
	r = mp_scsi_inquiry_vpd(ctx, name, MP_VPD_DEVICE_ID, buf, 0xffff, &len, &sense);
	if (r < 0) {
		char why[160] = "";

		if (r == -EREMOTEIO)
			mp_sense_format(&sense, why, sizeof(why));
		if (diags)
			mp_diags_add(diags, MP_DIAG_WARNING, source, 0, "failed: %s",
				     *why ? why : strerror(-r));
		return r;
	}
	*ret_buf = TAKE_PTR(buf);
	*ret_len = len;
	return 0;
}

static void read_identity(const struct mp_ctx *ctx, const struct mp_discover_opts *opts,
			  const char *name, struct mp_path *p, struct mp_diags *diags)
{
	_cleanup_free_ uint8_t *page = NULL;
	char source[PATH_MAX];
	struct mp_wwid_input in = {0};
	const char *why;
	size_t len = 0, off;
	int r, id;

	r = load_vpd83(ctx, name, &page, &len, source, sizeof(source), diags);
	if (r == 0 && mp_vpd83_check(page, len, &why, &off) < 0) {
		if (diags)
			mp_diags_add(diags, MP_DIAG_ERROR, source, 0,
				     "malformed VPD page 0x83 (%zu bytes): %s at byte %zu", len, why,
				     off);
		return;
	}
	if (r == 0) {
		in.vpd83 = page;
		in.vpd83_len = len;
		id = mp_vpd83_tpg_id(page, len);
		if (id >= 0)
			p->tpg_id = id;
	}
	in.vendor = p->vendor;
	in.product = p->product;
	in.serial = *p->serial ? p->serial : NULL;
	r = mp_wwid_derive(opts->wwid_mode, &in, p->wwid, sizeof(p->wwid));
	if (r < 0) {
		p->wwid[0] = '\0';
		if (r != -ENODATA && diags)
			mp_diags_add(diags, MP_DIAG_ERROR, source, 0, "cannot derive WWID: %s",
				     strerror(-r));
	}
}

int mp_discover_scsi_disk(const struct mp_ctx *ctx, const struct mp_discover_opts *opts,
			  const char *name, struct mp_path *p, struct mp_diags *diags)
{
	char rel[PATH_MAX], hctl[64], scsi_devpath[512];
	int r;

	r = mp_discover_block_common(ctx, name, p, diags);
	if (r < 0)
		return r;
	snprintf(rel, sizeof(rel), "block/%s/device", name);
	r = mp_sysfs_link_name(ctx, rel, hctl, sizeof(hctl));
	if (r < 0 || mp_parse_hctl(hctl, &p->host, &p->channel, &p->target, &p->lun) < 0) {
		mp_diag_file(diags, MP_DIAG_ERROR, ctx, rel, "%s",
			     r < 0 ? "no device link to the scsi_device"
				   : "device link does not name H:C:T:L");
		return -EINVAL;
	}
	mp_discover_device_attr(ctx, name, "vendor", p->vendor, sizeof(p->vendor), diags);
	mp_discover_device_attr(ctx, name, "model", p->product, sizeof(p->product), diags);
	mp_discover_device_attr(ctx, name, "rev", p->rev, sizeof(p->rev), diags);
	mp_discover_device_attr(ctx, name, "state", p->dev_state, sizeof(p->dev_state), diags);
	read_inquiry(ctx, name, p, diags);
	read_alua(ctx, name, p, diags);
	read_serial(ctx, name, p, diags);
	read_identity(ctx, opts, name, p, diags);

	snprintf(rel, sizeof(rel), "block/%s/device", name);
	if (mp_sysfs_resolve(ctx, rel, scsi_devpath, sizeof(scsi_devpath)) == 0)
		mp_discover_scsi_transport(ctx, scsi_devpath, p, diags);
	else
		mp_discover_scsi_transport(ctx, "", p, diags);
	return 0;
}
