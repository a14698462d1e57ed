/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Any datagram: parse, filter, and push through the coalescer. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
	/* the same bytes twice: exercises merging into a pending window */
	uevents_feed(u, data, size);
	uevents_feed(u, data, size);
	uevents_flush(u);
	uevents_stop(u);
	return 0;
}
