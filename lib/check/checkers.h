/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The checkers of the registry (start.c lists them); module-internal. */
#ifndef MPATH_CHECK_CHECKERS_H
#define MPATH_CHECK_CHECKERS_H

#include "check/check.h"

extern const struct mp_checker mp_checker_tur;
extern const struct mp_checker mp_checker_directio;
extern const struct mp_checker mp_checker_readsector0;
extern const struct mp_checker mp_checker_none;
extern const struct mp_checker mp_checker_rdac;
extern const struct mp_checker mp_checker_emc_clariion;
extern const struct mp_checker mp_checker_hp_sw;
extern const struct mp_checker mp_checker_cciss_tur;

/* The device's own command timeout for a check due by @deadline_usec (0: 30 s), at least 1 s. */
unsigned mp_check_device_timeout_ms(uint64_t deadline_usec);

#endif
