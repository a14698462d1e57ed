/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The two NVMe admin transports: the kernel's passthrough ioctl and a scripted fake. */
#include <errno.h>
#include <fcntl.h>
#include <linux/nvme_ioctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "discover/nvme_admin.h"

static int ioctl_admin(void *data, const char *dev, struct mp_nvme_admin_cmd *cmd)
{
	const char *root = data ? data : "/dev";
	struct nvme_admin_cmd k = {0};
	char node[512];
	int fd, r;

	if (strchr(dev, '/'))
		return -EINVAL;
	snprintf(node, sizeof(node), "%s/%s", root, dev);
	fd = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	k.opcode = cmd->opcode;
	k.nsid = cmd->nsid;
	k.cdw10 = cmd->cdw10;
	k.cdw11 = cmd->cdw11;
	k.addr = (uint64_t)(uintptr_t)cmd->buf;
	k.data_len = cmd->buf_len;
	k.timeout_ms = cmd->timeout_ms;
	/* The ioctl returns the NVMe status (> 0) or -1 with errno. */
	r = ioctl(fd, NVME_IOCTL_ADMIN_CMD, &k);
	if (r < 0)
		r = -errno;
	close(fd);
	if (r < 0)
		return r;
	cmd->status = (uint16_t)r;
	cmd->result = k.result;
	return 0;
}

const struct mp_nvme_transport mp_nvme_ioctl_transport = {.admin = ioctl_admin};

static int fake_admin(void *data, const char *dev, struct mp_nvme_admin_cmd *cmd)
{
	struct mp_fake_nvme *f = data;
	const uint8_t *src = NULL;
	size_t n = 0;

	(void)dev;
	f->calls++;
	if (f->error < 0)
		return f->error;
	if (cmd->opcode == MP_NVME_ADMIN_IDENTIFY && (cmd->cdw10 & 0xff) == 0x01) {
		src = f->id_ctrl;
		n = f->id_ctrl_len;
	} else if (cmd->opcode == MP_NVME_ADMIN_IDENTIFY && (cmd->cdw10 & 0xff) == 0x00) {
		src = f->id_ns;
		n = f->id_ns_len;
	} else if (cmd->opcode == MP_NVME_ADMIN_GET_LOG_PAGE && (cmd->cdw10 & 0xff) == 0x0c) {
		src = f->ana_log;
		n = f->ana_log_len;
		f->last_cdw10 = cmd->cdw10;
	} else {
		cmd->status = 0x0001; /* invalid command opcode */
		return 0;
	}
	if (n > cmd->buf_len)
		n = cmd->buf_len;
	if (src && n)
		memcpy(cmd->buf, src, n);
	cmd->status = f->status;
	return 0;
}

const struct mp_nvme_transport mp_fake_nvme_transport = {.admin = fake_admin};
