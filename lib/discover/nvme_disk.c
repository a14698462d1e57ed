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
	mp_discover_device_attr(ctx, name, "model", p->product, sizeof(p->product), diags);
	mp_discover_device_attr(ctx, name, "firmware_rev", p->rev, sizeof(p->rev), diags);
	mp_discover_device_attr(ctx, name, "serial", p->serial, sizeof(p->serial), diags);
	mp_discover_device_attr(ctx, name, "state", p->dev_state, sizeof(p->dev_state), diags);
	mp_discover_device_attr(ctx, name, "subsysnqn", p->tgt_node_name, sizeof(p->tgt_node_name), diags);
	mp_discover_device_attr(ctx, name, "address", p->tgt_port_name, sizeof(p->tgt_port_name), diags);
	if (mp_discover_device_attr(ctx, name, "transport", fabric, sizeof(fabric), diags) < 0 || !*fabric)
		snprintf(fabric, sizeof(fabric), "unspec");
	snprintf(p->protocol, sizeof(p->protocol), "nvme:%s", fabric);
	return 0;
}
