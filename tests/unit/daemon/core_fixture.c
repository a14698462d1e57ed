/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The core over a temporary sysfs tree and the dm fake, for test_core.c and
 * test_commands_all.c (see core_fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_fixture.h"
#include "dm/dm_fake.h"
#include "kernel/uevent.h"

static const char *const access_by_host[] = {"active/optimized\n", "active/non-optimized\n",
					     "standby\n", "active/optimized\n"};

/* LUN l (serial 200l) through host h as sd<letter>, dev 8:(16*(4l+h)). */
void add_path(struct env *e, int host, int lun)
{
	fs_add_scsi_debug_path(&e->fs, host, lun, access_by_host[host]);
}

void write_config(struct env *e, const char *extra)
{
	FILE *f = fopen(e->conf, "w");

	assert_non_null(f);
	fprintf(f, "defaults {\n\tfind_multipaths no\n\tuser_friendly_names yes\n"
		   "\tpolling_interval 1\n%s}\n", extra ? extra : "");
	fclose(f);
}

void log_quiet(void *data, int level, const char *msg)
{
	(void)data;
	if (getenv("MPATHD_TEST_VERBOSE"))
		fprintf(stderr, "<%d> %s\n", level, msg);
}

int start_core(struct env *e)
{
	struct strbuf errors = STRBUF_INIT;
	struct core_env ce = {
		.loop = e->loop,
		.timeline = e->tl,
		.metrics = &e->metrics,
		.log = log_quiet,
		.log_level = MP_LOG_DEBUG,
		.config_path = e->conf,
		.sysfs_root = e->fs.root,
		.dm = e->dm,
		.no_checks = true,
		.checkers = e->checkers,
		.state_dir = e->fs.root,
	};
	int r = core_new(&ce, &errors, &e->core);

	strbuf_reset(&errors);
	if (r < 0)
		return r;
	return core_start(e->core);
}

int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	fs_init(&e->fs);
	fs_mkdir(&e->fs, "block");
	for (int lun = 0; lun < 2; lun++)
		for (int h = 0; h < 4; h++)
			add_path(e, h, lun);
	snprintf(e->conf, sizeof(e->conf), "%s/multipath.conf", e->fs.root);
	write_config(e, "\tpath_grouping_policy group_by_prio\n\tfailback immediate\n"
		     "\tno_path_retry 1\n");
	assert_int_equal(loop_new(&e->loop), 0);
	assert_int_equal(timeline_new(64, 16, &e->tl), 0);
	assert_int_equal(mp_dm_fake_new(&e->dm), 0);
	*state = e;
	return 0;
}

int teardown(void **state)
{
	struct env *e = *state;

	uevents_stop(e->uev);
	if (e->core)
		core_free(e->core);
	else
		mp_dm_free(e->dm);
	timeline_free(e->tl);
	loop_free(e->loop);
	fs_cleanup(&e->fs);
	free(e);
	return 0;
}

size_t count_calls(struct mp_dm *dm, const char *prefix)
{
	size_t n = 0;

	for (size_t i = 0; i < mp_dm_fake_n_calls(dm); i++)
		if (!strncmp(mp_dm_fake_call(dm, i), prefix, strlen(prefix)))
			n++;
	return n;
}

bool has_call(struct mp_dm *dm, const char *text)
{
	for (size_t i = 0; i < mp_dm_fake_n_calls(dm); i++)
		if (!strcmp(mp_dm_fake_call(dm, i), text))
			return true;
	return false;
}

char *run(struct env *e, const char *cmd)
{
	struct cmd_env ce = {.timeline = e->tl, .metrics = &e->metrics, .core = e->core};
	char *reply = NULL;

	commands_execute(&ce, cmd, 0, &reply);
	assert_non_null(reply);
	return reply;
}

void assert_reply_contains(struct env *e, const char *cmd, const char *needle)
{
	char *reply = run(e, cmd);

	if (!strstr(reply, needle))
		fail_msg("'%s' replied:\n%s\nwithout '%s'", cmd, reply, needle);
	free(reply);
}

const char *find_call(struct mp_dm *dm, const char *prefix)
{
	for (size_t i = 0; i < mp_dm_fake_n_calls(dm); i++)
		if (!strncmp(mp_dm_fake_call(dm, i), prefix, strlen(prefix)))
			return mp_dm_fake_call(dm, i);
	return NULL;
}
