/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Command grammar and dispatch, event timeline, metrics exposition. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "server/command_parse.h"
#include "server/commands.h"
#include "observe/events.h"
#include "observe/metrics.h"

static int parse(const char *line, struct mpcmd *cmd)
{
	struct strbuf err = STRBUF_INIT;
	int r = cmd_parse(line, cmd, &err);

	strbuf_reset(&err);
	return r;
}

static void grammar_shapes(void **state)
{
	static const struct {
		const char *line;
		int expect; /* cmd id, or -errno */
	} cases[] = {
		{"show paths", CMD_LIST_PATHS},
		{"list paths", CMD_LIST_PATHS},
		{"  show \t paths \n", CMD_LIST_PATHS},
		{"paths show", CMD_LIST_PATHS}, /* order does not matter, as in multipathd */
		{"show paths format \"%d %t %T\"", CMD_LIST_PATHS_FMT},
		{"show maps format %n", CMD_LIST_MAPS_FMT},
		{"show maps json", CMD_LIST_MAPS_JSON},
		{"show multipaths", CMD_LIST_MAPS},
		{"show topology", CMD_LIST_TOPOLOGY},
		{"show maps topology", CMD_LIST_TOPOLOGY},
		{"show topology json", CMD_LIST_TOPOLOGY_JSON},
		{"show map mpatha json", CMD_LIST_MAP_JSON},
		{"show map mpatha topology", CMD_LIST_MAP_TOPOLOGY},
		{"show config", CMD_LIST_CONFIG},
		{"show status", CMD_LIST_STATUS},
		{"show daemon", CMD_LIST_DAEMON},
		{"show blacklist", CMD_LIST_BLACKLIST},
		{"show devices", CMD_LIST_DEVICES},
		{"show wildcards", CMD_LIST_WILDCARDS},
		{"show events", CMD_LIST_EVENTS},
		{"show events path sda", CMD_LIST_EVENTS_PATH},
		{"show events map mpatha", CMD_LIST_EVENTS_MAP},
		{"show metrics", CMD_LIST_METRICS},
		{"getprkey map mpatha", CMD_GETPRKEY},
		{"setprkey map mpatha key 0x123abc:aptpl", CMD_SETPRKEY},
		{"unsetprkey multipath mpatha", CMD_UNSETPRKEY},
		{"fail path sda", CMD_FAIL_PATH},
		{"reinstate path 8:16", CMD_REINSTATE_PATH},
		{"add path sdb", CMD_ADD_PATH},
		{"del path sdb", CMD_DEL_PATH},
		{"remove path sdb", CMD_DEL_PATH},
		{"add map 3600a", CMD_ADD_MAP},
		{"del map mpatha", CMD_DEL_MAP},
		{"remove multipath mpatha", CMD_DEL_MAP},
		{"switchgroup map mpatha group 2", CMD_SWITCH_GROUP},
		{"switch map mpatha group 2", CMD_SWITCH_GROUP},
		{"suspend map mpatha", CMD_SUSPEND_MAP},
		{"resume map mpatha", CMD_RESUME_MAP},
		{"resize map mpatha", CMD_RESIZE_MAP},
		{"reload map mpatha", CMD_RELOAD_MAP},
		{"disablequeueing map mpatha", CMD_DISABLEQ_MAP},
		{"disablequeueing maps", CMD_DISABLEQ_MAPS},
		{"restorequeueing map mpatha", CMD_RESTOREQ_MAP},
		{"restorequeueing maps", CMD_RESTOREQ_MAPS},
		{"reconfigure", CMD_RECONFIGURE},
		{"shutdown", CMD_SHUTDOWN},
		/* unique prefixes */
		{"sho top", CMD_LIST_TOPOLOGY},
		{"sho pa", -ENOENT}, /* path / paths: ambiguous */
		{"sho path sda", CMD_LIST_PATH}, /* exact beats the longer "paths" */
		{"l p fmt", -ENOENT}, /* "p" is ambiguous (paths, path) */
		{"rec", CMD_RECONFIGURE},
		{"shu", CMD_SHUTDOWN},
		{"sh paths", -ENOENT}, /* show / shutdown */
		{"re map x", -ENOENT},
		{"disable m x", -ENOENT},
		{"disable map x", CMD_DISABLEQ_MAP},
		/* errors */
		{"", -ESRCH},
		{"   ", -ESRCH},
		{"show", -ESRCH},
		{"show frob", -ENOENT},
		{"show path", -EINVAL},
		{"fail path", -EINVAL},
		{"show paths format \"%d", -EINVAL},
		{"list list path sda", -EINVAL},
		{"show paths paths", -EINVAL},
		{"fail map x", -ESRCH},
		{"show paths maps", -ESRCH},
		{"a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g", -E2BIG},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mpcmd cmd;
		int r = parse(cases[i].line, &cmd);

		if (r == 0) {
			r = (int)cmd.id;
			cmd_clear(&cmd);
		}
		if (r != cases[i].expect)
			fail_msg("'%s': got %d, want %d", cases[i].line, r, cases[i].expect);
	}
}

static void grammar_params(void **state)
{
	struct mpcmd cmd;

	(void)state;
	assert_int_equal(parse("switch map mpath\"a b\" group 2", &cmd), 0);
	assert_string_equal(cmd.param[KW_MAP], "mpatha b");
	assert_string_equal(cmd.param[KW_GROUP], "2");
	assert_null(cmd.param[KW_PATH]);
	cmd_clear(&cmd);
	assert_int_equal(parse("show paths format \"%d %T\"", &cmd), 0);
	assert_string_equal(cmd.param[KW_FORMAT], "%d %T");
	assert_true(cmd.shape->read_only);
	cmd_clear(&cmd);
	assert_int_equal(parse("fail path sda", &cmd), 0);
	assert_false(cmd.shape->read_only);
	assert_string_equal(cmd.param[KW_PATH], "sda");
	cmd_clear(&cmd);
	cmd_clear(NULL);
}

/* Every shape's usage line is itself a command of that shape. */
static void usage_lines_parse(void **state)
{
	unsigned n;
	const struct cmd_shape *s = cmd_shapes(&n);

	(void)state;
	for (unsigned i = 0; i < n; i++) {
		char line[256], *p;
		struct mpcmd cmd;

		/* take the first alternative of each word, a value for each $param */
		snprintf(line, sizeof(line), "%s", s[i].usage);
		for (p = line; (p = strchr(p, '|'));) {
			char *end = p + strcspn(p, " ");

			memmove(p, end, strlen(end) + 1);
		}
		while ((p = strchr(line, '$')))
			*p = 'X';
		if (parse(line, &cmd) != 0)
			fail_msg("usage '%s' (as '%s') does not parse", s[i].usage, line);
		assert_int_equal(cmd.id, s[i].id);
		cmd_clear(&cmd);
	}
}

struct fake {
	int shutdowns;
};

static void fake_shutdown(void *data)
{
	((struct fake *)data)->shutdowns++;
}

static void dispatch_and_permissions(void **state)
{
	struct fake f = {0};
	struct metrics m = {0};
	struct cmd_env env = {.pid = 42, .state = "idle", .metrics = &m, .shutdown = fake_shutdown, .data = &f,
			      .workers = 3, .clients = 2};
	char *r;

	(void)state;
	assert_int_equal(commands_execute(&env, "show daemon", 1000, &r), 0);
	assert_string_equal(r, "pid 42 idle\n");
	free(r);
	assert_int_equal(commands_execute(&env, "shutdown", 1000, &r), -EPERM);
	assert_string_equal(r, "permission deny: need to be root\n");
	free(r);
	assert_int_equal(f.shutdowns, 0);
	assert_int_equal(commands_execute(&env, "shutdown", 0, &r), 0);
	assert_string_equal(r, "ok\n");
	free(r);
	assert_int_equal(f.shutdowns, 1);
	assert_int_equal(commands_execute(&env, "reinstate path sdc", 0, &r), -EOPNOTSUPP);
	assert_string_equal(r, "error: 'reinstate path $path' is not implemented yet\n");
	free(r);
	assert_int_equal(commands_execute(&env, "bogus", 0, &r), -ENOENT);
	assert_true(strncmp(r, "error: 'bogus': unknown or ambiguous keyword\nmpathd commands", 58) == 0);
	assert_non_null(strstr(r, "  switch|switchgroup map|multipath $map group $group\n"));
	free(r);
	m.paths_by_state[MP_PATH_UP] = 3;
	m.paths_by_state[MP_PATH_DOWN] = 1;
	m.maps = 2;
	assert_int_equal(commands_execute(&env, "show status", 1000, &r), 0);
	/* multipathd 0.9.4's words and lines first */
	assert_non_null(strstr(r, "path checker states:\nup                  3\n"
				  "down                1\n\npaths: 4\nbusy: False\nmaps: 2\n"));
	assert_non_null(strstr(r, "workers: 3 (0 stuck)\nclients: 2\n"));
	free(r);
	/* without a timeline: a clear error, not a crash */
	assert_int_equal(commands_execute(&env, "show events", 0, &r), -EOPNOTSUPP);
	free(r);
}

static void timeline_rings(void **state)
{
	struct timeline *tl;
	struct strbuf sb = STRBUF_INIT;
	struct fake f = {0};
	struct cmd_env env = {.data = &f};
	char *r;
	size_t mem;

	(void)state;
	assert_int_equal(timeline_new(3, 4, &tl), 0);
	env.timeline = tl;
	/* 1700000000 s = 2023-11-14T22:13:20Z */
	assert_int_equal(timeline_record(tl, TL_PATH, "sda", 1700000000000000ull, "ready", "faulty", "tur: not ready"), 0);
	assert_int_equal(timeline_record(tl, TL_MAP, "mpatha", 1700000000500000ull, "2 paths", "1 path", NULL), 0);
	assert_int_equal(timeline_record(tl, TL_PATH, "sda", 1700000001000001ull, "faulty", "ready", ""), 0);
	assert_int_equal(timeline_format(tl, TL_ANY, NULL, &sb), 3);
	assert_string_equal(strbuf_str(&sb),
			    "2023-11-14T22:13:20.000000Z path sda ready -> faulty: tur: not ready\n"
			    "2023-11-14T22:13:20.500000Z map mpatha 2 paths -> 1 path\n"
			    "2023-11-14T22:13:21.000001Z path sda faulty -> ready\n");
	strbuf_reset(&sb);
	assert_int_equal(timeline_format(tl, TL_PATH, "nope", &sb), -ENOENT);
	/* the ring keeps the last 4 of an object */
	for (int i = 0; i < 10; i++) {
		char reason[16];

		snprintf(reason, sizeof(reason), "r%d", i);
		assert_int_equal(timeline_record(tl, TL_PATH, "sdb", 1700000002000000ull + (uint64_t)i, "a", "b", reason), 0);
	}
	assert_int_equal(timeline_format(tl, TL_PATH, "sdb", &sb), 4);
	assert_non_null(strstr(strbuf_str(&sb), "r6\n"));
	assert_null(strstr(strbuf_str(&sb), "r5\n"));
	assert_non_null(strstr(strbuf_str(&sb), "r9\n"));
	strbuf_reset(&sb);
	mem = timeline_memory(tl);
	/* a 4th object evicts the least recently changed one (mpatha) */
	assert_int_equal(timeline_record(tl, TL_PATH, "sdc", 1700000003000000ull, "x", "y", NULL), 0);
	assert_int_equal(timeline_format(tl, TL_MAP, "mpatha", &sb), -ENOENT);
	assert_int_equal(timeline_memory(tl), mem); /* bounded */
	for (int i = 0; i < 1000; i++) {
		char name[16];

		snprintf(name, sizeof(name), "sd%d", i);
		assert_int_equal(timeline_record(tl, TL_PATH, name, 1, "a", "b", NULL), 0);
	}
	assert_int_equal(timeline_memory(tl), mem);
	assert_int_equal(timeline_record(tl, TL_ANY, "x", 1, "a", "b", NULL), -EINVAL);
	assert_int_equal(timeline_record(tl, TL_PATH, "", 1, "a", "b", NULL), -EINVAL);

	assert_int_equal(commands_execute(&env, "show events path sd999", 1000, &r), 0);
	assert_string_equal(r, "1970-01-01T00:00:00.000001Z path sd999 a -> b\n");
	free(r);
	assert_int_equal(commands_execute(&env, "show events map mpatha", 1000, &r), -ENOENT);
	assert_string_equal(r, "no events for map mpatha\n");
	free(r);
	timeline_free(tl);
	timeline_free(NULL);
}

static void metrics_exposition(void **state)
{
	struct metrics m = {0};
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	(void)state;
	m.paths_by_state[MP_PATH_UP] = 7;
	m.uevents_total = 12;
	metrics_observe_check(&m, MP_PATH_UP, 800);      /* <= 1 ms */
	metrics_observe_check(&m, MP_PATH_UP, 4000);     /* <= 5 ms */
	metrics_observe_check(&m, MP_PATH_DOWN, 40000000); /* +Inf */
	metrics_observe_check(&m, 99, 1000);             /* unknown state: duration only */
	assert_int_equal(metrics_format(&m, &sb), 0);
	s = strbuf_str(&sb);
	assert_non_null(strstr(s, "# HELP mpathd_paths Paths by checker state.\n# TYPE mpathd_paths gauge\n"));
	assert_non_null(strstr(s, "mpathd_paths{state=\"ready\"} 7\n"));
	assert_non_null(strstr(s, "mpathd_checks_total{result=\"ready\"} 2\n"));
	assert_non_null(strstr(s, "mpathd_checks_total{result=\"faulty\"} 1\n"));
	assert_non_null(strstr(s, "# TYPE mpathd_check_duration_seconds histogram\n"));
	assert_non_null(strstr(s, "mpathd_check_duration_seconds_bucket{le=\"0.001000\"} 2\n"));
	assert_non_null(strstr(s, "mpathd_check_duration_seconds_bucket{le=\"0.005000\"} 3\n"));
	assert_non_null(strstr(s, "mpathd_check_duration_seconds_bucket{le=\"30.000000\"} 3\n"));
	assert_non_null(strstr(s, "mpathd_check_duration_seconds_bucket{le=\"+Inf\"} 4\n"));
	assert_non_null(strstr(s, "mpathd_check_duration_seconds_sum 40.005800\n"));
	assert_non_null(strstr(s, "mpathd_check_duration_seconds_count 4\n"));
	assert_non_null(strstr(s, "mpathd_uevents_total 12\n"));
	/* every sample line belongs to a declared family */
	for (const char *line = s; *line; line = strchr(line, '\n') + 1) {
		if (line[0] != '#')
			assert_true(strncmp(line, "mpathd_", 7) == 0);
	}
	strbuf_reset(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grammar_shapes),
		cmocka_unit_test(grammar_params),
		cmocka_unit_test(usage_lines_parse),
		cmocka_unit_test(dispatch_and_permissions),
		cmocka_unit_test(timeline_rings),
		cmocka_unit_test(metrics_exposition),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
