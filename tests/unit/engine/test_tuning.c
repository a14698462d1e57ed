/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fast_io_fail_tmo, dev_loss_tmo and max_sectors_kb reaching sysfs: one LIO
 * LUN seen over FC remote ports, iSCSI sessions or a transport without
 * timeouts (scsi_debug-like), in a throw-away tree; the pipeline runs to the
 * recording dm fake and the test reads back what landed in which file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/fixture.h"
#include "common/ctx.h"
#include "config/config.h"
#include "discover/discover.h"
#include "engine/engine.h"
#include "engine/tuning.h"

struct run {
	struct fixture fx;
	struct mp_config *cfg;
	struct mp_engine e;
	struct mp_diags diags;
	char bindings[400], wwids[400];
	char log[65536]; /* every message, in order, one per line */
};

static void collect(void *data, int level, const char *msg)
{
	struct run *r = data;
	size_t len = strlen(r->log);

	(void)level;
	snprintf(r->log + len, sizeof(r->log) - len, "%s\n", msg);
}

static void setup_run(struct run *r)
{
	fx_init(&r->fx);
	mp_ctx_set_log(r->fx.ctx, collect, r, MP_LOG_DEBUG);
	snprintf(r->bindings, sizeof(r->bindings), "%s/bindings", r->fx.state_dir);
	snprintf(r->wwids, sizeof(r->wwids), "%s/wwids", r->fx.state_dir);
}

/* defaults: lines inside the defaults section; sections: the rest of the file. */
static void load_config(struct run *r, const char *defaults, const char *sections)
{
	char text[4096];

	snprintf(text, sizeof(text),
		 "defaults {\n\tconfig_dir \"\"\n\tfind_multipaths no\n\tuser_friendly_names "
		 "yes\n%s}\n%s",
		 defaults ? defaults : "", sections ? sections : "");
	fs_writes(&r->fx.fs, "etc/multipath.conf", text);
	assert_int_equal(mp_config_new(&r->cfg), 0);
	assert_int_equal(mp_config_load_file(r->cfg, r->fx.config, &r->diags), 0);
	assert_int_equal(mp_diags_count(&r->diags, MP_DIAG_ERROR), 0);
	r->e = (struct mp_engine){.ctx = r->fx.ctx,
				  .cfg = r->cfg,
				  .dm = r->fx.dm,
				  .bindings_path = r->bindings,
				  .wwids_path = r->wwids};
}

static void teardown_run(struct run *r)
{
	mp_config_free(r->cfg);
	mp_diags_clear(&r->diags);
	fx_cleanup(&r->fx);
}

/* One path of the LIO LUN below parent; its queue limit starts at 512. */
static void add_path(struct run *r, const char *parent, int host, const char *name,
		     const char *devt)
{
	char hctl[32], sdev[512], rel[1024];
	uint8_t inq[96];
	struct vpd v;

	snprintf(hctl, sizeof(hctl), "%d:0:0:0", host);
	snprintf(sdev, sizeof(sdev), "%s",
		 fs_add_scsi_disk(&r->fx.fs, parent, hctl, name, devt, "LIO-ORG \n",
				  "ramdisk         \n"));
	std_inquiry(inq, "LIO-ORG", "ramdisk", "4.0", 1);
	snprintf(rel, sizeof(rel), "%s/inquiry", sdev);
	fs_write(&r->fx.fs, rel, inq, sizeof(inq));
	vpd_lio(&v, 1);
	snprintf(rel, sizeof(rel), "%s/vpd_pg83", sdev);
	fs_write(&r->fx.fs, rel, v.b, v.len);
	snprintf(rel, sizeof(rel), "%s/access_state", sdev);
	fs_writes(&r->fx.fs, rel, "active/optimized\n");
	snprintf(rel, sizeof(rel), "%s/block/%s/queue/max_sectors_kb", sdev, name);
	fs_writes(&r->fx.fs, rel, "512\n");
}

/* An FC path through remote port rport-H:0-0 with the given current timeouts. */
static void add_fc_path(struct run *r, int host, const char *name, const char *devt,
			const char *dev_loss, const char *fast_io_fail)
{
	char parent[256], cls[128], rel[256];

	snprintf(parent, sizeof(parent),
		 "devices/pci0000:00/0000:00:0%d.0/host%d/rport-%d:0-0/target%d:0:0", host, host,
		 host, host);
	add_path(r, parent, host, name, devt);
	snprintf(cls, sizeof(cls), "class/fc_remote_ports/rport-%d:0-0", host);
	snprintf(rel, sizeof(rel), "%s/node_name", cls);
	fs_writes(&r->fx.fs, rel, "0x20000000c9000001\n");
	snprintf(rel, sizeof(rel), "%s/port_name", cls);
	fs_writes(&r->fx.fs, rel, "0x10000000c9000001\n");
	snprintf(rel, sizeof(rel), "%s/dev_loss_tmo", cls);
	fs_writes(&r->fx.fs, rel, dev_loss);
	snprintf(rel, sizeof(rel), "%s/fast_io_fail_tmo", cls);
	fs_writes(&r->fx.fs, rel, fast_io_fail);
}

static void add_iscsi_path(struct run *r, int host, const char *name, const char *devt)
{
	char parent[256], cls[128], rel[256];

	snprintf(parent, sizeof(parent), "devices/platform/host%d/session%d/target%d:0:0", host,
		 host, host);
	add_path(r, parent, host, name, devt);
	snprintf(cls, sizeof(cls), "class/iscsi_session/session%d", host);
	snprintf(rel, sizeof(rel), "%s/targetname", cls);
	fs_writes(&r->fx.fs, rel, "iqn.2003-01.org.linux-iscsi.array:lun\n");
	snprintf(rel, sizeof(rel), "%s/tpgt", cls);
	fs_writes(&r->fx.fs, rel, "1\n");
	snprintf(rel, sizeof(rel), "%s/recovery_tmo", cls);
	fs_writes(&r->fx.fs, rel, "120\n");
}

/* scsi_debug's place in sysfs: no remote port, no session. */
static void add_pseudo_path(struct run *r, int host, const char *name, const char *devt)
{
	char parent[256];

	snprintf(parent, sizeof(parent), "devices/pseudo_0/adapter0/host%d/target%d:0:0", host,
		 host);
	add_path(r, parent, host, name, devt);
}

/* The attribute's content, trailing newline dropped. */
static const char *attr(struct run *r, const char *fmt, ...) MP_PRINTF(2, 3);
static const char *attr(struct run *r, const char *fmt, ...)
{
	static char buf[256];
	char rel[512], path[1024];
	va_list ap;
	FILE *f;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", r->fx.fs.root, rel);
	f = fopen(path, "r");
	if (!f)
		return "(missing)";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return buf;
}

static void rm_attr(struct run *r, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", r->fx.fs.root, rel);
	assert_int_equal(remove(path), 0);
}

/* The whole pipeline once, applying through apply_dm (NULL: the fake);
 * returns the plan as "create mpatha; ...". */
static const char *pass_via(struct run *r, struct mp_dm *apply_dm, int *ret_failed)
{
	struct mp_engine e = r->e;
	static char summary[512];
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_current_map *cur = NULL;
	struct mp_plan plan = {0};
	struct mp_plan_options popts = {0};
	struct mp_desire_opts dopts = {0};
	size_t n_cur = 0, len = 0;

	assert_int_equal(mp_world_read(&r->e, &w, &r->diags), 0);
	assert_true(mp_engine_desire(&r->e, &w, &dopts, &maps, &r->diags) >= 0);
	assert_int_equal(mp_engine_current(&w, &cur, &n_cur), 0);
	assert_true(mp_plan_build(maps.maps, maps.n, cur, n_cur, &popts, &plan) >= 0);
	summary[0] = '\0';
	for (size_t i = 0; i < plan.n; i++)
		len +=
		    (size_t)snprintf(summary + len, sizeof(summary) - len, "%s%s %s", i ? "; " : "",
				     mp_action_name(plan.actions[i].kind), plan.actions[i].name);
	if (apply_dm)
		e.dm = apply_dm;
	*ret_failed = mp_engine_apply(&e, &plan, &r->diags);
	mp_plan_clear(&plan);
	free(cur);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return summary;
}

static const char *pass(struct run *r, int *ret_failed)
{
	return pass_via(r, NULL, ret_failed);
}

/* A device-mapper that notes what sdb's queue limit is when a map is
 * created, then hands the call to the recording fake. */
struct spy_dm {
	struct mp_dm base;
	struct mp_dm *inner;
	struct run *run;
	char limit_at_create[64];
};

static int spy_create(struct mp_dm *dm, const char *name, const char *uuid,
		      const struct mp_dm_table *t, unsigned int flags)
{
	struct spy_dm *spy = (struct spy_dm *)dm;

	snprintf(spy->limit_at_create, sizeof(spy->limit_at_create), "%s",
		 attr(spy->run, "block/sdb/queue/max_sectors_kb"));
	return mp_dm_create(spy->inner, name, uuid, t, flags);
}

static const struct mp_dm_ops spy_ops = {.name = "spy", .create = spy_create};

/* Position of needle in the log; fails the test when absent. */
static size_t log_pos(const struct run *r, const char *needle)
{
	const char *p = strstr(r->log, needle);

	if (!p)
		fail_msg("not in the log: \"%s\"", needle);
	return (size_t)(p - r->log);
}

static const struct mp_diag *find_diag(const struct run *r, const char *source_end)
{
	size_t n = strlen(source_end);

	for (size_t i = 0; i < r->diags.n; i++) {
		const char *s = r->diags.items[i].source;
		size_t len = strlen(s);

		if (len >= n && !strcmp(s + len - n, source_end))
			return &r->diags.items[i];
	}
	return NULL;
}

#define NO_RETRY_SECTION "overrides {\n\tno_path_retry fail\n}\n"

static void fc_dev_loss_is_raised_before_fast_io_fail(void **state)
{
	struct run r = {0};
	int failed = -1;
	size_t raise, fio, loss;

	(void)state;
	setup_run(&r);
	/* sdb's port loses devices after 5 s: fast_io_fail_tmo 10 would be refused. */
	add_fc_path(&r, 1, "sdb", "8:16\n", "5\n", "off\n");
	add_fc_path(&r, 2, "sdc", "8:32\n", "60\n", "5\n");
	load_config(&r, "\tfast_io_fail_tmo 10\n\tdev_loss_tmo 30\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_non_null(strstr(mp_dm_fake_calls(r.fx.dm), "create mpatha"));
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo"), "10");
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/dev_loss_tmo"), "30");
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-2:0-0/fast_io_fail_tmo"), "10");
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-2:0-0/dev_loss_tmo"), "30");
	/* The order the kernel needs: dev_loss_tmo past 10 first, then fast_io_fail_tmo. */
	raise = log_pos(&r, "sdb: class/fc_remote_ports/rport-1:0-0/dev_loss_tmo = 11");
	fio = log_pos(&r, "sdb: class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo = 10");
	loss = log_pos(&r, "sdb: class/fc_remote_ports/rport-1:0-0/dev_loss_tmo = 30");
	assert_true(raise < fio);
	assert_true(fio < loss);
	/* sdc's port already allowed it: no detour. */
	assert_null(strstr(r.log, "rport-2:0-0/dev_loss_tmo = 11"));
	assert_true(log_pos(&r, "rport-2:0-0/fast_io_fail_tmo = 10") <
		    log_pos(&r, "rport-2:0-0/dev_loss_tmo = 30"));
	/* Settings are in place before the map is loaded. */
	assert_true(loss < log_pos(&r, "mpatha: create"));
	assert_int_equal(mp_diags_count(&r.diags, MP_DIAG_WARNING), 0);
	teardown_run(&r);
}

static void fc_off_caps_dev_loss_at_600(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_fc_path(&r, 1, "sdb", "8:16\n", "30\n", "5\n");
	load_config(&r, "\tfast_io_fail_tmo off\n\tdev_loss_tmo infinity\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo"), "off");
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/dev_loss_tmo"), "600");
	log_pos(&r, "dev_loss_tmo limited to 600");
	teardown_run(&r);
}

static void fc_infinity_with_fast_io_fail(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_fc_path(&r, 1, "sdb", "8:16\n", "30\n", "off\n");
	load_config(&r, "\tfast_io_fail_tmo 5\n\tdev_loss_tmo infinity\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo"), "5");
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/dev_loss_tmo"),
			    "4294967295");
	teardown_run(&r);
}

/* LIO's built-in entry says no_path_retry 12: 12 checks x 5 s = 60 s. */
static void no_path_retry_raises_dev_loss_and_drops_fast_io_fail(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_fc_path(&r, 1, "sdb", "8:16\n", "30\n", "5\n");
	load_config(&r, "\tfast_io_fail_tmo 90\n\tdev_loss_tmo 30\n", NULL);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/dev_loss_tmo"), "60");
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo"), "off");
	log_pos(&r, "sdb: dev_loss_tmo raised to 60");
	teardown_run(&r);
}

static void iscsi_fast_io_fail_is_recovery_tmo(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_iscsi_path(&r, 3, "sdd", "8:48\n");
	add_iscsi_path(&r, 4, "sde", "8:64\n");
	load_config(&r, "\tfast_io_fail_tmo 7\n\tdev_loss_tmo 30\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(attr(&r, "class/iscsi_session/session3/recovery_tmo"), "7");
	assert_string_equal(attr(&r, "class/iscsi_session/session4/recovery_tmo"), "7");
	/* dev_loss_tmo has no iSCSI counterpart: said so, nothing created. */
	log_pos(&r, "sdd: dev_loss_tmo does not apply to iSCSI");
	assert_string_equal(attr(&r, "class/iscsi_session/session3/dev_loss_tmo"), "(missing)");
	assert_int_equal(mp_diags_count(&r.diags, MP_DIAG_WARNING), 0);
	teardown_run(&r);
}

/* eh_deadline goes to the SCSI host of each path (0.9.4: scsi_host/hostN/eh_deadline);
 * a host without the attribute is no failure. */
static void eh_deadline_reaches_the_scsi_host(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_iscsi_path(&r, 3, "sdd", "8:48\n");
	add_iscsi_path(&r, 4, "sde", "8:64\n");
	fs_writes(&r.fx.fs, "devices/platform/host3/scsi_host/host3/eh_deadline", "off\n");
	fs_symlink(&r.fx.fs, "../../devices/platform/host3/scsi_host/host3", "class/scsi_host/host3");
	load_config(&r, "\teh_deadline 17\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(attr(&r, "class/scsi_host/host3/eh_deadline"), "17");
	log_pos(&r, "sde: cannot set class/scsi_host/host4/eh_deadline to 17");
	assert_int_equal(mp_diags_count(&r.diags, MP_DIAG_WARNING), 0);
	teardown_run(&r);
}

static void iscsi_off_leaves_recovery_tmo(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_iscsi_path(&r, 3, "sdd", "8:48\n");
	load_config(&r, "\tfast_io_fail_tmo off\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_string_equal(attr(&r, "class/iscsi_session/session3/recovery_tmo"), "120");
	log_pos(&r, "sdd: fast_io_fail_tmo off cannot be set on iSCSI");
	teardown_run(&r);
}

static void pseudo_transport_gets_queue_limit_only(void **state)
{
	struct run r = {0};
	int failed = -1;
	size_t sdb, sdc;

	(void)state;
	setup_run(&r);
	add_pseudo_path(&r, 5, "sdb", "8:16\n");
	add_pseudo_path(&r, 6, "sdc", "8:32\n");
	load_config(&r, "\tmax_sectors_kb 256\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	log_pos(&r, "sdb: fast_io_fail_tmo/dev_loss_tmo not supported for protocol scsi:unspec");
	assert_string_equal(attr(&r, "block/sdb/queue/max_sectors_kb"), "256");
	assert_string_equal(attr(&r, "block/sdc/queue/max_sectors_kb"), "256");
	/* dm-multipath takes its limits from the paths at load: they must come first. */
	sdb = log_pos(&r, "sdb: block/sdb/queue/max_sectors_kb = 256");
	sdc = log_pos(&r, "sdc: block/sdc/queue/max_sectors_kb = 256");
	assert_true(sdb < log_pos(&r, "mpatha: create"));
	assert_true(sdc < log_pos(&r, "mpatha: create"));
	assert_null(strstr(r.log, "class/"));
	teardown_run(&r);
}

static void queue_limit_is_in_place_when_the_map_is_loaded(void **state)
{
	struct run r = {0};
	struct spy_dm spy = {.base = {.ops = &spy_ops}};
	int failed = -1;

	(void)state;
	setup_run(&r);
	spy.inner = r.fx.dm;
	spy.run = &r;
	add_pseudo_path(&r, 5, "sdb", "8:16\n");
	load_config(&r, "\tmax_sectors_kb 256\n", NO_RETRY_SECTION);
	assert_string_equal(pass_via(&r, &spy.base, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(spy.limit_at_create, "256");
	assert_non_null(strstr(mp_dm_fake_calls(r.fx.dm), "create mpatha"));
	teardown_run(&r);
}

static void precedence_per_path_and_per_map(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_fc_path(&r, 1, "sdb", "8:16\n", "30\n", "5\n");
	add_iscsi_path(&r, 3, "sdd", "8:48\n");
	/* devices over defaults; a protocol subsection of overrides over devices,
	 * for its transport only; multipaths over defaults for max_sectors_kb. */
	load_config(&r, "\tfast_io_fail_tmo 3\n\tmax_sectors_kb 256\n",
		    "devices {\n\tdevice {\n\t\tvendor LIO-ORG\n\t\tproduct \".*\"\n"
		    "\t\tfast_io_fail_tmo 7\n\t}\n}\n"
		    "overrides {\n\tno_path_retry fail\n\tprotocol {\n\t\ttype scsi:iscsi\n"
		    "\t\tfast_io_fail_tmo 9\n\t}\n}\n"
		    "multipaths {\n\tmultipath {\n\t\twwid " FX_WWID "\n"
		    "\t\tmax_sectors_kb 128\n\t}\n}\n");
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo"), "7");
	assert_string_equal(attr(&r, "class/iscsi_session/session3/recovery_tmo"), "9");
	assert_string_equal(attr(&r, "block/sdb/queue/max_sectors_kb"), "128");
	assert_string_equal(attr(&r, "block/sdd/queue/max_sectors_kb"), "128");
	teardown_run(&r);
}

static void failed_writes_are_warnings_and_map_is_created(void **state)
{
	struct run r = {0};
	const struct mp_diag *d;
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_fc_path(&r, 1, "sdb", "8:16\n", "30\n", "5\n");
	add_pseudo_path(&r, 5, "sdc", "8:32\n");
	/* A directory where the attribute should be: refused even for root. */
	rm_attr(&r, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo");
	fs_writes(&r.fx.fs, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo/x", "");
	rm_attr(&r, "block/sdc/queue/max_sectors_kb");
	fs_writes(&r.fx.fs, "block/sdc/queue/max_sectors_kb/x", "");
	load_config(&r, "\tfast_io_fail_tmo 10\n\tdev_loss_tmo 40\n\tmax_sectors_kb 256\n",
		    NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_non_null(strstr(mp_dm_fake_calls(r.fx.dm), "create mpatha"));
	d = find_diag(&r, "/class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo");
	assert_non_null(d);
	assert_int_equal(d->severity, MP_DIAG_WARNING);
	assert_non_null(strstr(d->message, "sdb: cannot set fast_io_fail_tmo to 10"));
	/* The rest of the path's settings still went out. */
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/dev_loss_tmo"), "40");
	assert_string_equal(attr(&r, "block/sdb/queue/max_sectors_kb"), "256");
	d = find_diag(&r, "/block/sdc/queue/max_sectors_kb");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "sdc: cannot set max_sectors_kb to 256"));
	/* The wwids file remembers the map: it was created. */
	assert_non_null(strstr(attr(&r, "etc/state/wwids"), "/" FX_WWID "/"));
	teardown_run(&r);
}

static void missing_remote_port_is_a_warning(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_fc_path(&r, 1, "sdb", "8:16\n", "30\n", "5\n");
	load_config(&r, NULL, NO_RETRY_SECTION);
	/* The port went away between discovery and apply. */
	rm_attr(&r, "class/fc_remote_ports/rport-1:0-0/dev_loss_tmo");
	assert_string_equal(pass(&r, &failed), "create mpatha");
	assert_int_equal(failed, 0);
	assert_non_null(find_diag(&r, "/class/fc_remote_ports/rport-1:0-0/dev_loss_tmo"));
	teardown_run(&r);
}

static void reload_keeps_the_live_map_limit(void **state)
{
	struct run r = {0};
	int failed = -1;

	(void)state;
	setup_run(&r);
	add_pseudo_path(&r, 5, "sdb", "8:16\n");
	add_pseudo_path(&r, 6, "sdc", "8:32\n");
	/* mpatha (dm-0) runs on sdb alone, limited to 128 KiB; sdc joins it. */
	assert_int_equal(mp_dm_fake_add_map(r.fx.dm, "mpatha", "mpath-" FX_WWID,
					    "0 32768 multipath 0 0 1 1 round-robin 0 1 1 8:16 1"),
			 0);
	fs_writes(&r.fx.fs, "block/dm-0/queue/max_sectors_kb", "128\n");
	load_config(&r, "\tmax_sectors_kb 256\n", NO_RETRY_SECTION);
	assert_string_equal(pass(&r, &failed), "reload mpatha");
	assert_int_equal(failed, 0);
	assert_string_equal(attr(&r, "block/sdb/queue/max_sectors_kb"), "128");
	assert_string_equal(attr(&r, "block/sdc/queue/max_sectors_kb"), "128");
	/* Nothing to load on the next run: timeouts may be rewritten, the limit not. */
	memset(r.log, 0, sizeof(r.log));
	assert_string_equal(pass(&r, &failed), "nothing mpatha");
	assert_null(strstr(r.log, "max_sectors_kb ="));
	teardown_run(&r);
}

static void daemon_path_add(void **state)
{
	struct run r = {0};
	struct mp_world w = {0};
	ssize_t i;

	(void)state;
	setup_run(&r);
	add_fc_path(&r, 1, "sdb", "8:16\n", "5\n", "off\n");
	fs_writes(&r.fx.fs, "block/dm-3/queue/max_sectors_kb", "64\n");
	load_config(&r, "\tfast_io_fail_tmo 10\n\tdev_loss_tmo 30\n\tmax_sectors_kb 256\n",
		    NO_RETRY_SECTION);
	assert_int_equal(mp_world_read(&r.e, &w, &r.diags), 0);
	i = mp_world_find_path(&w, "sdb");
	assert_true(i >= 0);
	/* A new map: the configured limit. */
	assert_int_equal(mp_engine_tune_path(&r.e, &w.paths[i], -1, &r.diags), 0);
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/fast_io_fail_tmo"), "10");
	assert_string_equal(attr(&r, "class/fc_remote_ports/rport-1:0-0/dev_loss_tmo"), "30");
	assert_string_equal(attr(&r, "block/sdb/queue/max_sectors_kb"), "256");
	/* Joining dm-3: its limit. */
	assert_int_equal(mp_engine_tune_path(&r.e, &w.paths[i], 3, &r.diags), 0);
	assert_string_equal(attr(&r, "block/sdb/queue/max_sectors_kb"), "64");
	/* A map whose limit cannot be read: the path keeps its own, a warning says so. */
	assert_int_equal(mp_engine_tune_path(&r.e, &w.paths[i], 4, &r.diags), 1);
	assert_string_equal(attr(&r, "block/sdb/queue/max_sectors_kb"), "64");
	assert_non_null(find_diag(&r, "/block/dm-4/queue/max_sectors_kb"));
	mp_world_clear(&w);
	teardown_run(&r);
}

static void resolve_values(void **state)
{
	struct mp_config *cfg = NULL;
	struct mp_diags diags = {0};
	struct mp_device_id id = {.vendor = "ACME", .product = "X", .transport = MP_TRANSPORT_FC};
	struct mp_path_tuning t;

	(void)state;
	assert_int_equal(mp_config_new(&cfg), 0);
	/* Built-in defaults: fast_io_fail_tmo 5, the rest unset. */
	assert_int_equal(mp_tuning_resolve(cfg, &id, &t), 0);
	assert_int_equal(t.fast_io_fail, 5);
	assert_int_equal(t.dev_loss, MP_TUNE_UNSET);
	assert_int_equal(t.max_sectors_kb, MP_TUNE_UNSET);
	assert_int_equal(mp_config_load_string(cfg, "t",
					       "defaults {\n\tfast_io_fail_tmo off\n"
					       "\tdev_loss_tmo 100\n\tno_path_retry queue\n}\n",
					       &diags),
			 0);
	assert_int_equal(mp_tuning_resolve(cfg, &id, &t), 0);
	assert_int_equal(t.fast_io_fail, MP_TUNE_OFF);
	/* Queueing forever: the paths must never be removed under the map. */
	assert_int_equal(t.dev_loss, MP_DEV_LOSS_INFINITY);
	assert_true(t.dev_loss_raised);
	assert_true(t.queueing);
	mp_diags_clear(&diags);
	mp_config_free(cfg);
	/* features "1 queue_if_no_path" without no_path_retry queues too (0.9.4) */
	assert_int_equal(mp_config_new(&cfg), 0);
	assert_int_equal(mp_config_load_string(cfg, "t",
					       "defaults {\n\tfeatures \"1 queue_if_no_path\"\n"
					       "\tdev_loss_tmo 100\n\teh_deadline off\n}\n",
					       &diags),
			 0);
	assert_int_equal(mp_tuning_resolve(cfg, &id, &t), 0);
	assert_true(t.queueing);
	assert_int_equal(t.dev_loss, MP_DEV_LOSS_INFINITY);
	assert_int_equal(t.eh_deadline, MP_TUNE_OFF);
	mp_diags_clear(&diags);
	mp_config_free(cfg);
}

static void transport_object_from_devpath(void **state)
{
	char obj[128];

	(void)state;
	assert_int_equal(
	    mp_scsi_transport_object("devices/pci0000:00/0000:00:02.0/host1/rport-1:0-2/"
				     "target1:0:0/1:0:0:3/block/sdb",
				     obj, sizeof(obj)),
	    MP_TRANSPORT_FC);
	assert_string_equal(obj, "rport-1:0-2");
	assert_int_equal(mp_scsi_transport_object("devices/platform/host3/session12/target3:0:0/"
						  "3:0:0:0/block/sdd",
						  obj, sizeof(obj)),
			 MP_TRANSPORT_ISCSI);
	assert_string_equal(obj, "session12");
	/* Behind an expander: the end device nearest the disk. */
	assert_int_equal(mp_scsi_transport_object("devices/host0/port-0:0/expander-0:0/port-0:0:1/"
						  "end_device-0:0:1/target0:0:1/0:0:1:0",
						  obj, sizeof(obj)),
			 MP_TRANSPORT_SAS);
	assert_string_equal(obj, "end_device-0:0:1");
	assert_int_equal(mp_scsi_transport_object("devices/pseudo_0/adapter0/host5/target5:0:0/"
						  "5:0:0:0/block/sdb",
						  obj, sizeof(obj)),
			 MP_TRANSPORT_OTHER);
	assert_string_equal(obj, "");
	/* "sessions" is not a session. */
	assert_int_equal(mp_scsi_transport_object("devices/sessionx/host1", obj, sizeof(obj)),
			 MP_TRANSPORT_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fc_dev_loss_is_raised_before_fast_io_fail),
	    cmocka_unit_test(fc_off_caps_dev_loss_at_600),
	    cmocka_unit_test(fc_infinity_with_fast_io_fail),
	    cmocka_unit_test(no_path_retry_raises_dev_loss_and_drops_fast_io_fail),
	    cmocka_unit_test(iscsi_fast_io_fail_is_recovery_tmo),
	    cmocka_unit_test(eh_deadline_reaches_the_scsi_host),
	    cmocka_unit_test(iscsi_off_leaves_recovery_tmo),
	    cmocka_unit_test(pseudo_transport_gets_queue_limit_only),
	    cmocka_unit_test(queue_limit_is_in_place_when_the_map_is_loaded),
	    cmocka_unit_test(precedence_per_path_and_per_map),
	    cmocka_unit_test(failed_writes_are_warnings_and_map_is_created),
	    cmocka_unit_test(missing_remote_port_is_a_warning),
	    cmocka_unit_test(reload_keeps_the_live_map_limit),
	    cmocka_unit_test(daemon_path_add),
	    cmocka_unit_test(resolve_values),
	    cmocka_unit_test(transport_object_from_devpath),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
