/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every command form of multipathd 0.9.4 (multipathd(8) 0.9.4 and the
 * handler list its help prints), run against the core fixture: each must
 * parse to a command, get a reply that is not an error, and have the layout
 * 0.9.4 gives it (header line, column words, ok, ...), the six reservation
 * forms in the word order libmpathpersist sends them ("map M getprstatus").
 * Then the effects of the new administrative commands.
 */
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
#include "server/command_parse.h"

struct form {
	const char *line;
	enum cmd_id id;
	/* layout: the reply starts with @starts and contains every @has (NULL ends) */
	const char *starts;
	const char *has[4];
	const char *lacks; /* must not appear (NULL: no check) */
};

/* The 57 forms of 0.9.4. Order: harmless first. */
static const struct form forms[] = {
	{"show paths", CMD_LIST_PATHS, "hcil", {"dev ", "dev_t", "chk_st", "next_check\n"}},
	{"show paths format \"%d %T\"", CMD_LIST_PATHS_FMT, "dev", {"\nsda ", "chk_st"}},
	{"show paths raw format \"%d|%D\"", CMD_LIST_PATHS_RAW, "sda|8:0\n", {"sdb|8:16\n"}, "dev"},
	{"show path sdb", CMD_LIST_PATH, "running\n", {NULL}, "hcil"}, /* 0.9.4: only %o */
	{"show maps", CMD_LIST_MAPS, "name", {"sysfs", "uuid", "mpatha "}},
	{"show maps status", CMD_LIST_MAPS_STATUS, "name",
	 {"failback", "queueing", "write_prot", "mpatha "}},
	{"show maps stats", CMD_LIST_MAPS_STATS, "name",
	 {"path_faults", "switch_grp", "total_q_time q_timeouts\n", "mpatha "}},
	{"show maps format \"%n %N\"", CMD_LIST_MAPS_FMT, "name", {"paths", "\nmpatha 4"}},
	{"show maps raw format \"%n %N\"", CMD_LIST_MAPS_RAW, "mpatha 4\n", {"mpathb 4\n"}, "name"},
	{"show maps topology", CMD_LIST_TOPOLOGY, "mpatha (", {"policy=", "mpathb ("}},
	{"show topology", CMD_LIST_TOPOLOGY, "mpatha (", {"policy=", "mpathb ("}},
	{"show maps json", CMD_LIST_MAPS_JSON, "{", {"\"major_version\"", "\"maps\""}},
	{"show map mpatha topology", CMD_LIST_MAP_TOPOLOGY, "mpatha (", {"policy="}, "mpathb"},
	/* one map: no header, as 0.9.4 */
	{"show map mpatha format \"%n %N\"", CMD_LIST_MAP_FMT, "mpatha 4", {NULL}, "name"},
	{"show map mpatha raw format \"%n %N\"", CMD_LIST_MAP_RAW, "mpatha 4", {NULL}, "name"},
	{"show map mpatha json", CMD_LIST_MAP_JSON, "{", {"\"map\""}},
	{"show wildcards", CMD_LIST_WILDCARDS, "multipath format wildcards:\n",
	 {"\npath format wildcards:\n", "%n  name\n", "%T  chk_st\n"}, "next_check"},
	{"show config", CMD_LIST_CONFIG, "defaults {", {"devices {", "polling_interval"}},
	{"show config local", CMD_LIST_CONFIG_LOCAL, "defaults {", {"\ndevices {\n}\n"}},
	{"show blacklist", CMD_LIST_BLACKLIST, "device node rules:\n- blacklist:\n",
	 {"\nudev property rules:\n", "\ndevice rules:\n", "(default rule)     "}},
	{"show devices", CMD_LIST_DEVICES, "available block devices:\n",
	 {"sda  devnode whitelisted, monitored"}},
	{"show status", CMD_LIST_STATUS, "path checker states:\n", {"paths: 8"}},
	{"show daemon", CMD_LIST_DAEMON, "pid ", {NULL}},
	{"map mpatha setprkey key 0x1234", CMD_SETPRKEY, "ok\n", {NULL}},
	{"map mpatha getprkey", CMD_GETPRKEY, "0x1234\n", {NULL}},
	{"map mpatha unsetprkey", CMD_UNSETPRKEY, "ok\n", {NULL}},
	{"map mpatha setprstatus", CMD_SETPRSTATUS, "ok\n", {NULL}},
	{"map mpatha getprstatus", CMD_GETPRSTATUS, "1\n", {NULL}},
	{"map mpatha unsetprstatus", CMD_UNSETPRSTATUS, "ok\n", {NULL}},
	{"reset maps stats", CMD_RESET_MAPS_STATS, "ok\n", {NULL}},
	{"reset map mpatha stats", CMD_RESET_MAP_STATS, "ok\n", {NULL}},
	{"reset map mpatha", CMD_RESET_MAP, "ok\n", {NULL}},
	{"reconfigure", CMD_RECONFIGURE, "ok\n", {NULL}},
	{"reconfigure all", CMD_RECONFIGURE_ALL, "ok\n", {NULL}},
	{"disablequeueing map mpatha", CMD_DISABLEQ_MAP, "ok\n", {NULL}},
	{"restorequeueing map mpatha", CMD_RESTOREQ_MAP, "ok\n", {NULL}},
	{"disablequeueing maps", CMD_DISABLEQ_MAPS, "ok\n", {NULL}},
	{"restorequeueing maps", CMD_RESTOREQ_MAPS, "ok\n", {NULL}},
	{"forcequeueing daemon", CMD_FORCEQ_DAEMON, "ok\n", {NULL}},
	{"restorequeueing daemon", CMD_RESTOREQ_DAEMON, "ok\n", {NULL}},
	{"setmarginal path sdb", CMD_SET_MARGINAL, "ok\n", {NULL}},
	{"unsetmarginal path sdb", CMD_UNSET_MARGINAL, "ok\n", {NULL}},
	{"unsetmarginal map mpatha", CMD_UNSET_MARGINAL_MAP, "ok\n", {NULL}},
	{"suspend map mpatha", CMD_SUSPEND_MAP, "ok\n", {NULL}},
	{"resume map mpatha", CMD_RESUME_MAP, "ok\n", {NULL}},
	{"reload map mpatha", CMD_RELOAD_MAP, "ok\n", {NULL}},
	{"resize map mpatha", CMD_RESIZE_MAP, "ok\n", {NULL}},
	{"fail path sdb", CMD_FAIL_PATH, "ok\n", {NULL}},
	{"reinstate path sdb", CMD_REINSTATE_PATH, "ok\n", {NULL}},
	{"switchgroup map mpatha group 1", CMD_SWITCH_GROUP, "ok\n", {NULL}},
	{"del path sdb", CMD_DEL_PATH, "ok\n", {NULL}},
	{"add path sdb", CMD_ADD_PATH, "ok\n", {NULL}},
	{"del map mpathb", CMD_DEL_MAP, "ok\n", {NULL}},
	{"add map sde", CMD_ADD_MAP, "ok\n", {NULL}},
	{"del maps", CMD_DEL_MAPS, "ok\n", {NULL}},
	{"quit", CMD_QUIT, "ok\n", {NULL}},
	{"shutdown", CMD_SHUTDOWN, "ok\n", {NULL}},
};

static void on_shutdown(void *data)
{
	*(int *)data += 1;
}

static char *run_as(struct env *e, const char *line, uid_t uid, int *ret_r, int *shutdowns)
{
	struct cmd_env ce = {.timeline = e->tl, .metrics = &e->metrics, .core = e->core,
			     .shutdown = on_shutdown, .data = shutdowns};
	char *reply = NULL;

	*ret_r = commands_execute(&ce, line, uid, &reply);
	assert_non_null(reply);
	return reply;
}

static void every_094_form_parses_and_answers_in_its_layout(void **state)
{
	struct env *e = *state;
	int shutdowns = 0;

	assert_int_equal(sizeof(forms) / sizeof(forms[0]), 57);
	/* setup's config, and the prkeys file for setprkey */
	write_config(e, "\tpath_grouping_policy group_by_prio\n\tfailback immediate\n"
			"\tno_path_retry 1\n\treservation_key file\n");
	assert_int_equal(start_core(e), 0);
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const struct form *f = &forms[i];
		struct strbuf err = STRBUF_INIT;
		struct mpcmd cmd;
		char *reply;
		int r;

		r = cmd_parse(f->line, &cmd, &err);
		if (r < 0)
			fail_msg("'%s' does not parse: %s", f->line, strbuf_str(&err));
		strbuf_reset(&err);
		if (cmd.id != f->id)
			fail_msg("'%s' parses as %s", f->line, cmd.shape->usage);
		cmd_clear(&cmd);
		reply = run_as(e, f->line, 0, &r, &shutdowns);
		if (r < 0 || strncmp(reply, f->starts, strlen(f->starts)))
			fail_msg("'%s' (r=%d) replied:\n%s\nexpected it to start with '%s'", f->line,
				 r, reply, f->starts);
		for (size_t k = 0; k < 4 && f->has[k]; k++)
			if (!strstr(reply, f->has[k]))
				fail_msg("'%s' replied:\n%s\nwithout '%s'", f->line, reply, f->has[k]);
		if (f->lacks && strstr(reply, f->lacks))
			fail_msg("'%s' replied:\n%s\nwith '%s'", f->line, reply, f->lacks);
		free(reply);
	}
	assert_int_equal(shutdowns, 1);
}

/* Aliases and word order of 0.9.4: exit = quit, multipaths = maps, the verb may follow. */
static void aliases_and_order(void **state)
{
	static const struct {
		const char *line;
		enum cmd_id id;
	} cases[] = {
		{"exit", CMD_QUIT},
		{"list multipaths stats", CMD_LIST_MAPS_STATS},
		{"show multipath mpatha raw format %n", CMD_LIST_MAP_RAW},
		{"reset multipaths stats", CMD_RESET_MAPS_STATS},
		{"reset multipath mpatha", CMD_RESET_MAP},
		{"path sda setmarginal", CMD_SET_MARGINAL}, /* multipathd(8)'s spelling */
		{"multipath mpatha unsetmarginal", CMD_UNSET_MARGINAL_MAP},
		{"all reconfigure", CMD_RECONFIGURE_ALL},
		{"list config local", CMD_LIST_CONFIG_LOCAL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf err = STRBUF_INIT;
		struct mpcmd cmd;

		if (cmd_parse(cases[i].line, &cmd, &err) < 0)
			fail_msg("'%s': %s", cases[i].line, strbuf_str(&err));
		strbuf_reset(&err);
		assert_int_equal(cmd.id, cases[i].id);
		cmd_clear(&cmd);
	}
}

static bool reply_has(struct env *e, const char *line, const char *needle)
{
	char *reply = run(e, line);
	bool yes = strstr(reply, needle) != NULL;

	if (!yes)
		print_message("'%s' replied:\n%s", line, reply);
	free(reply);
	return yes;
}

static void stats_reset_marginal_and_queueing_act(void **state)
{
	struct env *e = *state;
	int r, shutdowns = 0;
	char *reply;

	assert_int_equal(start_core(e), 0);
	/* switch_grp counts, reset brings it back to 0 */
	assert_true(reply_has(e, "switchgroup map mpatha group 2", "ok"));
	assert_true(reply_has(e, "show maps raw format \"%n %1\"", "mpatha 1\n"));
	assert_true(reply_has(e, "reset map mpatha stats", "ok"));
	assert_true(reply_has(e, "show maps raw format \"%n %1\"", "mpatha 0\n"));
	assert_true(reply_has(e, "switchgroup map mpathb group 2", "ok"));
	assert_true(reply_has(e, "reset maps stats", "ok"));
	assert_true(reply_has(e, "show maps raw format \"%n %1\"", "mpathb 0\n"));
	assert_true(reply_has(e, "reset map nosuch stats", "fail"));
	/* unknown names: "fail" first, as 0.9.4, then why */
	assert_true(reply_has(e, "show map nosuch topology", "fail\nno such map nosuch\n"));
	assert_true(reply_has(e, "show path nosuch", "fail\nno such path nosuch\n"));
	/* marginal shows in %M until unset, for one path or the map */
	assert_true(reply_has(e, "setmarginal path sdb", "ok"));
	assert_true(reply_has(e, "show paths raw format \"%d %M\"", "sdb marginal\n"));
	assert_true(reply_has(e, "show paths raw format \"%d %M\"", "sda normal\n"));
	assert_true(reply_has(e, "unsetmarginal path sdb", "ok"));
	assert_true(reply_has(e, "show paths raw format \"%d %M\"", "sdb normal\n"));
	assert_true(reply_has(e, "path sdc setmarginal", "ok"));
	assert_true(reply_has(e, "unsetmarginal map mpatha", "ok"));
	assert_true(reply_has(e, "show paths raw format \"%d %M\"", "sdc normal\n"));
	assert_true(reply_has(e, "setmarginal path nosuch", "fail"));
	/* reconfigure all reloads every map, reconfigure only changed ones */
	mp_dm_fake_clear_calls(e->dm);
	assert_true(reply_has(e, "reconfigure", "ok"));
	assert_int_equal(count_calls(e->dm, "reload "), 0);
	assert_true(reply_has(e, "reconfigure all", "ok"));
	assert_int_equal(count_calls(e->dm, "reload "), 2);
	/* the modifying forms need root; the new show forms do not */
	reply = run_as(e, "reset maps stats", 1000, &r, &shutdowns);
	assert_int_equal(r, -EPERM);
	assert_string_equal(reply, "permission deny: need to be root\n");
	free(reply);
	reply = run_as(e, "show maps stats", 1000, &r, &shutdowns);
	assert_int_equal(r, 0);
	free(reply);
	/* forcequeueing daemon: stopping keeps the queueing (no_path_retry 1 queues) */
	assert_true(reply_has(e, "forcequeueing daemon", "ok"));
	mp_dm_fake_clear_calls(e->dm);
	core_stop(e->core);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 fail_if_no_path"), 0);
	assert_true(reply_has(e, "restorequeueing daemon", "ok"));
	core_stop(e->core);
	assert_int_equal(count_calls(e->dm, "message mpatha 0 fail_if_no_path"), 1);
}

/* Occurrences of @needle in the devices section of config text @hay. */
static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	hay = strstr(hay, "\ndevices {\n");
	assert_non_null(hay);

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void config_local_keeps_only_present_devices(void **state)
{
	struct env *e = *state;
	char *full, *local;

	write_config(e, "}\ndevices {\n\tdevice {\n\t\tvendor \"Linux\"\n\t\tproduct \"scsi_debug\"\n"
		     "\t\tno_path_retry 7\n\t}\n\tdevice {\n\t\tvendor \"ABSENT\"\n"
		     "\t\tproduct \"NOSUCH\"\n\t\tno_path_retry 9\n\t}\n}\nblacklist {\n"
		     "\twwid \"^nosuchwwid\"\n");
	assert_int_equal(start_core(e), 0);
	full = run(e, "show config");
	local = run(e, "show config local");
	assert_non_null(strstr(full, "\"ABSENT\""));
	assert_true(count(full, "\tdevice {\n") > 100); /* the built-in table too */
	assert_null(strstr(local, "\"ABSENT\""));
	/* the user's entry; no built-in one matches "Linux scsi_debug" */
	assert_int_equal(count(local, "\tdevice {\n"), 1);
	assert_non_null(strstr(local, "no_path_retry 7"));
	/* show blacklist in 0.9.4's layout tells built-in from file rules */
	assert_true(reply_has(e, "show blacklist",
			      "wwid rules:\n- blacklist:\n        (config file rule) ^nosuchwwid\n"
			      "- exceptions:\n        <empty>\n"));
	free(full);
	free(local);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_094_form_parses_and_answers_in_its_layout,
						setup, teardown),
		cmocka_unit_test(aliases_and_order),
		cmocka_unit_test_setup_teardown(stats_reset_marginal_and_queueing_act, setup,
						teardown),
		cmocka_unit_test_setup_teardown(config_local_keeps_only_present_devices, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
