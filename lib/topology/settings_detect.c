/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Settings that depend on what the paths are, not only on the config.
 *
 * detect_prio (multipath.conf(5), default yes): a device that supports
 *   ALUA (TPGS != none) gets the sysfs prioritizer when the kernel exposes
 *   access_state (scsi_dh_alua attached), else alua. multipath-tools lets
 *   detection win over every configured prio; we let a prio the admin wrote
 *   in multipaths/overrides/devices/defaults win, because an explicit line
 *   in the config that is silently ignored is the surprise `explain` exists
 *   to avoid. Built-in hardware table prios still lose to detection.
 *   Both prioritizers read the same snapshot fields, so the values match.
 * alua fallback: a path configured for alua whose device has no TPGS gets
 *   const, with the origin saying why (multipath-tools' "emergency fallback").
 * detect_checker (default yes): TPGS devices get the tur checker, the same
 *   precedence rule as detect_prio.
 * retain_attached_hw_handler (default yes): if a path already has a kernel
 *   device handler attached (dh_state not "detached"), the map's hwhandler is
 *   "1 <that handler>". Since Linux 4.3 the kernel always keeps an attached
 *   handler, so the old "retain_attached_hw_handler" table feature is never
 *   emitted (topology/table.c drops it).
 * ALUA autodetect: if every path supports TPGS and hwhandler is still the
 *   built-in "0", the map uses "1 alua".
 */
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "topology/settings.h"

bool mp_origin_is_user(const char *origin)
{
	static const char *const user[] = {"multipaths", "overrides", "devices", "defaults"};

	if (!origin)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(user); i++)
		if (strncmp(origin, user[i], strlen(user[i])) == 0)
			return true;
	return false;
}

static void choose(struct mp_path_choice *c, const char *name, const char *args,
		   const char *origin)
{
	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->args, sizeof(c->args), "%s", args ? args : "");
	snprintf(c->origin, sizeof(c->origin), "%s", origin);
}

int mp_settings_path_prio(const struct mp_map_settings *s, const struct mp_path *p,
			  struct mp_path_choice *ret)
{
	if (s->detect_prio && p->tpgs != MP_TPGS_NONE && !mp_origin_is_user(s->prio_origin)) {
		if (streq(p->dh_state, "alua"))
			choose(ret, "sysfs", "", "detect_prio (ALUA device, kernel access_state)");
		else
			choose(ret, "alua", "", "detect_prio (ALUA device)");
		return 0;
	}
	if (streq(s->prio, "alua") && p->tpgs == MP_TPGS_NONE) {
		choose(ret, "const", "", "fallback: alua configured but device has no TPGS");
		return 0;
	}
	choose(ret, s->prio, s->prio_args, s->prio_origin);
	return 0;
}

int mp_settings_path_checker(const struct mp_map_settings *s, const struct mp_path *p,
			     struct mp_path_choice *ret)
{
	if (s->detect_checker && p->tpgs != MP_TPGS_NONE &&
	    !mp_origin_is_user(s->checker_origin)) {
		choose(ret, "tur", "", "detect_checker (ALUA device)");
		return 0;
	}
	choose(ret, s->checker, "", s->checker_origin);
	return 0;
}

void mp_settings_apply_hwhandler(struct mp_map_settings *s, const struct mp_path *const *paths,
				 size_t n)
{
	bool all_tpgs = n > 0;
	char buf[64];

	if (s->retain_hwhandler) {
		for (size_t i = 0; i < n; i++) {
			const char *dh = paths[i]->dh_state;

			if (dh[0] && !streq(dh, "detached")) {
				snprintf(buf, sizeof(buf), "1 %s", dh);
				MP_SETTING_SET(s, hwhandler, buf,
					       "retain_attached_hw_handler (kernel handler attached)");
				return;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		all_tpgs = all_tpgs && paths[i]->tpgs != MP_TPGS_NONE;
	if (all_tpgs && streq(s->hwhandler, "0") && streq(s->hwhandler_origin, "default"))
		MP_SETTING_SET(s, hwhandler, "1 alua", "autodetected: all paths support TPGS");
}
