/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * List views with multipathd's format wildcards:
 *   show paths format "%d %w %t %T %s"     show maps format "%n %w %d %N"
 * The wildcard letters and column headers are multipathd 0.9's, so scripts
 * keep working; the table of them is data (fields.c). A format is parsed once
 * (unknown wildcards are an error, not silently dropped), then rendered with
 * columns padded to the widest cell or header.
 */
#ifndef MPATH_OUTPUT_FORMAT_H
#define MPATH_OUTPUT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/strbuf.h"
#include "model.h"
#include "output/view.h"

enum mp_format_kind {
	MP_FORMAT_PATHS,
	MP_FORMAT_MAPS,
};

/* One line of `show paths`: a snapshot path and, if it belongs to a map, its place there. */
struct mp_path_row {
	const struct mp_path *path;    /* required */
	const struct mp_view_path *vp; /* NULL for a path in no map */
	const char *map_name;          /* NULL for a path in no map */
	bool marginal;                 /* set marginal by the admin (%M), whatever its state */
};

struct mp_format;

/* Rendering pads columns with a cell per row and field: this bound keeps a
 * format from any user at rows x 32 x MP_FIELD_MAX bytes (10 MiB at 1,024
 * paths) while every wildcard of a real format fits. */
#define MP_FORMAT_MAX_FIELDS 32

/**
 * mp_format_parse() - compile a format string.
 * "%%" is a literal percent sign; any other "%X" must be a known wildcard.
 * @err: receives "unknown wildcard '%q' at offset 3" on -EINVAL (may be NULL).
 * Return: 0, -EINVAL, -E2BIG beyond MP_FORMAT_MAX_FIELDS wildcards, or -ENOMEM.
 */
int mp_format_parse(enum mp_format_kind kind, const char *fmt, struct mp_format **ret,
		    char *err, size_t err_size);
void mp_format_free(struct mp_format *f);
/* Number of fields (wildcards) in a parsed format. */
size_t mp_format_n_fields(const struct mp_format *f);

enum {
	MP_FORMAT_HEADER = 1 << 0, /* print the header line */
	MP_FORMAT_PAD = 1 << 1,    /* align columns; without it: "raw format" */
};

/* Render rows. Return: 0 or -ENOMEM / -EINVAL (kind mismatch). */
int mp_format_paths(const struct mp_format *f, const struct mp_path_row *rows, size_t n,
		    unsigned int flags, struct strbuf *out);
int mp_format_maps(const struct mp_format *f, const struct mp_view_map *maps, size_t n,
		   unsigned int flags, struct strbuf *out);

/* `show wildcards`: every letter that prints data, with its header, maps then paths. */
int mp_format_wildcards(struct strbuf *out);

/* The default formats of `show paths` and `show maps`. */
#define MP_FORMAT_PATHS_DEFAULT "%i %d %D %p %t %T %o %s"
#define MP_FORMAT_MAPS_DEFAULT "%n %d %w"

#endif
