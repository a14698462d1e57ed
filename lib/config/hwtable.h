/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The built-in hardware table as plain data (see hwtable.c). */
#ifndef MPATH_CONFIG_HWTABLE_H
#define MPATH_CONFIG_HWTABLE_H

#include <stddef.h>

#define MP_HW_MAX_SETTINGS 14

struct mp_hw_setting {
	const char *keyword; /* a devices-section keyword; NULL ends the list */
	const char *value;
};

struct mp_hw_builtin {
	const char *vendor;   /* regex */
	const char *product;  /* regex */
	struct mp_hw_setting settings[MP_HW_MAX_SETTINGS];
	const char *revision; /* regex, NULL: any revision */
};

const struct mp_hw_builtin *mp_hwtable_builtin(size_t *ret_n);

#endif
