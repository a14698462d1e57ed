/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The udev database entry of a block device (/run/udev/data/b<maj>:<min>):
 * the E:KEY=VALUE properties udev rules set. The blacklist's "property"
 * rules and the WWID cross-check read them; mpath never needs libudev.
 *
 * Format (systemd's device_update_db): one record per line, a type letter,
 * ':', the value. "E:" is a property, "S:" a symlink, "I:" the init time in
 * usec, "G:"/"Q:" tags, "V:" version, "L:" link priority, "W:" watch.
 */
#ifndef MPATH_DISCOVER_UDEV_DB_H
#define MPATH_DISCOVER_UDEV_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"

struct mp_udev_prop {
	char *key;
	char *value;
};

struct mp_udev_props {
	struct mp_udev_prop *items;
	size_t n;
	bool initialized; /* an "I:" record was present: udev finished processing the device */
};

/*
 * mp_udev_props_parse() - parse the text of one database file.
 * @source: names the text in diagnostics (the file path)
 * Malformed lines are reported to diags (may be NULL) with their line
 * number and skipped. Return: 0 and *ret (clear with mp_udev_props_clear());
 * -ENOMEM.
 */
int mp_udev_props_parse(const char *source, const char *text, size_t len,
			struct mp_udev_props *ret, struct mp_diags *diags);

/*
 * mp_udev_props_load() - read <dir>/b<major>:<minor>.
 * @dir: NULL for "/run/udev/data"
 * Return: 0; -ENOENT when udev has no entry (not an error for callers:
 * udev is not running or has not seen the device); -errno otherwise.
 */
int mp_udev_props_load(const char *dir, unsigned int major, unsigned int minor,
		       struct mp_udev_props *ret, struct mp_diags *diags);

/* Value of key, or NULL. */
const char *mp_udev_props_get(const struct mp_udev_props *p, const char *key);
void mp_udev_props_clear(struct mp_udev_props *p);

#endif
