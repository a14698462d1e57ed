/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The interactive session's transcript and the forms of the name multipathd. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interactive.h"
#include "multipathd_name.h"

struct fake {
	char sent[512];
	int fail_at; /* 1-based command that fails to send, 0: none */
	int n;
};

static int fake_send(void *data, const char *cmd, char **ret_reply)
{
	struct fake *f = data;

	f->n++;
	if (f->n == f->fail_at)
		return -ECONNRESET;
	strncat(f->sent, cmd, sizeof(f->sent) - strlen(f->sent) - 2);
	strcat(f->sent, ";");
	*ret_reply = strdup(!strcmp(cmd, "show daemon") ? "pid 42 idle\n" : "ok");
	return 0;
}

static int session(const char *input, bool tty, struct fake *f, char *out, size_t size)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	FILE *o = fmemopen(out, size, "w");
	int r;

	assert_non_null(in);
	assert_non_null(o);
	memset(out, 0, size);
	r = cli_session_loop(in, o, tty, fake_send, f);
	fclose(in);
	fclose(o);
	return r;
}

/* Debian 12's multipathd -k (0.9.4) on a pipe, as recorded in the lab:
 * replies only, nothing for an empty line, nothing after quit. */
static void pipe_transcript(void **state)
{
	struct fake f = {0};
	char out[1024];

	(void)state;
	assert_int_equal(session("show daemon\n  fail path sda \r\n\nquit\nshow maps\n", false, &f,
				 out, sizeof(out)), 0);
	assert_string_equal(out, "pid 42 idle\nok\n");
	assert_string_equal(f.sent, "show daemon;fail path sda;");
	memset(&f, 0, sizeof(f));
	assert_int_equal(session("show daemon\n", false, &f, out, sizeof(out)), 0);
	assert_string_equal(out, "pid 42 idle\n");
	memset(&f, 0, sizeof(f));
	assert_int_equal(session("exit\nshow daemon\n", false, &f, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(f.n, 0);
}

static void tty_and_daemon_gone(void **state)
{
	struct fake f = {0};
	char out[1024];

	(void)state;
	assert_int_equal(session("show daemon\n", true, &f, out, sizeof(out)), 0);
	assert_string_equal(out, "multipathd> pid 42 idle\nmultipathd> \n");
	f = (struct fake){.fail_at = 2};
	assert_int_equal(session("show daemon\nshow maps\nshow paths\n", false, &f, out,
				 sizeof(out)), -ECONNRESET);
	assert_int_equal(f.n, 2);
}

static void multipathd_name_forms(void **state)
{
	static const struct {
		const char *args[6];
		enum cli_mpd_form form;
		const char *cmd;
	} cases[] = {
		{{"-k"}, CLI_MPD_INTERACTIVE, NULL},
		{{"-v", "3", "-k"}, CLI_MPD_INTERACTIVE, NULL},
		{{"-kshow maps"}, CLI_MPD_COMMAND, "show maps"},
		{{"show", "paths", "format", "%d %T"}, CLI_MPD_COMMAND, "show paths format \"%d %T\""},
		{{"-d", "-s"}, CLI_MPD_DAEMON, NULL},
		{{"-v", "3"}, CLI_MPD_DAEMON, NULL},
		{{NULL}, CLI_MPD_DAEMON, NULL},
	};

	(void)state;
	assert_true(cli_invoked_as_multipathd("/sbin/multipathd"));
	assert_true(cli_invoked_as_multipathd("multipathd"));
	assert_false(cli_invoked_as_multipathd("/usr/sbin/mpath"));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *argv[8] = {"multipathd"};
		int argc = 1;
		enum cli_mpd_form form;
		const char *cmd;

		for (int k = 0; k < 6 && cases[i].args[k]; k++)
			argv[argc++] = (char *)cases[i].args[k];
		assert_int_equal(cli_multipathd_form(argc, argv, &form, &cmd), 0);
		assert_int_equal(form, cases[i].form);
		if (cases[i].cmd)
			assert_string_equal(cmd, cases[i].cmd);
		else
			assert_null(cmd);
		free((char *)cmd);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pipe_transcript),
		cmocka_unit_test(tty_and_daemon_gone),
		cmocka_unit_test(multipathd_name_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
