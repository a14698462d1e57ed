/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every PR IN decoder on the same device answer, up to PR IN's 16-bit
 * allocation length (run with -max_len=65535). Beyond "no crash": nothing
 * decoded may claim more than the buffer held.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "persist/persist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_pr_keys k;
	struct mp_pr_reservation r;
	struct mp_pr_caps c;
	struct mp_pr_full_status s;
	size_t needed, used;
	char text[300];

	if (size > MP_PR_IN_MAX_LEN)
		return 0;
	if (mp_pr_keys_decode(data, size, &k, &needed) == 0) {
		if (8 + k.n_keys * 8 > size || k.n_keys > k.n_claimed)
			abort();
		mp_pr_keys_clear(&k);
	}
	(void)mp_pr_reservation_decode(data, size, &r);
	(void)mp_pr_caps_decode(data, size, &c);
	if (mp_pr_full_status_decode(data, size, &s, &needed) == 0) {
		used = 8;
		for (size_t i = 0; i < s.n_desc; i++) {
			used += 24 + s.desc[i].tid_len;
			mp_pr_tid_format(&s.desc[i], text, sizeof(text));
			(void)mp_pr_type_name(s.desc[i].type);
		}
		if (used > size)
			abort();
		mp_pr_full_status_clear(&s);
	}
	return 0;
}
