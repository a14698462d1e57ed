/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The snapshot of the world that every decision starts from: one struct
 * mp_path per block device that may be a multipath member, as discovery read
 * it. Pure modules (policy, topology, output) take these by const pointer.
 */
#ifndef MPATH_MODEL_H
#define MPATH_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mp_transport_kind {
	MP_TRANSPORT_UNKNOWN = 0,
	MP_TRANSPORT_FC,
	MP_TRANSPORT_ISCSI,
	MP_TRANSPORT_SAS,
	MP_TRANSPORT_NVME,
	MP_TRANSPORT_OTHER, /* scsi_debug, tcm_loop, usb, ... */
};

/* SCSI asymmetric access states (SPC-4 REPORT TARGET PORT GROUPS), as numbers on the wire. */
enum mp_alua_state {
	MP_ALUA_UNKNOWN = -1,
	MP_ALUA_ACTIVE_OPTIMIZED = 0x0,
	MP_ALUA_ACTIVE_NON_OPTIMIZED = 0x1,
	MP_ALUA_STANDBY = 0x2,
	MP_ALUA_UNAVAILABLE = 0x3,
	MP_ALUA_LBA_DEPENDENT = 0x4,
	MP_ALUA_OFFLINE = 0xe,
	MP_ALUA_TRANSITIONING = 0xf,
};

/* The checker's verdict on a path (multipathd's vocabulary, so views stay familiar). */
enum mp_path_state {
	MP_PATH_UNCHECKED = 0,
	MP_PATH_UP,
	MP_PATH_DOWN,
	MP_PATH_GHOST, /* standby: answers, but must not carry I/O */
	MP_PATH_PENDING,
	MP_PATH_SHAKY,
	MP_PATH_DELAYED,
	MP_PATH_MARGINAL,
	MP_PATH_TIMEOUT,
};

enum mp_tpgs {
	MP_TPGS_NONE = 0,
	MP_TPGS_IMPLICIT = 1,
	MP_TPGS_EXPLICIT = 2,
	MP_TPGS_BOTH = 3,
};

/*
 * What a prioritizer that has to ask the device (emc, rdac, ontap, hds,
 * hp_sw, datacore, iet, ana, path_latency) found, filled by
 * mp_prio_probe() before the pure policy code runs; valid for this name and
 * these args only.
 */
struct mp_prio_probe {
	char name[16];
	char args[128];
	int err;  /* 0, or -errno: the device could not tell */
	int prio;
	char reason[128];
};

struct mp_path {
	char dev[32];      /* kernel name: "sda", "nvme0n1" */
	char devpath[512]; /* resolved sysfs device directory, relative to the sysfs root; sorts paths like the kernel enumerates them */
	unsigned int major, minor;
	int host, channel, target; /* H:C:T; -1 when not SCSI */
	uint64_t lun;
	char vendor[16];  /* INQUIRY vendor, trailing blanks trimmed */
	char product[32]; /* INQUIRY product, trimmed */
	char rev[16];
	uint64_t size;       /* 512-byte sectors */
	char dev_state[32];  /* sysfs device/state: running, offline, blocked, ... */
	enum mp_transport_kind transport;
	char tgt_node_name[256]; /* FC WWNN, iSCSI target name, SAS address */
	char tgt_port_name[256]; /* FC WWPN, iSCSI tpgt, ... */
	char wwid[256];          /* as udev/sg3-utils shows it ("36001405..."); "" when unknown */
	char serial[256];        /* VPD 0x80 */
	enum mp_tpgs tpgs;
	enum mp_alua_state alua_state;
	bool alua_preferred;
	int tpg_id;       /* target port group, -1 when unknown */
	char dh_state[16]; /* attached SCSI device handler: "alua", "detached", ... */
	char protocol[24]; /* as multipath-tools prints it: "scsi:fcp", "scsi:iscsi", "scsi:sas", "scsi:unspec", "nvme:tcp", ...; blacklist protocol rules match it */

	/* Filled by policy, not discovery. */
	struct mp_prio_probe probe;
	int prio;
	enum mp_path_state state;
};

/* Display name of a state as multipathd prints it ("ready", "faulty", "ghost", ...). */
const char *mp_path_state_name(enum mp_path_state s);
const char *mp_alua_state_name(enum mp_alua_state s);
/* The inverse, for the kernel's access_state attribute; MP_ALUA_UNKNOWN for other text. */
enum mp_alua_state mp_alua_state_from_name(const char *name);
const char *mp_transport_name(enum mp_transport_kind t);

#endif
