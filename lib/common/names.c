/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "model.h"

const char *mp_path_state_name(enum mp_path_state s)
{
	switch (s) {
	case MP_PATH_UP:
		return "ready";
	case MP_PATH_DOWN:
		return "faulty";
	case MP_PATH_GHOST:
		return "ghost";
	case MP_PATH_PENDING:
		return "pending";
	case MP_PATH_SHAKY:
		return "shaky";
	case MP_PATH_DELAYED:
		return "delayed";
	case MP_PATH_MARGINAL:
		return "marginal";
	case MP_PATH_TIMEOUT:
		return "timeout";
	case MP_PATH_UNCHECKED:
		break;
	}
	return "undef";
}

const char *mp_alua_state_name(enum mp_alua_state s)
{
	switch (s) {
	case MP_ALUA_ACTIVE_OPTIMIZED:
		return "active/optimized";
	case MP_ALUA_ACTIVE_NON_OPTIMIZED:
		return "active/non-optimized";
	case MP_ALUA_STANDBY:
		return "standby";
	case MP_ALUA_UNAVAILABLE:
		return "unavailable";
	case MP_ALUA_LBA_DEPENDENT:
		return "lba-dependent";
	case MP_ALUA_OFFLINE:
		return "offline";
	case MP_ALUA_TRANSITIONING:
		return "transitioning";
	case MP_ALUA_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *mp_transport_name(enum mp_transport_kind t)
{
	switch (t) {
	case MP_TRANSPORT_FC:
		return "fc";
	case MP_TRANSPORT_ISCSI:
		return "iscsi";
	case MP_TRANSPORT_SAS:
		return "sas";
	case MP_TRANSPORT_NVME:
		return "nvme";
	case MP_TRANSPORT_OTHER:
		return "other";
	case MP_TRANSPORT_UNKNOWN:
		break;
	}
	return "undef";
}

enum mp_alua_state mp_alua_state_from_name(const char *name)
{
	static const enum mp_alua_state all[] = {
		MP_ALUA_ACTIVE_OPTIMIZED, MP_ALUA_ACTIVE_NON_OPTIMIZED, MP_ALUA_STANDBY,
		MP_ALUA_UNAVAILABLE,      MP_ALUA_LBA_DEPENDENT,        MP_ALUA_OFFLINE,
		MP_ALUA_TRANSITIONING,
	};

	for (size_t i = 0; name && i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(name, mp_alua_state_name(all[i])))
			return all[i];
	return MP_ALUA_UNKNOWN;
}
