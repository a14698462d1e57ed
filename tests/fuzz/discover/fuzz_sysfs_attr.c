/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text parsers for sysfs attributes and the udev database: dev ("8:0"),
 * H:C:T:L names, trimming, and b<maj>:<min> records.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "discover/sysfs.h"
#include "discover/udev_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_udev_props props;
	struct mp_diags diags = {0};
	unsigned int ma, mi;
	int h, c, t;
	uint64_t l;
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)mp_parse_devt(s, &ma, &mi);
	(void)mp_parse_hctl(s, &h, &c, &t, &l);
	if (mp_udev_props_parse("fuzz", (const char *)data, size, &props, &diags) == 0) {
		(void)mp_udev_props_get(&props, "ID_SERIAL");
		mp_udev_props_clear(&props);
	}
	mp_diags_clear(&diags);
	mp_strtrim(s);
	free(s);
	return 0;
}
