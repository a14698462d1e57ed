/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A path's identity as the config shapes it: uid_attribute/uid_attrs, allow_usb_devices. */
#ifndef MPATH_ENGINE_IDENTITY_H
#define MPATH_ENGINE_IDENTITY_H

#include <stddef.h>

#include "model.h"

struct mp_config;
struct mp_resolved;
struct mp_udev_props;

/* The udev property that holds p's WWID: its uid_attrs entry (by devnode
 * prefix), else its uid_attribute; NULL when neither is set. buf holds a
 * uid_attrs result. */
const char *mp_path_uid_attribute(const struct mp_config *cfg, const struct mp_resolved *r,
				  const struct mp_path *p, char *buf, size_t size);

/*
 * mp_path_identity() - apply the config to one discovered path.
 * @r: the path's resolved settings; @props: its udev database entry, or NULL.
 * p->wwid becomes the value of its uid attribute when udev has one (the VPD
 * WWID stays otherwise). Return: 1 with reason filled when the path is
 * skipped (USB without allow_usb_devices), 0 otherwise.
 */
int mp_path_identity(const struct mp_config *cfg, const struct mp_resolved *r, struct mp_path *p,
		     const struct mp_udev_props *props, char *reason, size_t size);

#endif
