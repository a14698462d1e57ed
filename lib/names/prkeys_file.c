/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The prkeys file on disk: load, look up, and the locked set/remove. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/macros.h"
#include "config/config.h"
#include "names/fileio.h"
#include "names/prkeys.h"

int mp_prkeys_load(struct mp_prkeys *k, const char *path, struct mp_diags *diags)
{
	_cleanup_free_ char *text = NULL;
	int r = mp_names_load(path, &text, diags);

	if (r < 0 || !text)
		return r;
	return mp_prkeys_parse(k, path, text, diags);
}

int mp_prkeys_file_get(const char *path, const char *wwid, uint64_t *ret_key, bool *ret_aptpl,
		       struct mp_diags *diags)
{
	struct mp_prkeys k = {0};
	const struct mp_prkey *e;
	int r = mp_prkeys_load(&k, path, diags);

	if (r >= 0) {
		e = mp_prkeys_find(&k, wwid);
		r = e != NULL;
		if (e) {
			*ret_key = e->key;
			*ret_aptpl = e->aptpl;
		}
	}
	mp_prkeys_clear(&k);
	return r;
}

int mp_prkeys_file_set(const char *path, const char *wwid, uint64_t key, bool aptpl,
		       struct mp_diags *diags)
{
	struct mp_prkeys k = {0};
	_cleanup_close_ int lock = -1;
	_cleanup_free_ char *text = NULL;
	int r, changed;

	r = mp_names_lock_diag(path, &lock, diags);
	if (r < 0)
		return r;
	r = mp_prkeys_load(&k, path, diags);
	if (r >= 0)
		r = changed = mp_prkeys_set(&k, wwid, key, aptpl);
	/* Keys are credentials of a sort: readable by root only, like multipathd's file. */
	if (r > 0) {
		text = mp_prkeys_format(&k);
		r = mp_names_store(path, text, 0600, diags);
		if (r == 0)
			r = changed;
	}
	mp_prkeys_clear(&k);
	return r;
}

const char *mp_prkeys_path(const struct mp_config *cfg)
{
	const char *v = mp_config_get(cfg, "prkeys_file", NULL);

	return v ? v : "/etc/multipath/prkeys";
}

int mp_prkeys_map_key(const struct mp_config *cfg, const char *path, const char *wwid,
		      struct mp_reservation_key *ret, struct mp_diags *diags)
{
	/* reservation_key lives in defaults and multipaths only: no device identity needed */
	const struct mp_device_id id = {.vendor = "", .product = "", .wwid = wwid};
	struct mp_reservation_key k = {0};
	struct mp_resolved *res = NULL;
	const char *v;
	int r = mp_config_resolve(cfg, &id, &res);

	if (r < 0)
		return r;
	v = mp_resolved_get(res, "reservation_key", NULL);
	if (v)
		(void)mp_reservation_key_parse(v, &k); /* a malformed value was reported at load */
	mp_resolved_free(res);
	if (k.from_file) {
		r = mp_prkeys_file_get(path, wwid, &k.key, &k.aptpl, diags);
		if (r < 0)
			return r;
		if (r == 0)
			k.key = 0;
	}
	*ret = k;
	return 0;
}
