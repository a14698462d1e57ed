/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The accessors of maps, groups and paths. Each accepts NULL (see
 * <mpath/topology.h>) so that a lookup that found nothing can be chained
 * without a check; none allocates.
 */
#include <errno.h>
#include <sys/sysmacros.h>

#include "api/api-private.h"

/* The views keep "" for unknown text; the API says NULL. */
static const char *known(const char *s)
{
	return s && s[0] ? s : NULL;
}

MP_EXPORT const char *mp_map_name(const struct mp_map_info *m)
{
	return m ? m->v->name : NULL;
}

MP_EXPORT const char *mp_map_wwid(const struct mp_map_info *m)
{
	return m ? m->v->wwid : NULL;
}

MP_EXPORT int mp_map_dm_minor(const struct mp_map_info *m)
{
	return m ? m->v->minor : -EINVAL;
}

MP_EXPORT uint64_t mp_map_size_sectors(const struct mp_map_info *m)
{
	return m ? m->v->size : 0;
}

MP_EXPORT const char *mp_map_vendor(const struct mp_map_info *m)
{
	return m ? known(m->v->vendor) : NULL;
}

MP_EXPORT const char *mp_map_product(const struct mp_map_info *m)
{
	return m ? known(m->v->product) : NULL;
}

MP_EXPORT const char *mp_map_features(const struct mp_map_info *m)
{
	return m ? m->v->features : NULL;
}

MP_EXPORT const char *mp_map_hwhandler(const struct mp_map_info *m)
{
	return m ? m->v->hwhandler : NULL;
}

MP_EXPORT size_t mp_map_group_count(const struct mp_map_info *m)
{
	return m ? m->v->n_groups : 0;
}

MP_EXPORT const struct mp_group_info *mp_map_group(const struct mp_map_info *m, size_t i)
{
	return m && i < m->v->n_groups ? &m->groups[i] : NULL;
}

MP_EXPORT size_t mp_map_path_count(const struct mp_map_info *m)
{
	return m ? m->n_paths : 0;
}

MP_EXPORT size_t mp_map_active_path_count(const struct mp_map_info *m)
{
	return m ? m->n_active : 0;
}

MP_EXPORT enum mp_group_status mp_group_state(const struct mp_group_info *g)
{
	switch (g ? g->v->state : 0) {
	case 'A':
		return MP_GROUP_ACTIVE;
	case 'E':
		return MP_GROUP_ENABLED;
	case 'D':
		return MP_GROUP_DISABLED;
	default:
		return MP_GROUP_UNKNOWN;
	}
}

MP_EXPORT const char *mp_group_state_str(enum mp_group_status s)
{
	switch (s) {
	case MP_GROUP_ACTIVE:
		return "active";
	case MP_GROUP_ENABLED:
		return "enabled";
	case MP_GROUP_DISABLED:
		return "disabled";
	case MP_GROUP_UNKNOWN:
		break;
	}
	return "undef";
}

MP_EXPORT int mp_group_prio(const struct mp_group_info *g)
{
	return g ? g->v->prio : -EINVAL;
}

MP_EXPORT const char *mp_group_selector(const struct mp_group_info *g)
{
	return g ? g->v->selector : NULL;
}

MP_EXPORT size_t mp_group_path_count(const struct mp_group_info *g)
{
	return g ? g->v->n : 0;
}

MP_EXPORT const struct mp_path_info *mp_group_path(const struct mp_group_info *g, size_t i)
{
	return g && i < g->v->n ? &g->paths[i] : NULL;
}

MP_EXPORT const char *mp_path_dev(const struct mp_path_info *p)
{
	return p && p->v->path ? p->v->path->dev : NULL;
}

MP_EXPORT dev_t mp_path_devt(const struct mp_path_info *p)
{
	return p ? makedev(p->v->major, p->v->minor) : 0;
}

MP_EXPORT const char *mp_path_hctl(const struct mp_path_info *p)
{
	return p ? known(p->hctl) : NULL;
}

MP_EXPORT enum mp_path_dm_status mp_path_dm_state(const struct mp_path_info *p)
{
	switch (p ? p->v->dm_state : 0) {
	case 'A':
		return MP_PATH_DM_ACTIVE;
	case 'F':
		return MP_PATH_DM_FAILED;
	default:
		return MP_PATH_DM_UNKNOWN;
	}
}

MP_EXPORT enum mp_check_state mp_path_check_state(const struct mp_path_info *p)
{
	return p ? p->check : MP_CHECK_UNCHECKED;
}

MP_EXPORT const char *mp_path_state_str(enum mp_check_state s)
{
	switch (s) {
	case MP_CHECK_READY:
		return "ready";
	case MP_CHECK_FAULTY:
		return "faulty";
	case MP_CHECK_GHOST:
		return "ghost";
	case MP_CHECK_PENDING:
		return "pending";
	case MP_CHECK_SHAKY:
		return "shaky";
	case MP_CHECK_DELAYED:
		return "delayed";
	case MP_CHECK_MARGINAL:
		return "marginal";
	case MP_CHECK_TIMEOUT:
		return "timeout";
	case MP_CHECK_UNCHECKED:
		break;
	}
	return "undef";
}

MP_EXPORT int mp_path_prio(const struct mp_path_info *p)
{
	return p ? p->v->prio : -EINVAL;
}
