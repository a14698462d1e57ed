/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Partition maps of one multipath map on request: `mpath partitions` and
 * the kpartx-compatible command (cli/kpartx.c) share this core. It reads
 * the map's table (lib/partition), plans and applies through libdevmapper,
 * and prints in kpartx's words ("add map NAME (MAJ:MIN): 0 SIZE linear
 * PARAMS", "del devmap : NAME", "NAME : 0 SIZE DEVICE START" for -l).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "common/ctx.h"
#include "common/diag.h"
#include "common/macros.h"
#include "config/config.h"
#include "partition/partsync.h"
#include "partition/read_dev.h"
#include "partitions.h"

/* The dm name behind MAP, /dev/mapper/MAP or any node of a dm device. */
static int resolve_map(struct mp_dm *dm, const char *device, char *name, size_t size)
{
	_cleanup_free_ struct mp_dm_map *maps = NULL;
	struct stat st;
	size_t n = 0;
	int r;

	if (!strchr(device, '/')) {
		snprintf(name, size, "%s", device);
		return 0;
	}
	if (stat(device, &st) < 0)
		return -errno;
	if (!S_ISBLK(st.st_mode))
		return -ENOTBLK;
	r = mp_dm_list_maps(dm, &maps, &n);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		if (maps[i].major == major(st.st_rdev) && maps[i].minor == minor(st.st_rdev)) {
			snprintf(name, size, "%s", maps[i].name);
			return 0;
		}
	}
	return -ENXIO;
}

static const char *config_delim(const char *config, char *buf, size_t size)
{
	struct mp_config *cfg = NULL;
	struct mp_diags d = {0};
	const char *v, *ret = NULL;

	if (mp_config_new(&cfg) < 0)
		return NULL;
	if (mp_config_load_file(cfg, config, &d) >= 0) {
		v = mp_config_get(cfg, "partition_delimiter", NULL);
		if (v && strcmp(v, "/UNSET/") != 0) {
			snprintf(buf, size, "%s", v);
			ret = buf;
		}
	}
	mp_diags_clear(&d);
	mp_config_free(cfg);
	return ret;
}

static void print_diags(const char *prog, struct mp_diags *d)
{
	char line[512];

	for (size_t i = 0; i < d->n; i++) {
		mp_diag_format(&d->items[i], line, sizeof(line));
		fprintf(stderr, "%s: %s\n", prog, line);
	}
	mp_diags_clear(d);
}

static int list(const struct part_cmd *c, const struct mp_part_parent *p, const char *delim,
		const struct mp_part_table *t)
{
	_cleanup_free_ struct mp_part_map *want = calloc(MP_PART_MAX, sizeof(*want));
	char dev[160];
	int n;

	if (!want)
		return 1;
	n = mp_part_want(t, p, delim, want, NULL);
	if (n < 0)
		return 1;
	snprintf(dev, sizeof(dev), "%s", strchr(c->device, '/') ? c->device : "");
	if (!dev[0])
		snprintf(dev, sizeof(dev), "/dev/mapper/%s", p->name);
	for (int i = 0; i < n; i++)
		printf("%s : 0 %" PRIu64 " %s %" PRIu64 "\n", want[i].name, want[i].table.length, dev,
		       want[i].table.offset);
	return 0;
}

static int print_results(struct mp_dm *dm, const struct part_cmd *c, const char *prog,
			 const struct mp_part_result *res, size_t n)
{
	int failed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct mp_part_action *a = &res[i].action;
		char params[64];
		struct mp_dm_map m;

		if (res[i].result < 0) {
			failed++;
			fprintf(stderr, "%s: %s %s failed: %s\n", prog, mp_part_op_name(a->op),
				a->op == MP_PART_OP_CREATE ? a->map.name : a->name,
				res[i].result == -EBUSY ? "in use (mounted or open)"
							: strerror(-res[i].result));
			continue;
		}
		if (!c->verbose)
			continue;
		if (a->op == MP_PART_OP_REMOVE) {
			printf("del devmap : %s\n", a->name);
			continue;
		}
		if (mp_dm_get_map(dm, a->map.name, &m) < 0)
			m.major = m.minor = 0;
		mp_dm_linear_params(&a->map.table, params, sizeof(params));
		printf("add map %s (%u:%u): 0 %" PRIu64 " linear %s\n", a->map.name, m.major,
		       m.minor, a->map.table.length, params);
	}
	return failed ? 1 : 0;
}

static int run_on_map(struct mp_ctx *ctx, struct mp_dm *dm, const struct part_cmd *c,
		      const char *prog)
{
	_cleanup_free_ struct mp_part_table *t = malloc(sizeof(*t));
	_cleanup_free_ struct mp_part_result *res = NULL;
	struct mp_part_parent_info pi;
	struct mp_diags d = {0};
	char name[128], dev[160], delim_buf[32];
	const char *delim = c->delim;
	size_t n = 0;
	int r;

	if (!t)
		return 1;
	r = resolve_map(dm, c->device, name, sizeof(name));
	if (r == 0)
		r = mp_part_parent_get(dm, name, &pi);
	if (r < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, c->device,
			r == -ENXIO || r == -EMEDIUMTYPE ? "not a multipath map" : strerror(-r));
		return 1;
	}
	if (!delim && !c->kpartx_default_delim) {
		delim = config_delim(c->config, delim_buf, sizeof(delim_buf));
		if (!delim)
			delim = MP_PART_DELIM_DEFAULT;
	}
	if (c->what == PART_DELETE) {
		r = mp_part_remove_all(dm, pi.uuid, 0, &res, &n);
		if (r == -EBUSY) {
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, "%s: %s is open (mounted or in use): nothing removed\n",
					prog, res[i].action.name);
			return 1;
		}
		return print_results(dm, c, prog, res, n) || r < 0;
	}
	snprintf(dev, sizeof(dev), "%s/dm-%u", ctx->dev_root ? ctx->dev_root : "/dev", pi.p.minor);
	r = mp_part_read_device(dev, c->force_gpt, t, &d);
	print_diags(prog, &d);
	if (r < 0) {
		fprintf(stderr, "%s: %s: cannot read the partition table: %s\n", prog, dev,
			strerror(-r));
		return 1;
	}
	if (c->what == PART_LIST)
		return list(c, &pi.p, delim, t);
	r = mp_part_sync(dm, &pi.p, t, delim,
			 (c->what == PART_ADD ? MP_PART_KEEP_STALE : 0) |
				 (c->read_only ? MP_PART_READ_ONLY : 0),
			 &res, &n);
	return print_results(dm, c, prog, res, n) || r < 0;
}

int part_cmd_run(const struct part_cmd *c, const char *prog)
{
	struct mp_ctx *ctx = NULL;
	struct mp_dm *dm = NULL;
	int status = 1;

	if (mp_ctx_new(&ctx) < 0)
		return 1;
	if (mp_dm_libdm_new(ctx, &dm) < 0)
		fprintf(stderr, "%s: device-mapper is not available\n", prog);
	else
		status = run_on_map(ctx, dm, c, prog);
	mp_dm_free(dm);
	mp_ctx_free(ctx);
	return status;
}

static void partitions_usage(FILE *out)
{
	fputs("usage: mpath partitions [-a|-d|-l|-u] [-p DELIM] [-r] [-g] [-v] MAP\n"
	      "  -a  add partition maps      -u  update (also remove vanished ones)\n"
	      "  -d  delete them             -l  list what -a would create (default)\n"
	      "  -p DELIM  between map name and number (default: partition_delimiter, else -part)\n"
	      "  -r  read-only maps   -g  GPT without protective MBR   -v  say what is done\n",
	      out);
}

int part_cmd_parse(int argc, char **argv, const char *optstring, struct part_cmd *c)
{
	int opt;

	optind = 1;
	while ((opt = getopt(argc, argv, optstring)) != -1) {
		switch (opt) {
		case 'a': c->what = PART_ADD; break;
		case 'd': c->what = PART_DELETE; break;
		case 'l': c->what = PART_LIST; break;
		case 'u': c->what = PART_UPDATE; break;
		case 'p': c->delim = optarg; break;
		case 'r': c->read_only = true; break;
		case 'g': c->force_gpt = true; break;
		case 'v': c->verbose = true; break;
		case 'h': return 1;
		case 'f': case 's': case 'n': case 't': break; /* kpartx's, no effect here */
		default: return -1;
		}
	}
	if (optind != argc - 1)
		return -1;
	c->device = argv[optind];
	return 0;
}

int cli_partitions_main(int argc, char **argv)
{
	struct part_cmd c = {.what = PART_LIST, .config = "/etc/multipath.conf"};
	int r = part_cmd_parse(argc, argv, "adlup:rgvh", &c);

	if (r != 0) {
		partitions_usage(r > 0 ? stdout : stderr);
		return r > 0 ? 0 : 2;
	}
	return part_cmd_run(&c, "mpath partitions");
}
