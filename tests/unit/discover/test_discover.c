/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Discovery over throw-away sysfs trees built by each test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/ctx.h"
#include "discover/discover.h"
#include "discover/fake_scsi.h"
#include "testlib.h"

struct env {
	struct fakesys fs;
	struct mp_ctx *ctx;
	struct mp_diags diags;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	fs_init(&e->fs);
	fs_mkdir(&e->fs, "block");
	assert_int_equal(mp_ctx_new(&e->ctx), 0);
	assert_int_equal(mp_ctx_set_sysfs_root(e->ctx, e->fs.root), 0);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	fs_cleanup(&e->fs);
	mp_ctx_free(e->ctx);
	mp_diags_clear(&e->diags);
	free(e);
	return 0;
}

/* Does any diagnostic of this severity name a source ending in suffix? */
static bool has_diag(const struct mp_diags *d, enum mp_diag_severity sev, const char *suffix)
{
	for (size_t i = 0; i < d->n; i++) {
		size_t ls = strlen(d->items[i].source), lx = strlen(suffix);

		if (d->items[i].severity == sev && ls >= lx &&
		    !strcmp(d->items[i].source + ls - lx, suffix))
			return true;
	}
	return false;
}

static void attr(struct env *e, const char *sdev, const char *name, const void *data, size_t len)
{
	char rel[1024];

	snprintf(rel, sizeof(rel), "%s/%s", sdev, name);
	fs_write(&e->fs, rel, data, len);
}

static void attrs(struct env *e, const char *sdev, const char *name, const char *text)
{
	attr(e, sdev, name, text, strlen(text));
}

/* A scsi_debug LUN seen through host h: ALUA state fixed per host, as the lab saw. */
static void add_scsi_debug(struct env *e, int host, const char *name, const char *devt,
			   const char *access_state)
{
	char parent[256], hctl[64];
	uint8_t inq[96];
	struct vpd v;
	const char *sdev;

	snprintf(parent, sizeof(parent), "devices/pseudo_0/adapter0/host%d/target%d:0:0", host,
		 host);
	snprintf(hctl, sizeof(hctl), "%d:0:0:0", host);
	sdev = fs_add_scsi_disk(&e->fs, parent, hctl, name, devt, "Linux   \n",
				"scsi_debug      \n");
	std_inquiry(inq, "Linux", "scsi_debug", "0191", 1);
	attr(e, sdev, "inquiry", inq, sizeof(inq));
	vpd_scsi_debug(&v, (uint16_t)(host % 3 + 1));
	attr(e, sdev, "vpd_pg83", v.b, v.len);
	vpd_begin(&v, 0x80);
	vpd_raw(&v, "2000      ", 10);
	vpd_end(&v);
	attr(e, sdev, "vpd_pg80", v.b, v.len);
	attrs(e, sdev, "access_state", access_state);
	attrs(e, sdev, "preferred_path", "0\n");
	attrs(e, sdev, "dh_state", "alua\n");
}

static void scsi_debug_paths_sorted_by_hctl(void **state)
{
	struct env *e = *state;
	struct mp_path *p = NULL;
	size_t n = 0;

	/* sdX names handed out out of order, as scsi_debug's async scan does. */
	add_scsi_debug(e, 10, "sda", "8:0\n", "standby\n");
	add_scsi_debug(e, 2, "sdb", "8:16\n", "active/non-optimized\n");
	add_scsi_debug(e, 9, "sdc", "8:32\n", "active/optimized\n");
	assert_int_equal(mp_discover_paths(e->ctx, &p, &n, &e->diags), 3);
	assert_int_equal(n, 3);
	assert_string_equal(p[0].dev, "sdb");
	assert_string_equal(p[1].dev, "sdc");
	assert_string_equal(p[2].dev, "sda");
	assert_string_equal(p[0].devpath,
			    "devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:0/block/sdb");
	assert_int_equal(p[0].major, 8);
	assert_int_equal(p[0].minor, 16);
	assert_int_equal(p[0].host, 2);
	assert_int_equal(p[0].channel, 0);
	assert_int_equal(p[0].lun, 0);
	assert_int_equal(p[0].size, 32768);
	assert_string_equal(p[0].vendor, "Linux");
	assert_string_equal(p[0].product, "scsi_debug");
	assert_string_equal(p[0].rev, "0191");
	assert_string_equal(p[0].dev_state, "running");
	assert_string_equal(p[0].wwid, "1Linux_scsi_debug_2000");
	assert_string_equal(p[0].serial, "2000");
	assert_int_equal(p[0].tpgs, MP_TPGS_IMPLICIT);
	assert_string_equal(p[0].dh_state, "alua");
	assert_int_equal(p[0].transport, MP_TRANSPORT_OTHER);
	assert_string_equal(p[0].protocol, "scsi:unspec");
	assert_int_equal(p[0].alua_state, MP_ALUA_ACTIVE_NON_OPTIMIZED);
	assert_int_equal(p[1].alua_state, MP_ALUA_ACTIVE_OPTIMIZED);
	assert_int_equal(p[2].alua_state, MP_ALUA_STANDBY);
	assert_int_equal(p[0].tpg_id, 3);
	assert_int_equal(p[2].tpg_id, 2);
	assert_false(p[0].alua_preferred);
	assert_int_equal(mp_diags_count(&e->diags, MP_DIAG_ERROR), 0);
	free(p);
}

static void scsi_id_mode_changes_only_the_wwid(void **state)
{
	struct env *e = *state;
	struct mp_discover_opts o = {.wwid_mode = MP_WWID_SCSI_ID};
	struct mp_path p;

	add_scsi_debug(e, 1, "sda", "8:0\n", "active/optimized\n");
	assert_int_equal(mp_discover_path_opts(e->ctx, &o, "sda", &p, &e->diags), 0);
	assert_string_equal(p.wwid, "333333330000007d0");
	assert_int_equal(mp_discover_path(e->ctx, "sda", &p, &e->diags), 0);
	assert_string_equal(p.wwid, "1Linux_scsi_debug_2000");
}

static const char *add_lio(struct env *e, const char *parent, const char *hctl, const char *name,
			   const char *devt, uint16_t tpg, bool with_vpd)
{
	const char *sdev;
	uint8_t inq[96];
	struct vpd v;
	char copy[512];

	sdev = fs_add_scsi_disk(&e->fs, parent, hctl, name, devt, "LIO-ORG \n",
				"ramdisk         \n");
	snprintf(copy, sizeof(copy), "%s", sdev);
	std_inquiry(inq, "LIO-ORG", "ramdisk", "4.0", 1);
	attr(e, copy, "inquiry", inq, sizeof(inq));
	if (with_vpd) {
		vpd_lio(&v, tpg);
		attr(e, copy, "vpd_pg83", v.b, v.len);
	}
	attrs(e, copy, "access_state", tpg == 1 ? "active/optimized\n" : "standby\n");
	attrs(e, copy, "preferred_path", tpg == 1 ? "1\n" : "0\n");
	attrs(e, copy, "dh_state", "alua\n");
	return sdev;
}

static void fc_transport(void **state)
{
	struct env *e = *state;
	struct mp_path p;
	const char *rport = "devices/pci0000:00/0000:00:02.0/host3/rport-3:0-1";

	add_lio(e, "devices/pci0000:00/0000:00:02.0/host3/rport-3:0-1/target3:0:0", "3:0:0:1",
		"sdd", "8:48\n", 1, true);
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:02.0/host3/rport-3:0-1/fc_remote_ports/"
			  "rport-3:0-1/port_name",
		  "0x500a098188f9d4e1\n");
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:02.0/host3/rport-3:0-1/fc_remote_ports/"
			  "rport-3:0-1/node_name",
		  "0x500a098088f9d4e1\n");
	(void)rport;
	fs_symlink(&e->fs,
		   "../../devices/pci0000:00/0000:00:02.0/host3/rport-3:0-1/fc_remote_ports/rport-3:0-1",
		   "class/fc_remote_ports/rport-3:0-1");
	assert_int_equal(mp_discover_path(e->ctx, "sdd", &p, &e->diags), 0);
	assert_int_equal(p.transport, MP_TRANSPORT_FC);
	assert_string_equal(p.protocol, "scsi:fcp");
	assert_string_equal(p.tgt_port_name, "0x500a098188f9d4e1");
	assert_string_equal(p.tgt_node_name, "0x500a098088f9d4e1");
	assert_string_equal(p.wwid, "36001405abcdef0123456789abcdef012");
	assert_int_equal(p.lun, 1);
	assert_int_equal(p.tpg_id, 1);
	assert_true(p.alua_preferred);
	assert_int_equal(p.alua_state, MP_ALUA_ACTIVE_OPTIMIZED);
	assert_int_equal(mp_diags_count(&e->diags, MP_DIAG_WARNING), 0);
}

static void iscsi_and_sas_transports(void **state)
{
	struct env *e = *state;
	struct mp_path p;

	add_lio(e, "devices/platform/host4/session1/target4:0:0", "4:0:0:0", "sde", "8:64\n", 2,
		true);
	fs_writes(&e->fs, "devices/platform/host4/session1/iscsi_session/session1/targetname",
		  "iqn.2003-01.org.linux-iscsi.lab:sn.1234\n");
	fs_writes(&e->fs, "devices/platform/host4/session1/iscsi_session/session1/tpgt", "1\n");
	fs_symlink(&e->fs, "../../devices/platform/host4/session1/iscsi_session/session1",
		   "class/iscsi_session/session1");
	assert_int_equal(mp_discover_path(e->ctx, "sde", &p, &e->diags), 0);
	assert_int_equal(p.transport, MP_TRANSPORT_ISCSI);
	assert_string_equal(p.protocol, "scsi:iscsi");
	assert_string_equal(p.tgt_node_name, "iqn.2003-01.org.linux-iscsi.lab:sn.1234");
	assert_string_equal(p.tgt_port_name, "1");
	assert_int_equal(p.alua_state, MP_ALUA_STANDBY);

	add_lio(e, "devices/pci0000:00/0000:00:05.0/host5/port-5:0/end_device-5:0/target5:0:0",
		"5:0:0:0", "sdf", "8:80\n", 1, true);
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:05.0/host5/port-5:0/end_device-5:0/"
			  "sas_device/end_device-5:0/sas_address",
		  "0x5000c500a1b2c3d4\n");
	fs_symlink(&e->fs,
		   "../../devices/pci0000:00/0000:00:05.0/host5/port-5:0/end_device-5:0/sas_device/"
		   "end_device-5:0",
		   "class/sas_device/end_device-5:0");
	assert_int_equal(mp_discover_path(e->ctx, "sdf", &p, &e->diags), 0);
	assert_int_equal(p.transport, MP_TRANSPORT_SAS);
	assert_string_equal(p.protocol, "scsi:sas");
	assert_string_equal(p.tgt_node_name, "0x5000c500a1b2c3d4");
	assert_int_equal(mp_diags_count(&e->diags, MP_DIAG_WARNING), 0);

	/* A transport directory without its class entry: a warning naming the file. */
	add_lio(e, "devices/platform/host6/session2/target6:0:0", "6:0:0:0", "sdg", "8:96\n", 1,
		true);
	assert_int_equal(mp_discover_path(e->ctx, "sdg", &p, &e->diags), 0);
	assert_int_equal(p.transport, MP_TRANSPORT_ISCSI);
	assert_true(has_diag(&e->diags, MP_DIAG_WARNING, "class/iscsi_session/session2/targetname"));
}

static void missing_vpd83_asks_the_device(void **state)
{
	struct env *e = *state;
	struct vpd v;
	static const uint8_t inq83[] = {0x12, 0x01, 0x83};
	struct mp_fake_scsi_entry table[1] = {{.dev = "sdh", .cdb = inq83, .cdb_len = 3}};
	struct mp_fake_scsi fake = {.entries = table, .n_entries = 1};
	struct mp_path p;

	add_lio(e, "devices/platform/host7/target7:0:0", "7:0:0:0", "sdh", "8:112\n", 2, false);
	/* No transport: the WWID stays unknown, with a note naming the absent file. */
	assert_int_equal(mp_discover_path(e->ctx, "sdh", &p, &e->diags), 0);
	assert_string_equal(p.wwid, "");
	assert_true(has_diag(&e->diags, MP_DIAG_NOTE, "block/sdh/device/vpd_pg83"));

	vpd_lio(&v, 2);
	table[0].data = v.b;
	table[0].data_len = v.len;
	e->ctx->scsi = &mp_fake_scsi_transport;
	e->ctx->scsi_data = &fake;
	assert_int_equal(mp_discover_path(e->ctx, "sdh", &p, &e->diags), 0);
	assert_string_equal(p.wwid, "36001405abcdef0123456789abcdef012");
	assert_int_equal(p.tpg_id, 2);
	assert_int_equal(fake.calls, 1);

	/* The device refuses: a warning naming the command, no WWID. */
	table[0].dev = "nobody";
	assert_int_equal(mp_discover_path(e->ctx, "sdh", &p, &e->diags), 0);
	assert_string_equal(p.wwid, "");
	assert_true(has_diag(&e->diags, MP_DIAG_WARNING, "sdh: INQUIRY VPD 0x83"));
}

static void garbage_vpd_pages(void **state)
{
	struct env *e = *state;
	struct mp_path *paths = NULL;
	size_t n = 0;
	const char *sdev;
	struct vpd v;
	char copy[512];

	sdev = add_lio(e, "devices/platform/host8/target8:0:0", "8:0:0:0", "sdi", "8:128\n", 1,
		       false);
	snprintf(copy, sizeof(copy), "%s", sdev);
	attr(e, copy, "vpd_pg83", "\x00\x83", 2);
	attr(e, copy, "vpd_pg80", "junk", 4);
	sdev = add_lio(e, "devices/platform/host8/target8:0:1", "8:0:1:0", "sdj", "8:144\n", 1,
		       false);
	snprintf(copy, sizeof(copy), "%s", sdev);
	vpd_lio(&v, 1);
	v.b[4 + 3] = 250; /* first designator overruns the page */
	attr(e, copy, "vpd_pg83", v.b, v.len);
	attr(e, copy, "inquiry", "short", 5);

	assert_int_equal(mp_discover_paths(e->ctx, &paths, &n, &e->diags), 2);
	assert_string_equal(paths[0].wwid, "");
	assert_string_equal(paths[1].wwid, "");
	assert_string_equal(paths[0].serial, "");
	assert_true(has_diag(&e->diags, MP_DIAG_ERROR, "block/sdi/device/vpd_pg83"));
	assert_true(has_diag(&e->diags, MP_DIAG_WARNING, "block/sdi/device/vpd_pg80"));
	assert_true(has_diag(&e->diags, MP_DIAG_ERROR, "block/sdj/device/vpd_pg83"));
	assert_true(has_diag(&e->diags, MP_DIAG_WARNING, "block/sdj/device/inquiry"));
	free(paths);
}

static void broken_devices_are_skipped_with_a_diagnostic(void **state)
{
	struct env *e = *state;
	struct mp_path *paths = NULL;
	struct mp_path p;
	size_t n = 0;
	char path[1024];

	add_scsi_debug(e, 1, "sda", "garbage\n", "active/optimized\n");
	add_scsi_debug(e, 2, "sdb", "8:16\n", "bogus-state\n");
	/* A FIFO where an attribute should be must not block the scan. */
	snprintf(path, sizeof(path), "%s/devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:0/rev",
		 e->fs.root);
	remove(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	/* Not candidates: a partition, a loop device, a dangling link. */
	fs_mkdir(&e->fs, "devices/virtual/block/loop0");
	fs_symlink(&e->fs, "../devices/virtual/block/loop0", "block/loop0");
	fs_symlink(&e->fs, "../devices/nowhere/sdz", "block/sdz");
	assert_int_equal(mp_discover_paths(e->ctx, &paths, &n, &e->diags), 1);
	assert_string_equal(paths[0].dev, "sdb");
	assert_int_equal(paths[0].alua_state, MP_ALUA_UNKNOWN);
	assert_string_equal(paths[0].rev, "0191"); /* from the INQUIRY data instead */
	assert_true(has_diag(&e->diags, MP_DIAG_ERROR, "block/sda/dev"));
	assert_true(has_diag(&e->diags, MP_DIAG_WARNING, "block/sdb/device/access_state"));
	assert_true(has_diag(&e->diags, MP_DIAG_WARNING, "block/sdb/device/rev"));
	free(paths);

	assert_int_equal(mp_discover_path(e->ctx, "sdz", &p, NULL), -ENODEV);
	assert_int_equal(mp_discover_path(e->ctx, "loop0", &p, NULL), -ENODEV);
	assert_int_equal(mp_discover_path(e->ctx, "sda", &p, NULL), -EINVAL);
	assert_int_equal(mp_discover_path(e->ctx, "../sda", &p, NULL), -EINVAL);
	assert_int_equal(mp_discover_path(e->ctx, "", &p, NULL), -EINVAL);
}

static void add_nvme(struct env *e)
{
	const char *ns = "devices/pci0000:00/0000:00:04.0/nvme/nvme0/nvme0n1";
	char rel[512];

	snprintf(rel, sizeof(rel), "%s/dev", ns);
	fs_writes(&e->fs, rel, "259:0\n");
	snprintf(rel, sizeof(rel), "%s/size", ns);
	fs_writes(&e->fs, rel, "2097152\n");
	snprintf(rel, sizeof(rel), "%s/wwid", ns);
	fs_writes(&e->fs, rel, "eui.0025385a91b01234\n");
	snprintf(rel, sizeof(rel), "%s/nsid", ns);
	fs_writes(&e->fs, rel, "1\n");
	snprintf(rel, sizeof(rel), "%s/device", ns);
	fs_symlink(&e->fs, "../../nvme0", rel);
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:04.0/nvme/nvme0/model",
		  "QEMU NVMe Ctrl                          \n");
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:04.0/nvme/nvme0/serial", "deadbeef  \n");
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:04.0/nvme/nvme0/firmware_rev", "8.0.0\n");
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:04.0/nvme/nvme0/state", "live\n");
	fs_writes(&e->fs, "devices/pci0000:00/0000:00:04.0/nvme/nvme0/transport", "tcp\n");
	fs_symlink(&e->fs, "../devices/pci0000:00/0000:00:04.0/nvme/nvme0/nvme0n1", "block/nvme0n1");
}

static void nvme_only_without_native_multipath(void **state)
{
	struct env *e = *state;
	struct mp_path *paths = NULL;
	struct mp_path p;
	size_t n = 0;

	add_nvme(e);
	add_scsi_debug(e, 1, "sda", "8:0\n", "active/optimized\n");
	/* Parameter absent: native multipath assumed on, NVMe left to the kernel. */
	assert_true(mp_nvme_native_multipath(e->ctx));
	assert_int_equal(mp_discover_paths(e->ctx, &paths, &n, &e->diags), 1);
	free(paths);
	fs_writes(&e->fs, "module/nvme_core/parameters/multipath", "Y\n");
	assert_int_equal(mp_discover_path(e->ctx, "nvme0n1", &p, NULL), -ENODEV);

	fs_writes(&e->fs, "module/nvme_core/parameters/multipath", "N\n");
	assert_false(mp_nvme_native_multipath(e->ctx));
	assert_int_equal(mp_discover_paths(e->ctx, &paths, &n, &e->diags), 2);
	/* SCSI first, then the rest. */
	assert_string_equal(paths[0].dev, "sda");
	assert_string_equal(paths[1].dev, "nvme0n1");
	p = paths[1];
	free(paths);
	assert_int_equal(p.transport, MP_TRANSPORT_NVME);
	assert_string_equal(p.protocol, "nvme:tcp");
	assert_string_equal(p.wwid, "eui.0025385a91b01234");
	assert_string_equal(p.vendor, "NVME");
	assert_string_equal(p.product, "QEMU NVMe Ctrl");
	assert_string_equal(p.serial, "deadbeef");
	assert_string_equal(p.rev, "8.0.0");
	assert_string_equal(p.dev_state, "live");
	assert_int_equal(p.major, 259);
	assert_int_equal(p.host, -1);
	assert_int_equal(p.lun, 1);
	assert_int_equal(p.size, 2097152);
	assert_int_equal(mp_diags_count(&e->diags, MP_DIAG_ERROR), 0);
}

static void no_block_dir(void **state)
{
	struct env *e = *state;
	struct mp_path *paths = NULL;
	size_t n = 0;

	assert_int_equal(mp_ctx_set_sysfs_root(e->ctx, "/nonexistent-mpath-root"), 0);
	assert_int_equal(mp_discover_paths(e->ctx, &paths, &n, &e->diags), -ENOENT);
	assert_int_equal(mp_diags_count(&e->diags, MP_DIAG_ERROR), 1);
}

/* A device's model with an escape sequence and a quote, a serial with a
 * newline: replaced by '?' before they reach names, logs, terminals or JSON. */
static void device_text_is_sanitized(void **state)
{
	struct env *e = *state;
	struct mp_path *p = NULL;
	size_t n = 0;
	struct vpd v;

	add_scsi_debug(e, 2, "sda", "8:0\n", "active/optimized\n");
	attrs(e, "devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:0", "model",
	      "evil\x1b[2J\"x\n");
	vpd_begin(&v, 0x80);
	vpd_raw(&v, "20\n0\x7f", 5);
	vpd_end(&v);
	attr(e, "devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:0", "vpd_pg80", v.b, v.len);
	assert_int_equal(mp_discover_paths(e->ctx, &p, &n, &e->diags), 1);
	assert_string_equal(p[0].product, "evil?[2J?x");
	for (const char *c = p[0].serial; *c; c++)
		assert_true(*c >= 0x20 && *c < 0x7f);
	assert_true(mp_diags_count(&e->diags, MP_DIAG_WARNING) >= 1);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(scsi_debug_paths_sorted_by_hctl, setup, teardown),
		cmocka_unit_test_setup_teardown(device_text_is_sanitized, setup, teardown),
		cmocka_unit_test_setup_teardown(scsi_id_mode_changes_only_the_wwid, setup, teardown),
		cmocka_unit_test_setup_teardown(fc_transport, setup, teardown),
		cmocka_unit_test_setup_teardown(iscsi_and_sas_transports, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_vpd83_asks_the_device, setup, teardown),
		cmocka_unit_test_setup_teardown(garbage_vpd_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(broken_devices_are_skipped_with_a_diagnostic, setup,
						teardown),
		cmocka_unit_test_setup_teardown(nvme_only_without_native_multipath, setup, teardown),
		cmocka_unit_test_setup_teardown(no_block_dir, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
