/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The context settings only the public API uses: where multipath.conf and the state files are. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "mpath/mpath.h"

/* NULL means "back to the default", so the field is freed and left NULL. */
static int set_optional(struct mp_ctx *ctx, char **field, const char *value)
{
	char *copy = NULL;

	if (!ctx || (value && !value[0]))
		return -EINVAL;
	if (value) {
		copy = strdup(value);
		if (!copy)
			return -ENOMEM;
	}
	free(*field);
	*field = copy;
	return 0;
}

MP_EXPORT int mp_ctx_set_config_file(struct mp_ctx *ctx, const char *path)
{
	return set_optional(ctx, ctx ? &ctx->config_file : NULL, path);
}

MP_EXPORT int mp_ctx_set_state_dir(struct mp_ctx *ctx, const char *dir)
{
	return set_optional(ctx, ctx ? &ctx->state_dir : NULL, dir);
}
