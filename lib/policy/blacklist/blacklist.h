/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * blacklist / blacklist_exceptions evaluation (multipath.conf(5)): is a path
 * excluded, and by which rule, or saved by which exception?
 *
 * Semantics, kind by kind in multipath-tools' order (property, devnode,
 * device, protocol, wwid); the first kind that excludes decides:
 * - devnode, wwid, protocol, device: an exception of the same kind that
 *   matches wins over any blacklist rule of that kind; otherwise a matching
 *   blacklist rule excludes. Exceptions of one kind never save from another.
 * - property: the regexes match udev property NAMES. Properties are tried in
 *   name order; for each, a matching exception includes and stops, then a
 *   matching blacklist rule excludes and stops. When none matched and there
 *   are property exceptions, the device is excluded as "udev property
 *   missing" -- but only if its uid attribute (ID_SERIAL for SCSI, ID_WWN for
 *   NVMe) is among its properties: without it udev failed on the device and
 *   multipath-tools does not blame the device.
 * Patterns are POSIX extended regexes; a leading '!' inverts one (as in
 * multipath-tools' built-in devnode rule "!^(sd[a-z]|dasd[a-z]|nvme[0-9])").
 *
 * Without udev data (no /run/udev/data entry, e.g. no udevd), the property
 * names udev would have set are synthesized from what discovery read: the
 * uid attribute when a WWID is known, ID_WWN and SCSI_IDENT_LUN_NAA for an
 * NAA WWID ('3'), SCSI_IDENT_LUN_EUI64 ('2'), SCSI_IDENT_LUN_T10 ('1'),
 * SCSI_IDENT_LUN_NAME ('8'), SCSI_IDENT_LUN_VENDOR ('0'), SCSI_IDENT_SERIAL
 * ('S'), SCSI_IDENT_PORT_TARGET_PORT_GROUP when a TPG is known, plus
 * DEVNAME, DEVTYPE, SUBSYSTEM, MAJOR, MINOR. So the default exception
 * "(SCSI_IDENT_|ID_WWN)" keeps every device with a VPD 0x83 identity, as it
 * would on a host running udev with sg3-utils-udev.
 */
#ifndef MPATH_POLICY_BLACKLIST_H
#define MPATH_POLICY_BLACKLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"
#include "config/config.h"
#include "discover/udev_db.h"
#include "model.h"

struct mp_blacklist;

/*
 * mp_blacklist_new() - compile rules (from mp_config_blacklist(cfg, false))
 * and exceptions (mp_config_blacklist(cfg, true)). The arrays and their
 * strings must outlive the result: verdicts point into them.
 * A rule whose regex does not compile is reported to diags (source: its
 * origin) and ignored. Return: 0, -ENOMEM.
 */
int mp_blacklist_new(const struct mp_blacklist_rule *rules, size_t n_rules,
		     const struct mp_blacklist_rule *exceptions, size_t n_exceptions,
		     struct mp_blacklist **ret, struct mp_diags *diags);
void mp_blacklist_free(struct mp_blacklist *bl);

struct mp_blacklist_input {
	const struct mp_path *path;
	const struct mp_udev_props *props; /* NULL: no udev data, names are synthesized */
	const char *uid_attribute;         /* NULL: ID_SERIAL for SCSI, ID_WWN for NVMe */
};

struct mp_blacklist_verdict {
	bool excluded;
	enum mp_blacklist_kind kind;                /* kind that decided (if rule/exception set or property_missing) */
	const struct mp_blacklist_rule *rule;       /* the blacklist rule that excluded */
	const struct mp_blacklist_rule *exception;  /* the exception that matched for the deciding kind */
	bool property_missing;                      /* excluded: no property matched an exception */
	char subject[256];                          /* what was matched: "sda", "3600...", "LIO-ORG:disk", property name */
};

/* Return: 0 and *ret; -EINVAL when in->path is NULL. */
int mp_blacklist_check(const struct mp_blacklist *bl, const struct mp_blacklist_input *in,
		       struct mp_blacklist_verdict *ret);

/* "sda: excluded by blacklist wwid \"^3600\" (/etc/multipath.conf:12)" and the like. */
int mp_blacklist_verdict_format(const struct mp_blacklist_verdict *v, const char *dev, char *buf,
				size_t size);

/* "blacklist"-section keyword of a kind: "devnode", "wwid", "device", "property", "protocol". */
const char *mp_blacklist_kind_name(enum mp_blacklist_kind k);

/* Fill the protocol string multipath-tools prints for a path, e.g. "scsi:fcp". */
const char *mp_blacklist_path_protocol(const struct mp_path *p);

#endif
