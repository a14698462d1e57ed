/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Any bytes as socket input: the framing decoder, then each decoded text as
 * a command for an unprivileged and a root caller.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control/proto.h"
#include "server/commands.h"
#include "observe/events.h"
#include "observe/metrics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const char *text)
{
	static struct timeline *tl;
	static struct metrics m;
	struct cmd_env env = {.metrics = &m, .pid = 1, .state = "running"};
	char *reply = NULL;

	if (!tl && timeline_new(8, 4, &tl) < 0)
		return;
	timeline_record(tl, TL_PATH, "sda", 1, "ready", "faulty", "fuzz");
	env.timeline = tl;
	commands_execute(&env, text, 1000, &reply);
	if (!reply || !*reply)
		abort(); /* every command gets a reply */
	free(reply);
	commands_execute(&env, text, 0, &reply);
	if (!reply || !*reply)
		abort();
	free(reply);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proto_reader rd;
	char *text;
	size_t off = 0;

	/* 1. the bytes as one command text */
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	run(text);
	free(text);

	/* 2. the bytes as a framed stream */
	proto_reader_init(&rd, 4096);
	while (off < size) {
		size_t used;
		int r = proto_reader_feed(&rd, data + off, size - off, &used);

		off += used;
		if (r < 0)
			break;
		if (r == 1) {
			char *cmd = proto_reader_take(&rd);

			run(cmd);
			free(cmd);
		}
	}
	proto_reader_reset(&rd);
	return 0;
}
