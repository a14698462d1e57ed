/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A client of libmpath.so: built with include/ only (no lib/ headers) and
 * linked with the shared library only, so a declaration missing from the
 * public header or a symbol missing from the version script fails here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mpath/mpath.h>

#ifdef MPATH_ENGINE_H
#error "internal headers leaked into the public header"
#endif

struct env {
	char root[256];
	struct mp_ctx *ctx;
	int n_errors;
	char last[512];
};

static void count_log(void *data, int level, const char *msg)
{
	struct env *e = data;

	if (level <= MP_LOG_ERR)
		e->n_errors++;
	snprintf(e->last, sizeof(e->last), "%s", msg);
}

/* An empty captured sysfs: a root with an empty block/ directory. */
static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	char block[300];
	const char *tmp = getenv("TMPDIR");

	assert_non_null(e);
	snprintf(e->root, sizeof(e->root), "%s/mpath-api-XXXXXX", tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(e->root));
	snprintf(block, sizeof(block), "%s/block", e->root);
	assert_int_equal(mkdir(block, 0755), 0);
	assert_int_equal(mp_ctx_new(&e->ctx), 0);
	assert_int_equal(mp_ctx_set_sysfs_root(e->ctx, e->root), 0);
	mp_ctx_set_log(e->ctx, count_log, e, MP_LOG_DEBUG);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	char block[300];

	snprintf(block, sizeof(block), "%s/block", e->root);
	rmdir(block);
	rmdir(e->root);
	mp_ctx_free(e->ctx);
	free(e);
	return 0;
}

/* A captured tree has no kernel behind it: no maps, and valid JSON. */
static void captured_tree_reads_empty(void **state)
{
	struct env *e = *state;
	struct mp_topology *t = NULL;
	struct json_object *doc, *maps = NULL;
	char *json = NULL;

	assert_int_equal(mp_topology_read(e->ctx, MP_TOPOLOGY_CHECK_PATHS, &t), 0);
	assert_non_null(t);
	assert_int_equal(mp_topology_map_count(t), 0);
	assert_null(mp_topology_map(t, 0));
	assert_null(mp_topology_find_map(t, "mpatha"));
	assert_int_equal(mp_topology_to_json(t, &json), 0);
	doc = json_tokener_parse(json);
	assert_non_null(doc);
	assert_true(json_object_object_get_ex(doc, "maps", &maps));
	assert_int_equal(json_object_array_length(maps), 0);
	json_object_put(doc);
	free(json);
	mp_topology_free(t);
	assert_int_equal(e->n_errors, 0);
}

static void config_file_must_exist_once_named(void **state)
{
	struct env *e = *state;
	struct mp_topology *sentinel = (struct mp_topology *)e, *t = sentinel;
	char path[300];

	snprintf(path, sizeof(path), "%s/missing.conf", e->root);
	assert_int_equal(mp_ctx_set_config_file(e->ctx, path), 0);
	assert_int_equal(mp_topology_read(e->ctx, 0, &t), -ENOENT);
	assert_ptr_equal(t, sentinel);
	assert_int_equal(e->n_errors, 1);
	assert_non_null(strstr(e->last, "missing.conf"));
	/* NULL goes back to the default */
	assert_int_equal(mp_ctx_set_config_file(e->ctx, NULL), 0);
	assert_int_equal(mp_ctx_set_state_dir(e->ctx, e->root), 0);
	assert_int_equal(mp_ctx_set_state_dir(e->ctx, NULL), 0);
}

static void arguments_checked(void **state)
{
	struct env *e = *state;
	struct mp_topology *sentinel = (struct mp_topology *)e, *t = sentinel;

	assert_int_equal(mp_topology_read(NULL, 0, &t), -EINVAL);
	assert_int_equal(mp_topology_read(e->ctx, 0, NULL), -EINVAL);
	assert_int_equal(mp_topology_read(e->ctx, 0x80, &t), -EINVAL);
	assert_ptr_equal(t, sentinel);
	assert_int_equal(mp_ctx_set_config_file(NULL, "/x"), -EINVAL);
	assert_int_equal(mp_ctx_set_state_dir(e->ctx, ""), -EINVAL);
}

/* Every accessor of the ABI takes NULL, so lookups chain without checks. */
static void null_safe_chains(void **state)
{
	const struct mp_path_info *p =
	    mp_group_path(mp_map_group(mp_topology_find_map(NULL, "x"), 0), 0);

	(void)state;
	mp_topology_free(NULL);
	mp_ctx_free(NULL);
	assert_null(p);
	assert_null(mp_path_dev(p));
	assert_int_equal(mp_path_devt(p), 0);
	assert_int_equal(mp_path_prio(p), -EINVAL);
	assert_int_equal(mp_map_dm_minor(NULL), -EINVAL);
	assert_int_equal(mp_map_active_path_count(NULL), 0);
	assert_int_equal(mp_group_state(NULL), MP_GROUP_UNKNOWN);
	assert_string_equal(mp_path_state_str(MP_CHECK_READY), "ready");
	assert_string_equal(mp_group_state_str(MP_GROUP_ACTIVE), "active");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(captured_tree_reads_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(config_file_must_exist_once_named, setup, teardown),
	    cmocka_unit_test_setup_teardown(arguments_checked, setup, teardown),
	    cmocka_unit_test(null_safe_chains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
