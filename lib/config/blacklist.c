/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Blacklist rules as data for lib/policy: the built-in ones (the same as
 * multipath-tools 0.9.4) first, then the user's in file order. Matching is
 * policy's job; this module only says which rules exist and where they came from.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/config-private.h"

/* Only these device names can be multipath members by default. A leading '!'
 * inverts the match: the rule blacklists every devnode NOT matching the rest. */
static const char builtin_devnode_rule[] = "!^(sd[a-z]|dasd[a-z]|nvme[0-9])";
/* Devices with none of these udev properties have no usable WWID. */
static const char builtin_property_exception[] = "(SCSI_IDENT_|ID_WWN)";

int mp_blacklist_load_builtin(struct mp_config *cfg)
{
	int r = mp_rule_list_add(&cfg->blacklist, MP_BL_DEVNODE, builtin_devnode_rule, NULL,
				 NULL, "built-in");

	/* arrays' management LUNs (product_blacklist of the hardware table) */
	for (size_t i = 0; r == 0 && i < cfg->n_devices; i++) {
		const struct mp_device_entry *e = &cfg->devices[i];
		const struct mp_setting *bl;

		if (!e->builtin)
			continue;
		bl = mp_settings_find(&e->settings, "product_blacklist");
		if (bl)
			r = mp_rule_list_add(&cfg->blacklist, MP_BL_DEVICE, NULL, e->vendor,
					     bl->value, "built-in");
	}
	if (r == 0)
		r = mp_rule_list_add(&cfg->exceptions, MP_BL_PROPERTY, builtin_property_exception,
				     NULL, NULL, "built-in");
	return r;
}

const struct mp_blacklist_rule *mp_config_blacklist(const struct mp_config *cfg, bool exceptions,
						    size_t *ret_n)
{
	const struct mp_rule_list *l = exceptions ? &cfg->exceptions : &cfg->blacklist;

	*ret_n = l->n;
	return l->items;
}
