/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The vendor prioritizers' values: pure functions of decoded answers and args. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "discover/nvme_ana.h"
#include "policy/prio_vendor.h"

int mp_prio_emc_value(const struct mp_emc_c0 *c, int *ret, char *why, size_t why_size)
{
	if (!mp_emc_failover_configured(c)) {
		snprintf(why, why_size, "path not set up for failover");
		return -EINVAL;
	}
	if (c->lun_operations != 0) {
		snprintf(why, why_size, "LUN not available for normal operations");
		return -EINVAL;
	}
	/* Groups follow the default owner, even while the other SP holds the LUN. */
	*ret = c->lun_state + (c->default_sp == c->current_sp ? 2 : 0);
	snprintf(why, why_size, "LUN %s, %s SP", c->lun_state == 2 ? "owned" : c->lun_state == 1 ? "bound" : "unbound",
		 c->default_sp == c->current_sp ? "default" : "non-default");
	return 0;
}

int mp_prio_rdac_value(const struct mp_rdac_c9 *c, int *ret, char *why, size_t why_size)
{
	int v = 0;

	if (c->page_len != 0x2c) {
		snprintf(why, why_size, "volume access control page of unknown length %u", c->page_len);
		return -EINVAL;
	}
	if (c->owner)
		v |= 0x2;
	if (c->path_prio == MP_RDAC_PATH_PREFERRED)
		v |= 0x4;
	else if (c->path_prio == MP_RDAC_PATH_SECONDARY)
		v |= 0x1;
	if (c->ioship)
		v |= 0x8;
	*ret = v;
	snprintf(why, why_size, "%s, %s path%s", c->owner ? "owner" : "not owner",
		 c->path_prio == MP_RDAC_PATH_PREFERRED   ? "preferred"
		 : c->path_prio == MP_RDAC_PATH_SECONDARY ? "secondary"
							  : "unclassified",
		 c->ioship ? ", IOSHIP" : "");
	return 0;
}

/* 0 even, 1 odd, -1 not a hex digit of the kind 0.9.4 recognises (upper case). */
static int parity(char c, bool hex)
{
	if (c >= '0' && c <= '9')
		return (c - '0') & 1;
	if (hex && c >= 'A' && c <= 'F')
		return (c - 'A' + 10) & 1;
	return -1;
}

int mp_prio_hds_value(const struct mp_hds_ident *h, int *ret, char *why, size_t why_size)
{
	int pc = parity(h->ctrl, false), pl = parity(h->ldev[3], true);

	if (pc < 0 || pl < 0) {
		snprintf(why, why_size, "controller '%c' / LDEV '%s' not as Hitachi modular arrays report them",
			 h->ctrl, h->ldev);
		return -EINVAL;
	}
	*ret = pc == pl ? 1 : 0;
	snprintf(why, why_size, "controller %c %s, LDEV 0x%s %s", h->ctrl, pc ? "odd" : "even", h->ldev,
		 pl ? "odd" : "even");
	return 0;
}

int mp_prio_ontap_value(int gva_ret, enum mp_netapp_initiator ini, int proxy_ret, bool proxy)
{
	if (gva_ret < 0)
		return 0;
	if (ini == MP_NETAPP_INITIATOR_ISCSI_HBA)
		return 3;
	if (ini == MP_NETAPP_INITIATOR_ISCSI_SW)
		return 2;
	return proxy_ret == 0 && proxy ? 1 : 4;
}

int mp_prio_hp_sw_value(int tur_ret, const struct mp_sense *s)
{
	if (tur_ret == 0)
		return 4;
	if (tur_ret != -EREMOTEIO)
		return 0;
	if (s->key == MP_SK_RECOVERED_ERROR)
		return 4;
	if (s->key == MP_SK_NOT_READY && s->asc == 0x04 && s->ascq == 0x02)
		return 2;
	return 0;
}

int mp_prio_ana_value(int ana_state, int *ret)
{
	switch (ana_state) {
	case MP_ANA_OPTIMIZED:
		*ret = 50;
		return 0;
	case MP_ANA_NON_OPTIMIZED:
		*ret = 10;
		return 0;
	case MP_ANA_INACCESSIBLE:
	case MP_ANA_CHANGE:
		/* CHANGE is treated like INACCESSIBLE, as the ANA TP suggests. */
		*ret = 1;
		return 0;
	case MP_ANA_PERSISTENT_LOSS:
		*ret = 0;
		return 0;
	default:
		return -EINVAL;
	}
}

/* The value of "key=" in the whitespace-separated word @w, or NULL. */
static const char *value_of(const char *w, const char *key)
{
	size_t n = strlen(key);

	return strncmp(w, key, n) == 0 ? w + n : NULL;
}

static int parse_uint(const char *s, unsigned int *ret)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v > 0xffffffffUL)
		return -EINVAL;
	*ret = (unsigned int)v;
	return 0;
}

int mp_datacore_args_parse(const char *args, struct mp_datacore_args *ret)
{
	_cleanup_free_ char *copy = NULL;
	struct mp_datacore_args a = {0};
	char *save = NULL, *w;
	const char *v;

	if (!args || !(copy = strdup(args)))
		return args ? -ENOMEM : -EINVAL;
	for (w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if ((v = value_of(w, "preferredsds=")))
			snprintf(a.preferredsds, sizeof(a.preferredsds), "%s", v);
		else if ((v = value_of(w, "timeout=")) && parse_uint(v, &a.timeout_ms) == 0)
			continue;
		else
			return -EINVAL;
	}
	/* 0.9.4 wants at least two characters, so that a stray letter does not match every server. */
	if (strlen(a.preferredsds) < 2)
		return -EINVAL;
	*ret = a;
	return 0;
}

int mp_prio_datacore_value(const struct mp_datacore_args *a, const char *sds_name)
{
	return strstr(sds_name, a->preferredsds) ? 1 : 0;
}

/* The first dotted quad (1-3 digits each) in s, as in 0.9.4's ID_PATH match. */
static bool first_ipv4(const char *s, char *out, size_t size)
{
	for (const char *p = s; *p; p++) {
		const char *q = p;
		int parts = 0;

		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		while (parts < 4) {
			int d = 0;

			while (d < 3 && isdigit((unsigned char)q[d]))
				d++;
			if (d == 0)
				break;
			q += d;
			parts++;
			if (parts < 4) {
				if (*q != '.')
					break;
				q++;
			}
		}
		if (parts == 4 && (size_t)(q - p) < size) {
			memcpy(out, p, (size_t)(q - p));
			out[q - p] = '\0';
			return true;
		}
	}
	return false;
}

int mp_prio_iet_value(const char *args, const char *id_path, int *ret, char *why, size_t why_size)
{
	char pref[256], ip[16];

	if (!args || sscanf(args, "preferredip=%255s", pref) != 1) {
		snprintf(why, why_size, "needs prio_args \"preferredip=<address>\"");
		return -EINVAL;
	}
	if (strlen(pref) <= 7) {
		snprintf(why, why_size, "preferredip \"%s\" too short", pref);
		return -EINVAL;
	}
	if (!id_path) {
		snprintf(why, why_size, "no ID_PATH in the udev database");
		return -ENODATA;
	}
	if (first_ipv4(id_path, ip, sizeof(ip)) && strncmp(ip, pref, strlen(ip)) == 0) {
		*ret = 20;
		snprintf(why, why_size, "portal %s is the preferred one", ip);
	} else {
		*ret = 10;
		snprintf(why, why_size, "portal %.20s is not %.40s", first_ipv4(id_path, ip, sizeof(ip)) ? ip : "(none)",
			 pref);
	}
	return 0;
}

#define PL_DEF_IO_NUM 100
#define PL_DEF_BASE 1.77827941004 /* 10^(1/4): four prio steps per factor of ten */
#define PL_MAX_AVG_USEC 100000000.0

int mp_path_latency_args_parse(const char *args, struct mp_path_latency_args *ret)
{
	_cleanup_free_ char *copy = NULL;
	char *save = NULL, *w, *end;
	bool have_io = false, have_base = false;
	unsigned int io = 0;
	double base = 0;
	const char *v;

	ret->io_num = PL_DEF_IO_NUM;
	ret->base_num = PL_DEF_BASE;
	if (!args || !(copy = strdup(args)))
		return -EINVAL;
	/* Only the first two words count, as in 0.9.4. */
	w = strtok_r(copy, " \t", &save);
	for (int i = 0; i < 2 && w; i++, w = strtok_r(NULL, " \t", &save)) {
		if ((v = value_of(w, "io_num=")) && *v) {
			if (parse_uint(v, &io) < 0)
				return -EINVAL;
			have_io = true;
		} else if ((v = value_of(w, "base_num=")) && *v) {
			base = strtod(v, &end);
			if (end == v || *end)
				return -EINVAL;
			have_base = true;
		}
	}
	if (!have_io || !have_base || io < 20 || io > 200 || !(base >= 1.1 && base <= 10))
		return -EINVAL;
	ret->io_num = io;
	ret->base_num = base;
	return 0;
}

int mp_prio_path_latency_value(const double *usec, size_t n, double base_num)
{
	double lg_base = log(base_num), lg_max = log(PL_MAX_AVG_USEC) / lg_base, sum = 0, avg;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (usec[i] > 0)
			sum += log(usec[i]) / lg_base;
	avg = sum / (double)n;
	/* The minimum average latency is 1 us, log 0. */
	if (avg <= 0)
		return (int)lg_max;
	if (avg >= lg_max)
		return 0;
	return (int)(lg_max - avg);
}
