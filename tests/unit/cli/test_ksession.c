/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * multipathd -k transcripts, byte for byte as callers compare them, in both
 * styles. The transcript style (multipathd -k):
 * XenServer's storage manager (xapi-project/sm, drivers/mpath_cli.py) pipes
 * one command into `multipathd -k` and accepts only
 * "multipathd> CMD\nok\nmultipathd> " (or the same without the echoed
 * line); its list_maps() drops the first two lines (echo, header) and the
 * last (prompt); is_working() looks for "switchgroup" in the help reply.
 * The plain style (mpath ctl -k): Debian 12's multipathd -k 0.9.4 on a pipe
 * as recorded in the lab, replies only.
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

#include "ksession.h"

struct fake {
	char sent[512];
	int fail_at; /* 1-based command number that cannot be sent; 0: none */
	int n;
};

static int fake_send(void *userdata, const char *cmd, char **ret_reply)
{
	struct fake *f = userdata;

	f->n++;
	if (f->n == f->fail_at)
		return -ECONNREFUSED;
	strcat(f->sent, cmd);
	strcat(f->sent, "|");
	if (!strcmp(cmd, "list maps"))
		*ret_reply = strdup("name   sysfs uuid\nmpatha dm-0  35000c50015ea71a0\nmpathb dm-1  35000c50015ea71a1\n");
	else if (!strncmp(cmd, "show", 4))
		*ret_reply = strdup("no newline at the end");
	else
		*ret_reply = strdup("ok\n");
	return 0;
}

static char *run_style(const char *input, bool tty, enum ksession_style style, struct fake *f,
		       int *ret)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(in);
	assert_non_null(out);
	*ret = ksession_run(in, out, tty, style, fake_send, f);
	fclose(in);
	fclose(out);
	return buf;
}

static char *run(const char *input, bool tty, struct fake *f, int *ret)
{
	return run_style(input, tty, KSESSION_TRANSCRIPT, f, ret);
}

static void xenserver_action_transcript(void **state)
{
	const char *cmds[] = {"add path sdb", "remove path sdb", "remove map mpatha",
			      "resize map mpatha", "reconfigure"};
	char input[64], want[128];
	struct fake f;
	int r;

	(void)state;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		memset(&f, 0, sizeof(f));
		snprintf(input, sizeof(input), "%s\n", cmds[i]);
		snprintf(want, sizeof(want), "multipathd> %s\nok\nmultipathd> ", cmds[i]);
		char *got = run(input, false, &f, &r);
		assert_int_equal(r, 0);
		assert_string_equal(got, want);
		free(got);
	}
}

static void list_maps_lines_as_sm_splits_them(void **state)
{
	struct fake f = {0};
	int r;
	char *got = run("list maps\n", false, &f, &r);

	(void)state;
	assert_int_equal(r, 0);
	/* sm: stdout.split('\n')[2:-1], first word of each */
	assert_string_equal(got, "multipathd> list maps\nname   sysfs uuid\nmpatha dm-0  35000c50015ea71a0\n"
				 "mpathb dm-1  35000c50015ea71a1\nmultipathd> ");
	free(got);
}

static void terminal_no_echo_and_quit(void **state)
{
	struct fake f = {0};
	int r;
	char *got = run("show maps\n\nreconfigure  \nquit\nshow paths\n", true, &f, &r);

	(void)state;
	assert_int_equal(r, 0);
	assert_string_equal(got, "multipathd> no newline at the end\nmultipathd> multipathd> ok\nmultipathd> ");
	assert_string_equal(f.sent, "show maps|reconfigure|");
	free(got);
}

static void unreachable_daemon_ends_the_session(void **state)
{
	struct fake f = {.fail_at = 2};
	int r;
	char *got = run("reconfigure\nadd path sdc\nadd path sdd\n", false, &f, &r);

	(void)state;
	assert_int_equal(r, -ECONNREFUSED);
	assert_string_equal(f.sent, "reconfigure|");
	assert_string_equal(got, "multipathd> reconfigure\nok\nmultipathd> add path sdc\n");
	free(got);
}

/* Replies only; nothing for an empty line, nothing after quit. */
static void plain_pipe_transcript(void **state)
{
	struct fake f = {0};
	int r;
	char *got = run_style("list maps\n  fail path sda \r\n\nquit\nshow maps\n", false,
			      KSESSION_PLAIN, &f, &r);

	(void)state;
	assert_int_equal(r, 0);
	assert_string_equal(got, "name   sysfs uuid\nmpatha dm-0  35000c50015ea71a0\n"
				 "mpathb dm-1  35000c50015ea71a1\nok\n");
	assert_string_equal(f.sent, "list maps|fail path sda|");
	free(got);
	memset(&f, 0, sizeof(f));
	got = run_style("exit\nshow maps\n", false, KSESSION_PLAIN, &f, &r);
	assert_string_equal(got, "");
	assert_int_equal(f.n, 0);
	free(got);
}

static void plain_terminal_prompts_and_daemon_gone(void **state)
{
	struct fake f = {0};
	int r;
	char *got = run_style("show maps\n", true, KSESSION_PLAIN, &f, &r);

	(void)state;
	assert_int_equal(r, 0);
	assert_string_equal(got, "multipathd> no newline at the end\nmultipathd> \n");
	free(got);
	f = (struct fake){.fail_at = 2};
	got = run_style("reconfigure\nshow maps\nshow paths\n", false, KSESSION_PLAIN, &f, &r);
	assert_int_equal(r, -ECONNREFUSED);
	assert_int_equal(f.n, 2);
	assert_string_equal(got, "ok\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xenserver_action_transcript),
		cmocka_unit_test(list_maps_lines_as_sm_splits_them),
		cmocka_unit_test(terminal_no_echo_and_quit),
		cmocka_unit_test(unreachable_daemon_ends_the_session),
		cmocka_unit_test(plain_pipe_transcript),
		cmocka_unit_test(plain_terminal_prompts_and_daemon_gone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
