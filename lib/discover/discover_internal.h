/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared between the files of lib/discover; not for other modules. */
#ifndef MPATH_DISCOVER_INTERNAL_H
#define MPATH_DISCOVER_INTERNAL_H

#include "discover/discover.h"

/* Fill p for block device name (sd*). Return as mp_discover_path(). */
int mp_discover_scsi_disk(const struct mp_ctx *ctx, const struct mp_discover_opts *opts,
			  const char *name, struct mp_path *p, struct mp_diags *diags);

/* Fill p for an NVMe namespace block device (nvme*n*). */
int mp_discover_nvme_ns(const struct mp_ctx *ctx, const char *name, struct mp_path *p,
			struct mp_diags *diags);

/* Transport kind and target names from the scsi_device's resolved path. */
void mp_discover_scsi_transport(const struct mp_ctx *ctx, const char *scsi_devpath,
				struct mp_path *p, struct mp_diags *diags);

/* Fields common to every block device: devpath, dev_t, size. */
int mp_discover_block_common(const struct mp_ctx *ctx, const char *name, struct mp_path *p,
			     struct mp_diags *diags);

/* Copy a string attribute into a fixed field; a diagnostic (warning) on
 * anything but success or absence. Return as mp_sysfs_read_str(). */
int mp_discover_attr(const struct mp_ctx *ctx, const char *rel, char *buf, size_t size,
		     struct mp_diags *diags);
/* The same for block/<name>/device/<attr>, the device's own attributes. */
int mp_discover_device_attr(const struct mp_ctx *ctx, const char *name, const char *attr,
			    char *buf, size_t size, struct mp_diags *diags);

#endif
