/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "discover/sysfs.h"
#include "discover/udev_db.h"

void mp_udev_props_clear(struct mp_udev_props *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].key);
		free(p->items[i].value);
	}
	free(p->items);
	p->items = NULL;
	p->n = 0;
	p->initialized = false;
}

/* udev keeps one value per key: a repeated key replaces the earlier one. */
static int props_set(struct mp_udev_props *p, const char *key, size_t keylen, const char *value,
		     size_t valuelen)
{
	struct mp_udev_prop *items;
	char *k, *v;

	v = strndup(value, valuelen);
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < p->n; i++) {
		if (strlen(p->items[i].key) == keylen && !memcmp(p->items[i].key, key, keylen)) {
			free(p->items[i].value);
			p->items[i].value = v;
			return 0;
		}
	}
	k = strndup(key, keylen);
	items = k ? realloc(p->items, (p->n + 1) * sizeof(*items)) : NULL;
	if (!items) {
		free(k);
		free(v);
		return -ENOMEM;
	}
	p->items = items;
	p->items[p->n].key = k;
	p->items[p->n].value = v;
	p->n++;
	return 0;
}

int mp_udev_props_parse(const char *source, const char *text, size_t len,
			struct mp_udev_props *ret, struct mp_diags *diags)
{
	struct mp_udev_props p = {0};
	size_t pos = 0;
	int line = 0;

	while (pos < len) {
		const char *l = text + pos;
		const char *nl = memchr(l, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - l) : len - pos;
		const char *eq;

		pos += ll + (nl ? 1 : 0);
		line++;
		if (ll == 0)
			continue;
		if (memchr(l, '\0', ll)) {
			if (diags)
				mp_diags_add(diags, MP_DIAG_WARNING, source, line, "NUL byte in record");
			continue;
		}
		if (ll < 2 || l[1] != ':') {
			if (diags)
				mp_diags_add(diags, MP_DIAG_WARNING, source, line,
					     "record without a type letter and ':'");
			continue;
		}
		if (l[0] == 'I') {
			p.initialized = true;
			continue;
		}
		if (l[0] != 'E')
			continue;
		eq = memchr(l + 2, '=', ll - 2);
		if (!eq || eq == l + 2) {
			if (diags)
				mp_diags_add(diags, MP_DIAG_WARNING, source, line,
					     "property record is not KEY=VALUE");
			continue;
		}
		if (props_set(&p, l + 2, (size_t)(eq - (l + 2)), eq + 1, (size_t)(l + ll - eq - 1)) < 0) {
			mp_udev_props_clear(&p);
			return -ENOMEM;
		}
	}
	*ret = p;
	return 0;
}

int mp_udev_props_load(const char *dir, unsigned int major, unsigned int minor,
		       struct mp_udev_props *ret, struct mp_diags *diags)
{
	char path[PATH_MAX];
	_cleanup_free_ uint8_t *buf = NULL;
	size_t len;
	int n, r;

	n = snprintf(path, sizeof(path), "%s/b%u:%u", dir ? dir : "/run/udev/data", major, minor);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	r = mp_read_file(path, &buf, &len);
	if (r < 0) {
		if (r != -ENOENT && diags)
			mp_diags_add(diags, MP_DIAG_WARNING, path, 0, "cannot read: %s", strerror(-r));
		return r;
	}
	return mp_udev_props_parse(path, (const char *)buf, len, ret, diags);
}

const char *mp_udev_props_get(const struct mp_udev_props *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (streq(p->items[i].key, key))
			return p->items[i].value;
	return NULL;
}
