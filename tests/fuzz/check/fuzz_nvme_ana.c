/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NVMe ANA answers: Identify data and the ANA log page, up to the log size
 * mpath asks for (MP_NVME_ANA_LOG_MAX). Bytes 0-7 are the NSID and group
 * looked for; the rest is the log, and its first 4 KiB the Identify data.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "discover/nvme_ana.h"
#include "policy/prio_vendor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_nvme_ctrl_ana c;
	uint32_t nsid, grpid, n;
	int state, v;

	if (size < 8)
		return 0;
	memcpy(&nsid, data, 4);
	memcpy(&grpid, data + 4, 4);
	data += 8;
	size -= 8;
	if (size > MP_NVME_ANA_LOG_MAX)
		size = MP_NVME_ANA_LOG_MAX;
	if (mp_nvme_ctrl_ana_decode(data, size, &c) == 0)
		(void)mp_nvme_ana_log_size(&c, &n);
	(void)mp_nvme_ns_anagrpid(data, size, &n);
	if (mp_nvme_ana_log_state(data, size, nsid, grpid, &state) == 0) {
		(void)mp_prio_ana_value(state, &v);
		(void)mp_ana_state_name(state);
	}
	return 0;
}
