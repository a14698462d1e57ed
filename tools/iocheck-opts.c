/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iocheck-opts.h"
#include "iocheck-state.h"

const char ioc_usage[] =
    "usage: iocheck --dev PATH [--seconds N] [--block-size BYTES] [--blocks N]\n"
    "               [--report FILE] [--state FILE] [--no-direct] [--quiet] [--ops N]\n"
    "       iocheck --dev PATH --verify-only --state FILE [--report FILE] [--no-direct] [--quiet]\n"
    "Writes checksummed blocks to PATH (block device or existing file) with O_DIRECT,\n"
    "times every I/O, then verifies everything it wrote.\n"
    "  --seconds N      run time, 0 = until SIGTERM/SIGINT (default 10)\n"
    "  --block-size B   power of two, 512..1048576 (default 4096)\n"
    "  --blocks N       blocks to use from offset 0 (default: device size, at most 4096)\n"
    "  --ops N          stop after N I/Os (default: no limit)\n"
    "  --state FILE     save the generations written (or, with --verify-only, load them)\n"
    "  --report FILE    write the results as key=value lines\n"
    "Exit: 0 no errors and no bad blocks, 1 integrity or I/O failure, 2 usage or setup error.\n";

/* Whole-string unsigned decimal; strtoull alone would accept "-1" and "12abc". */
static int parse_u64(const char *s, uint64_t max, uint64_t *ret)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*ret = v;
	return 0;
}

enum opt_id {
	O_DEV,
	O_SECONDS,
	O_BS,
	O_BLOCKS,
	O_OPS,
	O_REPORT,
	O_STATE,
	O_NODIRECT,
	O_QUIET,
	O_VERIFY,
	O_HELP
};

static const struct {
	const char *name;
	enum opt_id id;
	bool has_arg;
} opt_table[] = {
    {"--dev", O_DEV, true},	  {"--seconds", O_SECONDS, true},
    {"--block-size", O_BS, true}, {"--blocks", O_BLOCKS, true},
    {"--ops", O_OPS, true},	  {"--report", O_REPORT, true},
    {"--state", O_STATE, true},	  {"--no-direct", O_NODIRECT, false},
    {"--quiet", O_QUIET, false},  {"--verify-only", O_VERIFY, false},
    {"--help", O_HELP, false},	  {"-h", O_HELP, false},
};

static int find_opt(const char *arg, size_t namelen)
{
	for (size_t i = 0; i < sizeof(opt_table) / sizeof(opt_table[0]); i++)
		if (strlen(opt_table[i].name) == namelen &&
		    strncmp(opt_table[i].name, arg, namelen) == 0)
			return (int)i;
	return -1;
}

static int apply(struct ioc_opts *o, enum opt_id id, const char *name, const char *val, char *err,
		 size_t errlen)
{
	uint64_t v;

	switch (id) {
	case O_DEV:
		o->dev = val;
		break;
	case O_REPORT:
		o->report = val;
		break;
	case O_STATE:
		o->state = val;
		break;
	case O_SECONDS:
		if (parse_u64(val, 100ull * 365 * 24 * 3600, &o->seconds) < 0)
			goto bad_number;
		break;
	case O_OPS:
		if (parse_u64(val, UINT64_MAX, &o->max_ops) < 0)
			goto bad_number;
		break;
	case O_BLOCKS:
		if (parse_u64(val, IOC_MAX_BLOCKS, &v) < 0 || v == 0) {
			snprintf(err, errlen,
				 "%s: expected a number of blocks from 1 to %llu, got '%s'", name,
				 (unsigned long long)IOC_MAX_BLOCKS, val);
			return -EINVAL;
		}
		o->blocks = v;
		break;
	case O_BS:
		if (parse_u64(val, IOB_MAX_BLOCK_SIZE, &v) < 0 || v < IOB_MIN_BLOCK_SIZE ||
		    (v & (v - 1))) {
			snprintf(err, errlen, "%s: expected a power of two from %u to %u, got '%s'",
				 name, IOB_MIN_BLOCK_SIZE, IOB_MAX_BLOCK_SIZE, val);
			return -EINVAL;
		}
		o->block_size = (uint32_t)v;
		break;
	case O_NODIRECT:
		o->direct = false;
		break;
	case O_QUIET:
		o->quiet = true;
		break;
	case O_VERIFY:
		o->verify_only = true;
		break;
	case O_HELP:
		o->help = true;
		break;
	}
	return 0;
bad_number:
	snprintf(err, errlen, "%s: expected a non-negative integer, got '%s'", name, val);
	return -EINVAL;
}

int ioc_opts_parse(int argc, char *const *argv, struct ioc_opts *ret, char *err, size_t errlen)
{
	struct ioc_opts o = {
	    .seconds = IOC_DEFAULT_SECONDS,
	    .block_size = IOC_DEFAULT_BLOCK_SIZE,
	    .direct = true,
	};
	bool seconds_given = false, blocks_given = false, bs_given = false, ops_given = false;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *eq = strchr(arg, '='), *val = NULL;
		size_t namelen = eq ? (size_t)(eq - arg) : strlen(arg);
		int k = strncmp(arg, "--", 2) == 0 || strcmp(arg, "-h") == 0
			    ? find_opt(arg, namelen)
			    : -1;

		if (k < 0) {
			snprintf(err, errlen, "unknown argument '%s' (try --help)", arg);
			return -EINVAL;
		}
		if (opt_table[k].has_arg) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				snprintf(err, errlen, "%s needs a value", opt_table[k].name);
				return -EINVAL;
			}
			if (!*val) {
				snprintf(err, errlen, "%s needs a non-empty value",
					 opt_table[k].name);
				return -EINVAL;
			}
		} else if (eq) {
			snprintf(err, errlen, "%s takes no value", opt_table[k].name);
			return -EINVAL;
		}
		seconds_given |= opt_table[k].id == O_SECONDS;
		blocks_given |= opt_table[k].id == O_BLOCKS;
		bs_given |= opt_table[k].id == O_BS;
		ops_given |= opt_table[k].id == O_OPS;
		if (apply(&o, opt_table[k].id, opt_table[k].name, val, err, errlen) < 0)
			return -EINVAL;
	}
	if (o.help) {
		*ret = o;
		return 0;
	}
	if (!o.dev) {
		snprintf(err, errlen, "--dev PATH is required (try --help)");
		return -EINVAL;
	}
	if (o.verify_only) {
		if (!o.state) {
			snprintf(err, errlen,
				 "--verify-only needs --state FILE from an earlier run");
			return -EINVAL;
		}
		/* Geometry comes from the state file; a second source could only disagree. */
		if (seconds_given || blocks_given || bs_given || ops_given) {
			snprintf(err, errlen,
				 "--verify-only takes the geometry from --state; "
				 "--seconds, --ops, --blocks and --block-size do not apply");
			return -EINVAL;
		}
	}
	*ret = o;
	return 0;
}
