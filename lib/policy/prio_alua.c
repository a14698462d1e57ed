/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * alua and sysfs prioritizers. Both turn an asymmetric access state into the
 * values multipath-tools has always used, so groups and failback behave the
 * same after a switch of tools:
 *   active/optimized 50, active/non-optimized 10, lba-dependent 5,
 *   standby 1, unavailable/offline/transitioning 0,
 *   +80 when the port group has the preferred (PREF) bit, except on an
 *   active/optimized group unless the args say "exclusive_pref_bit" (an
 *   optimized group is already first; the bonus is for arrays that mark a
 *   non-optimized group as the one to fail back to).
 * alua reads the state from REPORT TARGET PORT GROUPS (discovery stored it);
 * sysfs reads the kernel's access_state, which exists only while the
 * scsi_dh_alua handler is attached. In the snapshot both end in
 * mp_path.alua_state; sysfs additionally requires dh_state "alua".
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "policy/prio.h"

int mp_prio_alua_value(enum mp_alua_state s)
{
	switch (s) {
	case MP_ALUA_ACTIVE_OPTIMIZED:
		return 50;
	case MP_ALUA_ACTIVE_NON_OPTIMIZED:
		return 10;
	case MP_ALUA_LBA_DEPENDENT:
		return 5;
	case MP_ALUA_STANDBY:
		return 1;
	case MP_ALUA_UNAVAILABLE:
	case MP_ALUA_OFFLINE:
	case MP_ALUA_TRANSITIONING:
	case MP_ALUA_UNKNOWN:
		break;
	}
	return 0;
}

/* "exclusive_pref_bit" as a whole word anywhere in args. */
static bool has_exclusive_pref(const char *args)
{
	static const char word[] = "exclusive_pref_bit";
	const size_t n = sizeof(word) - 1;

	for (const char *s = args; s && (s = strstr(s, word)); s += n) {
		bool start = s == args || s[-1] == ' ' || s[-1] == '\t';
		bool end = s[n] == '\0' || s[n] == ' ' || s[n] == '\t';

		if (start && end)
			return true;
	}
	return false;
}

static int alua_common(const char *who, const struct mp_path *p, const char *args,
		       struct mp_prio_result *ret)
{
	int v;

	if (p->alua_state == MP_ALUA_UNKNOWN) {
		snprintf(ret->reason, sizeof(ret->reason), "%s: access state not known", who);
		return -ENODATA;
	}
	v = mp_prio_alua_value(p->alua_state);
	if (p->alua_preferred &&
	    (p->alua_state != MP_ALUA_ACTIVE_OPTIMIZED || has_exclusive_pref(args))) {
		v += 80;
		snprintf(ret->reason, sizeof(ret->reason), "%s: %s (%d) + preferred (80)", who,
			 mp_alua_state_name(p->alua_state), v - 80);
	} else {
		snprintf(ret->reason, sizeof(ret->reason), "%s: %s", who,
			 mp_alua_state_name(p->alua_state));
	}
	ret->prio = v;
	return 0;
}

int mp_prio_alua(const struct mp_path *p, const char *args, struct mp_prio_result *ret)
{
	if (p->tpgs == MP_TPGS_NONE) {
		snprintf(ret->reason, sizeof(ret->reason), "alua: device does not support TPGS");
		return -ENOTSUP;
	}
	return alua_common("alua", p, args, ret);
}

int mp_prio_sysfs(const struct mp_path *p, const char *args, struct mp_prio_result *ret)
{
	if (!streq(p->dh_state, "alua")) {
		snprintf(ret->reason, sizeof(ret->reason),
			 "sysfs: no access_state (device handler \"%s\")",
			 p->dh_state[0] ? p->dh_state : "none");
		return -ENODATA;
	}
	return alua_common("sysfs", p, args, ret);
}
