/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Prioritizers of arrays that answer only to their own commands. Split in
 * two like the rest of mpath: pure value functions (decoded answer ->
 * priority, values as multipath-tools 0.9.4 gives them, so path groups and
 * failback behave the same after a switch), and mp_prio_probe(), the thin
 * shell that sends the commands through the context's transports and stores
 * the outcome in mp_path.probe, which mp_prio_compute() then reads.
 *
 *   emc       VPD 0xC0: LUN state (0 unbound, 1 bound, 2 owned) + 2 when the
 *             path's SP is the LUN's default SP
 *   rdac      VPD 0xC9: +4 preferred path, +1 secondary path, +2 owner, +8 IOSHIP
 *   hds       INQUIRY bytes 44-49: 1 when the controller digit and the LDEV's last
 *             hex digit are both even or both odd, else 0
 *   ontap     GVA 0x41 / VPD 0xC1: 4 FCP non-proxy (or unknown), 3 iSCSI HBA,
 *             2 iSCSI software, 1 FCP proxy; 0 when GVA fails
 *   hp_sw     TUR: 4 good, 2 standby (02/04/02), 0 otherwise
 *   datacore  INQUIRY bytes 112-127 (server name) contain preferredsds -> 1, else 0
 *   iet       the path's udev ID_PATH holds preferredip's IPv4 address -> 20, else 10
 *   ana       NVMe ANA state: optimized 50, non-optimized 10, inaccessible 1,
 *             change 1, persistent loss 0
 *   path_latency  io_num reads of one block: floor(log_base(1e8 us) - mean log_base(latency))
 */
#ifndef MPATH_POLICY_PRIO_VENDOR_H
#define MPATH_POLICY_PRIO_VENDOR_H

#include <stdbool.h>
#include <stddef.h>

#include "discover/sense.h"
#include "discover/vendor_vpd.h"
#include "model.h"
#include "policy/prio.h"

struct mp_ctx;

/* Return: 0 with *ret; -EINVAL when the answer does not allow a value (why says it). */
int mp_prio_emc_value(const struct mp_emc_c0 *c, int *ret, char *why, size_t why_size);
int mp_prio_rdac_value(const struct mp_rdac_c9 *c, int *ret, char *why, size_t why_size);
int mp_prio_hds_value(const struct mp_hds_ident *h, int *ret, char *why, size_t why_size);
/* @gva_ret: 0 when GVA 0x41 answered and decoded; @proxy_ret: 0 when VPD 0xC1 did. */
int mp_prio_ontap_value(int gva_ret, enum mp_netapp_initiator ini, int proxy_ret, bool proxy);
/* @tur_ret: mp_scsi_tur()'s return, @s its sense (read on -EREMOTEIO). */
int mp_prio_hp_sw_value(int tur_ret, const struct mp_sense *s);
int mp_prio_ana_value(int ana_state, int *ret);

struct mp_datacore_args {
	char preferredsds[128];
	unsigned int timeout_ms; /* 0: not given */
};
/* "preferredsds=NAME [timeout=MS]" in either order. Return: 0; -EINVAL. */
int mp_datacore_args_parse(const char *args, struct mp_datacore_args *ret);
int mp_prio_datacore_value(const struct mp_datacore_args *a, const char *sds_name);

/* Return: 0 with *ret (20 or 10); -EINVAL for missing/short preferredip=; -ENODATA
 * when id_path is NULL (udev knows nothing of the device). */
int mp_prio_iet_value(const char *args, const char *id_path, int *ret, char *why,
		      size_t why_size);

struct mp_path_latency_args {
	unsigned int io_num; /* 20..200, default 100 */
	double base_num;     /* 1.1..10, default 10^(1/4) */
};
/* "io_num=N base_num=B". Return: 0; -EINVAL with the defaults in *ret (0.9.4 uses them then). */
int mp_path_latency_args_parse(const char *args, struct mp_path_latency_args *ret);
/* Priority from @n latencies in microseconds (0 counts in n but adds nothing, as in 0.9.4). */
int mp_prio_path_latency_value(const double *usec, size_t n, double base_num);

/* Whether @name needs mp_prio_probe() before mp_prio_compute() can answer. */
bool mp_prio_needs_probe(const char *name);

/*
 * mp_prio_probe() - ask the device behind @p what prioritizer @name needs
 * and store the outcome in p->probe (also on failure: err and reason).
 * SCSI commands go through ctx->scsi, "ana"'s NVMe admin commands through
 * ctx->nvme (NULL: ana fails with -EOPNOTSUPP).
 * @udev_dir: udev's database, for "iet" (NULL: there is none)
 * @timeout_ms: each command's timeout (checker_timeout, as in 0.9.4); 0 means 30 s
 * Return: 0 when @name does not probe or the probe ran (look at p->probe.err).
 */
int mp_prio_probe(const struct mp_ctx *ctx, const char *udev_dir, unsigned int timeout_ms,
		  const char *name, const char *args, struct mp_path *p);

/* Record that @p was not asked (a path known to be down: asking could only
 * hang), so mp_prio_compute() reports @why instead of a value. */
void mp_prio_probe_skip(struct mp_path *p, const char *name, const char *args, const char *why);

/* mp_prio_compute()'s answer for a probing prioritizer: p->probe, if it is for @name/@args. */
int mp_prio_probed(const char *name, const char *args, const struct mp_path *p,
		   struct mp_prio_result *ret);

#endif
