/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the config unit tests: parsing literal text and looking up diagnostics. */
#ifndef MPATH_TEST_CONFIG_HELPERS_H
#define MPATH_TEST_CONFIG_HELPERS_H

#include <stdbool.h>
#include "config/config.h"

/* A new config with text loaded as "test.conf"; fails the test on -errno. */
struct mp_config *config_from(const char *text, struct mp_diags *diags);
/* Whether diags holds severity at test.conf:line with message containing part. */
bool has_diag(const struct mp_diags *d, enum mp_diag_severity sev, int line, const char *part);
/* All diagnostics, one per line, for failure messages. */
void print_diags(const struct mp_diags *d);

/* The per-test state of the parser and tolerance tests. */
struct fixture {
	struct mp_diags diags;
	struct mp_config *cfg;
	struct mp_resolved *r; /* freed by fixture_teardown */
};

int fixture_setup(void **state);
int fixture_teardown(void **state);
/* Loads text as "test.conf" into the test's fixture and returns it. */
struct fixture *load(void **state, const char *text);

#endif
