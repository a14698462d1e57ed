/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bindings file on disk: load, and the locked read-allocate-write transaction. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/macros.h"
#include "names/bindings.h"
#include "names/fileio.h"

int mp_bindings_load(struct mp_bindings *b, const char *path, struct mp_diags *diags)
{
	_cleanup_free_ char *text = NULL;
	int r = mp_names_load(path, &text, diags);

	if (r < 0 || !text)
		return r;
	return mp_bindings_parse(b, path, text, diags);
}

int mp_bindings_file_get_alias(const char *path, const char *prefix, const char *wwid,
			       bool read_only, mp_alias_taken_fn taken, void *data,
			       char **ret_alias, struct mp_diags *diags)
{
	struct mp_bindings b = {0};
	_cleanup_close_ int lock = -1;
	_cleanup_free_ char *text = NULL;
	const char *alias;
	char *copy;
	int r, added;

	/* The lock spans read to write: another process may allocate in between. */
	if (!read_only) {
		r = mp_names_lock_diag(path, &lock, diags);
		if (r < 0)
			return r;
	}
	r = mp_bindings_load(&b, path, diags);
	if (r < 0)
		goto out;
	if (read_only) {
		alias = mp_bindings_alias_of(&b, wwid);
		r = alias ? 0 : -ENOENT;
		added = 0;
	} else {
		r = added = mp_bindings_allocate(&b, prefix, wwid, taken, data, &alias);
	}
	if (r < 0)
		goto out;
	if (added) {
		text = mp_bindings_format(&b);
		r = mp_names_store(path, text, 0600, diags);
		if (r < 0)
			goto out;
	}
	copy = strdup(alias);
	r = copy ? added : -ENOMEM;
	if (copy)
		*ret_alias = copy;
out:
	mp_bindings_clear(&b);
	return r;
}

int mp_bindings_file_bind(const char *path, const char *alias, const char *wwid,
			  struct mp_diags *diags)
{
	struct mp_bindings b = {0};
	_cleanup_close_ int lock = -1;
	_cleanup_free_ char *text = NULL;
	int r = mp_names_lock_diag(path, &lock, diags);

	if (r < 0)
		return r;
	r = mp_bindings_load(&b, path, diags);
	if (r < 0)
		goto out;
	r = mp_bindings_add(&b, alias, wwid);
	if (r < 0)
		goto out; /* -EEXIST: someone bound one of them meanwhile; the file wins */
	text = mp_bindings_format(&b);
	r = mp_names_store(path, text, 0600, diags);
out:
	mp_bindings_clear(&b);
	return r;
}
