/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "common/log.h"
#include "config/config.h"
#include "discover/nvme_admin.h"
#include "discover/transport.h"
#include "dm/dm_fake.h"
#include "session.h"

static void print_log(void *data, int level, const char *msg)
{
	static const char *const names[] = {[MP_LOG_ERR] = "error", [MP_LOG_WARNING] = "warning",
					    [MP_LOG_NOTICE] = "notice", [MP_LOG_INFO] = "info",
					    [MP_LOG_DEBUG] = "debug"};
	(void)data;
	fprintf(stderr, "mpath: %s: %s\n", level >= 0 && level <= MP_LOG_DEBUG && names[level]
						      ? names[level] : "log", msg);
}

static int log_level_for(int verbosity)
{
	switch (verbosity) {
	case 0:
		return MP_LOG_ERR - 1; /* nothing */
	case 1:
		return MP_LOG_ERR;
	case 2:
		return MP_LOG_WARNING;
	case 3:
		return MP_LOG_INFO;
	default:
		return MP_LOG_DEBUG;
	}
}

void cli_session_flush_diags(struct cli_session *s)
{
	char line[1024];

	for (size_t i = 0; i < s->diags.n; i++) {
		const struct mp_diag *d = &s->diags.items[i];

		if (d->severity == MP_DIAG_ERROR ? s->verbosity < 1 :
		    d->severity == MP_DIAG_WARNING ? s->verbosity < 2 : s->verbosity < 3)
			continue;
		mp_diag_format(d, line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	mp_diags_clear(&s->diags);
}

/* bindings_file/wwids_file from the config, or moved under --state-dir. */
static int state_path(struct cli_session *s, const char *keyword, const char *file, char **ret)
{
	const char *configured = mp_config_get(s->cfg, keyword, NULL);

	if (s->opts->state_dir_given || !configured) {
		if (asprintf(ret, "%s/%s", s->opts->state_dir, file) < 0)
			return -ENOMEM;
		return 0;
	}
	*ret = strdup(configured);
	return *ret ? 0 : -ENOMEM;
}

int cli_session_open(struct cli_session *s, const struct cli_options *opts, bool need_dm)
{
	int r;

	memset(s, 0, sizeof(*s));
	s->opts = opts;
	s->verbosity = opts->verbosity;
	r = mp_ctx_new(&s->ctx);
	if (r < 0)
		return r;
	mp_ctx_set_log(s->ctx, print_log, NULL, log_level_for(opts->verbosity));
	if (opts->sysfs_root) {
		r = mp_ctx_set_sysfs_root(s->ctx, opts->sysfs_root);
		if (r < 0)
			return r;
	} else {
		/* Live SCSI commands only against the real machine. */
		s->ctx->scsi = &mp_sg_io_transport;
		s->ctx->nvme = &mp_nvme_ioctl_transport;
	}
	r = mp_config_new(&s->cfg);
	if (r < 0)
		return r;
	if (opts->config_dir && (r = mp_config_set_config_dir(s->cfg, opts->config_dir)) < 0)
		return r;
	r = mp_config_load_file(s->cfg, opts->config, &s->diags);
	if (r < 0 && r != -ENOENT) {
		fprintf(stderr, "mpath: %s: %s\n", opts->config, strerror(-r));
		return r;
	}
	s->verbosity = opts->verbosity;
	if (!opts->verbosity_given) {
		long v;

		if (mp_config_get_int(s->cfg, "verbosity", &v) == 0 && v >= 0)
			s->verbosity = v > 4 ? 4 : (int)v;
		mp_ctx_set_log(s->ctx, print_log, NULL, log_level_for(s->verbosity));
	}
	if (opts->enable_foreign)
		mp_log(s->ctx, MP_LOG_INFO, "-e: mpath has no foreign libraries, nothing to enable");
	if (opts->bindings_file) {
		s->bindings_path = strdup(opts->bindings_file); /* -b */
		if (!s->bindings_path)
			return -ENOMEM;
	} else if ((r = state_path(s, "bindings_file", "bindings", &s->bindings_path)) < 0) {
		return r;
	}
	if ((r = state_path(s, "wwids_file", "wwids", &s->wwids_path)) < 0)
		return r;
	if (!need_dm || opts->sysfs_root) {
		/* A captured tree has no kernel behind it: an empty, recording device-mapper. */
		r = mp_dm_fake_new(&s->dm);
	} else {
		r = mp_dm_libdm_new(s->ctx, &s->dm);
		if (r < 0)
			fprintf(stderr, "mpath: device-mapper is not available: %s\n", strerror(-r));
	}
	if (r < 0)
		return r;
	s->engine = (struct mp_engine){
		.ctx = s->ctx,
		.cfg = s->cfg,
		.dm = s->dm,
		.bindings_path = s->bindings_path,
		.wwids_path = s->wwids_path,
		/* Partition maps only where there are devices to read. */
		.manage_partitions = need_dm && !opts->sysfs_root,
	};
	return 0;
}

void cli_session_close(struct cli_session *s)
{
	mp_dm_free(s->dm);
	mp_config_free(s->cfg);
	mp_ctx_free(s->ctx);
	mp_diags_clear(&s->diags);
	free(s->bindings_path);
	free(s->wwids_path);
}
