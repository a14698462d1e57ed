/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Vendor answers and prio_args: every decoder, verdict and value function of
 * the vendor checkers and prioritizers on device-controlled bytes (at most
 * 255, the largest allocation they send) and on admin-controlled args.
 * Byte 0 picks how the answer completed (good, sense, transport error).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check/vendor.h"
#include "discover/vendor_vpd.h"
#include "policy/prio_vendor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void answer_of(const uint8_t *data, size_t size, struct mp_check_answer *a)
{
	static const int rets[] = {0, -EREMOTEIO, -ETIMEDOUT, -ENOLINK};

	memset(a, 0, sizeof(*a));
	a->ret = rets[(size ? data[0] : 0) & 3];
	if (size > 3) {
		a->sense.key = data[1] & 0xf;
		a->sense.asc = data[2];
		a->sense.ascq = data[3];
	}
	a->data = size > 4 ? data + 4 : NULL;
	a->len = size > 4 ? size - 4 : 0;
	if (a->len > 255)
		a->len = 255;
}

static void pages(const uint8_t *d, size_t n)
{
	struct mp_rdac_c9 c9;
	struct mp_emc_c0 c0;
	struct mp_hds_ident h;
	enum mp_netapp_initiator ini;
	bool proxy;
	char name[17], why[128];
	int v;

	if (mp_rdac_c9_decode(d, n, &c9) == 0)
		(void)mp_prio_rdac_value(&c9, &v, why, sizeof(why));
	if (mp_emc_c0_decode(d, n, &c0) == 0)
		(void)mp_prio_emc_value(&c0, &v, why, sizeof(why));
	if (mp_hds_ident_decode(d, n, &h) == 0)
		(void)mp_prio_hds_value(&h, &v, why, sizeof(why));
	(void)mp_netapp_gva41_decode(d, n, &ini);
	(void)mp_netapp_c1_decode(d, n, &proxy);
	(void)mp_datacore_sds_name(d, n, name);
}

static void verdicts(const struct mp_check_answer *a)
{
	struct mp_emc_path_memory mem = {0};
	struct mp_check_verdict v;
	bool snap = false;

	mp_check_rdac(a, &v);
	if (mp_check_emc_c0(a, &mem, snap, &v))
		mp_check_emc_read(a, &snap, &v);
	mp_check_emc_c0(a, &mem, true, &v);
	mp_check_hp_sw(a, a, &v);
	mp_check_hp_sw(a, NULL, &v);
	mp_check_cciss_tur(a, &v);
	(void)mp_prio_hp_sw_value(a->ret, &a->sense);
}

/* The bytes as prio_args text (the config's value is a NUL-terminated string). */
static void args(const uint8_t *d, size_t n)
{
	char s[256], why[128];
	struct mp_datacore_args dc;
	struct mp_path_latency_args pl;
	double lat[32];
	size_t k = n < sizeof(s) - 1 ? n : sizeof(s) - 1, half;
	int v;

	memcpy(s, d, k);
	s[k] = '\0';
	if (mp_datacore_args_parse(s, &dc) == 0)
		(void)mp_prio_datacore_value(&dc, s);
	(void)mp_path_latency_args_parse(s, &pl);
	half = strlen(s) / 2;
	(void)mp_prio_iet_value(s, s + half, &v, why, sizeof(why));
	(void)mp_prio_iet_value(s, NULL, &v, why, sizeof(why));
	k = n / sizeof(double) < 32 ? n / sizeof(double) : 32;
	memcpy(lat, d, k * sizeof(double));
	(void)mp_prio_path_latency_value(lat, k, 1.1 + (n ? d[0] % 90 : 0) / 10.0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_check_answer a;

	pages(data, size > 255 ? 255 : size);
	answer_of(data, size, &a);
	verdicts(&a);
	args(data, size);
	return 0;
}
