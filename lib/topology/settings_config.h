/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fill typed map settings from config resolution (settings_from_config.c). */
#ifndef MPATH_TOPOLOGY_SETTINGS_CONFIG_H
#define MPATH_TOPOLOGY_SETTINGS_CONFIG_H

#include "common/diag.h"
#include "topology/settings.h"

struct mp_resolved;

/**
 * mp_map_settings_from_resolved() - typed settings for one device.
 * Values that do not parse keep the built-in default; a warning goes to
 * @diags (may be NULL). Return: 0, or -EINVAL for NULL arguments.
 */
int mp_map_settings_from_resolved(const struct mp_resolved *r, struct mp_map_settings *ret,
				  struct mp_diags *diags);

#endif
