/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "common/diag.h"
#include "common/strbuf.h"
#include "common/ctx.h"
#include "common/log.h"

static void strbuf_grows_and_formats(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	assert_string_equal(strbuf_str(&sb), "");
	for (int i = 0; i < 100; i++)
		assert_int_equal(strbuf_printf(&sb, "%d,", i), 0);
	assert_int_equal(sb.len, 290);
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	s = strbuf_steal(&sb);
	assert_null(sb.buf);
	assert_int_equal(strlen(s), 290);
	free(s);
}

static void diag_formats_source_and_line(void **state)
{
	struct mp_diags d = {0};
	char buf[256];

	(void)state;
	mp_diags_add(&d, MP_DIAG_ERROR, "/etc/multipath.conf", 12, "unknown keyword \"%s\"", "foo");
	mp_diags_add(&d, MP_DIAG_WARNING, "uevent", 0, "missing DEVNAME");
	assert_int_equal(mp_diags_count(&d, MP_DIAG_ERROR), 1);
	mp_diag_format(&d.items[0], buf, sizeof(buf));
	assert_string_equal(buf, "/etc/multipath.conf:12: error: unknown keyword \"foo\"");
	mp_diag_format(&d.items[1], buf, sizeof(buf));
	assert_string_equal(buf, "uevent: warning: missing DEVNAME");
	mp_diags_clear(&d);
	assert_int_equal(d.n, 0);
}

struct captured {
	int level;
	char msg[128];
	int calls;
};

static void capture_log(void *data, int level, const char *msg)
{
	struct captured *c = data;

	c->level = level;
	snprintf(c->msg, sizeof(c->msg), "%s", msg);
	c->calls++;
}

static void log_filters_by_level(void **state)
{
	struct mp_ctx *ctx;
	struct captured c = {0};

	(void)state;
	assert_int_equal(mp_ctx_new(&ctx), 0);
	mp_ctx_set_log(ctx, capture_log, &c, MP_LOG_NOTICE);
	mp_info(ctx, "hidden %d", 1);
	assert_int_equal(c.calls, 0);
	mp_warn(ctx, "path %s down", "sdb");
	assert_int_equal(c.calls, 1);
	assert_int_equal(c.level, MP_LOG_WARNING);
	assert_string_equal(c.msg, "path sdb down");
	assert_string_equal(ctx->sysfs_root, "/sys");
	assert_int_equal(mp_ctx_set_sysfs_root(ctx, "/tmp/fixture/sys"), 0);
	assert_string_equal(ctx->sysfs_root, "/tmp/fixture/sys");
	mp_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strbuf_grows_and_formats),
		cmocka_unit_test(diag_formats_source_and_line),
		cmocka_unit_test(log_filters_by_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
