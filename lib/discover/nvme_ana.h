/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Asymmetric Namespace Access (NVMe base specification 2.0, 5.16.1.13 and
 * 8.1; ANA was TP 4004): which state the namespace is in on the controller
 * this path leads to. Command builders and decoders are pure; mp_nvme_ana_query()
 * runs them through an NVMe transport.
 *
 * Identify Controller (CNS 01h): CMIC byte 76 bit 3 = ANA reporting; ANACAP
 *   byte 343 bit 6 = ANAGRPID of a namespace never changes; NANAGRPID bytes
 *   348-351; MNAN bytes 540-543.
 * Identify Namespace (CNS 00h): ANAGRPID bytes 92-95.
 * ANA log page (LID 0Ch): 16-byte header (change count 0-7, descriptor
 *   count 8-9), then per group: ANAGRPID 0-3, number of NSIDs 4-7, change
 *   count 8-15, state byte 16 bits 3:0, NSID list from byte 32 (4 bytes
 *   each). LSP bit 0 (RGO) asks for groups without NSID lists.
 */
#ifndef MPATH_DISCOVER_NVME_ANA_H
#define MPATH_DISCOVER_NVME_ANA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discover/nvme_admin.h"

struct mp_ctx;

enum mp_ana_state {
	MP_ANA_OPTIMIZED = 0x1,
	MP_ANA_NON_OPTIMIZED = 0x2,
	MP_ANA_INACCESSIBLE = 0x3,
	MP_ANA_PERSISTENT_LOSS = 0x4,
	MP_ANA_CHANGE = 0xf,
};

#define MP_NVME_ID_LEN 4096
/* Upper bound of the log we ask for: a controller claiming more groups or
 * namespaces than fit is refused rather than trusted with our memory. */
#define MP_NVME_ANA_LOG_MAX (256 * 1024)

struct mp_nvme_ctrl_ana {
	bool supported;     /* CMIC bit 3 */
	bool grpid_fixed;   /* ANACAP bit 6 */
	uint32_t nanagrpid;
	uint32_t mnan;
};

/* "optimized", "non-optimized", "inaccessible", "persistent-loss", "change", "invalid". */
const char *mp_ana_state_name(int state);

void mp_nvme_cmd_identify(struct mp_nvme_admin_cmd *cmd, uint8_t cns, uint32_t nsid, void *buf,
			  uint32_t len);
/* Get Log Page 0Ch of len bytes (a multiple of 4), RAE set, RGO when @groups_only. */
void mp_nvme_cmd_ana_log(struct mp_nvme_admin_cmd *cmd, void *buf, uint32_t len, bool groups_only);

/* Return: 0; -EINVAL when shorter than 544 bytes. */
int mp_nvme_ctrl_ana_decode(const uint8_t *buf, size_t len, struct mp_nvme_ctrl_ana *ret);
/* Return: 0; -EINVAL when shorter than 96 bytes. */
int mp_nvme_ns_anagrpid(const uint8_t *buf, size_t len, uint32_t *ret);

/* Bytes of the ANA log for this controller. Return: 0; -E2BIG beyond MP_NVME_ANA_LOG_MAX. */
int mp_nvme_ana_log_size(const struct mp_nvme_ctrl_ana *c, uint32_t *ret);

/*
 * mp_nvme_ana_log_state() - the state of namespace @nsid (listed in a
 * group's NSID list) or, when @grpid is not 0, of group @grpid.
 * Return: 0 and *ret_state (the raw 4-bit value, which may be a reserved
 * one); -ENOENT when neither is in the log; -EINVAL when a descriptor runs
 * past len or the header is short.
 */
int mp_nvme_ana_log_state(const uint8_t *buf, size_t len, uint32_t nsid, uint32_t grpid,
			  int *ret_state);

/*
 * mp_nvme_ana_query() - ask @dev for its ANA state through @t.
 * Return: 0 with *ret_state; -EOPNOTSUPP when the controller does not report
 * ANA; -EIO when it failed a command (status in the log); -errno of the
 * transport; the decoders' errors.
 */
int mp_nvme_ana_query(const struct mp_nvme_transport *t, void *data, const char *dev,
		      uint32_t nsid, int *ret_state);

#endif
