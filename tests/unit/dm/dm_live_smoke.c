/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Live smoke test of the libdevmapper backend, for the qemu lab only (needs
 * root, dm-multipath and real block devices; built, never run by meson):
 *
 *   dm_live_smoke MAJ:MIN [MAJ:MIN]     e.g. dm_live_smoke 8:0 8:16
 *
 * Creates map "mpsmoke" (uuid mpath-mpsmoke-test) over the given paths, one
 * path per group, checks /dev/mapper/mpsmoke, reads table and status back,
 * fails and reinstates the last path, switches group, toggles queueing,
 * reloads, renames to "mpsmoke2" and removes it. Prints one PASS/FAIL line
 * per step and a final verdict; exit status 0 only if all passed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/ctx.h"
#include "dm/dm.h"

static int failures;

static void step(const char *what, int r)
{
	printf("%s: %s", r < 0 ? "FAIL" : "PASS", what);
	if (r < 0)
		printf(" (%s)", strerror(-r));
	printf("\n");
	fflush(stdout);
	if (r < 0)
		failures++;
}

static void log_to_stderr(void *data, int level, const char *msg)
{
	(void)data;
	fprintf(stderr, "<%d> %s\n", level, msg);
}

static int node_exists(const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "/dev/mapper/%s", name);
	/* udev may still be working on it: give it a moment */
	for (int i = 0; i < 50; i++) {
		if (stat(path, &st) == 0)
			return S_ISBLK(st.st_mode) ? 0 : -ENOTBLK;
		usleep(100000);
	}
	return -ENOENT;
}

static int path_state(struct mp_dm *dm, const char *name, unsigned int ma, unsigned int mi,
		      bool want_active)
{
	struct mp_dm_table s;
	int r = mp_dm_get_status(dm, name, &s);

	if (r < 0)
		return r;
	r = -ENOENT;
	for (size_t g = 0; g < s.n_groups; g++)
		for (size_t p = 0; p < s.groups[g].n_paths; p++)
			if (s.groups[g].paths[p].major == ma && s.groups[g].paths[p].minor == mi)
				r = s.groups[g].paths[p].active == want_active ? 0 : -EIO;
	mp_dm_table_clear(&s);
	return r;
}

static unsigned long long device_sectors(unsigned int ma, unsigned int mi)
{
	char path[128];
	unsigned long long n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/size", ma, mi);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%llu", &n) != 1)
		n = 0;
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	unsigned int ma[2], mi[2];
	struct mp_ctx *ctx = NULL;
	struct mp_dm *dm = NULL;
	struct mp_dm_table t, back;
	char line[1024], *text;
	int n = argc - 1, r;

	if (n < 1 || n > 2) {
		fprintf(stderr, "usage: %s MAJ:MIN [MAJ:MIN]\n", argv[0]);
		return 2;
	}
	for (int i = 0; i < n; i++)
		if (sscanf(argv[i + 1], "%u:%u", &ma[i], &mi[i]) != 2) {
			fprintf(stderr, "bad device %s\n", argv[i + 1]);
			return 2;
		}
	if (mp_ctx_new(&ctx) < 0)
		return 1;
	mp_ctx_set_log(ctx, log_to_stderr, NULL, MP_LOG_DEBUG);
	step("open libdevmapper backend", mp_dm_libdm_new(ctx, &dm));
	if (!dm)
		return 1;

	snprintf(line, sizeof(line), "0 %llu multipath 1 queue_if_no_path 0 %d 1",
		 device_sectors(ma[0], mi[0]), n);
	for (int i = 0; i < n; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 " round-robin 0 1 1 %u:%u 1", ma[i], mi[i]);
	r = mp_dm_table_parse(line, &t);
	step("build table", r);
	if (r < 0)
		return 1;
	printf("table sent:  %s\n", line);

	step("create mpsmoke", mp_dm_create(dm, "mpsmoke", "mpath-mpsmoke-test", &t, 0));
	step("/dev/mapper/mpsmoke exists", node_exists("mpsmoke"));
	r = mp_dm_get_table_line(dm, "mpsmoke", &text);
	step("read table", r);
	if (r == 0) {
		printf("table back:  %s\n", text);
		r = mp_dm_table_parse(text, &back);
		step("table parses", r);
		if (r == 0) {
			step("table equal for reload decision", mp_dm_table_equal(&t, &back) ? 0 : -EIO);
			mp_dm_table_clear(&back);
		}
		free(text);
	}
	r = mp_dm_get_status_line(dm, "mpsmoke", &text);
	step("read status", r);
	if (r == 0) {
		printf("status:      %s\n", text);
		step("status parses", mp_dm_status_parse(text, &back));
		mp_dm_table_clear(&back);
		free(text);
	}
	step("fail_path", mp_dm_fail_path(dm, "mpsmoke", ma[n - 1], mi[n - 1]));
	step("path shows F", path_state(dm, "mpsmoke", ma[n - 1], mi[n - 1], false));
	step("reinstate_path", mp_dm_reinstate_path(dm, "mpsmoke", ma[n - 1], mi[n - 1]));
	step("path shows A", path_state(dm, "mpsmoke", ma[n - 1], mi[n - 1], true));
	step("switch_group", mp_dm_switch_group(dm, "mpsmoke", (unsigned int)n));
	step("fail_if_no_path", mp_dm_set_queueing(dm, "mpsmoke", false));
	step("queue_if_no_path", mp_dm_set_queueing(dm, "mpsmoke", true));
	step("reload (noflush)", mp_dm_reload(dm, "mpsmoke", &t));
	step("rename to mpsmoke2", mp_dm_rename(dm, "mpsmoke", "mpsmoke2"));
	step("/dev/mapper/mpsmoke2 exists", node_exists("mpsmoke2"));
	step("remove mpsmoke2", mp_dm_remove(dm, "mpsmoke2", 0));
	{
		struct mp_dm_map info;

		r = mp_dm_get_map(dm, "mpsmoke2", &info);
		step("map gone", r == -ENXIO ? 0 : (r < 0 ? r : -EEXIST));
	}
	mp_dm_table_clear(&t);
	mp_dm_free(dm);
	mp_ctx_free(ctx);
	printf("%s: dm_live_smoke (%d failure%s)\n", failures ? "FAIL" : "PASS", failures,
	       failures == 1 ? "" : "s");
	return failures ? 1 : 0;
}
