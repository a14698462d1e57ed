/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The real backend: thin calls into libdevmapper. Its 1/0 convention and its
 * process-wide settings stay in this file; everything above sees 0/-errno.
 *
 * Two pieces of libdevmapper state are process-wide and not ours to avoid:
 * - the log function (dm_log_with_errno_init) takes no user pointer, so the
 *   context a message belongs to is kept in a thread-local pointer that is
 *   set only while one of our calls into libdevmapper runs (LIBDM_SCOPE) and
 *   restored afterwards. Outside those calls it is NULL and messages are
 *   dropped; threads never see each other's context.
 * - udev synchronisation (dm_udev_set_sync_support) is decided once per
 *   handle from whether udevd runs; all handles of one process see the same
 *   host, so they agree.
 */
#include <errno.h>
#include <fcntl.h>
#include <libdevmapper.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/ctx.h"
#include "common/log.h"
#include "common/macros.h"
#include "dm/dm.h"

#define UDEV_CONTROL "/run/udev/control"
#define MULTIPATH_TARGET "multipath"
#define LINEAR_TARGET "linear"

struct libdm {
	struct mp_dm base;
	const struct mp_ctx *ctx;
	bool udev; /* udevd runs: nodes come from udev, wait on a cookie */
};

static _Thread_local const struct mp_ctx *libdm_log_ctx;

__attribute__((format(printf, 5, 6))) static void libdm_log(int level, const char *file, int line,
							      int dm_errno_or_class, const char *f,
							      ...)
{
	const struct mp_ctx *ctx = libdm_log_ctx;
	char msg[512];
	va_list ap;

	(void)file;
	(void)line;
	(void)dm_errno_or_class;
	if (!ctx)
		return;
	va_start(ap, f);
	vsnprintf(msg, sizeof(msg), f, ap);
	va_end(ap);
	/* libdevmapper's levels are syslog's, with flag bits above 7. */
	level &= 7;
	if (level < MP_LOG_ERR)
		level = MP_LOG_ERR;
	mp_log(ctx, level, "libdevmapper: %s", msg);
}

static void libdm_scope_end(const struct mp_ctx **prev)
{
	libdm_log_ctx = *prev;
}

#define LIBDM_SCOPE(dm)                                                                            \
	_cleanup_(libdm_scope_end) __attribute__((unused)) const struct mp_ctx *_libdm_prev =       \
		libdm_log_ctx;                                                                     \
	libdm_log_ctx = (dm)->ctx

static struct libdm *to_libdm(struct mp_dm *dm)
{
	return (struct libdm *)dm;
}

static void task_destroy(struct dm_task **dmt)
{
	if (*dmt)
		dm_task_destroy(*dmt);
}
#define _cleanup_task_ _cleanup_(task_destroy)

/* libdevmapper failed: its errno if it kept one, else a generic I/O error. */
static int task_error(struct dm_task *dmt)
{
	int e = dmt ? dm_task_get_errno(dmt) : 0;

	return e > 0 ? -e : -EIO;
}

static int task_new(int type, const char *name, struct dm_task **ret)
{
	struct dm_task *dmt = dm_task_create(type);

	if (!dmt)
		return -ENOMEM;
	if (name && !dm_task_set_name(dmt, name)) {
		dm_task_destroy(dmt);
		return -EINVAL;
	}
	*ret = dmt;
	return 0;
}

/*
 * Run a task that creates, renames or removes a node, and see the node done.
 * @udev_flags: DM_SUBSYSTEM_UDEV_FLAG* bits the udev rules read back.
 */
static int run_with_udev(struct libdm *dm, struct dm_task *dmt, uint16_t udev_flags)
{
	uint32_t cookie = 0;
	int ok;

	if (!dm_task_set_cookie(dmt, &cookie, udev_flags))
		return -ENOMEM;
	ok = dm_task_run(dmt);
	/* Always wait: the cookie's semaphore must be released even on failure. */
	dm_udev_wait(cookie);
	/* Without udev, node operations are queued in the library until now. */
	if (!dm->udev)
		dm_task_update_nodes();
	return ok ? 0 : task_error(dmt);
}

static void fill_map(struct dm_task *dmt, const char *name, const struct dm_info *info,
		     struct mp_dm_map *m)
{
	const char *uuid = dm_task_get_uuid(dmt);
	char *type = NULL, *params = NULL;
	uint64_t start, length;

	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	snprintf(m->uuid, sizeof(m->uuid), "%s", uuid ? uuid : "");
	dm_get_next_target(dmt, NULL, &start, &length, &type, &params);
	snprintf(m->target_type, sizeof(m->target_type), "%s", type ? type : "");
	m->major = info->major;
	m->minor = info->minor;
	m->open_count = info->open_count;
	m->suspended = info->suspended;
	m->read_only = info->read_only;
	m->deferred_remove = info->deferred_remove;
	m->event_nr = info->event_nr;
}

/* DM_DEVICE_TABLE or _STATUS for one map; *ret_dmt keeps the answer. */
static int query(const char *name, int type, struct dm_task **ret_dmt, struct dm_info *info)
{
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(type, name, &dmt);

	if (r < 0)
		return r;
	if (!dm_task_run(dmt))
		return task_error(dmt);
	if (!dm_task_get_info(dmt, info))
		return -EIO;
	if (!info->exists)
		return -ENXIO;
	*ret_dmt = TAKE_PTR(dmt);
	return 0;
}

static int libdm_get_map(struct mp_dm *dm, const char *name, struct mp_dm_map *ret)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	struct dm_info info;
	int r = query(name, DM_DEVICE_TABLE, &dmt, &info);

	if (r < 0)
		return r;
	fill_map(dmt, name, &info, ret);
	return 0;
}

/* Every map, or only those whose first target is multipath. */
static int list_filtered(struct mp_dm *dm, bool multipath_only, struct mp_dm_map **ret_maps,
			 size_t *ret_n)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	struct mp_dm_map *maps = NULL;
	struct dm_names *names;
	size_t n = 0;
	int r = task_new(DM_DEVICE_LIST, NULL, &dmt);

	if (r < 0)
		return r;
	if (!dm_task_run(dmt))
		return task_error(dmt);
	names = dm_task_get_names(dmt);
	while (names && names->dev) {
		struct mp_dm_map m, *grown;

		/* A map may vanish between the list and the query: skip it. */
		if (libdm_get_map(dm, names->name, &m) == 0 &&
		    (!multipath_only || strcmp(m.target_type, MULTIPATH_TARGET) == 0)) {
			grown = realloc(maps, (n + 1) * sizeof(*maps));
			if (!grown) {
				free(maps);
				return -ENOMEM;
			}
			maps = grown;
			maps[n++] = m;
		}
		if (!names->next)
			break;
		names = (struct dm_names *)((char *)names + names->next);
	}
	*ret_maps = maps;
	*ret_n = n;
	return 0;
}

static int libdm_list_maps(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n)
{
	return list_filtered(dm, true, ret_maps, ret_n);
}

static int libdm_list_all(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n)
{
	return list_filtered(dm, false, ret_maps, ret_n);
}

static int get_line(struct mp_dm *dm, const char *name, int type, char **ret_line)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	char *ttype = NULL, *params = NULL, *line;
	uint64_t start, length;
	struct dm_info info;
	void *next;
	int r = query(name, type, &dmt, &info);

	if (r < 0)
		return r;
	next = dm_get_next_target(dmt, NULL, &start, &length, &ttype, &params);
	/* dm-multipath is a singleton target: one target per map. */
	if (!ttype || strcmp(ttype, MULTIPATH_TARGET) != 0 || next)
		return -EMEDIUMTYPE;
	if (asprintf(&line, "%llu %llu %s %s", (unsigned long long)start,
		     (unsigned long long)length, ttype, params ? params : "") < 0)
		return -ENOMEM;
	*ret_line = line;
	return 0;
}

static int libdm_get_table(struct mp_dm *dm, const char *name, char **ret_line)
{
	return get_line(dm, name, DM_DEVICE_TABLE, ret_line);
}

static int libdm_get_status(struct mp_dm *dm, const char *name, char **ret_line)
{
	return get_line(dm, name, DM_DEVICE_STATUS, ret_line);
}

/* One target of a table to load: multipath maps and partition maps have one each. */
struct one_target {
	const char *type;
	uint64_t start, length;
	const char *params;
};

static int create_one(struct libdm *dm, const char *name, const char *uuid,
		      const struct one_target *t, unsigned int flags)
{
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(DM_DEVICE_CREATE, name, &dmt);

	if (r < 0)
		return r;
	if (uuid && !dm_task_set_uuid(dmt, uuid))
		return -EINVAL;
	if ((flags & MP_DM_CREATE_READONLY) && !dm_task_set_ro(dmt))
		return -ENOMEM;
	if (!dm_task_add_target(dmt, t->start, t->length, t->type, t->params))
		return -ENOMEM;
	return run_with_udev(dm, dmt, 0);
}

static int libdm_create(struct mp_dm *dm, const char *name, const char *uuid,
			const struct mp_dm_table *t, unsigned int flags)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_free_ char *params = mp_dm_table_format_params(t);

	if (!params)
		return errno == EINVAL ? -EINVAL : -ENOMEM;
	return create_one(to_libdm(dm), name, uuid,
			  &(struct one_target){MULTIPATH_TARGET, t->start, t->length, params}, flags);
}

static int simple_task(const char *name, int type, bool noflush)
{
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(type, name, &dmt);

	if (r < 0)
		return r;
	/* noflush: queued I/O stays queued; skip_lockfs: a multipath map
	 * carries no filesystem freeze of its own to do. */
	if (noflush && (!dm_task_no_flush(dmt) || !dm_task_skip_lockfs(dmt)))
		return -ENOMEM;
	return dm_task_run(dmt) ? 0 : task_error(dmt);
}

static int resume_task(struct libdm *dm, const char *name, uint16_t udev_flags)
{
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(DM_DEVICE_RESUME, name, &dmt);

	if (r < 0)
		return r;
	if (!dm_task_no_flush(dmt) || !dm_task_skip_lockfs(dmt))
		return -ENOMEM;
	/* A resume may emit a change uevent that udev turns into symlinks. */
	return run_with_udev(dm, dmt, udev_flags);
}

static int reload_one(struct libdm *dm, const char *name, const struct one_target *t,
		      uint16_t udev_flags)
{
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(DM_DEVICE_RELOAD, name, &dmt);

	if (r < 0)
		return r;
	if (!dm_task_add_target(dmt, t->start, t->length, t->type, t->params))
		return -ENOMEM;
	if (!dm_task_run(dmt))
		return task_error(dmt);
	/*
	 * SUBSYSTEM_UDEV_FLAG0 (multipath maps) marks a multipath reload: the map's udev rules
	 * then leave DM_ACTIVATION unset, so LVM and blkid do not rescan a map
	 * whose contents did not change (only its paths did).
	 */
	r = resume_task(dm, name, udev_flags);
	if (r < 0)
		/* Do not leave the new table waiting for the next resume. */
		simple_task(name, DM_DEVICE_CLEAR, false);
	return r;
}

static int libdm_reload(struct mp_dm *dm, const char *name, const struct mp_dm_table *t)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_free_ char *params = mp_dm_table_format_params(t);

	if (!params)
		return errno == EINVAL ? -EINVAL : -ENOMEM;
	return reload_one(to_libdm(dm), name,
			  &(struct one_target){MULTIPATH_TARGET, t->start, t->length, params},
			  DM_SUBSYSTEM_UDEV_FLAG0);
}

static int libdm_rename(struct mp_dm *dm, const char *name, const char *new_name)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(DM_DEVICE_RENAME, name, &dmt);

	if (r < 0)
		return r;
	if (!dm_task_set_newname(dmt, new_name))
		return -EINVAL;
	return run_with_udev(to_libdm(dm), dmt, 0);
}

static int libdm_remove(struct mp_dm *dm, const char *name, unsigned int flags)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(DM_DEVICE_REMOVE, name, &dmt);

	if (r < 0)
		return r;
	if ((flags & MP_DM_REMOVE_DEFERRED) && !dm_task_deferred_remove(dmt))
		return -ENOMEM;
	if ((flags & MP_DM_REMOVE_FORCE) && !dm_task_retry_remove(dmt))
		return -ENOMEM;
	return run_with_udev(to_libdm(dm), dmt, 0);
}

static int libdm_message(struct mp_dm *dm, const char *name, const char *msg)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r = task_new(DM_DEVICE_TARGET_MSG, name, &dmt);

	if (r < 0)
		return r;
	if (!dm_task_set_sector(dmt, 0) || !dm_task_set_message(dmt, msg))
		return -ENOMEM;
	return dm_task_run(dmt) ? 0 : task_error(dmt);
}

static int libdm_suspend(struct mp_dm *dm, const char *name, bool noflush)
{
	LIBDM_SCOPE(to_libdm(dm));
	return simple_task(name, DM_DEVICE_SUSPEND, noflush);
}

static int libdm_resume(struct mp_dm *dm, const char *name)
{
	LIBDM_SCOPE(to_libdm(dm));
	return resume_task(to_libdm(dm), name, 0);
}

static int libdm_wait_event(struct mp_dm *dm, const char *name, uint32_t event_nr,
			    uint32_t *ret_event_nr)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	struct dm_info info;
	int r = task_new(DM_DEVICE_WAITEVENT, name, &dmt);

	if (r < 0)
		return r;
	if (!dm_task_set_event_nr(dmt, event_nr))
		return -ENOMEM;
	if (!dm_task_run(dmt))
		return task_error(dmt);
	if (!dm_task_get_info(dmt, &info) || !info.exists)
		return -ENXIO;
	*ret_event_nr = info.event_nr;
	return 0;
}

/* The control node turns readable (POLLIN) on any dm event once armed. */
static int libdm_open_event_fd(struct mp_dm *dm, int *ret_fd)
{
	_cleanup_free_ char *path = NULL;
	int fd;

	if (asprintf(&path, "%s/mapper/control", to_libdm(dm)->ctx->dev_root) < 0)
		return -ENOMEM;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*ret_fd = fd;
	return 0;
}

static int libdm_arm_poll(struct mp_dm *dm, int fd)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	int r;

	/* libdevmapper arms through its own control fd; ours only polls. */
	(void)fd;
	r = task_new(DM_DEVICE_ARM_POLL, NULL, &dmt);
	if (r < 0)
		return r;
	return dm_task_run(dmt) ? 0 : task_error(dmt);
}

static int libdm_get_linear(struct mp_dm *dm, const char *name, struct mp_dm_linear *ret)
{
	LIBDM_SCOPE(to_libdm(dm));
	_cleanup_task_ struct dm_task *dmt = NULL;
	_cleanup_free_ char *line = NULL;
	char *ttype = NULL, *params = NULL;
	uint64_t start, length;
	struct dm_info info;
	void *next;
	int r = query(name, DM_DEVICE_TABLE, &dmt, &info);

	if (r < 0)
		return r;
	next = dm_get_next_target(dmt, NULL, &start, &length, &ttype, &params);
	if (!ttype || strcmp(ttype, LINEAR_TARGET) != 0 || next)
		return -EMEDIUMTYPE;
	if (asprintf(&line, "%llu %llu linear %s", (unsigned long long)start,
		     (unsigned long long)length, params ? params : "") < 0)
		return -ENOMEM;
	/* The kernel prints the device as major:minor: anything else is not
	 * a table mpath made. */
	return mp_dm_linear_parse(line, ret) < 0 ? -EMEDIUMTYPE : 0;
}

static int libdm_create_linear(struct mp_dm *dm, const char *name, const char *uuid,
			       const struct mp_dm_linear *l, unsigned int flags)
{
	LIBDM_SCOPE(to_libdm(dm));
	char params[64];

	if (mp_dm_linear_params(l, params, sizeof(params)) < 0)
		return -EINVAL;
	return create_one(to_libdm(dm), name, uuid,
			  &(struct one_target){LINEAR_TARGET, 0, l->length, params}, flags);
}

static int libdm_reload_linear(struct mp_dm *dm, const char *name, const struct mp_dm_linear *l)
{
	LIBDM_SCOPE(to_libdm(dm));
	char params[64];

	if (mp_dm_linear_params(l, params, sizeof(params)) < 0)
		return -EINVAL;
	/* a partition's contents may have changed: let udev rescan it */
	return reload_one(to_libdm(dm), name,
			  &(struct one_target){LINEAR_TARGET, 0, l->length, params}, 0);
}

static void libdm_free(struct mp_dm *dm)
{
	free(to_libdm(dm));
}

static const struct mp_dm_ops libdm_ops = {
	.name = "libdevmapper",
	.list_maps = libdm_list_maps,
	.get_map = libdm_get_map,
	.get_table = libdm_get_table,
	.get_status = libdm_get_status,
	.create = libdm_create,
	.reload = libdm_reload,
	.rename = libdm_rename,
	.remove = libdm_remove,
	.message = libdm_message,
	.suspend = libdm_suspend,
	.resume = libdm_resume,
	.wait_event = libdm_wait_event,
	.open_event_fd = libdm_open_event_fd,
	.arm_poll = libdm_arm_poll,
	.list_all = libdm_list_all,
	.get_linear = libdm_get_linear,
	.create_linear = libdm_create_linear,
	.reload_linear = libdm_reload_linear,
	.free = libdm_free,
};

static bool udevd_running(void)
{
	struct stat st;

	return stat(UDEV_CONTROL, &st) == 0 && S_ISSOCK(st.st_mode);
}

int mp_dm_libdm_new(const struct mp_ctx *ctx, struct mp_dm **ret_dm)
{
	struct libdm *dm = calloc(1, sizeof(*dm));

	if (!dm)
		return -ENOMEM;
	dm->base.ops = &libdm_ops;
	dm->ctx = ctx;
	dm->udev = udevd_running();
	dm_log_with_errno_init(libdm_log);
	/* Without udevd nobody answers the cookie and no rule makes
	 * /dev/mapper/<name>: let libdevmapper make the nodes itself. */
	dm_udev_set_sync_support(dm->udev);
	mp_dbg(ctx, "device-mapper: udev %s", dm->udev ? "running, syncing with it" : "not running, creating nodes directly");
	*ret_dm = &dm->base;
	return 0;
}
