/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text renderers over the view model: the `multipath -ll` topology layout,
 * the dry-run plan, and `explain`. They append to a strbuf; they never print.
 */
#ifndef MPATH_OUTPUT_TOPOLOGY_H
#define MPATH_OUTPUT_TOPOLOGY_H

#include <stddef.h>

#include "common/strbuf.h"
#include "output/view.h"
#include "topology/map.h"
#include "topology/plan.h"

/**
 * mp_output_topology() - the multipath-tools 0.9 topology view:
 *   [action: ]name[ (wwid)] dm-N|undef vendor,product
 *   size=100M features='1 queue_if_no_path' hwhandler='1 alua' wp=rw
 *   |-+- policy='service-time 0' prio=50 status=active
 *   | `- 2:0:0:0 sda 8:0  active ready running
 *   `-+- policy='service-time 0' prio=1 status=enabled
 *     `- 3:0:0:0 sdb 8:16 active ghost running
 * Path columns (hcil dev dev_t dm_st chk_st dev_st) are padded to the widest
 * value among all paths of all maps given, as multipath pads over all paths
 * it knows; trailing blanks are dropped.
 * Return: 0 or -ENOMEM.
 */
int mp_output_topology(const struct mp_view_map *maps, size_t n, struct strbuf *out);

/**
 * mp_plan_format() - the dry-run text of a plan (`mpath -d`): for create and
 * reload, the topology view with the action before the name, as
 * `multipath -d` prints it; for rename/remove/nothing one line
 * "<action>: <name> ...: <reason>". Every action gets a "# reason" line after it.
 * @paths: the snapshot the desired maps index into.
 * Return: 0 or -ENOMEM.
 */
int mp_plan_format(const struct mp_plan *plan, const struct mp_path *paths, struct strbuf *out);

/**
 * mp_explain_map() - every resolved setting with its origin, then each path:
 * its group, the group's key, its prio with prioritizer, origin and reason.
 * Return: 0 or -ENOMEM.
 */
int mp_explain_map(const struct mp_map *m, const struct mp_path *paths, struct strbuf *out);

#endif
