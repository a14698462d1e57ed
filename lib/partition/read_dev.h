/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MPATH_PARTITION_READ_DEV_H
#define MPATH_PARTITION_READ_DEV_H

#include "partition/partition.h"

/**
 * mp_part_read_device() - the partition table of the block device at path
 * (its size and logical sector size from the kernel), GPT first, then DOS;
 * force_gpt takes a GPT without a protective MBR (kpartx -g).
 * Return: the number of partitions, or -errno (open, ioctl, I/O).
 */
int mp_part_read_device(const char *path, bool force_gpt, struct mp_part_table *ret,
			struct mp_diags *diags);

#endif
