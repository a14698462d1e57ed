/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What one mpath invocation sets up: context, config, device-mapper, engine. */
#ifndef MPATH_CLI_SESSION_H
#define MPATH_CLI_SESSION_H

#include "common/diag.h"
#include "engine/engine.h"
#include "options.h"

struct cli_session {
	const struct cli_options *opts;
	int verbosity; /* -v, else the config's verbosity */
	struct mp_ctx *ctx;
	struct mp_config *cfg;
	struct mp_dm *dm;
	struct mp_engine engine;
	struct mp_diags diags;
	char *bindings_path;
	char *wwids_path;
};

/* Return: 0, or -errno after printing why (config errors are not fatal). */
int cli_session_open(struct cli_session *s, const struct cli_options *opts, bool need_dm);
void cli_session_close(struct cli_session *s);
/* Print the diagnostics gathered so far (warnings from -v2 up, errors always) and clear them. */
void cli_session_flush_diags(struct cli_session *s);

/* The actions (actions.c). Each returns the process exit status. */
int cli_do_create(struct cli_session *s);
int cli_do_list(struct cli_session *s, bool checked);
int cli_do_flush(struct cli_session *s, const char *only);
int cli_do_is_path(struct cli_session *s);
int cli_do_usable(struct cli_session *s);
int cli_do_wwids(struct cli_session *s);
int cli_do_explain(struct cli_session *s);
int cli_do_dump_config(struct cli_session *s);

#endif
