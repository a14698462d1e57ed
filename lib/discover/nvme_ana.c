/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "discover/nvme_ana.h"

#define ANA_TIMEOUT_MS 30000

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

const char *mp_ana_state_name(int state)
{
	switch (state) {
	case MP_ANA_OPTIMIZED:
		return "optimized";
	case MP_ANA_NON_OPTIMIZED:
		return "non-optimized";
	case MP_ANA_INACCESSIBLE:
		return "inaccessible";
	case MP_ANA_PERSISTENT_LOSS:
		return "persistent-loss";
	case MP_ANA_CHANGE:
		return "change";
	default:
		return "invalid";
	}
}

void mp_nvme_cmd_identify(struct mp_nvme_admin_cmd *cmd, uint8_t cns, uint32_t nsid, void *buf,
			  uint32_t len)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->opcode = MP_NVME_ADMIN_IDENTIFY;
	cmd->nsid = nsid;
	cmd->cdw10 = cns;
	cmd->buf = buf;
	cmd->buf_len = len;
	cmd->timeout_ms = ANA_TIMEOUT_MS;
}

void mp_nvme_cmd_ana_log(struct mp_nvme_admin_cmd *cmd, void *buf, uint32_t len, bool groups_only)
{
	uint32_t numd = len / 4 - 1; /* zero-based dword count */

	memset(cmd, 0, sizeof(*cmd));
	cmd->opcode = MP_NVME_ADMIN_GET_LOG_PAGE;
	cmd->nsid = 0xffffffff;
	/* LID 0Ch; LSP bit 0 = RGO; RAE (bit 15) so the kernel's pending ANA
	 * change event is not cleared by our read; NUMDL in bits 31:16. */
	cmd->cdw10 = 0x0c | (groups_only ? 1u << 8 : 0) | 1u << 15 | (numd & 0xffff) << 16;
	cmd->cdw11 = numd >> 16;
	cmd->buf = buf;
	cmd->buf_len = len;
	cmd->timeout_ms = ANA_TIMEOUT_MS;
}

int mp_nvme_ctrl_ana_decode(const uint8_t *buf, size_t len, struct mp_nvme_ctrl_ana *ret)
{
	if (len < 544)
		return -EINVAL;
	ret->supported = buf[76] & 0x08;
	ret->grpid_fixed = buf[343] & 0x40;
	ret->nanagrpid = le32(buf + 348);
	ret->mnan = le32(buf + 540);
	return 0;
}

int mp_nvme_ns_anagrpid(const uint8_t *buf, size_t len, uint32_t *ret)
{
	if (len < 96)
		return -EINVAL;
	*ret = le32(buf + 92);
	return 0;
}

int mp_nvme_ana_log_size(const struct mp_nvme_ctrl_ana *c, uint32_t *ret)
{
	uint64_t n = 16 + (uint64_t)c->nanagrpid * 32;

	/* Without fixed group ids the NSID lists are needed: each namespace
	 * appears in at most one group, so MNAN entries bound them all. */
	if (!c->grpid_fixed)
		n += (uint64_t)c->mnan * 4;
	if (n > MP_NVME_ANA_LOG_MAX)
		return -E2BIG;
	*ret = (uint32_t)n;
	return 0;
}

int mp_nvme_ana_log_state(const uint8_t *buf, size_t len, uint32_t nsid, uint32_t grpid,
			  int *ret_state)
{
	size_t off = 16;
	unsigned int ngroups;

	if (len < 16)
		return -EINVAL;
	ngroups = (unsigned int)buf[8] | (unsigned int)buf[9] << 8;
	for (unsigned int g = 0; g < ngroups; g++) {
		const uint8_t *d = buf + off;
		uint32_t nn;

		if (len - off < 32)
			return -EINVAL;
		nn = le32(d + 4);
		if ((uint64_t)nn * 4 > len - off - 32)
			return -EINVAL;
		for (uint32_t i = 0; i < nn; i++) {
			if (le32(d + 32 + 4 * (size_t)i) == nsid) {
				*ret_state = d[16] & 0x0f;
				return 0;
			}
		}
		if (grpid != 0 && le32(d) == grpid) {
			*ret_state = d[16] & 0x0f;
			return 0;
		}
		off += 32 + (size_t)nn * 4;
	}
	return -ENOENT;
}

static int run(const struct mp_nvme_transport *t, void *data, const char *dev,
	       struct mp_nvme_admin_cmd *cmd)
{
	int r = t->admin(data, dev, cmd);

	if (r < 0)
		return r;
	return cmd->status ? -EIO : 0;
}

int mp_nvme_ana_query(const struct mp_nvme_transport *t, void *data, const char *dev,
		      uint32_t nsid, int *ret_state)
{
	_cleanup_free_ uint8_t *id = NULL, *log = NULL;
	struct mp_nvme_admin_cmd cmd;
	struct mp_nvme_ctrl_ana c;
	uint32_t grpid = 0, size;
	int r;

	if (!t || !t->admin)
		return -EOPNOTSUPP;
	id = calloc(1, MP_NVME_ID_LEN);
	if (!id)
		return -ENOMEM;
	mp_nvme_cmd_identify(&cmd, 0x01, 0, id, MP_NVME_ID_LEN);
	r = run(t, data, dev, &cmd);
	if (r < 0)
		return r;
	r = mp_nvme_ctrl_ana_decode(id, MP_NVME_ID_LEN, &c);
	if (r < 0)
		return r;
	if (!c.supported)
		return -EOPNOTSUPP;
	if (c.grpid_fixed) {
		memset(id, 0, MP_NVME_ID_LEN);
		mp_nvme_cmd_identify(&cmd, 0x00, nsid, id, MP_NVME_ID_LEN);
		r = run(t, data, dev, &cmd);
		if (r < 0)
			return r;
		r = mp_nvme_ns_anagrpid(id, MP_NVME_ID_LEN, &grpid);
		if (r < 0)
			return r;
	}
	r = mp_nvme_ana_log_size(&c, &size);
	if (r < 0)
		return r;
	log = calloc(1, size);
	if (!log)
		return -ENOMEM;
	mp_nvme_cmd_ana_log(&cmd, log, size, c.grpid_fixed);
	r = run(t, data, dev, &cmd);
	if (r < 0)
		return r;
	return mp_nvme_ana_log_state(log, size, nsid, grpid, ret_state);
}
