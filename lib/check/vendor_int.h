/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared inside lib/check's vendor checkers only. */
#ifndef MPATH_CHECK_VENDOR_INT_H
#define MPATH_CHECK_VENDOR_INT_H

#include "check/vendor.h"

enum vc_outcome {
	VC_OK,          /* GOOD, or RECOVERED ERROR */
	VC_UNSUPPORTED, /* ILLEGAL REQUEST: the device does not know the command/page */
	VC_FAILED,      /* any other sense, or a transport error */
};

void vc_set(struct mp_check_verdict *v, enum mp_path_state s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum vc_outcome vc_outcome_of(const struct mp_check_answer *a);
/* "NOT READY: ... (04/02)" or the errno text. */
void vc_describe(const struct mp_check_answer *a, char *buf, size_t size);
void vc_unsupported(struct mp_check_verdict *v, const char *who, const char *what);

#endif
