/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `mpath persist --in` output, in mpathpersist's layout: tools such as
 * fence_mpath read the keys from it ("    0x<key>" lines, "Key = 0x<key>").
 */
#ifndef MPATH_CLI_PERSIST_PRINT_H
#define MPATH_CLI_PERSIST_PRINT_H

#include <stdio.h>

#include "persist/persist.h"

void persist_print_keys(FILE *out, const struct mp_pr_keys *k);
void persist_print_reservation(FILE *out, const struct mp_pr_reservation *r);
void persist_print_caps(FILE *out, const struct mp_pr_caps *c);
void persist_print_full_status(FILE *out, const struct mp_pr_full_status *s);
/* -H: offset, 16 bytes per line. */
void persist_print_hex(FILE *out, const uint8_t *buf, size_t len);

#endif
