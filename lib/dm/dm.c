/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The backend-independent half of dm.h: argument checks, the "flush" rule
 * and the message vocabulary live here once, so the fake and libdevmapper
 * backends cannot disagree about them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "dm/dm.h"

#define MP_DM_UUID_PREFIX "mpath-"

/* Names become /dev/mapper/<name>: no '/', not "." or "..", fits DM_NAME_LEN. */
bool mp_dm_name_ok(const char *name)
{
	size_t len = name ? strlen(name) : 0;

	return len > 0 && len < 128 && !strchr(name, '/') && strcmp(name, ".") != 0 &&
	       strcmp(name, "..") != 0 && !strpbrk(name, " \t\n");
}

void mp_dm_free(struct mp_dm *dm)
{
	if (dm)
		dm->ops->free(dm);
}

int mp_dm_list_maps(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n)
{
	return dm->ops->list_maps(dm, ret_maps, ret_n);
}

int mp_dm_get_map(struct mp_dm *dm, const char *name, struct mp_dm_map *ret)
{
	if (!mp_dm_name_ok(name))
		return -EINVAL;
	return dm->ops->get_map(dm, name, ret);
}

int mp_dm_get_table_line(struct mp_dm *dm, const char *name, char **ret_line)
{
	if (!mp_dm_name_ok(name))
		return -EINVAL;
	return dm->ops->get_table(dm, name, ret_line);
}

int mp_dm_get_status_line(struct mp_dm *dm, const char *name, char **ret_line)
{
	if (!mp_dm_name_ok(name))
		return -EINVAL;
	return dm->ops->get_status(dm, name, ret_line);
}

int mp_dm_get_table(struct mp_dm *dm, const char *name, struct mp_dm_table *ret)
{
	_cleanup_free_ char *line = NULL;
	int r = mp_dm_get_table_line(dm, name, &line);

	return r < 0 ? r : mp_dm_table_parse(line, ret);
}

int mp_dm_get_status(struct mp_dm *dm, const char *name, struct mp_dm_table *ret)
{
	_cleanup_free_ char *line = NULL;
	int r = mp_dm_get_status_line(dm, name, &line);

	return r < 0 ? r : mp_dm_status_parse(line, ret);
}

int mp_dm_create(struct mp_dm *dm, const char *name, const char *uuid,
		 const struct mp_dm_table *t, unsigned int flags)
{
	if (!mp_dm_name_ok(name) || !t || (uuid && strlen(uuid) >= 129))
		return -EINVAL;
	return dm->ops->create(dm, name, uuid, t, flags);
}

int mp_dm_reload(struct mp_dm *dm, const char *name, const struct mp_dm_table *t)
{
	if (!mp_dm_name_ok(name) || !t)
		return -EINVAL;
	return dm->ops->reload(dm, name, t);
}

int mp_dm_rename(struct mp_dm *dm, const char *name, const char *new_name)
{
	if (!mp_dm_name_ok(name) || !mp_dm_name_ok(new_name))
		return -EINVAL;
	return dm->ops->rename(dm, name, new_name);
}

int mp_dm_remove(struct mp_dm *dm, const char *name, unsigned int flags)
{
	struct mp_dm_map info;
	int r;

	if (!mp_dm_name_ok(name))
		return -EINVAL;
	/* multipath -f semantics: never pull a map from under its users;
	 * a deferred remove is the polite way to do that. */
	if (!(flags & (MP_DM_REMOVE_DEFERRED | MP_DM_REMOVE_FORCE))) {
		r = dm->ops->get_map(dm, name, &info);
		if (r < 0)
			return r;
		if (info.open_count > 0)
			return -EBUSY;
	}
	return dm->ops->remove(dm, name, flags);
}

int mp_dm_message(struct mp_dm *dm, const char *name, const char *msg)
{
	if (!mp_dm_name_ok(name) || !msg || !*msg)
		return -EINVAL;
	return dm->ops->message(dm, name, msg);
}

int mp_dm_suspend(struct mp_dm *dm, const char *name, bool noflush)
{
	if (!mp_dm_name_ok(name))
		return -EINVAL;
	return dm->ops->suspend(dm, name, noflush);
}

int mp_dm_resume(struct mp_dm *dm, const char *name)
{
	if (!mp_dm_name_ok(name))
		return -EINVAL;
	return dm->ops->resume(dm, name);
}

int mp_dm_wait_event(struct mp_dm *dm, const char *name, uint32_t event_nr,
		     uint32_t *ret_event_nr)
{
	if (!mp_dm_name_ok(name))
		return -EINVAL;
	return dm->ops->wait_event(dm, name, event_nr, ret_event_nr);
}

int mp_dm_open_event_fd(struct mp_dm *dm, int *ret_fd)
{
	return dm->ops->open_event_fd(dm, ret_fd);
}

int mp_dm_arm_poll(struct mp_dm *dm, int fd)
{
	return dm->ops->arm_poll(dm, fd);
}

MP_PRINTF(3, 4) static int message_fmt(struct mp_dm *dm, const char *name, const char *fmt, ...)
{
	char msg[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return mp_dm_message(dm, name, msg);
}

int mp_dm_fail_path(struct mp_dm *dm, const char *name, unsigned int major, unsigned int minor)
{
	return message_fmt(dm, name, "fail_path %u:%u", major, minor);
}

int mp_dm_reinstate_path(struct mp_dm *dm, const char *name, unsigned int major,
			 unsigned int minor)
{
	return message_fmt(dm, name, "reinstate_path %u:%u", major, minor);
}

/* The kernel numbers groups from 1; 0 would be rejected there too. */
int mp_dm_switch_group(struct mp_dm *dm, const char *name, unsigned int group)
{
	return group ? message_fmt(dm, name, "switch_group %u", group) : -EINVAL;
}

int mp_dm_disable_group(struct mp_dm *dm, const char *name, unsigned int group)
{
	return group ? message_fmt(dm, name, "disable_group %u", group) : -EINVAL;
}

int mp_dm_enable_group(struct mp_dm *dm, const char *name, unsigned int group)
{
	return group ? message_fmt(dm, name, "enable_group %u", group) : -EINVAL;
}

int mp_dm_set_queueing(struct mp_dm *dm, const char *name, bool queue_if_no_path)
{
	return mp_dm_message(dm, name, queue_if_no_path ? "queue_if_no_path" : "fail_if_no_path");
}

int mp_dm_uuid_for_wwid(const char *wwid, char *buf, size_t size)
{
	int n;

	if (!wwid || !*wwid)
		return -EINVAL;
	n = snprintf(buf, size, MP_DM_UUID_PREFIX "%s", wwid);
	if (n < 0 || (size_t)n >= size || n >= 129)
		return -ENAMETOOLONG;
	return 0;
}

const char *mp_dm_wwid_from_uuid(const char *uuid)
{
	size_t len = strlen(MP_DM_UUID_PREFIX);

	if (!uuid || strncmp(uuid, MP_DM_UUID_PREFIX, len) != 0 || !uuid[len])
		return NULL;
	return uuid + len;
}
