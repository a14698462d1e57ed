/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pipeline end to end over a fake sysfs tree and the recording dm fake. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/fixture.h"
#include "common/ctx.h"
#include "config/config.h"
#include "discover/fake_scsi.h"
#include "engine/engine.h"

struct run {
	struct fixture fx;
	struct mp_config *cfg;
	struct mp_engine e;
	struct mp_diags diags;
	char bindings[400], wwids[400];
};

static void setup_run(struct run *r, const char *extra_conf)
{
	char text[1024];

	fx_init(&r->fx);
	fx_add_lun(&r->fx);
	snprintf(text, sizeof(text),
		 "defaults {\n\tconfig_dir \"\"\n\tfind_multipaths no\n\tuser_friendly_names yes\n}\n%s",
		 extra_conf ? extra_conf : "");
	fs_writes(&r->fx.fs, "etc/multipath.conf", text);
	assert_int_equal(mp_config_new(&r->cfg), 0);
	assert_int_equal(mp_config_load_file(r->cfg, r->fx.config, &r->diags), 0);
	assert_int_equal(mp_diags_count(&r->diags, MP_DIAG_ERROR), 0);
	snprintf(r->bindings, sizeof(r->bindings), "%s/bindings", r->fx.state_dir);
	snprintf(r->wwids, sizeof(r->wwids), "%s/wwids", r->fx.state_dir);
	r->e = (struct mp_engine){.ctx = r->fx.ctx, .cfg = r->cfg, .dm = r->fx.dm,
				  .bindings_path = r->bindings, .wwids_path = r->wwids};
}

static void teardown_run(struct run *r)
{
	mp_config_free(r->cfg);
	mp_diags_clear(&r->diags);
	fx_cleanup(&r->fx);
}

/* One pass of the pipeline; returns the plan's action kinds as text ("create mpatha"). */
static int pass(struct run *r, bool dry_run, char *summary, size_t size, int *ret_failed)
{
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_current_map *cur = NULL;
	struct mp_plan plan = {0};
	struct mp_plan_options popts = {0};
	struct mp_desire_opts dopts = {.dry_run = dry_run};
	size_t n_cur = 0, len = 0;
	int n;

	assert_int_equal(mp_world_read(&r->e, &w, &r->diags), 0);
	n = mp_engine_desire(&r->e, &w, &dopts, &maps, &r->diags);
	assert_true(n >= 0);
	assert_int_equal(mp_engine_current(&w, &cur, &n_cur), 0);
	assert_true(mp_plan_build(maps.maps, maps.n, cur, n_cur, &popts, &plan) >= 0);
	summary[0] = '\0';
	for (size_t i = 0; i < plan.n; i++)
		len += (size_t)snprintf(summary + len, size - len, "%s%s %s", i ? "; " : "",
					mp_action_name(plan.actions[i].kind), plan.actions[i].name);
	if (ret_failed)
		*ret_failed = dry_run ? 0 : mp_engine_apply(&r->e, &plan, &r->diags);
	mp_plan_clear(&plan);
	free(cur);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return n;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void creates_once_then_leaves_alone(void **state)
{
	struct run r = {0};
	char summary[512];
	int failed = -1;
	const char *text;

	(void)state;
	setup_run(&r, NULL);
	assert_int_equal(pass(&r, false, summary, sizeof(summary), &failed), 1);
	assert_string_equal(summary, "create mpatha");
	assert_int_equal(failed, 0);
	assert_non_null(strstr(mp_dm_fake_calls(r.fx.dm), "create mpatha mpath-" FX_WWID));
	text = read_text(r.bindings);
	assert_non_null(text);
	assert_non_null(strstr(text, "mpatha " FX_WWID));
	text = read_text(r.wwids);
	assert_non_null(text);
	assert_non_null(strstr(text, "/" FX_WWID "/"));
	mp_dm_fake_clear_calls(r.fx.dm);
	/* The second run finds the map as it wants it: nothing to do, no dm call. */
	assert_int_equal(pass(&r, false, summary, sizeof(summary), &failed), 1);
	assert_string_equal(summary, "nothing mpatha");
	assert_int_equal(mp_dm_fake_n_calls(r.fx.dm), 0);
	teardown_run(&r);
}

static void dry_run_writes_nothing(void **state)
{
	struct run r = {0};
	char summary[512];

	(void)state;
	setup_run(&r, NULL);
	assert_int_equal(pass(&r, true, summary, sizeof(summary), NULL), 1);
	assert_string_equal(summary, "create mpatha");
	assert_int_equal(fx_state_dir_entries(&r.fx), 0);
	assert_int_equal(mp_dm_fake_n_calls(r.fx.dm), 0);
	teardown_run(&r);
}

static void existing_name_is_adopted_when_binding_is_lost(void **state)
{
	struct run r = {0};
	char summary[512], *line = NULL;
	const char *text;
	int failed = -1;

	(void)state;
	setup_run(&r, NULL);
	assert_int_equal(pass(&r, false, summary, sizeof(summary), &failed), 1);
	assert_int_equal(failed, 0);
	assert_int_equal(mp_dm_get_table_line(r.fx.dm, "mpatha", &line), 0);
	/* The same map under another name, as another tool left it, and no bindings. */
	assert_int_equal(mp_dm_remove(r.fx.dm, "mpatha", MP_DM_REMOVE_FORCE), 0);
	assert_int_equal(mp_dm_fake_add_map(r.fx.dm, "mpathc", "mpath-" FX_WWID, line), 0);
	assert_int_equal(remove(r.bindings), 0);
	mp_dm_fake_clear_calls(r.fx.dm);
	assert_int_equal(pass(&r, false, summary, sizeof(summary), &failed), 1);
	assert_string_equal(summary, "nothing mpathc");
	assert_int_equal(mp_dm_fake_n_calls(r.fx.dm), 0);
	text = read_text(r.bindings);
	assert_non_null(text);
	assert_non_null(strstr(text, "mpathc " FX_WWID));
	free(line);
	teardown_run(&r);
}

static void blacklisted_wwid_gets_no_map_and_a_reason(void **state)
{
	struct run r = {0};
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_desire_opts dopts = {.dry_run = true};

	(void)state;
	setup_run(&r, "blacklist {\n\twwid \"^36001405abc\"\n}\n");
	assert_int_equal(mp_world_read(&r.e, &w, &r.diags), 0);
	assert_int_equal(mp_engine_desire(&r.e, &w, &dopts, &maps, &r.diags), 0);
	assert_true(w.n_paths > 0);
	for (size_t i = 0; i < w.n_paths; i++) {
		assert_true(w.notes[i].excluded);
		assert_non_null(strstr(w.notes[i].reason, "wwid"));
		assert_non_null(strstr(w.notes[i].reason, "multipath.conf:"));
	}
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	teardown_run(&r);
}

static void failed_action_is_reported_not_fatal(void **state)
{
	struct run r = {0};
	char summary[512];
	int failed = 0;

	(void)state;
	setup_run(&r, NULL);
	assert_int_equal(mp_dm_fake_fail_next(r.fx.dm, "create", EBUSY), 0);
	assert_int_equal(pass(&r, false, summary, sizeof(summary), &failed), 1);
	assert_int_equal(failed, 1);
	assert_true(mp_diags_count(&r.diags, MP_DIAG_ERROR) >= 1);
	/* Nothing was created, so nothing was remembered in the wwids file. */
	assert_null(read_text(r.wwids));
	teardown_run(&r);
}

/* An RDAC-style array: the prioritizer asks each path for VPD 0xC9 through
 * the context's transport before topology groups the paths. sdb owns the
 * volume on its preferred controller (6), sdd is the other controller (1),
 * sdc rejects the page: it gets 0 and a warning, never a silent 0. */
static void vendor_prio_is_probed_and_failures_logged(void **state)
{
	static const uint8_t cdb_c9[] = {0x12, 0x01, 0xc9};
	uint8_t own[48] = {0, 0xc9, 0, 0x2c, 'v', 'a', 'c', 'e', 0x01, 0x01};
	uint8_t other[48] = {0, 0xc9, 0, 0x2c, 'v', 'a', 'c', 'e', 0x00, 0x02};
	const struct mp_fake_scsi_entry t[] = {
		{.dev = "sdb", .cdb = cdb_c9, .cdb_len = 3, .data = own, .data_len = 48},
		{.dev = "sdd", .cdb = cdb_c9, .cdb_len = 3, .data = other, .data_len = 48},
	};
	struct mp_fake_scsi fake = {.entries = t, .n_entries = 2};
	struct run r = {0};
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_desire_opts dopts = {.dry_run = true};
	int seen = 0;

	(void)state;
	setup_run(&r, "devices {\n\tdevice {\n\t\tvendor LIO-ORG\n\t\tproduct \".*\"\n"
		      "\t\tprio rdac\n\t\tpath_grouping_policy group_by_prio\n\t}\n}\n");
	r.fx.ctx->scsi = &mp_fake_scsi_transport;
	r.fx.ctx->scsi_data = &fake;
	assert_int_equal(mp_world_read(&r.e, &w, &r.diags), 0);
	assert_true(mp_engine_desire(&r.e, &w, &dopts, &maps, &r.diags) >= 0);
	assert_int_equal(maps.n, 1);
	for (size_t g = 0; g < maps.maps[0].n_groups; g++)
		for (size_t k = 0; k < maps.maps[0].groups[g].n; k++) {
			const struct mp_map_member *mem = &maps.maps[0].groups[g].members[k];
			const char *dev = w.paths[mem->path].dev;

			assert_string_equal(mem->prio_by.name, "rdac");
			if (!strcmp(dev, "sdb")) {
				assert_int_equal(mem->prio, 6);
				assert_int_equal(g, 0); /* the owner's group comes first */
				seen |= 1;
			} else if (!strcmp(dev, "sdd")) {
				assert_int_equal(mem->prio, 1);
				seen |= 2;
			} else if (!strcmp(dev, "sdc")) {
				assert_int_equal(mem->prio, 0);
				assert_true(mem->prio_err < 0);
				seen |= 4;
			} else if (!strcmp(dev, "sde")) {
				/* offline: left out of a new map (added when it comes back) */
				fail_msg("offline sde is a member of the new map");
			}
		}
	assert_int_equal(seen, 7);
	assert_non_null(strstr(r.fx.log, "sdc: prioritizer rdac gave no priority"));
	assert_int_equal(fake.unmatched, 1); /* sdc only: sde was never sent a command */
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	teardown_run(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_once_then_leaves_alone),
		cmocka_unit_test(dry_run_writes_nothing),
		cmocka_unit_test(existing_name_is_adopted_when_binding_is_lost),
		cmocka_unit_test(blacklisted_wwid_gets_no_map_and_a_reason),
		cmocka_unit_test(failed_action_is_reported_not_fatal),
		cmocka_unit_test(vendor_prio_is_probed_and_failures_logged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
