/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The library context: where the world is (sysfs root, /dev root), where
 * messages go, and which kernel transports to use. Tests point it at a
 * fixture tree and a scripted SCSI transport; the lab points it at /sys.
 */
#ifndef MPATH_CTX_H
#define MPATH_CTX_H

#include "mpath/mpath.h"

struct mp_scsi_transport; /* lib/discover/transport.h */
struct mp_nvme_transport; /* lib/discover/nvme_admin.h */

struct mp_ctx {
	char *sysfs_root; /* "/sys" or a captured tree */
	char *dev_root;   /* "/dev" */
	mp_log_fn log_fn;
	void *log_data;
	int log_level;
	const struct mp_scsi_transport *scsi; /* NULL: no live SCSI commands */
	void *scsi_data;
	const struct mp_nvme_transport *nvme; /* NULL: no NVMe admin commands (the ana prioritizer) */
	void *nvme_data;
	/* Set through the public API (lib/api/context.c); NULL: the defaults. */
	char *config_file;
	char *state_dir;
};

#endif
