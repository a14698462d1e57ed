/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mpath-list: what a hypervisor agent shows of multipath (XenServer's
 * `mpathutil list` / `status`), written against the public header and
 * libmpath.so only, as an example of the API.
 *
 *   mpath-list [--sysfs-root DIR] [--config FILE] [--check] [--json] [-v]
 *
 * One line per map: "name wwid [active/total] dm-N". With -v the groups
 * and paths follow; with --json the whole topology as JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include <mpath/mpath.h>

struct opts {
	const char *sysfs_root, *config;
	unsigned int flags;
	int json, verbose;
};

static void log_stderr(void *data, int level, const char *msg)
{
	(void)data;
	(void)level;
	fprintf(stderr, "mpath-list: %s\n", msg);
}

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

static void print_paths(const struct mp_map_info *m)
{
	for (size_t g = 0; g < mp_map_group_count(m); g++) {
		const struct mp_group_info *grp = mp_map_group(m, g);

		printf("  group %zu %s prio %d %s\n", g + 1,
		       mp_group_state_str(mp_group_state(grp)), mp_group_prio(grp),
		       mp_group_selector(grp));
		for (size_t k = 0; k < mp_group_path_count(grp); k++) {
			const struct mp_path_info *p = mp_group_path(grp, k);
			dev_t d = mp_path_devt(p);

			printf("    %s %u:%u %s %s %s prio %d\n", or_dash(mp_path_dev(p)), major(d),
			       minor(d), or_dash(mp_path_hctl(p)),
			       mp_path_dm_state(p) == MP_PATH_DM_ACTIVE	  ? "active"
			       : mp_path_dm_state(p) == MP_PATH_DM_FAILED ? "failed"
									  : "undef",
			       mp_path_state_str(mp_path_check_state(p)), mp_path_prio(p));
		}
	}
}

static int list(struct mp_topology *t, const struct opts *o)
{
	if (o->json) {
		char *json = NULL;
		int r = mp_topology_to_json(t, &json);

		if (r < 0)
			return r;
		fputs(json, stdout);
		free(json);
		return 0;
	}
	for (size_t i = 0; i < mp_topology_map_count(t); i++) {
		const struct mp_map_info *m = mp_topology_map(t, i);

		printf("%s %s [%zu/%zu] dm-%d\n", mp_map_name(m), mp_map_wwid(m),
		       mp_map_active_path_count(m), mp_map_path_count(m), mp_map_dm_minor(m));
		if (o->verbose)
			print_paths(m);
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
	    {"sysfs-root", required_argument, NULL, 's'},
	    {"config", required_argument, NULL, 'c'},
	    {"check", no_argument, NULL, 'k'},
	    {"json", no_argument, NULL, 'j'},
	    {"verbose", no_argument, NULL, 'v'},
	    {0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "v", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o->sysfs_root = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'k':
			o->flags |= MP_TOPOLOGY_CHECK_PATHS;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		default:
			return -EINVAL;
		}
	}
	return optind == argc ? 0 : -EINVAL;
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct mp_ctx *ctx = NULL;
	struct mp_topology *t = NULL;
	int r;

	if (parse(argc, argv, &o) < 0) {
		fprintf(stderr, "usage: mpath-list [--sysfs-root DIR] [--config FILE] [--check] "
				"[--json] [-v]\n");
		return 2;
	}
	r = mp_ctx_new(&ctx);
	if (r == 0) {
		mp_ctx_set_log(ctx, log_stderr, NULL, MP_LOG_WARNING);
		if (o.sysfs_root)
			r = mp_ctx_set_sysfs_root(ctx, o.sysfs_root);
	}
	if (r == 0 && o.config)
		r = mp_ctx_set_config_file(ctx, o.config);
	if (r == 0)
		r = mp_topology_read(ctx, o.flags, &t);
	if (r >= 0)
		r = list(t, &o);
	if (r < 0)
		fprintf(stderr, "mpath-list: %s\n", strerror(-r));
	mp_topology_free(t);
	mp_ctx_free(ctx);
	return r < 0 ? 1 : 0;
}
