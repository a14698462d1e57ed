/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `explain`: why a map looks the way it does. Settings with their origin,
 * then each path with its group, the group key and how its prio came about.
 */
#include <errno.h>
#include <stdio.h>

#include "output/fields.h"
#include "output/topology.h"

int mp_explain_map(const struct mp_map *m, const struct mp_path *paths, struct strbuf *out)
{
	struct mp_setting_item it;
	char features[256];
	int r;

	r = strbuf_printf(out, "map %s (%s)\n  name: %s\n  uuid: %s\n", m->name, m->wwid,
			  m->name_origin, m->uuid);
	if (r == 0)
		r = strbuf_append(out, "settings:\n");
	for (size_t i = 0; i < mp_map_settings_count() && r == 0; i++) {
		if (mp_map_settings_item(&m->settings, i, &it) < 0)
			break;
		r = strbuf_printf(out, "  %-27s %-20s # %s\n", it.keyword,
				  it.value[0] ? it.value : "\"\"", it.origin);
	}
	if (r == 0 && mp_map_features_string(&m->settings, features, sizeof(features)) == 0)
		r = strbuf_printf(out, "  table features: '%s' (after no_path_retry)\n", features);
	if (r == 0)
		r = strbuf_printf(out, "groups (%s, best first):\n",
				  mp_pgpolicy_name(m->settings.pgpolicy));
	for (size_t g = 0; g < m->n_groups && r == 0; g++) {
		const struct mp_map_group *mg = &m->groups[g];

		r = strbuf_printf(out, "  group %zu: prio %d (average of usable paths), %s\n",
				  g + 1, mg->prio, mg->key);
		for (size_t k = 0; k < mg->n && r == 0; k++) {
			const struct mp_map_member *mb = &mg->members[k];
			const struct mp_path *p = &paths[mb->path];
			char hcil[64];

			mp_view_hcil(p, hcil, sizeof(hcil));
			r = strbuf_printf(out,
					  "    %s %s %u:%u prio %d%s from %s%s%s (%s): %s; repeat %d\n",
					  p->dev, hcil, p->major, p->minor, mb->prio,
					  mb->prio_err ? " (prioritizer failed)" : "",
					  mb->prio_by.name, mb->prio_by.args[0] ? " " : "",
					  mb->prio_by.args, mb->prio_by.origin, mb->prio_reason,
					  mb->repeat_count);
		}
	}
	return r;
}
