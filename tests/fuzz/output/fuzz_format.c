/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the format-wildcard parser and renderer. The first
 * byte picks paths or maps; the rest is the format string. Whatever parses
 * must render (with and without padding) over a small fixed snapshot.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output/format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_format *f = NULL;
	struct strbuf sb = STRBUF_INIT;
	char err[128];
	char *fmt;
	enum mp_format_kind kind;
	struct mp_path p;
	struct mp_view_path vp = {0};
	struct mp_view_path vps[1];
	struct mp_view_group g;
	struct mp_view_map m;
	struct mp_path_row row;

	if (size < 1)
		return 0;
	kind = (data[0] & 1) ? MP_FORMAT_MAPS : MP_FORMAT_PATHS;
	fmt = strndup((const char *)data + 1, size - 1);
	if (!fmt)
		return 0;
	if (mp_format_parse(kind, fmt, &f, err, sizeof(err)) == 0) {
		memset(&p, 0, sizeof(p));
		strcpy(p.dev, "sda");
		strcpy(p.wwid, "36001405aa");
		p.host = 2;
		p.major = 8;
		p.size = 204800;
		vp.path = &p;
		vp.dm_state = 'A';
		vps[0] = vp;
		memset(&g, 0, sizeof(g));
		strcpy(g.selector, "service-time 0");
		g.n = 1;
		g.paths = vps;
		memset(&m, 0, sizeof(m));
		strcpy(m.name, "mpatha");
		m.minor = -1;
		m.read_only = -1;
		m.n_groups = 1;
		m.groups = &g;
		row.path = &p;
		row.vp = &vp;
		row.map_name = "mpatha";
		if (kind == MP_FORMAT_MAPS) {
			mp_format_maps(f, &m, 1, MP_FORMAT_HEADER | MP_FORMAT_PAD, &sb);
			mp_format_maps(f, &m, 1, 0, &sb);
		} else {
			mp_format_paths(f, &row, 1, MP_FORMAT_HEADER | MP_FORMAT_PAD, &sb);
			mp_format_paths(f, &row, 1, 0, &sb);
		}
		strbuf_reset(&sb);
		mp_format_free(f);
	}
	free(fmt);
	return 0;
}
