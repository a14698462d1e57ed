/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Dry-run rendering of a plan. create/reload show the map the way
 * `multipath -d` does (the topology view with "create: " before the name,
 * states "undef" for what does not exist yet); the other actions are one line.
 */
#include <errno.h>
#include <stdio.h>

#include "output/topology.h"

static int map_action(const struct mp_action *a, const struct mp_path *paths,
		      struct strbuf *out)
{
	struct mp_view_map v;
	struct mp_view_live live = {.minor = a->cur ? a->cur->minor : -1,
				    .read_only = -1,
				    .checked = true};
	int r = mp_view_from_map(a->map, paths, &live, &v);

	if (r < 0)
		return r;
	v.action = mp_action_name(a->kind);
	/* reload keeps the current name until a rename (planned before it) runs */
	snprintf(v.name, sizeof(v.name), "%s", a->name);
	r = mp_output_topology(&v, 1, out);
	mp_view_map_clear(&v);
	return r;
}

int mp_plan_format(const struct mp_plan *plan, const struct mp_path *paths, struct strbuf *out)
{
	int r = 0;

	for (size_t i = 0; i < plan->n && r == 0; i++) {
		const struct mp_action *a = &plan->actions[i];

		switch (a->kind) {
		case MP_ACT_CREATE:
		case MP_ACT_RELOAD:
			r = map_action(a, paths, out);
			break;
		case MP_ACT_RENAME:
			r = strbuf_printf(out, "rename: %s -> %s (%s)\n", a->name, a->new_name,
					  a->uuid);
			break;
		case MP_ACT_MESSAGE:
			r = strbuf_printf(out, "message: %s %s (%s)\n", a->name,
					  a->message ? a->message : "", a->uuid);
			break;
		case MP_ACT_REMOVE:
		case MP_ACT_NOTHING:
			r = strbuf_printf(out, "%s: %s (%s)\n", mp_action_name(a->kind), a->name,
					  a->uuid);
			break;
		}
		if (r == 0)
			r = strbuf_printf(out, "# %s\n", a->reason ? a->reason : "");
	}
	return r;
}
