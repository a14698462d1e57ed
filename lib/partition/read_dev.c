/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The imperative edge of the parsers: a struct mp_part_source over a block
 * device. Reads use O_DIRECT, as kpartx does, so that a table just written
 * through one path of the LUN is not answered from a stale page cache of
 * the map; every read is widened to whole logical sectors in an aligned
 * bounce buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common/macros.h"
#include "partition/partition.h"
#include "partition/read_dev.h"

struct dev_reader {
	int fd;
	unsigned int ss;
};

static int dev_read(void *userdata, uint64_t off, void *buf, size_t len)
{
	const struct dev_reader *d = userdata;
	uint64_t first = off / d->ss * d->ss;
	uint64_t end = (off + len + d->ss - 1) / d->ss * d->ss;
	size_t span = (size_t)(end - first);
	void *bounce = NULL;
	ssize_t n;

	if (posix_memalign(&bounce, 4096, span) != 0)
		return -ENOMEM;
	n = pread(d->fd, bounce, span, (off_t)first);
	if (n < 0 || (size_t)n != span) {
		int e = n < 0 ? errno : EIO;

		free(bounce);
		return -e;
	}
	memcpy(buf, (uint8_t *)bounce + (off - first), len);
	free(bounce);
	return 0;
}

int mp_part_read_device(const char *path, bool force_gpt, struct mp_part_table *ret,
			struct mp_diags *diags)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_DIRECT | O_CLOEXEC);
	struct dev_reader d = {.fd = fd};
	struct mp_part_source src;
	uint64_t size;
	int ss;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, BLKGETSIZE64, &size) < 0 || ioctl(fd, BLKSSZGET, &ss) < 0)
		return -errno;
	if (ss < 512 || ss > 65536 || (ss & (ss - 1)))
		return -EINVAL;
	d.ss = (unsigned int)ss;
	/* Tables on other logical sector sizes are read in 512-byte units,
	 * as kpartx reads them. */
	src = (struct mp_part_source){
		.read = dev_read,
		.userdata = &d,
		.size = size,
		.sector_size = ss == 4096 ? 4096 : 512,
	};
	if (force_gpt) {
		int r = mp_part_read_gpt(&src, true, ret, diags);

		if (r != -ENOENT)
			return r;
	}
	return mp_part_read_table(&src, ret, diags);
}
