/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

struct mp_config *config_from(const char *text, struct mp_diags *diags)
{
	struct mp_config *cfg = NULL;

	assert_int_equal(mp_config_new(&cfg), 0);
	assert_int_equal(mp_config_load_string(cfg, "test.conf", text, diags), 0);
	return cfg;
}

bool has_diag(const struct mp_diags *d, enum mp_diag_severity sev, int line, const char *part)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].severity == sev && d->items[i].line == line &&
		    strstr(d->items[i].message, part))
			return true;
	print_diags(d);
	return false;
}

void print_diags(const struct mp_diags *d)
{
	char buf[700];

	for (size_t i = 0; i < d->n; i++) {
		mp_diag_format(&d->items[i], buf, sizeof(buf));
		fprintf(stderr, "  diag: %s\n", buf);
	}
}

int fixture_setup(void **state)
{
	*state = test_calloc(1, sizeof(struct fixture));
	return 0;
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;

	mp_resolved_free(f->r);
	mp_config_free(f->cfg);
	mp_diags_clear(&f->diags);
	test_free(f);
	return 0;
}

struct fixture *load(void **state, const char *text)
{
	struct fixture *f = *state;

	f->cfg = config_from(text, &f->diags);
	return f;
}
