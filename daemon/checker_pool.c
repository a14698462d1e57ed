/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Checkers that can only block ("tur": SG_IO TEST UNIT READY, "readsector0":
 * a synchronous O_DIRECT read): they run on the worker pool, and the pool's
 * deadline turns a hung call into MP_PATH_TIMEOUT without waiting for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <scsi/sg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "checker.h"
#include "runtime/workers.h"

#define SENSE_LEN 32
#define TUR_RETRIES 3 /* a unit attention is news, not a failure: ask again */

struct pool_check {
	char devnode[256];
	int timeout_ms;
	checker_sg_io_fn sg_io;
	void *sg_data;
	bool is_tur;
	int open_flags;
	check_done_fn done;
	void *userdata;
	struct check_result result; /* written by the worker, read after it finished */
};

static int real_sg_io(void *data, int fd, struct sg_io_hdr *hdr)
{
	(void)data;
	return ioctl(fd, SG_IO, hdr) < 0 ? -errno : 0;
}

static void sense_fields(const unsigned char *sense, unsigned len, int *key, int *asc, int *ascq)
{
	unsigned code = len ? sense[0] & 0x7f : 0;

	*key = *asc = *ascq = -1;
	if ((code == 0x72 || code == 0x73) && len >= 4) { /* descriptor format */
		*key = sense[1] & 0xf;
		*asc = sense[2];
		*ascq = sense[3];
	} else if ((code == 0x70 || code == 0x71) && len >= 14) { /* fixed format */
		*key = sense[2] & 0xf;
		*asc = sense[12];
		*ascq = sense[13];
	}
}

void tur_decode(int ioctl_ret, const struct sg_io_hdr *hdr, struct check_result *r)
{
	int key, asc, ascq;

	if (ioctl_ret < 0) {
		check_result_set(r, MP_PATH_DOWN, "tur: SG_IO failed: %s", strerror(-ioctl_ret));
		return;
	}
	if (hdr->host_status != 0) { /* DID_OK */
		check_result_set(r, MP_PATH_DOWN, "tur: transport error (host status 0x%x)",
				 hdr->host_status);
		return;
	}
	if (hdr->status == 0 && (hdr->driver_status & 0xf) == 0) {
		check_result_set(r, MP_PATH_UP, "tur: ready");
		return;
	}
	sense_fields(hdr->sbp, hdr->sb_len_wr, &key, &asc, &ascq);
	if (key == 0x2 && asc == 0x04) { /* NOT READY, LOGICAL UNIT NOT ACCESSIBLE ... */
		switch (ascq) {
		case 0x0b:
			check_result_set(r, MP_PATH_GHOST, "tur: target port in standby state");
			return;
		case 0x0a:
			check_result_set(r, MP_PATH_PENDING, "tur: asymmetric access state transition");
			return;
		case 0x0c:
			check_result_set(r, MP_PATH_DOWN, "tur: target port in unavailable state");
			return;
		default:
			break;
		}
	}
	if (key == 0x6) {
		check_result_set(r, MP_PATH_PENDING, "tur: unit attention (asc 0x%02x/0x%02x)", asc, ascq);
		return;
	}
	if (key >= 0)
		check_result_set(r, MP_PATH_DOWN, "tur: sense key 0x%x asc 0x%02x ascq 0x%02x", key,
				 asc, ascq);
	else
		check_result_set(r, MP_PATH_DOWN, "tur: status 0x%x, no usable sense", hdr->status);
}

static void do_tur(struct pool_check *c, int fd)
{
	for (int attempt = 0; attempt < TUR_RETRIES; attempt++) {
		unsigned char cdb[6] = {0}; /* TEST UNIT READY */
		unsigned char sense[SENSE_LEN] = {0};
		struct sg_io_hdr hdr = {
			.interface_id = 'S',
			.dxfer_direction = SG_DXFER_NONE,
			.cmd_len = sizeof(cdb),
			.mx_sb_len = sizeof(sense),
			.cmdp = cdb,
			.sbp = sense,
			.timeout = (unsigned)c->timeout_ms,
		};
		int r = c->sg_io(c->sg_data, fd, &hdr);

		tur_decode(r, &hdr, &c->result);
		if (!(c->result.state == MP_PATH_PENDING && strstr(c->result.message, "unit attention")))
			return;
	}
	check_result_set(&c->result, MP_PATH_DOWN, "tur: unit attention persists");
}

static void do_read(struct pool_check *c, int fd)
{
	void *buf;
	ssize_t n;

	if (posix_memalign(&buf, 4096, 4096) != 0) {
		check_result_set(&c->result, MP_PATH_PENDING, "readsector0: out of memory");
		return;
	}
	n = pread(fd, buf, 4096, 0);
	if (n < 0)
		check_result_set(&c->result, MP_PATH_DOWN, "readsector0: read failed: %s", strerror(errno));
	else if (n == 0)
		check_result_set(&c->result, MP_PATH_DOWN, "readsector0: device is empty");
	else
		check_result_set(&c->result, MP_PATH_UP, "readsector0: read %zd bytes", n);
	free(buf);
}

/* Worker thread: may block for as long as the device wants. */
static int pool_check_run(void *arg)
{
	struct pool_check *c = arg;
	int fd = open(c->devnode, c->is_tur ? (O_RDONLY | O_NONBLOCK | O_CLOEXEC)
					     : (c->open_flags | O_CLOEXEC));

	if (fd < 0) {
		check_result_set(&c->result, MP_PATH_DOWN, "%s: open %s: %s",
				 c->is_tur ? "tur" : "readsector0", c->devnode, strerror(errno));
		return 0;
	}
	if (c->is_tur)
		do_tur(c, fd);
	else
		do_read(c, fd);
	close(fd);
	return 0;
}

static void pool_check_done(void *arg, int result, enum work_status status, void *userdata)
{
	struct pool_check *c = arg;
	struct check_result r;
	const char *name = c->is_tur ? "tur" : "readsector0";

	(void)result;
	(void)userdata;
	switch (status) {
	case WORK_DONE:
		c->done(c->userdata, &c->result);
		return;
	case WORK_TIMEOUT:
		check_result_set(&r, MP_PATH_TIMEOUT, "%s: no answer before the deadline", name);
		break;
	case WORK_EXPIRED:
		check_result_set(&r, MP_PATH_PENDING, "%s: not run, every worker busy", name);
		break;
	}
	c->done(c->userdata, &r);
}

static int pool_start(bool is_tur, const struct checker_env *env, const char *devnode,
		      uint64_t deadline_usec, check_done_fn done, void *userdata)
{
	struct pool_check *c;
	uint64_t now = 0;
	int r;

	if (!env->pool || strlen(devnode) >= sizeof(c->devnode))
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	strcpy(c->devnode, devnode);
	c->is_tur = is_tur;
	c->open_flags = env->no_direct ? O_RDONLY : O_RDONLY | O_DIRECT;
	c->sg_io = env->sg_io ? env->sg_io : real_sg_io;
	c->sg_data = env->sg_data;
	c->done = done;
	c->userdata = userdata;
	{
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
	}
	/* The kernel's own SCSI timeout: just under ours, at least 1 s. */
	c->timeout_ms = deadline_usec > now + 1000000 ? (int)((deadline_usec - now) / 1000) : 1000;
	r = workers_submit(env->pool, pool_check_run, c, deadline_usec, pool_check_done, free, NULL);
	if (r == -EAGAIN) {
		struct check_result res;

		/* Queue full: "pending" now rather than a false failure. */
		free(c);
		check_result_set(&res, MP_PATH_PENDING, "%s: check queue full", is_tur ? "tur" : "readsector0");
		done(userdata, &res);
		return 0;
	}
	if (r < 0)
		free(c);
	return r;
}

static int tur_start(const struct checker_env *env, const char *devnode, uint64_t deadline_usec,
		     check_done_fn done, void *userdata)
{
	return pool_start(true, env, devnode, deadline_usec, done, userdata);
}

static int readsector0_start(const struct checker_env *env, const char *devnode,
			     uint64_t deadline_usec, check_done_fn done, void *userdata)
{
	return pool_start(false, env, devnode, deadline_usec, done, userdata);
}

const struct checker_ops checker_tur = {"tur", tur_start};
const struct checker_ops checker_readsector0 = {"readsector0", readsector0_start};
