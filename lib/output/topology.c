/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The `-ll` topology view (layout in topology.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "output/fields.h"
#include "output/topology.h"

enum { COL_HCIL, COL_DEV, COL_DEVT, COL_DM, COL_CHK, COL_DEVST, N_COLS };

static void path_cols(const struct mp_view_path *vp, char col[N_COLS][64])
{
	const struct mp_path *p = vp->path;

	if (p) {
		mp_view_hcil(p, col[COL_HCIL], 64);
		snprintf(col[COL_DEV], 64, "%s", p->dev[0] ? p->dev : "-");
		snprintf(col[COL_CHK], 64, "%s", mp_view_chk_state(p->state));
		snprintf(col[COL_DEVST], 64, "%s", mp_view_dev_state(p));
	} else {
		/* in the kernel table but gone from the system */
		snprintf(col[COL_HCIL], 64, "#:#:#:#");
		snprintf(col[COL_DEV], 64, "-");
		snprintf(col[COL_CHK], 64, "undef");
		snprintf(col[COL_DEVST], 64, "unknown");
	}
	snprintf(col[COL_DEVT], 64, "%u:%u", vp->major, vp->minor);
	snprintf(col[COL_DM], 64, "%s", mp_view_dm_path_state(vp->dm_state));
}

static void measure(const struct mp_view_map *maps, size_t n, size_t width[N_COLS])
{
	char col[N_COLS][64];

	memset(width, 0, N_COLS * sizeof(width[0]));
	for (size_t i = 0; i < n; i++)
		for (size_t g = 0; g < maps[i].n_groups; g++)
			for (size_t k = 0; k < maps[i].groups[g].n; k++) {
				path_cols(&maps[i].groups[g].paths[k], col);
				for (int c = 0; c < N_COLS; c++)
					if (strlen(col[c]) > width[c])
						width[c] = strlen(col[c]);
			}
}

static int map_header(const struct mp_view_map *m, struct strbuf *out)
{
	char size[32];
	int r = 0;

	if (m->action)
		r = strbuf_printf(out, "%s: ", m->action);
	if (r == 0)
		r = strbuf_append(out, m->name);
	if (r == 0 && !streq(m->name, m->wwid))
		r = strbuf_printf(out, " (%s)", m->wwid);
	if (r == 0 && m->minor >= 0)
		r = strbuf_printf(out, " dm-%d", m->minor);
	else if (r == 0)
		r = strbuf_append(out, " undef");
	if (r == 0)
		r = strbuf_printf(out, " %s,%s\n", m->vendor, m->product);
	mp_view_size(m->size, size, sizeof(size));
	if (r == 0)
		r = strbuf_printf(out, "size=%s features='%s' hwhandler='%s' wp=%s\n", size,
				  m->features, m->hwhandler,
				  m->read_only < 0 ? "undef" : m->read_only ? "ro" : "rw");
	return r;
}

static int one_map(const struct mp_view_map *m, const size_t width[N_COLS], struct strbuf *out)
{
	char col[N_COLS][64];
	int r = map_header(m, out);

	for (size_t g = 0; g < m->n_groups && r == 0; g++) {
		const struct mp_view_group *vg = &m->groups[g];
		bool last_group = g + 1 == m->n_groups;

		r = strbuf_printf(out, "%s policy='%s' prio=%d status=%s\n",
				  last_group ? "`-+-" : "|-+-", vg->selector, vg->prio,
				  mp_view_group_state(vg->state));
		for (size_t k = 0; k < vg->n && r == 0; k++) {
			size_t start = out->len;

			path_cols(&vg->paths[k], col);
			r = strbuf_printf(out, "%s %s", last_group ? " " : "|",
					  k + 1 == vg->n ? "`-" : "|-");
			for (int c = 0; c < N_COLS && r == 0; c++)
				r = strbuf_printf(out, " %-*s", (int)width[c], col[c]);
			while (r == 0 && out->len > start && out->buf[out->len - 1] == ' ')
				out->buf[--out->len] = '\0';
			if (r == 0)
				r = strbuf_append(out, "\n");
		}
	}
	return r;
}

int mp_output_topology(const struct mp_view_map *maps, size_t n, struct strbuf *out)
{
	size_t width[N_COLS];
	int r = 0;

	measure(maps, n, width);
	for (size_t i = 0; i < n && r == 0; i++)
		r = one_map(&maps[i], width, out);
	return r;
}
