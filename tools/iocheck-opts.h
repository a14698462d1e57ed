/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iocheck's command line. The lab scenarios depend on these option names. */
#ifndef MPATH_TOOLS_IOCHECK_OPTS_H
#define MPATH_TOOLS_IOCHECK_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ioc_opts {
	const char *dev;
	uint64_t seconds; /* 0: until SIGTERM/SIGINT */
	uint32_t block_size;
	uint64_t blocks;  /* 0: derive from the device size */
	uint64_t max_ops; /* 0: no limit; makes test runs deterministic */
	const char *report;
	const char *state;
	bool direct;
	bool quiet;
	bool verify_only;
	bool help;
};

#define IOC_DEFAULT_SECONDS 10
#define IOC_DEFAULT_BLOCK_SIZE 4096
#define IOC_AUTO_BLOCKS_CAP 4096

/* 0, or -EINVAL with a message for the user in @err. */
int ioc_opts_parse(int argc, char *const *argv, struct ioc_opts *ret, char *err, size_t errlen);

extern const char ioc_usage[];

#endif
