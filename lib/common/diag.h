/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostics about bad input: every parser (config, sysfs attributes,
 * bindings files, uevents, socket commands) reports through this list so
 * the admin sees "source:line: message" and the caller decides to go on.
 */
#ifndef MPATH_DIAG_H
#define MPATH_DIAG_H

#include <stddef.h>
#include "common/macros.h"

enum mp_diag_severity {
	MP_DIAG_NOTE,
	MP_DIAG_WARNING,
	MP_DIAG_ERROR,
};

struct mp_diag {
	enum mp_diag_severity severity;
	char *source; /* file name, "uevent", "socket", ... */
	int line;     /* 1-based; 0 when the source has no lines */
	char *message;
};

struct mp_diags {
	struct mp_diag *items;
	size_t n;
	size_t cap;
};

int mp_diags_add(struct mp_diags *d, enum mp_diag_severity sev, const char *source, int line,
		 const char *fmt, ...) MP_PRINTF(5, 6);
size_t mp_diags_count(const struct mp_diags *d, enum mp_diag_severity sev);
/* "source:line: error: message", the form compilers use, so editors can jump to it. */
int mp_diag_format(const struct mp_diag *diag, char *buf, size_t size);
void mp_diags_clear(struct mp_diags *d);

#endif
