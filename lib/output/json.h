/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON views (schema in lib/output/README.md). The maps document mirrors
 * multipathd's `show maps json` / `show topology json`, so consumers of
 * multipathd's JSON can read ours.
 */
#ifndef MPATH_OUTPUT_JSON_H
#define MPATH_OUTPUT_JSON_H

#include <stddef.h>

#include "common/strbuf.h"
#include "output/format.h"
#include "output/view.h"
#include "topology/plan.h"

#define MP_JSON_MAJOR_VERSION 0
#define MP_JSON_MINOR_VERSION 1

/* {"major_version":0,"minor_version":1,"maps":[...]}, pretty-printed. Return: 0 or -ENOMEM. */
int mp_json_maps(const struct mp_view_map *maps, size_t n, struct strbuf *out);
/* {"major_version":0,"minor_version":1,"map":{...}}: one map. */
int mp_json_map(const struct mp_view_map *map, struct strbuf *out);
/* {"major_version":0,"minor_version":1,"paths":[...]}: `show paths json`. */
int mp_json_paths(const struct mp_path_row *rows, size_t n, struct strbuf *out);

/* {"actions":[{"action","name","new_name"?,"reason","topology"?:{versions,"map"}}]}:
 * `mpath -d --json`. @views[i]: action i's map as a view, or NULL (no topology);
 * @views itself may be NULL. Every string goes through json-c: device-provided
 * names and reasons cannot break the document. Return: 0 or -ENOMEM. */
int mp_json_plan(const struct mp_plan *plan, const struct mp_view_map *const *views,
		 struct strbuf *out);

#endif
