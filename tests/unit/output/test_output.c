/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -ll view (golden files), dry-run plan, wildcard lists, JSON, explain. */
#include <errno.h>
#include <json-c/json.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../topology/fixture.h"
#include "output/format.h"
#include "output/json.h"
#include "output/topology.h"

/* Two maps as the kernel has them: an ALUA LUN with a standby group, and a
 * round-robin LUN without alias with one failed, offline path. */
struct world {
	struct mp_path p[4];
	struct mp_dm_table t[2], st[2];
	struct mp_view_map v[2];
};

static const char *const tables[2] = {
	"0 204800 multipath 1 queue_if_no_path 1 alua 2 1 service-time 0 1 1 8:0 1 "
	"service-time 0 1 1 8:16 1",
	"0 2097152 multipath 0 0 1 1 round-robin 0 2 1 8:32 1 8:48 1",
};
static const char *const statuses[2] = {
	"0 204800 multipath 2 0 0 0 2 1 A 0 1 2 8:0 A 0 0 1 E 0 1 2 8:16 A 0 0 1",
	"0 2097152 multipath 2 0 0 0 1 1 A 0 2 0 8:32 A 0 8:48 F 1",
};

static void world_setup(struct world *w, bool checked)
{
	w->p[0] = fx_path("sda", 8, 0, 2, "36001405aa", MP_ALUA_ACTIVE_OPTIMIZED);
	w->p[1] = fx_path("sdb", 8, 16, 3, "36001405aa", MP_ALUA_STANDBY);
	w->p[2] = fx_path("sdc", 8, 32, 4, "3600000000000b", MP_ALUA_UNKNOWN);
	w->p[3] = fx_path("sdd", 8, 48, 5, "3600000000000b", MP_ALUA_UNKNOWN);
	w->p[0].prio = 50;
	w->p[1].prio = 1;
	w->p[1].state = MP_PATH_GHOST;
	w->p[2].prio = 1;
	w->p[3].prio = 1;
	w->p[3].state = MP_PATH_DOWN;
	snprintf(w->p[3].dev_state, sizeof(w->p[3].dev_state), "offline");
	if (!checked)
		for (int i = 0; i < 4; i++)
			w->p[i].state = MP_PATH_UNCHECKED;
	for (int i = 0; i < 2; i++) {
		struct mp_view_live live = {.minor = i, .read_only = 0, .status = &w->st[i],
					    .checked = checked};

		assert_int_equal(mp_dm_table_parse(tables[i], &w->t[i]), 0);
		assert_int_equal(mp_dm_status_parse(statuses[i], &w->st[i]), 0);
		assert_int_equal(mp_view_from_dm(i ? "3600000000000b" : "mpatha",
						 i ? "mpath-3600000000000b" : "mpath-36001405aa",
						 &w->t[i], &live, w->p, 4, &w->v[i]),
				 0);
	}
}

static void world_teardown(struct world *w)
{
	for (int i = 0; i < 2; i++) {
		mp_view_map_clear(&w->v[i]);
		mp_dm_table_clear(&w->t[i]);
		mp_dm_table_clear(&w->st[i]);
	}
}

static char *slurp(const char *name)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", GOLDEN_DIR, name);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static void assert_golden(const char *name, const char *got)
{
	char *want = slurp(name);

	if (strcmp(want, got) != 0)
		fprintf(stderr, "--- %s differs; got:\n%s---\n", name, got);
	assert_string_equal(got, want);
	free(want);
}

static void topology_ll_matches_golden(void **state)
{
	struct world w;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	world_setup(&w, true);
	assert_int_equal(mp_output_topology(w.v, 2, &sb), 0);
	assert_golden("topology_ll.txt", strbuf_str(&sb));
	strbuf_reset(&sb);
	world_teardown(&w);
}

static void topology_layout_is_pinned(void **state)
{
	struct world w;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	world_setup(&w, true);
	assert_int_equal(mp_output_topology(w.v, 1, &sb), 0);
	/* the tree characters and quoting are the contract, not just the golden file */
	assert_non_null(strstr(strbuf_str(&sb), "\n|-+- policy='service-time 0' prio=50 status=active\n| `- 2:0:0:0 sda "));
	assert_non_null(strstr(strbuf_str(&sb), "\n`-+- policy='service-time 0' prio=1 status=enabled\n  `- 3:0:0:0 sdb "));
	assert_null(strstr(strbuf_str(&sb), " \n")); /* no trailing blanks */
	strbuf_reset(&sb);
	world_teardown(&w);
}

static void topology_l_without_checks(void **state)
{
	struct world w;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	world_setup(&w, false);
	assert_int_equal(mp_output_topology(w.v, 1, &sb), 0);
	assert_golden("topology_l.txt", strbuf_str(&sb));
	strbuf_reset(&sb);
	world_teardown(&w);
}

static void plan_dry_run_matches_golden(void **state)
{
	struct mp_path p[2] = {fx_path("sda", 8, 0, 2, "36001405aa", MP_ALUA_ACTIVE_OPTIMIZED),
			       fx_path("sdb", 8, 16, 3, "36001405aa", MP_ALUA_STANDBY)};
	size_t idx[2] = {0, 1};
	struct mp_map_settings s;
	struct mp_map m;
	struct mp_plan plan;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	p[1].state = MP_PATH_GHOST;
	mp_map_settings_init(&s);
	s.pgpolicy = MP_PGP_GROUP_BY_PRIO;
	s.no_path_retry = MP_NPR_QUEUE;
	assert_int_equal(mp_map_build_one(p, idx, 2, &s, "mpatha", "bindings", &m), 0);
	assert_int_equal(mp_plan_build(&m, 1, NULL, 0, NULL, &plan), 1);
	assert_int_equal(mp_plan_format(&plan, p, &sb), 0);
	assert_golden("plan_create.txt", strbuf_str(&sb));
	strbuf_reset(&sb);
	mp_plan_clear(&plan);
	mp_map_clear(&m);
}

static void path_wildcards(void **state)
{
	struct world w;
	struct strbuf sb = STRBUF_INIT;
	struct mp_format *f;
	struct mp_path_row rows[2];

	(void)state;
	world_setup(&w, true);
	rows[0] = (struct mp_path_row){&w.p[0], &w.v[0].groups[0].paths[0], "mpatha"};
	rows[1] = (struct mp_path_row){&w.p[1], NULL, NULL}; /* orphan */
	assert_int_equal(mp_format_parse(MP_FORMAT_PATHS, "%d %w %t %T %s", &f, NULL, 0), 0);
	assert_int_equal(mp_format_n_fields(f), 5);
	assert_int_equal(mp_format_paths(f, rows, 2, MP_FORMAT_HEADER | MP_FORMAT_PAD, &sb), 0);
	assert_string_equal(strbuf_str(&sb), "dev uuid       dm_st  chk_st vend/prod/rev\n"
					     "sda 36001405aa active ready  LIO-ORG,disk,4.0\n"
					     "sdb 36001405aa undef  undef  LIO-ORG,disk,4.0\n");
	strbuf_reset(&sb);
	/* raw: no header, no padding */
	assert_int_equal(mp_format_paths(f, rows, 2, 0, &sb), 0);
	assert_string_equal(strbuf_str(&sb), "sda 36001405aa active ready LIO-ORG,disk,4.0\n"
					     "sdb 36001405aa undef undef LIO-ORG,disk,4.0\n");
	strbuf_reset(&sb);
	mp_format_free(f);
	assert_int_equal(mp_format_parse(MP_FORMAT_PATHS, "100%% %i|%D|%p|%m|%P", &f, NULL, 0), 0);
	assert_int_equal(mp_format_paths(f, rows, 1, 0, &sb), 0);
	assert_string_equal(strbuf_str(&sb), "100% 2:0:0:0|8:0|50|mpatha|scsi:iscsi\n");
	strbuf_reset(&sb);
	mp_format_free(f);
	world_teardown(&w);
}

static void map_wildcards(void **state)
{
	struct world w;
	struct strbuf sb = STRBUF_INIT;
	struct mp_format *f;

	(void)state;
	world_setup(&w, true);
	assert_int_equal(mp_format_parse(MP_FORMAT_MAPS, "%n %w %d %N", &f, NULL, 0), 0);
	assert_int_equal(mp_format_maps(f, w.v, 2, MP_FORMAT_HEADER | MP_FORMAT_PAD, &sb), 0);
	assert_string_equal(strbuf_str(&sb), "name           uuid           sysfs paths\n"
					     "mpatha         36001405aa     dm-0  2\n"
					     "3600000000000b 3600000000000b dm-1  1\n");
	strbuf_reset(&sb);
	mp_format_free(f);
	assert_int_equal(mp_format_parse(MP_FORMAT_MAPS, "%S|%f|%h|%Q|%r|%t|%s", &f, NULL, 0), 0);
	assert_int_equal(mp_format_maps(f, w.v, 1, 0, &sb), 0);
	assert_string_equal(strbuf_str(&sb),
			    "100M|1 queue_if_no_path|1 alua|on|rw|active|LIO-ORG,disk,4.0\n");
	strbuf_reset(&sb);
	mp_format_free(f);
	assert_int_equal(mp_format_wildcards(&sb), 0);
	assert_non_null(strstr(strbuf_str(&sb), "%Q  queueing\n"));
	assert_non_null(strstr(strbuf_str(&sb), "%T  chk_st\n"));
	/* accepted in formats, but always [undef] here: not offered */
	assert_null(strstr(strbuf_str(&sb), "host WWNN"));
	assert_null(strstr(strbuf_str(&sb), "vpd page data"));
	strbuf_reset(&sb);
	world_teardown(&w);
}

static void format_errors(void **state)
{
	struct mp_format *f = NULL;
	char err[128] = "";

	(void)state;
	assert_int_equal(mp_format_parse(MP_FORMAT_PATHS, "%d %q", &f, err, sizeof(err)), -EINVAL);
	assert_null(f);
	assert_string_equal(err, "unknown path wildcard '%q' at offset 3");
	/* %F exists for maps, not for paths */
	assert_int_equal(mp_format_parse(MP_FORMAT_PATHS, "%F", &f, err, sizeof(err)), -EINVAL);
	assert_int_equal(mp_format_parse(MP_FORMAT_MAPS, "%F", &f, err, sizeof(err)), 0);
	mp_format_free(f);
	assert_int_equal(mp_format_parse(MP_FORMAT_MAPS, "abc%", &f, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "lone"));
	assert_int_equal(mp_format_parse(MP_FORMAT_MAPS, "", &f, err, sizeof(err)), 0);
	assert_int_equal(mp_format_n_fields(f), 0);
	mp_format_free(f);
}

static void json_round_trip(void **state)
{
	struct world w;
	struct strbuf sb = STRBUF_INIT;
	struct json_object *doc, *maps, *m0, *m1, *pg, *path, *v;

	(void)state;
	world_setup(&w, true);
	assert_int_equal(mp_json_maps(w.v, 2, &sb), 0);
	doc = json_tokener_parse(strbuf_str(&sb));
	assert_non_null(doc);
	assert_true(json_object_object_get_ex(doc, "major_version", &v));
	assert_int_equal(json_object_get_int(v), 0);
	assert_true(json_object_object_get_ex(doc, "maps", &maps));
	assert_int_equal(json_object_array_length(maps), 2);
	m0 = json_object_array_get_idx(maps, 0);
	m1 = json_object_array_get_idx(maps, 1);
	assert_true(json_object_object_get_ex(m0, "name", &v));
	assert_string_equal(json_object_get_string(v), "mpatha");
	assert_true(json_object_object_get_ex(m0, "uuid", &v));
	assert_string_equal(json_object_get_string(v), "36001405aa");
	assert_true(json_object_object_get_ex(m0, "sysfs", &v));
	assert_string_equal(json_object_get_string(v), "dm-0");
	assert_true(json_object_object_get_ex(m0, "queueing", &v));
	assert_string_equal(json_object_get_string(v), "on");
	assert_true(json_object_object_get_ex(m1, "paths", &v));
	assert_true(json_object_is_type(v, json_type_int));
	assert_int_equal(json_object_get_int(v), 1);
	assert_true(json_object_object_get_ex(m0, "path_groups", &v));
	assert_int_equal(json_object_array_length(v), 2);
	pg = json_object_array_get_idx(v, 1);
	assert_true(json_object_object_get_ex(pg, "group", &v));
	assert_int_equal(json_object_get_int(v), 2);
	assert_true(json_object_object_get_ex(pg, "dm_st", &v));
	assert_string_equal(json_object_get_string(v), "enabled");
	assert_true(json_object_object_get_ex(pg, "selector", &v));
	assert_string_equal(json_object_get_string(v), "service-time 0");
	assert_true(json_object_object_get_ex(pg, "paths", &v));
	path = json_object_array_get_idx(v, 0);
	assert_true(json_object_object_get_ex(path, "dev", &v));
	assert_string_equal(json_object_get_string(v), "sdb");
	assert_true(json_object_object_get_ex(path, "chk_st", &v));
	assert_string_equal(json_object_get_string(v), "ghost");
	assert_true(json_object_object_get_ex(path, "pri", &v));
	assert_int_equal(json_object_get_int(v), 1);
	assert_true(json_object_object_get_ex(path, "target_wwnn", &v));
	assert_string_equal(json_object_get_string(v), "iqn.2003-01.org.linux-iscsi:t1");
	json_object_put(doc);
	strbuf_reset(&sb);

	struct mp_path_row rows[1] = {{&w.p[2], NULL, NULL}};
	assert_int_equal(mp_json_paths(rows, 1, &sb), 0);
	doc = json_tokener_parse(strbuf_str(&sb));
	assert_non_null(doc);
	assert_true(json_object_object_get_ex(doc, "paths", &v));
	path = json_object_array_get_idx(v, 0);
	assert_true(json_object_object_get_ex(path, "multipath", &v));
	assert_string_equal(json_object_get_string(v), "[orphan]");
	json_object_put(doc);
	strbuf_reset(&sb);

	assert_int_equal(mp_json_map(&w.v[1], &sb), 0);
	doc = json_tokener_parse(strbuf_str(&sb));
	assert_true(json_object_object_get_ex(doc, "map", &m1));
	assert_true(json_object_object_get_ex(m1, "features", &v));
	assert_string_equal(json_object_get_string(v), "0");
	json_object_put(doc);
	strbuf_reset(&sb);
	world_teardown(&w);
}

static void explain_lists_origins_and_groups(void **state)
{
	struct mp_path p[2] = {fx_path("sda", 8, 0, 2, "36001405aa", MP_ALUA_ACTIVE_OPTIMIZED),
			       fx_path("sdb", 8, 16, 3, "36001405aa", MP_ALUA_STANDBY)};
	size_t idx[2] = {0, 1};
	struct mp_map_settings s;
	struct mp_map m;
	struct strbuf sb = STRBUF_INIT;
	const char *t;

	(void)state;
	mp_map_settings_init(&s);
	s.pgpolicy = MP_PGP_GROUP_BY_PRIO;
	snprintf(s.pgpolicy_origin, sizeof(s.pgpolicy_origin), "devices section (/etc/multipath.conf:9)");
	s.no_path_retry = MP_NPR_COUNT;
	s.no_path_retry_n = 12;
	assert_int_equal(mp_map_build_one(p, idx, 2, &s, "mpatha", "bindings", &m), 0);
	assert_int_equal(mp_explain_map(&m, p, &sb), 0);
	t = strbuf_str(&sb);
	assert_non_null(strstr(t, "map mpatha (36001405aa)\n"));
	assert_non_null(strstr(t, "  path_grouping_policy        group_by_prio        # devices section (/etc/multipath.conf:9)\n"));
	assert_non_null(strstr(t, "  no_path_retry               12                   # default\n"));
	assert_non_null(strstr(t, "table features: '1 queue_if_no_path'"));
	assert_non_null(strstr(t, "  group 1: prio 50 (average of usable paths), prio 50\n"));
	assert_non_null(strstr(t, "    sda 2:0:0:0 8:0 prio 50 from sysfs (detect_prio (ALUA device, kernel access_state)): sysfs: active/optimized; repeat 1\n"));
	assert_non_null(strstr(t, "  group 2: prio 1"));
	assert_non_null(strstr(t, "  hardware_handler            1 alua               # retain_attached_hw_handler"));
	strbuf_reset(&sb);
	mp_map_clear(&m);
}

/* A 64 KiB format (the largest command) of ~32,000 fields from any user is
 * refused before a cell is rendered; 32 fields are fine. */
static void format_field_cap(void **state)
{
	struct mp_format *f = NULL;
	size_t len = 64 * 1024 - 64;
	char *fmt = malloc(len + 1), err[128];

	(void)state;
	for (size_t i = 0; i + 1 < len; i += 2)
		memcpy(fmt + i, "%d", 2);
	fmt[len] = '\0';
	assert_int_equal(mp_format_parse(MP_FORMAT_PATHS, fmt, &f, err, sizeof(err)), -E2BIG);
	assert_null(f);
	assert_string_equal(err, "too many wildcards (max 32)");
	fmt[2 * MP_FORMAT_MAX_FIELDS] = '\0';
	assert_int_equal(mp_format_parse(MP_FORMAT_PATHS, fmt, &f, err, sizeof(err)), 0);
	assert_int_equal(mp_format_n_fields(f), MP_FORMAT_MAX_FIELDS);
	mp_format_free(f);
	fmt[2 * MP_FORMAT_MAX_FIELDS + 2] = '\0';
	fmt[2 * MP_FORMAT_MAX_FIELDS] = '%';
	fmt[2 * MP_FORMAT_MAX_FIELDS + 1] = 'd';
	assert_int_equal(mp_format_parse(MP_FORMAT_PATHS, fmt, &f, NULL, 0), -E2BIG);
	free(fmt);
}

/* Device-provided text (a crafted VPD designator became a map name and a
 * reason) cannot inject keys into `mpath -d --json`: json-c escapes it. */
static void plan_json_escapes_device_text(void **state)
{
	static const char evil[] = "3600\",\"injected\":\"1\n\x1b[31mred";
	struct mp_action a = {.kind = MP_ACT_CREATE, .name = (char *)evil, .reason = (char *)evil};
	struct mp_plan plan = {.n = 1, .actions = &a};
	struct strbuf sb = STRBUF_INIT;
	struct json_object *doc, *arr, *act, *v;

	(void)state;
	assert_int_equal(mp_json_plan(&plan, NULL, &sb), 0);
	assert_null(strchr(strbuf_str(&sb), '\x1b')); /* no raw ESC reaches a terminal */
	doc = json_tokener_parse(strbuf_str(&sb));
	assert_non_null(doc);
	assert_true(json_object_object_get_ex(doc, "actions", &arr));
	assert_int_equal(json_object_array_length(arr), 1);
	act = json_object_array_get_idx(arr, 0);
	assert_false(json_object_object_get_ex(act, "injected", &v));
	assert_true(json_object_object_get_ex(act, "name", &v));
	assert_string_equal(json_object_get_string(v), evil);
	assert_true(json_object_object_get_ex(act, "action", &v));
	assert_string_equal(json_object_get_string(v), "create");
	json_object_put(doc);
	strbuf_reset(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(topology_ll_matches_golden),
		cmocka_unit_test(topology_layout_is_pinned),
		cmocka_unit_test(topology_l_without_checks),
		cmocka_unit_test(plan_dry_run_matches_golden),
		cmocka_unit_test(path_wildcards),
		cmocka_unit_test(map_wildcards),
		cmocka_unit_test(format_errors),
		cmocka_unit_test(format_field_cap),
		cmocka_unit_test(plan_json_escapes_device_text),
		cmocka_unit_test(json_round_trip),
		cmocka_unit_test(explain_lists_origins_and_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
