/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "common/log.h"

int mp_ctx_new(struct mp_ctx **ret_ctx)
{
	struct mp_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return -ENOMEM;
	ctx->sysfs_root = strdup("/sys");
	ctx->dev_root = strdup("/dev");
	if (!ctx->sysfs_root || !ctx->dev_root) {
		mp_ctx_free(ctx);
		return -ENOMEM;
	}
	ctx->log_level = MP_LOG_WARNING;
	*ret_ctx = ctx;
	return 0;
}

void mp_ctx_free(struct mp_ctx *ctx)
{
	if (!ctx)
		return;
	free(ctx->sysfs_root);
	free(ctx->dev_root);
	free(ctx->config_file);
	free(ctx->state_dir);
	free(ctx);
}

static int replace_string(char **field, const char *value)
{
	char *copy = strdup(value);

	if (!copy)
		return -ENOMEM;
	free(*field);
	*field = copy;
	return 0;
}

int mp_ctx_set_sysfs_root(struct mp_ctx *ctx, const char *root)
{
	return replace_string(&ctx->sysfs_root, root);
}

int mp_ctx_set_dev_root(struct mp_ctx *ctx, const char *root)
{
	return replace_string(&ctx->dev_root, root);
}

void mp_ctx_set_log(struct mp_ctx *ctx, mp_log_fn fn, void *data, int level)
{
	ctx->log_fn = fn;
	ctx->log_data = data;
	ctx->log_level = level;
}

void mp_log(const struct mp_ctx *ctx, int level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!ctx || !ctx->log_fn || level > ctx->log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ctx->log_fn(ctx->log_data, level, msg);
}
