/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <fnmatch.h>
#include <string.h>

#include "capture-rules.h"

#define DIR_ONLY CAP_MATCH_DIR
#define LINK_ONLY CAP_MATCH_LINK

/*
 * Only the block devices multipath can use or build. virtio disks are included:
 * multipath does not blacklist them, and they make a VM's capture non-empty.
 */
static const struct capture_rule root_rules[] = {
    {"block", NULL, DIR_ONLY},
    {"block/sd*", "block", 0},
    {"block/dm-*", "block", 0},
    {"block/nvme*", "block", 0},
    {"block/vd*", "block", 0},
    {"class/block/sd*", "block", 0},
    {"class/block/dm-*", "block", 0},
    {"class/block/nvme*", "block", 0},
    {"class/block/vd*", "block", 0},
    {"class/scsi_host", NULL, DIR_ONLY},
    {"class/scsi_host/*", "classdev", 0},
    {"class/scsi_device", NULL, DIR_ONLY},
    {"class/scsi_device/*", "classdev", 0},
    {"class/scsi_disk", NULL, DIR_ONLY},
    {"class/scsi_disk/*", "classdev", 0},
    {"class/fc_host/*", "classdev", 0},
    {"class/fc_remote_ports/*", "classdev", 0},
    {"class/fc_transport/*", "classdev", 0},
    {"class/iscsi_session/*", "classdev", 0},
    {"class/iscsi_connection/*", "classdev", 0},
    {"class/iscsi_host/*", "classdev", 0},
    {"class/sas_host/*", "classdev", 0},
    {"class/sas_device/*", "classdev", 0},
    {"class/sas_end_device/*", "classdev", 0},
    {"class/nvme/*", "device", 0},
    {"class/nvme-subsystem/*", "device", 0},
    {NULL, NULL, 0}, /* end */
};

/* A gendisk: SCSI disk, dm map, NVMe namespace or hidden NVMe path (nvmeXcYnZ). */
static const struct capture_rule block_rules[] = {
    {"dev", NULL, 0},
    {"size", NULL, 0},
    {"ro", NULL, 0},
    {"removable", NULL, 0},
    {"range", NULL, 0},
    {"ext_range", NULL, 0},
    {"capability", NULL, 0},
    {"hidden", NULL, 0},
    {"uevent", NULL, 0},
    {"wwid", NULL, 0},
    {"nsid", NULL, 0},
    {"eui", NULL, 0},
    {"nguid", NULL, 0},
    {"uuid", NULL, 0},
    {"ana_state", NULL, 0},
    {"ana_grpid", NULL, 0},
    {"serial", NULL, 0},
    {"queue/logical_block_size", NULL, 0},
    {"queue/physical_block_size", NULL, 0},
    {"queue/hw_sector_size", NULL, 0},
    {"queue/max_sectors_kb", NULL, 0},
    {"queue/max_hw_sectors_kb", NULL, 0},
    {"queue/rotational", NULL, 0},
    {"dm/name", NULL, 0},
    {"dm/uuid", NULL, 0},
    {"dm/suspended", NULL, 0},
    {"holders", NULL, DIR_ONLY},
    {"holders/*", "block", 0},
    {"slaves", NULL, DIR_ONLY},
    {"slaves/*", "block", 0},
    {"subsystem", NULL, LINK_ONLY},
    {"device", "device", LINK_ONLY},
    {NULL, NULL, 0}, /* end */
};

/* What a gendisk's "device" points at: a SCSI device, an NVMe controller or subsystem. */
static const struct capture_rule device_rules[] = {
    {"uevent", NULL, 0},
    {"vendor", NULL, 0},
    {"model", NULL, 0},
    {"rev", NULL, 0},
    {"state", NULL, 0},
    {"type", NULL, 0},
    {"queue_depth", NULL, 0},
    {"queue_type", NULL, 0},
    {"timeout", NULL, 0},
    {"eh_timeout", NULL, 0},
    {"access_state", NULL, 0},
    {"preferred_path", NULL, 0},
    {"dh_state", NULL, 0},
    {"wwid", NULL, 0},
    {"vpd_pg80", NULL, 0},
    {"vpd_pg83", NULL, 0},
    {"inquiry", NULL, 0},
    {"scsi_level", NULL, 0},
    {"device_blocked", NULL, 0},
    /* NVMe controller and subsystem */
    {"dev", NULL, 0},
    {"serial", NULL, 0},
    {"firmware_rev", NULL, 0},
    {"transport", NULL, 0},
    {"address", NULL, 0},
    {"subsysnqn", NULL, 0},
    {"cntlid", NULL, 0},
    {"hostnqn", NULL, 0},
    {"ctrl_loss_tmo", NULL, 0},
    {"reconnect_delay", NULL, 0},
    {"fast_io_fail_tmo", NULL, 0},
    {"iopolicy", NULL, 0},
    {"subsystype", NULL, 0},
    {"nvme[0-9]*", "device", LINK_ONLY},      /* subsystem -> its controllers */
    {"nvme[0-9]*n[0-9]*", "block", DIR_ONLY}, /* namespaces and hidden paths */
    /* SCSI class devices living inside the device directory */
    {"scsi_disk/*", "classdev", DIR_ONLY},
    {"scsi_device/*", "classdev", DIR_ONLY},
    {"scsi_generic/*", "classdev", DIR_ONLY},
    {"block", NULL, DIR_ONLY},
    {"block/*", "block", DIR_ONLY},
    {"generic", NULL, LINK_ONLY},
    {"subsystem", NULL, LINK_ONLY},
    {"driver", NULL, LINK_ONLY},
    {NULL, NULL, 0}, /* end */
};

/* Class devices: scsi_host, fc_*, iscsi_*, sas_*, scsi_disk, scsi_device, scsi_generic. */
static const struct capture_rule classdev_rules[] = {
    {"uevent", NULL, 0},
    {"dev", NULL, 0},
    {"state", NULL, 0},
    {"proc_name", NULL, 0},
    {"unique_id", NULL, 0},
    {"supported_mode", NULL, 0},
    {"active_mode", NULL, 0},
    {"port_name", NULL, 0},
    {"node_name", NULL, 0},
    {"port_id", NULL, 0},
    {"port_state", NULL, 0},
    {"port_type", NULL, 0},
    {"speed", NULL, 0},
    {"fabric_name", NULL, 0},
    {"dev_loss_tmo", NULL, 0},
    {"fast_io_fail_tmo", NULL, 0},
    {"symbolic_name", NULL, 0},
    {"tgtid_bind_type", NULL, 0},
    {"roles", NULL, 0},
    {"scsi_target_id", NULL, 0},
    {"supported_classes", NULL, 0},
    {"targetname", NULL, 0},
    {"tpgt", NULL, 0},
    {"recovery_tmo", NULL, 0},
    {"initiatorname", NULL, 0},
    {"ifacename", NULL, 0},
    {"persistent_address", NULL, 0},
    {"persistent_port", NULL, 0},
    {"address", NULL, 0},
    {"port", NULL, 0},
    {"sas_address", NULL, 0},
    {"phy_identifier", NULL, 0},
    {"device_type", NULL, 0},
    {"target_port_protocols", NULL, 0},
    {"initiator_port_protocols", NULL, 0},
    {"enclosure_identifier", NULL, 0},
    {"bay_identifier", NULL, 0},
    {"I_T_nexus_loss_timeout", NULL, 0},
    {"initiator_response_timeout", NULL, 0},
    {"cache_type", NULL, 0},
    {"FUA", NULL, 0},
    {"protection_type", NULL, 0},
    {"manage_start_stop", NULL, 0},
    {"device", NULL, LINK_ONLY},
    {"subsystem", NULL, LINK_ONLY},
    {NULL, NULL, 0}, /* end */
};

/* SCSI host, target and transport directories on the way to a device. */
static const struct capture_rule host_rules[] = {
    {"uevent", NULL, 0},
    {"scsi_host/*", "classdev", DIR_ONLY},
    {"fc_host/*", "classdev", DIR_ONLY},
    {"iscsi_host/*", "classdev", DIR_ONLY},
    {"sas_host/*", "classdev", DIR_ONLY},
    {"fc_transport/*", "classdev", DIR_ONLY},
    {"fc_remote_ports/*", "classdev", DIR_ONLY},
    {"iscsi_session/*", "classdev", DIR_ONLY},
    {"iscsi_connection/*", "classdev", DIR_ONLY},
    {"sas_device/*", "classdev", DIR_ONLY},
    {"sas_end_device/*", "classdev", DIR_ONLY},
    {"subsystem", NULL, LINK_ONLY},
    {NULL, NULL, 0}, /* end */
};

/* PCI functions: enough to tell HBAs and NVMe controllers apart. */
static const struct capture_rule pci_rules[] = {
    {"vendor", NULL, CAP_MATCH_FILE},
    {"device", NULL, CAP_MATCH_FILE},
    {"subsystem_vendor", NULL, CAP_MATCH_FILE},
    {"subsystem_device", NULL, CAP_MATCH_FILE},
    {"class", NULL, CAP_MATCH_FILE},
    {"uevent", NULL, 0},
    {NULL, NULL, 0}, /* end */
};

static const struct capture_kind kinds[] = {
    {CAPTURE_ROOT_KIND, root_rules}, {"block", block_rules}, {"device", device_rules},
    {"classdev", classdev_rules},    {"host", host_rules},   {"pci", pci_rules},
};

static const struct capture_ancestor ancestors[] = {
    {"host[0-9]*", "host"},
    {"target[0-9]*:*", "host"},
    {"rport-*", "host"},
    {"session[0-9]*", "host"},
    {"connection[0-9]*", "host"},
    {"end_device-*", "host"},
    {"nvme[0-9]*", "device"},
    {"nvme-subsys[0-9]*", "device"},
    {"[0-9a-f][0-9a-f][0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f].[0-9a-f]", "pci"},
};

/* Names that start an action when written and have no business being read. */
static const char *const denied_names[] = {
    "delete",
    "rescan",
    "scan",
    "remove",
    "reset",
    "bind",
    "unbind",
    "new_id",
    "remove_id",
    "host_reset",
    "issue_lip",
    "issue_reset",
    "reset_controller",
    "rescan_controller",
    "delete_controller",
    "delete_device",
    "new_device",
    "flush",
    "trigger",
};

const struct capture_kind *capture_kind_find(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const char *capture_ancestor_kind(const char *name)
{
	for (size_t i = 0; i < sizeof(ancestors) / sizeof(ancestors[0]); i++)
		if (fnmatch(ancestors[i].name_glob, name, FNM_PERIOD) == 0)
			return ancestors[i].kind;
	return NULL;
}

bool capture_name_denied(const char *name)
{
	for (size_t i = 0; i < sizeof(denied_names) / sizeof(denied_names[0]); i++)
		if (strcmp(denied_names[i], name) == 0)
			return true;
	return false;
}
