/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The built-in hardware table: recommended settings for known storage arrays,
 * matched by INQUIRY vendor and product (POSIX extended regexes, unanchored).
 * When several entries match, all apply and later ones win, so a narrow entry
 * must come after a broad one of the same vendor.
 *
 * The facts (which array wants which checker, prioritizer, handler, ...)
 * are those of multipath-tools 0.9.4's built-in table, which in turn follow
 * the vendors' host connectivity guides. To add an array: append an entry
 * with the keywords of the devices section; tests/unit/config checks every
 * value against the keyword table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"
#include "config/hwtable.h"

static const struct mp_hw_builtin hw_builtin[] = {
	{"NVM[eE]", ".*", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "none"},
		{"failback", "immediate"},
		{"uid_attribute", "ID_WWN"},
	}},
	{"APPLE", "Xserve RAID", {
		{"path_grouping_policy", "multibus"},
	}},
	{"3PARdata", "VV", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "18"},
		{"fast_io_fail_tmo", "10"},
		{"dev_loss_tmo", "infinity"},
		{"vpd_vendor", "hp3par"},
	}},
	{"NVME", "HPE Alletra", {
		{"no_path_retry", "queue"},
	}},
	{"DEC", "HSG80", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "hp_sw"},
		{"prio", "hp_sw"},
		{"hardware_handler", "1 hp_sw"},
		{"no_path_retry", "queue"},
	}},
	{"HP", "A6189A", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "12"},
	}},
	{"(COMPAQ|HP)", "(MSA|HSV)1[01]0", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "hp_sw"},
		{"prio", "hp_sw"},
		{"hardware_handler", "1 hp_sw"},
		{"no_path_retry", "12"},
	}},
	{"(COMPAQ|HP)", "MSA VOLUME", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "12"},
	}},
	{"(COMPAQ|HP)", "(HSV1[01]1|HSV2[01]0|HSV3[046]0|HSV4[05]0)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "12"},
	}},
	{"HP", "(MSA2[02]12fc|MSA2012i)", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "18"},
	}},
	{"HP", "(MSA2012sa|MSA23(12|24)(fc|i|sa)|MSA2000s VOLUME)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "18"},
	}},
	{"(HP|HPE)", "MSA [12]0[456]0 (SAN|SAS|FC|iSCSI)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "18"},
	}},
	{"HP", "(HSVX700|HSVX740)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "12"},
	}},
	{"HP", "LOGICAL VOLUME", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "12"},
	}},
	{"HP", "(P2000 G3 FC|P2000G3 FC/iSCSI|P2000 G3 SAS|P2000 G3 iSCSI)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "18"},
	}},
	{"LEFTHAND", "(P4000|iSCSIDisk|FCDISK)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "18"},
	}},
	{"Nimble", "Server", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"SGI", "TP9100", {
		{"path_grouping_policy", "multibus"},
	}},
	{"SGI", "TP9[3457]00", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SGI", "IS", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SGI", "^DD[46]A-", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"DDN", "SAN DataDirector", {
		{"path_grouping_policy", "multibus"},
	}},
	{"DDN", "^EF3010", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "30"},
	}},
	{"DDN", "^(EF3015|S2A|SFA)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"NEXENTA", "COMSTAR", {
		{"path_grouping_policy", "group_by_serial"},
		{"no_path_retry", "30"},
	}},
	{"TEGILE", "(ZEBI-(FC|ISCSI)|INTELLIFLASH)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "10"},
	}},
	{"EMC", "SYMMETRIX", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "6"},
	}},
	{"NVME", "EMC PowerMax", {
		{"no_path_retry", "queue"},
	}},
	{"^DGC", "^(RAID|DISK|VRAID)", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "emc_clariion"},
		{"prio", "emc"},
		{"hardware_handler", "1 emc"},
		{"failback", "immediate"},
		{"no_path_retry", "60"},
		{"detect_checker", "no"},
		{"product_blacklist", "LUNZ"},
	}},
	{"EMC", "Invista", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "5"},
		{"product_blacklist", "LUNZ"},
	}},
	{"XtremIO", "XtremApp", {
		{"path_grouping_policy", "multibus"},
	}},
	{"COMPELNT", "Compellent Vol", {
		{"path_grouping_policy", "group_by_prio"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"DELL", "^MD3", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"DellEMC", "PowerStore", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "3"},
		{"fast_io_fail_tmo", "15"},
	}},
	{".*", "dellemc-powerstore", {
		{"no_path_retry", "3"},
	}},
	{"DellEMC", "^ME", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
	}},
	{"FSC", "CentricStor", {
		{"path_grouping_policy", "group_by_serial"},
	}},
	{"FUJITSU", "ETERNUS_DX(H|L|M|400|8000)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "10"},
	}},
	{"(EUROLOGC|EuroLogc)", "FC2502", {
		{"path_grouping_policy", "multibus"},
	}},
	{"FUJITSU", "E[234]000", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "10"},
	}},
	{"FUJITSU", "E[68]000", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "10"},
	}},
	{"FUJITSU", "ETERNUS_AHB", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"(HITACHI|HP|HPE)", "^OPEN-", {
		{"path_grouping_policy", "multibus"},
	}},
	{"HITACHI", "^DF", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "hds"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"HITACHI", "^DF600F", {
		{"path_grouping_policy", "multibus"},
	}},
	{"IBM", "ProFibre 4000R", {
		{"path_grouping_policy", "multibus"},
	}},
	{"IBM", "^1722-600", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1724", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1726", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1742", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1746", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1813", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1814", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1815", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^1818", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^3526", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^(3542|3552)", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"IBM", "^2105", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "queue"},
	}},
	{"IBM", "^1750500", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"IBM", "^2107900", {
		{"path_grouping_policy", "group_by_prio"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"IBM", "^2145", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"NVME", "IBM[ ]+2145", {
		{"no_path_retry", "queue"},
	}},
	{"IBM", "S/390 DASD ECKD", {
		{"path_grouping_policy", "multibus"},
		{"path_checker", "directio"},
		{"no_path_retry", "queue"},
		{"uid_attribute", "ID_UID"},
		{"product_blacklist", "S/390"},
	}},
	{"IBM", "S/390 DASD FBA", {
		{"path_grouping_policy", "multibus"},
		{"path_checker", "directio"},
		{"no_path_retry", "queue"},
		{"uid_attribute", "ID_UID"},
		{"product_blacklist", "S/390"},
	}},
	{"IBM", "^IPR", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"IBM", "1820N00", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"(XIV|IBM)", "(NEXTRA|2810XIV)", {
		{"path_grouping_policy", "group_by_prio"},
		{"failback", "15"},
		{"no_path_retry", "queue"},
	}},
	{"(TMS|IBM)", "(RamSan|FlashSystem)", {
		{"path_grouping_policy", "multibus"},
	}},
	{"NVMe", "FlashSystem", {
		{"no_path_retry", "fail"},
	}},
	{"IBM", "^(DCS9900|2851)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"AIX", "VDASD", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "60"},
	}},
	{"IBM", "3303[ ]+NVDISK", {
		{"no_path_retry", "60"},
	}},
	{"AIX", "NVDISK", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "60"},
	}},
	{"LENOVO", "DE_Series", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"NETAPP", "LUN", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "ontap"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
		{"dev_loss_tmo", "infinity"},
		{"flush_on_last_del", "yes"},
		{"user_friendly_names", "no"},
	}},
	{"(NETAPP|LSI|ENGENIO)", "INF-01-00", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SolidFir", "SSD SAN", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "24"},
	}},
	{"NVME", "^NetApp ONTAP Controller", {
		{"no_path_retry", "queue"},
	}},
	{"NEC", "DISK ARRAY", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
	}},
	{"^Pillar", "^Axiom", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
	}},
	{"^Oracle", "^Oracle FS", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
	}},
	{"STK", "BladeCtlr", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"STK", "OPENstorage", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"STK", "FLEXLINE 380", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SUN", "StorEdge 3", {
		{"path_grouping_policy", "multibus"},
	}},
	{"SUN", "STK6580_6780", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SUN", "CSM[12]00_R", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SUN", "LCSM100_[IEFS]", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SUN", "SUN_6180", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SUN", "ArrayStorage", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_checker", "rdac"},
		{"prio", "rdac"},
		{"hardware_handler", "1 rdac"},
		{"features", "2 pg_init_retries 50"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Universal Xport"},
	}},
	{"SUN", "(Sun Storage|ZFS Storage|COMSTAR)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"PIVOT3", "RAIGE VOLUME", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "queue"},
	}},
	{"(NexGen|Pivot3)", "(TierStore|vSTAC)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"(Intel|INTEL)", "Multi-Flex", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
		{"product_blacklist", "VTrak V-LUN"},
	}},
	{"(LIO-ORG|SUSE)", ".*", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "12"},
	}},
	{"DataCore", "SANmelody", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"DataCore", "Virtual Disk", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "queue"},
	}},
	{"PURE", "FlashArray", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"fast_io_fail_tmo", "10"},
	}},
	{"NVME", "Pure Storage FlashArray", {
		{"no_path_retry", "10"},
	}},
	{"HUAWEI", "XSG1", {
		{"path_grouping_policy", "group_by_prio"},
		{"failback", "immediate"},
		{"no_path_retry", "15"},
	}},
	{"NVM[eE]", "Huawei-XSG1", {
		{"path_checker", "directio"},
		{"no_path_retry", "12"},
	}},
	{"KOVE", "XPD", {
		{"path_grouping_policy", "multibus"},
	}},
	{"NFINIDAT", "InfiniBox", {
		{"path_grouping_policy", "group_by_prio"},
		{"path_selector", "round-robin 0"},
		{"prio", "alua"},
		{"failback", "30"},
		{"no_path_retry", "fail"},
		{"rr_weight", "priorities"},
		{"rr_min_io", "1"},
		{"rr_min_io_rq", "1"},
		{"fast_io_fail_tmo", "15"},
		{"dev_loss_tmo", "15"},
		{"flush_on_last_del", "yes"},
	}},
	{"KMNRIO", "K2", {
		{"path_grouping_policy", "multibus"},
	}},
	{"NEXSAN", "NXS-B0", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "15"},
	}},
	{"NEXSAN", "SATAB", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "15"},
	}},
	{"Nexsan", "(NestOS|NST5000)", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"VIOLIN", "SAN ARRAY$", {
		{"path_grouping_policy", "group_by_serial"},
		{"no_path_retry", "30"},
	}},
	{"VIOLIN", "SAN ARRAY ALUA", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"VIOLIN", "CONCERTO ARRAY", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "30"},
	}},
	{"(XIOTECH|XIOtech)", "ISE", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "12"},
	}},
	{"(XIOTECH|XIOtech)", "IGLU DISK", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "30"},
	}},
	{"(XIOTECH|XIOtech)", "Magnitude", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "30"},
	}},
	{"Vexata", "VX", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "30"},
	}},
	{"Promise", "VTrak", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "VTrak V-LUN"},
	}},
	{"Promise", "Vess", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"hardware_handler", "1 alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
		{"product_blacklist", "Vess V-LUN"},
	}},
	{"^IFT", ".*", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"DotHill", "SANnet", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "30"},
	}},
	{"DotHill", "R/Evo", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"DotHill", "^DH", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
	{"AStor", "NeoSapphire", {
		{"path_grouping_policy", "multibus"},
		{"no_path_retry", "30"},
	}},
	{"INSPUR", "MCS", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
	}},
	{"MacroSAN", "LU", {
		{"path_grouping_policy", "group_by_prio"},
		{"prio", "alua"},
		{"failback", "immediate"},
		{"no_path_retry", "30"},
	}},
};

const struct mp_hw_builtin *mp_hwtable_builtin(size_t *ret_n)
{
	*ret_n = ARRAY_SIZE(hw_builtin);
	return hw_builtin;
}

static int add_builtin(struct mp_config *cfg, const struct mp_hw_builtin *hw)
{
	struct mp_device_entry *e = mp_config_add_device(cfg);
	size_t len;

	if (!e)
		return -ENOMEM;
	e->builtin = true;
	e->vendor = strdup(hw->vendor);
	e->product = strdup(hw->product);
	e->revision = hw->revision ? strdup(hw->revision) : NULL;
	len = strlen(hw->vendor) + strlen(hw->product) + 2;
	e->name = malloc(len);
	if (!e->vendor || !e->product || (hw->revision && !e->revision) || !e->name)
		return -ENOMEM;
	snprintf(e->name, len, "%s %s", hw->vendor, hw->product);
	for (size_t i = 0; i < MP_HW_MAX_SETTINGS && hw->settings[i].keyword; i++) {
		const struct mp_keyword *kw = mp_keyword_find(hw->settings[i].keyword);
		int r;

		if (!kw)
			return -EINVAL; /* a typo in the table; the unit tests catch it */
		r = mp_settings_set(&e->settings, kw, hw->settings[i].value, NULL, 0, NULL);
		if (r < 0)
			return r;
	}
	return mp_device_entry_compile(e);
}

int mp_hwtable_load(struct mp_config *cfg)
{
	for (size_t i = 0; i < ARRAY_SIZE(hw_builtin); i++) {
		int r = add_builtin(cfg, &hw_builtin[i]);

		if (r < 0)
			return r;
	}
	return 0;
}
