/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The wwids file on disk: load, and the locked add / remove / reset. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/macros.h"
#include "names/fileio.h"
#include "names/wwids.h"

int mp_wwids_load(struct mp_wwids *w, const char *path, struct mp_diags *diags)
{
	_cleanup_free_ char *text = NULL;
	int r = mp_names_load(path, &text, diags);

	if (r < 0 || !text)
		return r;
	return mp_wwids_parse(w, path, text, diags);
}

enum op { OP_ADD, OP_REMOVE, OP_RESET };

static int apply(struct mp_wwids *w, enum op op, const char *const *wwids, size_t n)
{
	struct mp_wwids fresh = {0};
	int r, changed = 0;

	switch (op) {
	case OP_ADD:
		return mp_wwids_add(w, wwids[0]);
	case OP_REMOVE:
		return mp_wwids_remove(w, wwids[0]);
	case OP_RESET:
		for (size_t i = 0; i < n; i++) {
			r = mp_wwids_add(&fresh, wwids[i]);
			if (r < 0) {
				mp_wwids_clear(&fresh);
				return r;
			}
		}
		changed = fresh.n != w->n;
		for (size_t i = 0; !changed && i < fresh.n; i++)
			changed = !mp_wwids_contains(w, fresh.items[i]);
		mp_wwids_clear(w);
		*w = fresh;
		return changed;
	}
	return -EINVAL;
}

static int transaction(const char *path, enum op op, const char *const *wwids, size_t n,
		       struct mp_diags *diags)
{
	struct mp_wwids w = {0};
	_cleanup_close_ int lock = -1;
	_cleanup_free_ char *text = NULL;
	int r, changed = 0;

	r = mp_names_lock_diag(path, &lock, diags);
	if (r < 0)
		return r;
	r = mp_wwids_load(&w, path, diags);
	if (r >= 0)
		r = changed = apply(&w, op, wwids, n);
	if (r > 0) {
		text = mp_wwids_format(&w);
		r = mp_names_store(path, text, 0644, diags);
		if (r == 0)
			r = changed;
	}
	mp_wwids_clear(&w);
	return r;
}

int mp_wwids_file_add(const char *path, const char *wwid, struct mp_diags *diags)
{
	return transaction(path, OP_ADD, &wwid, 1, diags);
}

int mp_wwids_file_remove(const char *path, const char *wwid, struct mp_diags *diags)
{
	return transaction(path, OP_REMOVE, &wwid, 1, diags);
}

int mp_wwids_file_reset(const char *path, const char *const *wwids, size_t n,
			struct mp_diags *diags)
{
	return transaction(path, OP_RESET, wwids, n, diags);
}

int mp_wwids_file_check(const char *path, const char *wwid, struct mp_diags *diags)
{
	struct mp_wwids w = {0};
	int r = mp_wwids_load(&w, path, diags);

	if (r >= 0)
		r = mp_wwids_contains(&w, wwid);
	mp_wwids_clear(&w);
	return r;
}
