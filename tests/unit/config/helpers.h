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

#endif
