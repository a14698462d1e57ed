/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

static void collect_log(void *data, int level, const char *msg)
{
	struct fixture *fx = data;
	size_t len = strlen(fx->log);

	(void)level;
	snprintf(fx->log + len, sizeof(fx->log) - len, "%s\n", msg);
}

void fx_init(struct fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	fs_init(&fx->fs);
	fs_mkdir(&fx->fs, "block");
	/* the config and state files live beside the tree, outside sysfs */
	fs_mkdir(&fx->fs, "etc/state");
	snprintf(fx->state_dir, sizeof(fx->state_dir), "%s/etc/state", fx->fs.root);
	snprintf(fx->config, sizeof(fx->config), "%s/etc/multipath.conf", fx->fs.root);
	{
		/* conf.d pointed into the tree, so the host's /etc never leaks in */
		char text[512];

		snprintf(text, sizeof(text), "defaults {\n\tconfig_dir %s/etc/conf.d\n}\n",
			 fx->fs.root);
		fs_writes(&fx->fs, "etc/multipath.conf", text);
	}
	assert_int_equal(mp_ctx_new(&fx->ctx), 0);
	assert_int_equal(mp_ctx_set_sysfs_root(fx->ctx, fx->fs.root), 0);
	assert_int_equal(mp_ctx_set_config_file(fx->ctx, fx->config), 0);
	assert_int_equal(mp_ctx_set_state_dir(fx->ctx, fx->state_dir), 0);
	mp_ctx_set_log(fx->ctx, collect_log, fx, MP_LOG_DEBUG);
	assert_int_equal(mp_dm_fake_new(&fx->dm), 0);
}

void fx_cleanup(struct fixture *fx)
{
	fs_cleanup(&fx->fs);
	mp_ctx_free(fx->ctx);
	mp_dm_free(fx->dm);
}

static void attr(struct fixture *fx, const char *sdev, const char *name, const void *data,
		 size_t len)
{
	char rel[1024];

	snprintf(rel, sizeof(rel), "%s/%s", sdev, name);
	fs_write(&fx->fs, rel, data, len);
}

static void add_path(struct fixture *fx, int host, const char *name, const char *devt, uint16_t tpg,
		     const char *state)
{
	char parent[256], hctl[64], sdev[512];
	uint8_t inq[96];
	struct vpd v;
	const char *access = tpg == 1 ? "active/optimized\n" : "standby\n";

	snprintf(parent, sizeof(parent), "devices/platform/host%d/session%d/target%d:0:0", host,
		 host, host);
	snprintf(hctl, sizeof(hctl), "%d:0:0:0", host);
	snprintf(sdev, sizeof(sdev), "%s",
		 fs_add_scsi_disk(&fx->fs, parent, hctl, name, devt, "LIO-ORG \n",
				  "ramdisk         \n"));
	std_inquiry(inq, "LIO-ORG", "ramdisk", "4.0", 1);
	attr(fx, sdev, "inquiry", inq, sizeof(inq));
	vpd_lio(&v, tpg);
	attr(fx, sdev, "vpd_pg83", v.b, v.len);
	attr(fx, sdev, "access_state", access, strlen(access));
	attr(fx, sdev, "preferred_path", "0\n", 2);
	attr(fx, sdev, "dh_state", "alua\n", 5);
	attr(fx, sdev, "state", state, strlen(state));
}

void fx_add_lun(struct fixture *fx)
{
	add_path(fx, 1, "sdb", "8:16\n", 1, "running\n");
	add_path(fx, 2, "sdc", "8:32\n", 2, "running\n");
	add_path(fx, 3, "sdd", "8:48\n", 1, "running\n");
	add_path(fx, 4, "sde", "8:64\n", 2, "offline\n");
}

void fx_add_maps(struct fixture *fx)
{
	assert_int_equal(mp_dm_fake_add_map(fx->dm, "mpatha", "mpath-" FX_WWID,
					    "0 32768 multipath 1 queue_if_no_path 1 alua 2 1 "
					    "round-robin 0 2 1 8:16 1 8:48 1 "
					    "round-robin 0 2 1 8:32 1 8:64 1"),
			 0);
	assert_int_equal(mp_dm_fake_set_status(fx->dm, "mpatha",
					       "0 32768 multipath 2 0 0 0 2 1 "
					       "A 0 2 0 8:16 A 0 8:48 F 3 "
					       "E 0 2 0 8:32 A 0 8:64 A 0"),
			 0);
	assert_int_equal(mp_dm_fake_add_map(fx->dm, "data2",
					    "mpath-3600a0b80000000000000000000000002",
					    "0 2048 multipath 0 0 1 1 queue-length 0 1 1 8:80 1"),
			 0);
}

int fx_state_dir_entries(const struct fixture *fx)
{
	DIR *d = opendir(fx->state_dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}
