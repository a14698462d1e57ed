/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libmpath public API.
 *
 * Conventions: functions return 0 (or a count) on success and -errno on
 * failure; output parameters are named ret_* and are left untouched on
 * failure; destructors accept NULL. The library never prints: messages go to
 * the log callback set with mp_ctx_set_log().
 */
#ifndef MPATH_MPATH_H
#define MPATH_MPATH_H

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
 * Return: 0, or -ENOMEM.
 */
int mp_ctx_new(struct mp_ctx **ret_ctx);
void mp_ctx_free(struct mp_ctx *ctx);
int mp_ctx_set_sysfs_root(struct mp_ctx *ctx, const char *root);
int mp_ctx_set_dev_root(struct mp_ctx *ctx, const char *root);
void mp_ctx_set_log(struct mp_ctx *ctx, mp_log_fn fn, void *data, int level);

#ifdef __cplusplus
}
#endif
#endif
