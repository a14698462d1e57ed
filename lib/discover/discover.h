/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Discovery: one struct mp_path per SCSI disk (sd*) and, when the kernel's
 * native NVMe multipath is off, per NVMe namespace (nvme*n*), read from
 * ctx->sysfs_root (and, when sysfs lacks VPD pages, from the device through
 * ctx->scsi). Problems with one device become diagnostics naming the file,
 * and the scan goes on with the others.
 */
#ifndef MPATH_DISCOVER_DISCOVER_H
#define MPATH_DISCOVER_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"
#include "discover/vpd83.h"
#include "model.h"

struct mp_ctx;

struct mp_discover_opts {
	enum mp_wwid_mode wwid_mode; /* default MP_WWID_SG3_UDEV (Debian's ID_SERIAL) */
};

/*
 * mp_discover_paths() - every multipath candidate, sorted as the kernel
 * enumerates them (see mp_path_cmp()).
 * @ret_paths: malloc'ed array, caller frees (free(); no inner allocations)
 * @diags: may be NULL
 * Return: the number of paths (also in *ret_n); -ENOENT when
 * <sysfs_root>/block cannot be read; -ENOMEM.
 */
int mp_discover_paths(const struct mp_ctx *ctx, struct mp_path **ret_paths, size_t *ret_n,
		      struct mp_diags *diags);
int mp_discover_paths_opts(const struct mp_ctx *ctx, const struct mp_discover_opts *opts,
			   struct mp_path **ret_paths, size_t *ret_n, struct mp_diags *diags);

/*
 * mp_discover_path() - one device by kernel name ("sda", "nvme0n1"), for the
 * daemon's uevent handling.
 * Return: 0; -EINVAL for a name that is not a plain kernel name or a device
 * whose essential attributes (dev, device link) are unreadable; -ENODEV when
 * the device does not exist or is not a candidate (not sd/nvme, partition,
 * NVMe under native multipath).
 */
int mp_discover_path(const struct mp_ctx *ctx, const char *name, struct mp_path *ret,
		     struct mp_diags *diags);
int mp_discover_path_opts(const struct mp_ctx *ctx, const struct mp_discover_opts *opts,
			  const char *name, struct mp_path *ret, struct mp_diags *diags);

/*
 * mp_nvme_native_multipath() - is the kernel's NVMe multipath on?
 * Reads module/nvme_core/parameters/multipath: "Y" on, "N" off. Absent
 * (module not loaded, or a fixture without it) counts as on, the kernel's
 * default with CONFIG_NVME_MULTIPATH=y as on Debian: NVMe namespaces are then
 * the kernel's business and are not reported.
 */
bool mp_nvme_native_multipath(const struct mp_ctx *ctx);

/* Kernel enumeration order: SCSI paths by host, channel, target, LUN; then
 * the rest by devpath with digit runs compared as numbers. */
int mp_path_cmp(const struct mp_path *a, const struct mp_path *b);

/*
 * mp_scsi_transport_object() - the transport class object a SCSI device's
 * sysfs path runs through, nearest the device: "rport-1:0-2" (FC, in
 * class/fc_remote_ports), "session3" (iSCSI, class/iscsi_session) or
 * "end_device-1:0" (SAS). Works on a scsi_device or its block device path.
 * Return: the kind, with the name in buf; MP_TRANSPORT_OTHER and "" when
 * there is none (scsi_debug, tcm_loop, USB, ...).
 */
enum mp_transport_kind mp_scsi_transport_object(const char *devpath, char *buf, size_t size);

/* "scsi:fcp", ... for a transport kind (NVMe needs the fabric: see nvme_disk.c). */
const char *mp_scsi_protocol_name(enum mp_transport_kind t);

#endif
