/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The NVMe admin-command seam, the NVMe counterpart of transport.h: the ana
 * prioritizer sends Identify and Get Log Page through it, tests and the
 * fuzzer answer from a table (mp_fake_nvme_transport), the host uses the
 * kernel's NVME_IOCTL_ADMIN_CMD passthrough (mp_nvme_ioctl_transport).
 */
#ifndef MPATH_DISCOVER_NVME_ADMIN_H
#define MPATH_DISCOVER_NVME_ADMIN_H

#include <stddef.h>
#include <stdint.h>

enum {
	MP_NVME_ADMIN_GET_LOG_PAGE = 0x02,
	MP_NVME_ADMIN_IDENTIFY = 0x06,
};

/* One data-in admin command. The caller owns buf. */
struct mp_nvme_admin_cmd {
	uint8_t opcode;
	uint32_t nsid;
	uint32_t cdw10, cdw11;
	void *buf;
	uint32_t buf_len;
	unsigned int timeout_ms;
	/* Filled by admin(): */
	uint16_t status; /* the completion's status field (SCT/SC); 0 = success */
	uint32_t result; /* completion dword 0 */
};

struct mp_nvme_transport {
	/*
	 * admin() - run cmd on dev ("nvme0n1", "nvme0").
	 * Return: 0 when the controller completed the command (cmd->status says
	 * how); -errno when it could not be sent (no device, no permission,
	 * -ETIMEDOUT, -ENOTTY for a device that is not NVMe).
	 */
	int (*admin)(void *data, const char *dev, struct mp_nvme_admin_cmd *cmd);
};

/* Live: NVME_IOCTL_ADMIN_CMD on <data>/<dev>; data is a const char * device
 * directory, NULL meaning "/dev". */
extern const struct mp_nvme_transport mp_nvme_ioctl_transport;

/* Scripted answers for tests: one buffer per command kind, copied up to the
 * command's length; error < 0 makes every command fail with it. */
struct mp_fake_nvme {
	const uint8_t *id_ctrl, *id_ns, *ana_log;
	size_t id_ctrl_len, id_ns_len, ana_log_len;
	uint16_t status; /* returned as the completion status of every command */
	int error;
	unsigned int calls;
	uint32_t last_cdw10; /* of the last Get Log Page, so tests can check LID/LSP/NUMDL */
};

extern const struct mp_nvme_transport mp_fake_nvme_transport;

#endif
