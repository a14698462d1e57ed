/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's core without a kernel: a sysfs tree in a temporary directory
 * (two scsi_debug-like LUNs through four hosts: sda..sdh, LUN l through host
 * h is sd<4l+h>), the recording device-mapper fake, verdicts injected, and
 * commands run through commands_execute() as root.
 */
#ifndef TEST_DAEMON_CORE_FIXTURE_H
#define TEST_DAEMON_CORE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "check/check.h"
#include "observe/events.h"
#include "observe/metrics.h"
#include "runtime/loop.h"
#include "server/commands.h"
#include "state/core.h"
#include "../discover/testlib.h"

struct uevents;

struct env {
	struct fakesys fs;
	char conf[512];
	struct loop *loop;
	struct timeline *tl;
	struct metrics metrics;
	struct mp_dm *dm; /* owned by the core once it runs */
	struct core *core;
	struct uevents *uev;
	struct mp_check_env checkers; /* zero: none (the reservation gate is off) */
};

void add_path(struct env *e, int host, int lun);
/* defaults { find_multipaths no, user_friendly_names yes, polling_interval 1, @extra } */
void write_config(struct env *e, const char *extra);
void log_quiet(void *data, int level, const char *msg);
int start_core(struct env *e);
int setup(void **state);
int teardown(void **state);
size_t count_calls(struct mp_dm *dm, const char *prefix);
bool has_call(struct mp_dm *dm, const char *text);
/* The first recorded call starting with @prefix, or NULL. */
const char *find_call(struct mp_dm *dm, const char *prefix);
/* The reply of @cmd run as root (never NULL); the caller frees it. */
char *run(struct env *e, const char *cmd);
void assert_reply_contains(struct env *e, const char *cmd, const char *needle);

#endif
