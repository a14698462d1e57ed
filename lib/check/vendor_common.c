/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the vendor checkers' decision functions. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check/vendor_int.h"

void vc_set(struct mp_check_verdict *v, enum mp_path_state s, const char *fmt, ...)
{
	va_list ap;

	v->state = s;
	v->unsupported = false;
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
}

bool mp_check_is_unit_attention(const struct mp_check_answer *a)
{
	return a->ret == -EREMOTEIO && a->sense.key == MP_SK_UNIT_ATTENTION;
}

enum vc_outcome vc_outcome_of(const struct mp_check_answer *a)
{
	if (a->ret == 0)
		return VC_OK;
	if (a->ret != -EREMOTEIO)
		return VC_FAILED;
	/* RECOVERED ERROR: the command completed; the data are good. */
	if (a->sense.key == MP_SK_RECOVERED_ERROR)
		return VC_OK;
	if (a->sense.key == MP_SK_ILLEGAL_REQUEST)
		return VC_UNSUPPORTED;
	return VC_FAILED;
}

void vc_describe(const struct mp_check_answer *a, char *buf, size_t size)
{
	if (a->ret == -EREMOTEIO)
		mp_sense_format(&a->sense, buf, size);
	else
		snprintf(buf, size, "%s", strerror(-a->ret));
}

void vc_unsupported(struct mp_check_verdict *v, const char *who, const char *what)
{
	vc_set(v, MP_PATH_UNCHECKED, "%s: device rejects %s (not this kind of array?)", who, what);
	v->unsupported = true;
}
