/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libmpath public API.
 *
 * Conventions: functions return 0 (or a count) on success and -errno on
 * failure; output parameters are named ret_* and are left untouched on
 * failure; destructors accept NULL. The library never prints: messages go to
 * the log callback set with mp_ctx_set_log().
 *
 * Threads: the library keeps no global state. A context and everything read
 * through it may be used by one thread at a time; separate contexts may be
 * used by separate threads.
 *
 * This header is the only one a program needs: it includes the topology API
 * (<mpath/topology.h>). Link with `pkg-config --libs libmpath`.
 */
#ifndef MPATH_MPATH_H
#define MPATH_MPATH_H

#include <mpath/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* syslog-compatible levels */
enum {
	MP_LOG_ERR = 3,
	MP_LOG_WARNING = 4,
	MP_LOG_NOTICE = 5,
	MP_LOG_INFO = 6,
	MP_LOG_DEBUG = 7,
};

struct mp_ctx;

/**
 * mp_log_fn - receives every message the library emits.
 * @data: the pointer given to mp_ctx_set_log()
 * @level: one of MP_LOG_*
 * @msg: NUL-terminated, no trailing newline; owned by the library, valid
 *       only during the call
 */
typedef void (*mp_log_fn)(void *data, int level, const char *msg);

/**
 * mp_ctx_new() - create a library context reading /sys and /dev.
 * The context starts with no log callback (messages are dropped), the
 * config file /etc/multipath.conf and the state directory /etc/multipath.
 * Return: 0, or -ENOMEM. Free with mp_ctx_free().
 */
MP_EXPORT int mp_ctx_new(struct mp_ctx **ret_ctx);

/**
 * mp_ctx_free() - free a context and the strings it holds.
 * @ctx: may be NULL. Topologies read through it must be freed first.
 */
MP_EXPORT void mp_ctx_free(struct mp_ctx *ctx);

/**
 * mp_ctx_set_sysfs_root() - read sysfs from @root instead of /sys.
 * A root other than "/sys" is treated as a captured tree with no kernel
 * behind it: mp_topology_read() then sees no device-mapper maps and sends
 * no SCSI commands.
 * @root: copied.
 * Return: 0 or -ENOMEM.
 */
MP_EXPORT int mp_ctx_set_sysfs_root(struct mp_ctx *ctx, const char *root);

/**
 * mp_ctx_set_dev_root() - open device nodes below @root instead of /dev.
 * @root: copied.
 * Return: 0 or -ENOMEM.
 */
MP_EXPORT int mp_ctx_set_dev_root(struct mp_ctx *ctx, const char *root);

/**
 * mp_ctx_set_log() - send the library's messages to @fn.
 * @fn: NULL drops every message.
 * @data: handed to @fn unchanged; the library never frees it.
 * @level: the least important level delivered (MP_LOG_*).
 */
MP_EXPORT void mp_ctx_set_log(struct mp_ctx *ctx, mp_log_fn fn, void *data, int level);

/**
 * mp_ctx_set_config_file() - read multipath.conf from @path.
 * @path: copied; NULL restores the default /etc/multipath.conf. A missing
 *        default file means "built-in defaults"; a missing file that was
 *        set here is an error of mp_topology_read() (-ENOENT).
 * Return: 0, -EINVAL (@ctx NULL or @path empty), -ENOMEM.
 */
MP_EXPORT int mp_ctx_set_config_file(struct mp_ctx *ctx, const char *path);

/**
 * mp_ctx_set_state_dir() - read the bindings and wwids files from @dir.
 * @dir: copied; NULL restores the default: the files multipath.conf names
 *       (bindings_file, wwids_file), else /etc/multipath. Once set, @dir
 *       wins over multipath.conf. The library only reads these files.
 * Return: 0, -EINVAL (@ctx NULL or @dir empty), -ENOMEM.
 */
MP_EXPORT int mp_ctx_set_state_dir(struct mp_ctx *ctx, const char *dir);

#ifdef __cplusplus
}
#endif

#include <mpath/daemon.h>
#include <mpath/topology.h>

#endif
