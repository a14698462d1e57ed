/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test helper: literal snapshot paths, shared by the topology and output tests. */
#ifndef MPATH_TEST_FIXTURE_H
#define MPATH_TEST_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "model.h"

/* A SCSI path behind host h, LUN 0, on an ALUA array with one state per path. */
static inline struct mp_path fx_path(const char *dev, unsigned int major, unsigned int minor,
				     int host, const char *wwid, enum mp_alua_state st)
{
	struct mp_path p;

	memset(&p, 0, sizeof(p));
	snprintf(p.dev, sizeof(p.dev), "%s", dev);
	snprintf(p.devpath, sizeof(p.devpath),
		 "devices/platform/host%d/session1/target%d:0:0/%d:0:0:0/block/%s", host, host,
		 host, dev);
	p.major = major;
	p.minor = minor;
	p.host = host;
	p.channel = 0;
	p.target = 0;
	p.lun = 0;
	snprintf(p.vendor, sizeof(p.vendor), "LIO-ORG");
	snprintf(p.product, sizeof(p.product), "disk");
	snprintf(p.rev, sizeof(p.rev), "4.0");
	p.size = 204800; /* 100M */
	snprintf(p.dev_state, sizeof(p.dev_state), "running");
	p.transport = MP_TRANSPORT_ISCSI;
	snprintf(p.tgt_node_name, sizeof(p.tgt_node_name), "iqn.2003-01.org.linux-iscsi:t%d",
		 host % 2);
	snprintf(p.wwid, sizeof(p.wwid), "%s", wwid);
	snprintf(p.serial, sizeof(p.serial), "serial%d", host % 2);
	p.tpgs = MP_TPGS_IMPLICIT;
	p.alua_state = st;
	p.tpg_id = st == MP_ALUA_ACTIVE_OPTIMIZED ? 1 : 2;
	snprintf(p.dh_state, sizeof(p.dh_state), "alua");
	p.state = MP_PATH_UP;
	return p;
}

#endif
