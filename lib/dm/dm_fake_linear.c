/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The recording fake's partition maps: one-target linear maps that hold the
 * map they point at open, as the kernel counts them (see dm_fake.h). */
#include <errno.h>
#include <stdio.h>

#include "dm/dm_fake_int.h"

/* The kernel counts a map stacked on another as an opener of it. */
void fake_hold_lower(struct fake *f, const struct mp_dm_linear *l, int delta)
{
	for (size_t i = 0; i < f->n_maps; i++)
		if (f->maps[i].info.major == l->major && f->maps[i].info.minor == l->minor)
			f->maps[i].info.open_count += delta;
}

int fake_add_linear(struct fake *f, const char *name, const char *uuid,
			   const struct mp_dm_linear *l, bool ro)
{
	struct fake_map *m;
	int r = fake_new_slot(f, name, uuid, ro, &m);

	if (r < 0)
		return r;
	m->linear = true;
	m->lin = *l;
	snprintf(m->info.target_type, sizeof(m->info.target_type), "linear");
	m->info.minor = f->next_minor++;
	f->n_maps++;
	fake_hold_lower(f, l, +1);
	return 0;
}

int fake_get_linear(struct mp_dm *dm, const char *name, struct mp_dm_linear *ret)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m;
	int r = fake_read_lookup(f, "table", name, &m);

	if (r < 0)
		return r;
	if (!m->linear)
		return -EMEDIUMTYPE;
	*ret = m->lin;
	return 0;
}

int fake_create_linear(struct mp_dm *dm, const char *name, const char *uuid,
			      const struct mp_dm_linear *l, unsigned int flags)
{
	struct fake *f = fake_cast(dm);
	bool ro = flags & MP_DM_CREATE_READONLY;
	int r = fake_injected(f, "create");
	char params[64];

	if (mp_dm_linear_params(l, params, sizeof(params)) < 0)
		return -EINVAL;
	if (r == 0)
		r = fake_add_linear(f, name, uuid, l, ro);
	fake_record(f, r, "create %s %s %s0 %llu linear %s", name, uuid && *uuid ? uuid : "-",
	       ro ? "readonly " : "", (unsigned long long)l->length, params);
	return r;
}

int fake_reload_linear(struct mp_dm *dm, const char *name, const struct mp_dm_linear *l)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "reload");
	char params[64];

	if (mp_dm_linear_params(l, params, sizeof(params)) < 0)
		return -EINVAL;
	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0 && !m->linear)
		r = -EMEDIUMTYPE;
	if (r == 0) {
		fake_hold_lower(f, &m->lin, -1);
		m->lin = *l;
		fake_hold_lower(f, &m->lin, +1);
		fake_bump_event(f, m);
	}
	fake_record(f, r, "reload %s 0 %llu linear %s", name, (unsigned long long)l->length, params);
	return r;
}

