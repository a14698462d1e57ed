/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The imperative side of the vendor prioritizers: send what each needs
 * through the context's SCSI transport (or the NVMe admin transport, or the
 * udev database), hand the answer to the pure value functions, and keep the
 * outcome in mp_path.probe. Blocking: callers run it where discovery runs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/ctx.h"
#include "common/macros.h"
#include "discover/nvme_ana.h"
#include "discover/scsi_cmd.h"
#include "discover/transport.h"
#include "discover/udev_db.h"
#include "policy/prio_vendor.h"

#define PROBE_DEFAULT_TIMEOUT_MS 30000
#define HP_SW_TUR_TRIES 3 /* a reset's unit attention is news, not an answer */

struct probe {
	const struct mp_ctx *ctx;
	const char *udev_dir;
	unsigned int timeout_ms;
	const char *args;
	struct mp_path *p;
};

static void result(struct probe *pr, int err, int prio, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void result(struct probe *pr, int err, int prio, const char *fmt, ...)
{
	struct mp_prio_probe *o = &pr->p->probe;
	va_list ap;

	o->err = err;
	o->prio = err ? 0 : prio;
	va_start(ap, fmt);
	vsnprintf(o->reason, sizeof(o->reason), fmt, ap);
	va_end(ap);
}

/* One data-in command; the sense is decoded on CHECK CONDITION. */
static int exec_in(struct probe *pr, const uint8_t *cdb, size_t cdb_len, uint8_t *buf, size_t size,
		   unsigned int timeout_ms, size_t *ret_len, struct mp_sense *ret_sense)
{
	struct mp_scsi_io io = {.cdb = cdb, .cdb_len = cdb_len, .buf = buf, .buf_len = size,
				.timeout_ms = timeout_ms};
	int r = mp_scsi_execute(pr->ctx, pr->p->dev, &io);

	memset(ret_sense, 0, sizeof(*ret_sense));
	if (r == -EREMOTEIO)
		(void)mp_sense_decode(io.sense, io.sense_len, ret_sense);
	*ret_len = io.data_len;
	/* RECOVERED ERROR completed the command: use its data. */
	if (r == -EREMOTEIO && ret_sense->key == MP_SK_RECOVERED_ERROR)
		r = 0;
	return r;
}

static void failed(struct probe *pr, const char *what, int r, const struct mp_sense *s)
{
	char why[96];

	if (r == -EREMOTEIO)
		mp_sense_format(s, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "%s", strerror(-r));
	result(pr, r, 0, "%s failed: %s", what, why);
}

static int vpd(struct probe *pr, uint8_t page, uint8_t *buf, size_t size, size_t *len)
{
	uint8_t cdb[MP_CDB6_LEN];
	struct mp_sense s;
	char what[32];
	int r;

	mp_cdb_inquiry(cdb, true, page, (uint16_t)size);
	r = exec_in(pr, cdb, sizeof(cdb), buf, size, pr->timeout_ms, len, &s);
	if (r < 0) {
		snprintf(what, sizeof(what), "INQUIRY VPD 0x%02X", page);
		failed(pr, what, r, &s);
	}
	return r;
}

static int std_inquiry(struct probe *pr, uint8_t *buf, size_t *len, unsigned int timeout_ms)
{
	uint8_t cdb[MP_CDB6_LEN];
	struct mp_sense s;
	int r;

	mp_cdb_inquiry(cdb, false, 0, MP_VENDOR_STD_INQ_ALLOC);
	r = exec_in(pr, cdb, sizeof(cdb), buf, MP_VENDOR_STD_INQ_ALLOC, timeout_ms, len, &s);
	if (r < 0)
		failed(pr, "INQUIRY", r, &s);
	return r;
}

/* The end of a page-based probe: the decoder's and then the value function's verdict. */
static void finish(struct probe *pr, int decoded, const char *bad_format, int valued,
		   const int *v, const char *why)
{
	if (decoded < 0)
		result(pr, -EINVAL, 0, "%s", bad_format);
	else
		result(pr, valued < 0 ? -EINVAL : 0, *v, "%s", why);
}

static void probe_emc(struct probe *pr)
{
	uint8_t buf[MP_EMC_C0_ALLOC] = {0};
	struct mp_emc_c0 c;
	char why[96] = "";
	size_t len;
	int v = 0, d;

	if (vpd(pr, MP_VPD_EMC_UNIT_PATH, buf, sizeof(buf), &len) < 0)
		return;
	d = mp_emc_c0_decode(buf, len, &c);
	finish(pr, d, "unit path report page in unknown format",
	       d < 0 ? 0 : mp_prio_emc_value(&c, &v, why, sizeof(why)), &v, why);
}

static void probe_rdac(struct probe *pr)
{
	uint8_t buf[MP_RDAC_C9_ALLOC] = {0};
	struct mp_rdac_c9 c;
	char why[96] = "";
	size_t len;
	int v = 0, d;

	if (vpd(pr, MP_VPD_RDAC_VAC, buf, sizeof(buf), &len) < 0)
		return;
	d = mp_rdac_c9_decode(buf, len, &c);
	finish(pr, d, "volume access control page in unknown format",
	       d < 0 ? 0 : mp_prio_rdac_value(&c, &v, why, sizeof(why)), &v, why);
}

static void probe_hds(struct probe *pr)
{
	uint8_t buf[MP_VENDOR_STD_INQ_ALLOC] = {0};
	struct mp_hds_ident h;
	char why[96] = "";
	size_t len;
	int v = 0, d;

	if (std_inquiry(pr, buf, &len, pr->timeout_ms) < 0)
		return;
	d = mp_hds_ident_decode(buf, len, &h);
	finish(pr, d, "INQUIRY data too short", d < 0 ? 0 : mp_prio_hds_value(&h, &v, why, sizeof(why)),
	       &v, why);
}

static void probe_datacore(struct probe *pr)
{
	uint8_t buf[MP_VENDOR_STD_INQ_ALLOC] = {0};
	struct mp_datacore_args a;
	char name[17];
	size_t len;

	if (mp_datacore_args_parse(pr->args, &a) < 0)
		return result(pr, -EINVAL, 0, "needs prio_args \"preferredsds=<name> [timeout=<ms>]\"");
	if (std_inquiry(pr, buf, &len, a.timeout_ms ? a.timeout_ms : pr->timeout_ms) < 0)
		return;
	if (mp_datacore_sds_name(buf, len, name) < 0)
		return result(pr, -EINVAL, 0, "INQUIRY data too short for a server name");
	result(pr, 0, mp_prio_datacore_value(&a, name), "server \"%s\", preferred \"%.40s\"", name,
	       a.preferredsds);
}

static void probe_ontap(struct probe *pr)
{
	uint8_t cdb[MP_CDB10_LEN], cdb6[MP_CDB6_LEN], gva[256] = {0}, c1[MP_NETAPP_ALLOC] = {0};
	enum mp_netapp_initiator ini = MP_NETAPP_INITIATOR_OTHER;
	struct mp_sense s;
	bool proxy = false;
	int gr, pr_ret = -ENODATA;
	size_t len;

	mp_cdb_netapp_gva(cdb, 0x41, MP_NETAPP_ALLOC);
	gr = exec_in(pr, cdb, sizeof(cdb), gva, sizeof(gva), pr->timeout_ms, &len, &s);
	if (gr == 0)
		gr = mp_netapp_gva41_decode(gva, len, &ini);
	/* 0.9.4 gives 0 here; an error keeps the 0 and makes it visible. */
	if (gr < 0)
		return result(pr, gr, mp_prio_ontap_value(gr, ini, 0, false),
			      "vendor attribute (GVA) query failed");
	if (ini == MP_NETAPP_INITIATOR_OTHER) {
		mp_cdb_inquiry(cdb6, true, MP_VPD_NETAPP_PROXY, MP_NETAPP_ALLOC);
		pr_ret = exec_in(pr, cdb6, sizeof(cdb6), c1, sizeof(c1), pr->timeout_ms, &len, &s);
		if (pr_ret == 0)
			pr_ret = mp_netapp_c1_decode(c1, len, &proxy);
	}
	result(pr, 0, mp_prio_ontap_value(gr, ini, pr_ret, proxy), "%s",
	       ini == MP_NETAPP_INITIATOR_ISCSI_HBA  ? "iSCSI HBA"
	       : ini == MP_NETAPP_INITIATOR_ISCSI_SW ? "iSCSI software initiator"
	       : pr_ret < 0                         ? "FCP, proxy state unknown"
	       : proxy                              ? "FCP proxy path"
						    : "FCP non-proxy path");
}

static void probe_hp_sw(struct probe *pr)
{
	struct mp_sense s = {0};
	int r = 0;

	for (int i = 0; i < HP_SW_TUR_TRIES; i++) {
		r = mp_scsi_tur(pr->ctx, pr->p->dev, pr->timeout_ms, &s);
		if (!(r == -EREMOTEIO && s.key == MP_SK_UNIT_ATTENTION && s.asc == 0x29))
			break;
	}
	result(pr, 0, mp_prio_hp_sw_value(r, &s), "%s",
	       r == 0 ? "active controller"
	       : mp_prio_hp_sw_value(r, &s) == 2 ? "standby controller (02/04/02)"
						 : "TEST UNIT READY failed");
}

static void probe_iet(struct probe *pr)
{
	struct mp_udev_props props = {0};
	char why[128];
	int v = 0, r;

	r = pr->udev_dir ? mp_udev_props_load(pr->udev_dir, pr->p->major, pr->p->minor, &props, NULL)
			 : -ENOENT;
	if (r < 0 && r != -ENOENT)
		return result(pr, r, 0, "udev database: %s", strerror(-r));
	r = mp_prio_iet_value(pr->args, r < 0 ? NULL : mp_udev_props_get(&props, "ID_PATH"), &v,
			      why, sizeof(why));
	mp_udev_props_clear(&props);
	result(pr, r, v, "%s", why);
}

static void probe_ana(struct probe *pr)
{
	int state = 0, v = 0, r;

	r = mp_nvme_ana_query(pr->ctx->nvme, pr->ctx->nvme_data, pr->p->dev, (uint32_t)pr->p->lun, &state);
	if (r < 0)
		return result(pr, r, 0, "ANA state unknown: %s",
			      r == -EOPNOTSUPP ? "controller does not report ANA" : strerror(-r));
	if (mp_prio_ana_value(state, &v) < 0)
		return result(pr, -EINVAL, 0, "invalid ANA state 0x%x", state);
	result(pr, 0, v, "ANA %s", mp_ana_state_name(state));
}

static double now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void probe_path_latency(struct probe *pr)
{
	struct mp_path_latency_args a;
	double lat[200];
	uint8_t buf[4096];
	bool defaults = mp_path_latency_args_parse(pr->args, &a) < 0;

	for (unsigned int i = 0; i < a.io_num; i++) {
		/* READ(10) of one block at LBA 0; 4 KiB covers any logical block size we see. */
		uint8_t cdb[10] = {0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0};
		struct mp_sense s;
		size_t len;
		double t0 = now_usec();
		int r = exec_in(pr, cdb, sizeof(cdb), buf, sizeof(buf), pr->timeout_ms, &len, &s);

		if (r < 0)
			return failed(pr, "read", r, &s);
		lat[i] = now_usec() - t0;
	}
	result(pr, 0, mp_prio_path_latency_value(lat, a.io_num, a.base_num), "%u reads, base %.3g%s",
	       a.io_num, a.base_num, defaults ? " (args invalid: defaults)" : "");
}

struct prober {
	const char *name;
	void (*fn)(struct probe *pr);
};

static const struct prober probers[] = {
	{"emc", probe_emc},     {"rdac", probe_rdac},         {"hds", probe_hds},
	{"ontap", probe_ontap}, {"hp_sw", probe_hp_sw},       {"datacore", probe_datacore},
	{"iet", probe_iet},     {"ana", probe_ana},           {"path_latency", probe_path_latency},
};

static const struct prober *prober_of(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(probers); i++)
		if (streq(probers[i].name, name))
			return &probers[i];
	return NULL;
}

bool mp_prio_needs_probe(const char *name)
{
	return prober_of(name) != NULL;
}

int mp_prio_probe(const struct mp_ctx *ctx, const char *udev_dir, unsigned int timeout_ms,
		  const char *name, const char *args, struct mp_path *p)
{
	const struct prober *pb = prober_of(name);
	struct probe pr = {ctx, udev_dir, timeout_ms ? timeout_ms : PROBE_DEFAULT_TIMEOUT_MS, args, p};

	if (!pb)
		return 0;
	memset(&p->probe, 0, sizeof(p->probe));
	snprintf(p->probe.name, sizeof(p->probe.name), "%s", name);
	snprintf(p->probe.args, sizeof(p->probe.args), "%s", args ? args : "");
	pb->fn(&pr);
	return 0;
}

void mp_prio_probe_skip(struct mp_path *p, const char *name, const char *args, const char *why)
{
	memset(&p->probe, 0, sizeof(p->probe));
	snprintf(p->probe.name, sizeof(p->probe.name), "%s", name);
	snprintf(p->probe.args, sizeof(p->probe.args), "%s", args ? args : "");
	p->probe.err = -ENODATA;
	snprintf(p->probe.reason, sizeof(p->probe.reason), "%s", why);
}

int mp_prio_probed(const char *name, const char *args, const struct mp_path *p,
		   struct mp_prio_result *ret)
{
	const struct mp_prio_probe *o = &p->probe;

	if (!streq(o->name, name) || !streq(o->args, args ? args : "")) {
		snprintf(ret->reason, sizeof(ret->reason), "%s: device not asked yet", name);
		return -ENODATA;
	}
	snprintf(ret->reason, sizeof(ret->reason), "%s: %s", name, o->reason);
	if (o->err)
		return o->err;
	ret->prio = o->prio;
	return 0;
}
