/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Any datagram: parse, filter, and push through the coalescer. Built with
 * -DFUZZ_REPLAY: any uevent recording (the replay tool's text format),
 * parsed, re-encoded and fed through the same intake. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/loop.h"
#include "kernel/uevent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void notice(void *userdata, const struct uevent_notice *n)
{
	size_t *total = userdata;

	/* touch every field the core will read */
	*total += strlen(n->ev->action) + strlen(n->ev->devpath) + strlen(n->ev->subsystem);
	for (unsigned i = 0; i < n->ev->nenv; i++)
		*total += strlen(n->ev->env[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct loop *l;
	static const struct uevent_callbacks cb = {.notify = notice};
	struct uevent_config cfg = {.group = 1, .coalesce_ms = 10, .max_pending = 4};
	struct uevents *u;
	size_t total = 0;

	if (!l && loop_new(&l) < 0)
		return 0;
	if (uevents_start(l, &cfg, &cb, &total, false, &u) < 0)
		return 0;
#ifdef FUZZ_REPLAY
	{
		/* a file with no name: the replay reads a path, /proc gives it one */
		int fd = memfd_create("replay", MFD_CLOEXEC);
		char path[64];
		unsigned events;

		if (fd >= 0 && write(fd, data, size) == (ssize_t)size) {
			snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
			(void)uevents_replay_file(u, path, &events);
		}
		if (fd >= 0)
			close(fd);
	}
#else
	/* the same bytes twice: exercises merging into a pending window */
	uevents_feed(u, data, size);
	uevents_feed(u, data, size);
#endif
	uevents_flush(u);
	uevents_stop(u);
	return 0;
}
