/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NVMe namespaces when the kernel's own NVMe multipath is off: every
 * controller's namespace is a separate block device and dm-multipath joins
 * them. The identity is the namespace's wwid attribute (what udev exports as
 * ID_WWN, multipath-tools' uid_attribute for NVMe).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "discover/discover_internal.h"
#include "discover/sysfs.h"

int mp_discover_nvme_ns(const struct mp_ctx *ctx, const char *name, struct mp_path *p,
			struct mp_diags *diags)
{
	char rel[PATH_MAX], fabric[16];
	uint64_t nsid;
	int r;

	r = mp_discover_block_common(ctx, name, p, diags);
	if (r < 0)
		return r;
	p->transport = MP_TRANSPORT_NVME;
	snprintf(p->vendor, sizeof(p->vendor), "NVME");
	snprintf(rel, sizeof(rel), "block/%s/wwid", name);
	if (mp_discover_attr(ctx, rel, p->wwid, sizeof(p->wwid), diags) == -ENOENT)
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "missing: WWID unknown");
	snprintf(rel, sizeof(rel), "block/%s/nsid", name);
	if (mp_sysfs_read_u64(ctx, rel, &nsid) == 0)
		p->lun = nsid;
	snprintf(rel, sizeof(rel), "block/%s/device/model", name);
	mp_discover_attr(ctx, rel, p->product, sizeof(p->product), diags);
	snprintf(rel, sizeof(rel), "block/%s/device/firmware_rev", name);
	mp_discover_attr(ctx, rel, p->rev, sizeof(p->rev), diags);
	snprintf(rel, sizeof(rel), "block/%s/device/serial", name);
	mp_discover_attr(ctx, rel, p->serial, sizeof(p->serial), diags);
	snprintf(rel, sizeof(rel), "block/%s/device/state", name);
	mp_discover_attr(ctx, rel, p->dev_state, sizeof(p->dev_state), diags);
	snprintf(rel, sizeof(rel), "block/%s/device/subsysnqn", name);
	mp_discover_attr(ctx, rel, p->tgt_node_name, sizeof(p->tgt_node_name), diags);
	snprintf(rel, sizeof(rel), "block/%s/device/address", name);
	mp_discover_attr(ctx, rel, p->tgt_port_name, sizeof(p->tgt_port_name), diags);
	snprintf(rel, sizeof(rel), "block/%s/device/transport", name);
	if (mp_discover_attr(ctx, rel, fabric, sizeof(fabric), diags) < 0 || !*fabric)
		snprintf(fabric, sizeof(fabric), "unspec");
	snprintf(p->protocol, sizeof(p->protocol), "nvme:%s", fabric);
	return 0;
}
