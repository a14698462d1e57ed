/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The topology API over a fake sysfs tree and the recording device-mapper
 * fake: maps, groups, paths, states, prios, lookups, JSON, errors, and
 * that reading never changes anything.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "api/api-private.h"
#include "fixture.h"

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	fx_init(fx);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	fx_cleanup(fx);
	free(fx);
	return 0;
}

static struct mp_topology *read_ok(struct fixture *fx, unsigned int flags, int n_maps)
{
	struct mp_topology *t = NULL;

	assert_int_equal(mp_topology_read_with_dm(fx->ctx, fx->dm, flags, &t), n_maps);
	assert_non_null(t);
	assert_int_equal(mp_topology_map_count(t), n_maps);
	return t;
}

static void maps_and_groups(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *t;
	const struct mp_map_info *m;
	const struct mp_group_info *g;

	fx_add_lun(fx);
	fx_add_maps(fx);
	t = read_ok(fx, MP_TOPOLOGY_CHECK_PATHS, 2);
	m = mp_topology_map(t, 0);
	assert_string_equal(mp_map_name(m), "mpatha");
	assert_string_equal(mp_map_wwid(m), FX_WWID);
	assert_int_equal(mp_map_dm_minor(m), 0);
	assert_int_equal(mp_map_size_sectors(m), 32768);
	assert_string_equal(mp_map_vendor(m), "LIO-ORG");
	assert_string_equal(mp_map_product(m), "ramdisk");
	assert_string_equal(mp_map_features(m), "1 queue_if_no_path");
	assert_string_equal(mp_map_hwhandler(m), "1 alua");
	assert_int_equal(mp_map_group_count(m), 2);
	/* [active/total] as XenServer shows it: sdd is failed in the kernel */
	assert_int_equal(mp_map_path_count(m), 4);
	assert_int_equal(mp_map_active_path_count(m), 3);

	g = mp_map_group(m, 0);
	assert_int_equal(mp_group_state(g), MP_GROUP_ACTIVE);
	assert_string_equal(mp_group_state_str(mp_group_state(g)), "active");
	assert_string_equal(mp_group_selector(g), "round-robin 0");
	assert_int_equal(mp_group_prio(g), 50);
	assert_int_equal(mp_group_path_count(g), 2);
	g = mp_map_group(m, 1);
	assert_int_equal(mp_group_state(g), MP_GROUP_ENABLED);
	/* sde is offline (faulty): only sdc's standby prio counts */
	assert_int_equal(mp_group_prio(g), 1);
	assert_null(mp_map_group(m, 2));

	m = mp_topology_map(t, 1);
	assert_string_equal(mp_map_name(m), "data2");
	assert_string_equal(mp_map_wwid(m), "3600a0b80000000000000000000000002");
	assert_int_equal(mp_map_dm_minor(m), 1);
	assert_null(mp_map_vendor(m)); /* no path of it is in sysfs */
	assert_string_equal(mp_map_features(m), "0");
	assert_string_equal(mp_map_hwhandler(m), "0");
	assert_int_equal(mp_map_path_count(m), 1);
	assert_null(mp_topology_map(t, 2));
	mp_topology_free(t);
}

static void paths_checked(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *t;
	const struct mp_group_info *g0, *g1;
	const struct mp_path_info *p;

	fx_add_lun(fx);
	fx_add_maps(fx);
	t = read_ok(fx, MP_TOPOLOGY_CHECK_PATHS, 2);
	g0 = mp_map_group(mp_topology_map(t, 0), 0);
	g1 = mp_map_group(mp_topology_map(t, 0), 1);

	p = mp_group_path(g0, 0);
	assert_string_equal(mp_path_dev(p), "sdb");
	assert_int_equal(major(mp_path_devt(p)), 8);
	assert_int_equal(minor(mp_path_devt(p)), 16);
	assert_string_equal(mp_path_hctl(p), "1:0:0:0");
	assert_int_equal(mp_path_dm_state(p), MP_PATH_DM_ACTIVE);
	assert_int_equal(mp_path_check_state(p), MP_CHECK_READY);
	assert_int_equal(mp_path_prio(p), 50);

	p = mp_group_path(g0, 1);
	assert_string_equal(mp_path_dev(p), "sdd");
	assert_int_equal(mp_path_dm_state(p), MP_PATH_DM_FAILED);
	assert_int_equal(mp_path_check_state(p), MP_CHECK_READY);

	p = mp_group_path(g1, 0);
	assert_string_equal(mp_path_dev(p), "sdc");
	assert_int_equal(mp_path_check_state(p), MP_CHECK_GHOST);
	assert_string_equal(mp_path_state_str(mp_path_check_state(p)), "ghost");
	assert_int_equal(mp_path_prio(p), 1);

	p = mp_group_path(g1, 1);
	assert_string_equal(mp_path_dev(p), "sde");
	assert_int_equal(mp_path_dm_state(p), MP_PATH_DM_ACTIVE);
	assert_int_equal(mp_path_check_state(p), MP_CHECK_FAULTY);
	assert_null(mp_group_path(g1, 2));

	/* data2's only path is unknown to sysfs: numbers only */
	p = mp_group_path(mp_map_group(mp_topology_map(t, 1), 0), 0);
	assert_null(mp_path_dev(p));
	assert_null(mp_path_hctl(p));
	assert_int_equal(minor(mp_path_devt(p)), 80);
	assert_int_equal(mp_path_prio(p), -1);
	assert_int_equal(mp_path_check_state(p), MP_CHECK_UNCHECKED);
	mp_topology_free(t);
}

/* Without MP_TOPOLOGY_CHECK_PATHS: what `multipath -l` shows. */
static void paths_unchecked(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *t;
	const struct mp_map_info *m;
	const struct mp_path_info *p;

	fx_add_lun(fx);
	fx_add_maps(fx);
	t = read_ok(fx, 0, 2);
	m = mp_topology_find_map(t, "mpatha");
	p = mp_group_path(mp_map_group(m, 0), 0);
	assert_string_equal(mp_path_dev(p), "sdb");
	assert_int_equal(mp_path_check_state(p), MP_CHECK_UNCHECKED);
	assert_string_equal(mp_path_state_str(mp_path_check_state(p)), "undef");
	assert_int_equal(mp_path_prio(p), -1);
	assert_int_equal(mp_group_prio(mp_map_group(m, 0)), 0);
	/* the kernel's view does not need checks */
	assert_int_equal(mp_group_state(mp_map_group(m, 0)), MP_GROUP_ACTIVE);
	assert_int_equal(mp_path_dm_state(mp_group_path(mp_map_group(m, 0), 1)), MP_PATH_DM_FAILED);
	assert_int_equal(mp_map_active_path_count(m), 3);
	mp_topology_free(t);
}

static void find_map_by_any_key(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *t;

	fx_add_lun(fx);
	fx_add_maps(fx);
	t = read_ok(fx, 0, 2);
	assert_ptr_equal(mp_topology_find_map(t, "mpatha"), mp_topology_map(t, 0));
	assert_ptr_equal(mp_topology_find_map(t, FX_WWID), mp_topology_map(t, 0));
	assert_ptr_equal(mp_topology_find_map(t, "mpath-" FX_WWID), mp_topology_map(t, 0));
	assert_ptr_equal(mp_topology_find_map(t, "dm-1"), mp_topology_map(t, 1));
	assert_ptr_equal(mp_topology_find_map(t, "data2"), mp_topology_map(t, 1));
	assert_null(mp_topology_find_map(t, "dm-7"));
	assert_null(mp_topology_find_map(t, "dm-1x"));
	assert_null(mp_topology_find_map(t, "mpathz"));
	assert_null(mp_topology_find_map(t, NULL));
	assert_null(mp_topology_find_map(NULL, "mpatha"));
	mp_topology_free(t);
}

static struct json_object *key(struct json_object *o, const char *k)
{
	struct json_object *v = NULL;

	assert_true(json_object_object_get_ex(o, k, &v));
	return v;
}

static void json_document(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *t;
	struct json_object *doc, *maps, *m, *groups, *paths;
	char *json = NULL;

	fx_add_lun(fx);
	fx_add_maps(fx);
	t = read_ok(fx, MP_TOPOLOGY_CHECK_PATHS, 2);
	assert_int_equal(mp_topology_to_json(t, &json), 0);
	doc = json_tokener_parse(json);
	assert_non_null(doc);
	assert_int_equal(json_object_get_int(key(doc, "major_version")), 0);
	maps = key(doc, "maps");
	assert_int_equal(json_object_array_length(maps), 2);
	m = json_object_array_get_idx(maps, 0);
	assert_string_equal(json_object_get_string(key(m, "name")), "mpatha");
	assert_string_equal(json_object_get_string(key(m, "uuid")), FX_WWID);
	assert_string_equal(json_object_get_string(key(m, "sysfs")), "dm-0");
	assert_int_equal(json_object_get_int(key(m, "paths")), 3);
	groups = key(m, "path_groups");
	assert_int_equal(json_object_array_length(groups), 2);
	assert_string_equal(
	    json_object_get_string(key(json_object_array_get_idx(groups, 1), "dm_st")), "enabled");
	paths = key(json_object_array_get_idx(groups, 1), "paths");
	assert_string_equal(json_object_get_string(key(json_object_array_get_idx(paths, 0), "dev")),
			    "sdc");
	assert_string_equal(
	    json_object_get_string(key(json_object_array_get_idx(paths, 0), "chk_st")), "ghost");
	json_object_put(doc);
	free(json);
	mp_topology_free(t);
}

static void empty_world(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *t = read_ok(fx, MP_TOPOLOGY_CHECK_PATHS, 0);
	char *json = NULL;
	struct json_object *doc;

	assert_null(mp_topology_map(t, 0));
	assert_int_equal(mp_topology_to_json(t, &json), 0);
	doc = json_tokener_parse(json);
	assert_non_null(doc);
	assert_int_equal(json_object_array_length(key(doc, "maps")), 0);
	json_object_put(doc);
	free(json);
	mp_topology_free(t);
}

/* The API is read-only: no dm call that changes anything, no state file written. */
static void reading_changes_nothing(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *t;

	fx_add_lun(fx);
	fx_add_maps(fx);
	t = read_ok(fx, MP_TOPOLOGY_CHECK_PATHS, 2);
	mp_topology_free(t);
	assert_int_equal(mp_dm_fake_n_calls(fx->dm), 0);
	assert_int_equal(fx_state_dir_entries(fx), 0);
	/* with reads recorded, only reads show up */
	assert_int_equal(mp_dm_fake_record_reads(fx->dm, true), 0);
	t = read_ok(fx, 0, 2);
	mp_topology_free(t);
	assert_string_equal(mp_dm_fake_calls(fx->dm), "list\n"
						      "table mpatha\nstatus mpatha\n"
						      "table data2\nstatus data2\n");
}

static void bad_arguments(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *sentinel = (struct mp_topology *)state, *t = sentinel;

	assert_int_equal(mp_topology_read_with_dm(NULL, fx->dm, 0, &t), -EINVAL);
	assert_int_equal(mp_topology_read_with_dm(fx->ctx, NULL, 0, &t), -EINVAL);
	assert_int_equal(mp_topology_read_with_dm(fx->ctx, fx->dm, 0, NULL), -EINVAL);
	assert_int_equal(mp_topology_read_with_dm(fx->ctx, fx->dm, 1u << 7, &t), -EINVAL);
	assert_int_equal(mp_topology_read(NULL, 0, &t), -EINVAL);
	assert_int_equal(mp_topology_read(fx->ctx, 1u << 7, &t), -EINVAL);
	assert_ptr_equal(t, sentinel);
	assert_int_equal(mp_topology_to_json(NULL, (char **)&t), -EINVAL);
	assert_ptr_equal(t, sentinel);
	assert_int_equal(mp_ctx_set_config_file(NULL, "x"), -EINVAL);
	assert_int_equal(mp_ctx_set_config_file(fx->ctx, ""), -EINVAL);
	assert_int_equal(mp_ctx_set_state_dir(NULL, "x"), -EINVAL);
	assert_int_equal(mp_ctx_set_state_dir(fx->ctx, ""), -EINVAL);
}

static void missing_config_file(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *sentinel = (struct mp_topology *)state, *t = sentinel;
	char path[400];

	snprintf(path, sizeof(path), "%s/nope.conf", fx->fs.root);
	assert_int_equal(mp_ctx_set_config_file(fx->ctx, path), 0);
	assert_int_equal(mp_topology_read_with_dm(fx->ctx, fx->dm, 0, &t), -ENOENT);
	assert_ptr_equal(t, sentinel);
	assert_non_null(strstr(fx->log, "nope.conf"));
}

static void dm_failures(void **state)
{
	struct fixture *fx = *state;
	struct mp_topology *sentinel = (struct mp_topology *)state, *t = sentinel;

	fx_add_lun(fx);
	fx_add_maps(fx);
	assert_int_equal(mp_dm_fake_fail_next(fx->dm, "list", EIO), 0);
	assert_int_equal(mp_topology_read_with_dm(fx->ctx, fx->dm, 0, &t), -EIO);
	assert_ptr_equal(t, sentinel);
	assert_non_null(strstr(fx->log, "cannot list maps"));

	/* one unreadable table: that map is left out, the other shown, a warning logged */
	fx->log[0] = '\0';
	assert_int_equal(mp_dm_fake_fail_next(fx->dm, "table", EIO), 0);
	t = read_ok(fx, 0, 1);
	assert_string_equal(mp_map_name(mp_topology_map(t, 0)), "data2");
	assert_non_null(strstr(fx->log, "mpatha: cannot read table"));
	mp_topology_free(t);
}

static void null_handles(void **state)
{
	(void)state;
	mp_topology_free(NULL);
	assert_int_equal(mp_topology_map_count(NULL), 0);
	assert_null(mp_topology_map(NULL, 0));
	assert_null(mp_map_name(NULL));
	assert_null(mp_map_wwid(NULL));
	assert_int_equal(mp_map_dm_minor(NULL), -EINVAL);
	assert_int_equal(mp_map_size_sectors(NULL), 0);
	assert_null(mp_map_vendor(NULL));
	assert_null(mp_map_product(NULL));
	assert_null(mp_map_features(NULL));
	assert_null(mp_map_hwhandler(NULL));
	assert_int_equal(mp_map_group_count(NULL), 0);
	assert_null(mp_map_group(NULL, 0));
	assert_int_equal(mp_map_path_count(NULL), 0);
	assert_int_equal(mp_map_active_path_count(NULL), 0);
	assert_int_equal(mp_group_state(NULL), MP_GROUP_UNKNOWN);
	assert_string_equal(mp_group_state_str(MP_GROUP_UNKNOWN), "undef");
	assert_string_equal(mp_group_state_str((enum mp_group_status)99), "undef");
	assert_int_equal(mp_group_prio(NULL), -EINVAL);
	assert_null(mp_group_selector(NULL));
	assert_int_equal(mp_group_path_count(NULL), 0);
	assert_null(mp_group_path(NULL, 0));
	assert_null(mp_path_dev(NULL));
	assert_int_equal(mp_path_devt(NULL), 0);
	assert_null(mp_path_hctl(NULL));
	assert_int_equal(mp_path_dm_state(NULL), MP_PATH_DM_UNKNOWN);
	assert_int_equal(mp_path_check_state(NULL), MP_CHECK_UNCHECKED);
	assert_int_equal(mp_path_prio(NULL), -EINVAL);
	assert_string_equal(mp_path_state_str((enum mp_check_state)99), "undef");
}

/* Every check state has its own multipathd name. */
static void state_names(void **state)
{
	static const char *const names[] = {"undef", "ready",	"faulty",   "ghost",  "pending",
					    "shaky", "delayed", "marginal", "timeout"};

	(void)state;
	for (int s = MP_CHECK_UNCHECKED; s <= MP_CHECK_TIMEOUT; s++)
		assert_string_equal(mp_path_state_str((enum mp_check_state)s), names[s]);
	assert_string_equal(mp_group_state_str(MP_GROUP_ENABLED), "enabled");
	assert_string_equal(mp_group_state_str(MP_GROUP_DISABLED), "disabled");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(maps_and_groups, setup, teardown),
	    cmocka_unit_test_setup_teardown(paths_checked, setup, teardown),
	    cmocka_unit_test_setup_teardown(paths_unchecked, setup, teardown),
	    cmocka_unit_test_setup_teardown(find_map_by_any_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(json_document, setup, teardown),
	    cmocka_unit_test_setup_teardown(empty_world, setup, teardown),
	    cmocka_unit_test_setup_teardown(reading_changes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(bad_arguments, setup, teardown),
	    cmocka_unit_test_setup_teardown(missing_config_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(dm_failures, setup, teardown),
	    cmocka_unit_test(null_handles),
	    cmocka_unit_test(state_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
