/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the config says about a path's identity before it is grouped, as
 * multipath-tools 0.9.4 does it in its path discovery:
 *
 *   - uid_attrs ("sd:ID_SERIAL nvme:ID_WWN", devnode prefix : udev property)
 *     and else uid_attribute name the udev property whose value is the WWID;
 *     it is read from the udev database, and the WWID derived from the VPD
 *     pages stays when udev has no such value (no database, property unset);
 *   - a device on USB is skipped unless allow_usb_devices is yes.
 */
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "config/config.h"
#include "discover/udev_db.h"
#include "engine/identity.h"

/* The uid_attrs entry for this devnode, copied into buf; NULL when none applies. */
static const char *uid_attrs_for(const char *attrs, const char *dev, char *buf, size_t size)
{
	const char *p = attrs;

	while (p && *p) {
		size_t len = strcspn(p, " \t");
		const char *colon = memchr(p, ':', len);

		if (colon && colon > p && !strncmp(dev, p, (size_t)(colon - p)) &&
		    (size_t)(p + len - colon - 1) < size && p + len > colon + 1) {
			memcpy(buf, colon + 1, (size_t)(p + len - colon - 1));
			buf[p + len - colon - 1] = '\0';
			return buf;
		}
		p += len;
		p += strspn(p, " \t");
	}
	return NULL;
}

const char *mp_path_uid_attribute(const struct mp_config *cfg, const struct mp_resolved *r,
				  const struct mp_path *p, char *buf, size_t size)
{
	const char *attrs = mp_config_get(cfg, "uid_attrs", NULL);
	const char *a = attrs ? uid_attrs_for(attrs, p->dev, buf, size) : NULL;

	return a ? a : mp_resolved_get(r, "uid_attribute", NULL);
}

int mp_path_identity(const struct mp_config *cfg, const struct mp_resolved *r, struct mp_path *p,
		     const struct mp_udev_props *props, char *reason, size_t size)
{
	char buf[128];
	const char *attr, *v;
	bool usb_ok = false;

	if (strstr(p->devpath, "/usb")) {
		mp_config_get_bool(cfg, "allow_usb_devices", &usb_ok);
		if (!usb_ok) {
			snprintf(reason, size, "%s: skipped, a USB device (allow_usb_devices is no)",
				 p->dev);
			return 1;
		}
	}
	attr = mp_path_uid_attribute(cfg, r, p, buf, sizeof(buf));
	v = props && attr ? mp_udev_props_get(props, attr) : NULL;
	if (v && *v && strlen(v) < sizeof(p->wwid) && !streq(v, p->wwid))
		snprintf(p->wwid, sizeof(p->wwid), "%s", v);
	return 0;
}
