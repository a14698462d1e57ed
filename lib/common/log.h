/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The library never prints: it hands every message to the sink held in its
 * context, and the daemon or the CLI decides what reaches the admin.
 */
#ifndef MPATH_LOG_H
#define MPATH_LOG_H

#include "common/macros.h"
#include "mpath/mpath.h"

struct mp_ctx;

void mp_log(const struct mp_ctx *ctx, int level, const char *fmt, ...) MP_PRINTF(3, 4);

#define mp_err(ctx, ...) mp_log(ctx, MP_LOG_ERR, __VA_ARGS__)
#define mp_warn(ctx, ...) mp_log(ctx, MP_LOG_WARNING, __VA_ARGS__)
#define mp_notice(ctx, ...) mp_log(ctx, MP_LOG_NOTICE, __VA_ARGS__)
#define mp_info(ctx, ...) mp_log(ctx, MP_LOG_INFO, __VA_ARGS__)
#define mp_dbg(ctx, ...) mp_log(ctx, MP_LOG_DEBUG, __VA_ARGS__)

#endif
