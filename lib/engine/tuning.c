/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fast_io_fail_tmo, dev_loss_tmo and max_sectors_kb: settings that live in
 * sysfs beside the map rather than in its table. The rules follow
 * multipath.conf(5) and the kernel's FC transport (scsi_transport_fc), which
 * checks each value against the other when it is written.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/ctx.h"
#include "common/log.h"
#include "common/macros.h"
#include "discover/discover.h"
#include "discover/sysfs.h"
#include "engine/engine.h"
#include "engine/tuning.h"

/* A non-negative decimal as config and sysfs spell it; MP_TUNE_UNSET otherwise. */
static long long count_value(const char *v)
{
	char *end;
	long long n;

	if (!v || *v < '0' || *v > '9')
		return MP_TUNE_UNSET;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end)
		return MP_TUNE_UNSET;
	return n;
}

int mp_tuning_resolve(const struct mp_config *cfg, const struct mp_device_id *id,
		      struct mp_path_tuning *ret)
{
	struct mp_path_tuning t = {
	    .fast_io_fail = MP_TUNE_UNSET,
	    .dev_loss = MP_TUNE_UNSET,
	    .max_sectors_kb = MP_TUNE_UNSET,
	    .eh_deadline = MP_TUNE_UNSET,
	};
	struct mp_resolved *r = NULL;
	long long min_dev_loss = 0, retries;
	long poll = 5;
	const char *v, *f;
	int rc;

	rc = mp_config_resolve(cfg, id, &r);
	if (rc < 0)
		return rc;
	v = mp_resolved_get(r, "fast_io_fail_tmo", NULL);
	t.fast_io_fail = v && streq(v, "off") ? MP_TUNE_OFF : count_value(v);
	v = mp_resolved_get(r, "dev_loss_tmo", NULL);
	t.dev_loss = v && streq(v, "infinity") ? MP_DEV_LOSS_INFINITY : count_value(v);
	if (t.dev_loss > MP_DEV_LOSS_INFINITY)
		t.dev_loss = MP_DEV_LOSS_INFINITY;
	v = mp_resolved_get(r, "eh_deadline", NULL);
	t.eh_deadline = v && streq(v, "off") ? MP_TUNE_OFF : count_value(v);
	t.max_sectors_kb = count_value(mp_resolved_get(r, "max_sectors_kb", NULL));
	if (t.max_sectors_kb == 0)
		t.max_sectors_kb = MP_TUNE_UNSET; /* the keyword's minimum is 1 */
	v = mp_resolved_get(r, "no_path_retry", NULL);
	retries = count_value(v);
	/* unset no_path_retry: features "1 queue_if_no_path" means queue (0.9.4) */
	if (!v && (f = mp_resolved_get(r, "features", NULL)) && strstr(f, "queue_if_no_path"))
		v = "queue";
	if (v && streq(v, "queue")) {
		t.queueing = true;
		min_dev_loss = MP_DEV_LOSS_INFINITY;
	} else if (retries > 0) {
		/* The paths must outlive the retries, or the map has nothing left to retry on. */
		if (mp_config_get_int(cfg, "polling_interval", &poll) < 0 || poll < 1)
			poll = 5;
		min_dev_loss =
		    retries > MP_DEV_LOSS_INFINITY / poll ? MP_DEV_LOSS_INFINITY : retries * poll;
	}
	mp_resolved_free(r);

	if (t.dev_loss != MP_TUNE_UNSET && t.dev_loss < min_dev_loss) {
		t.dev_loss = min_dev_loss;
		t.dev_loss_raised = true;
	}
	if (t.dev_loss != MP_TUNE_UNSET && t.fast_io_fail > 0 && t.fast_io_fail >= t.dev_loss) {
		t.fast_io_fail = MP_TUNE_OFF;
		t.fast_io_fail_dropped = true;
	}
	*ret = t;
	return 0;
}

/*
 * Write one attribute. The file must already exist (sysfs attributes are
 * never created) and be a regular file: a FIFO in a captured tree would
 * block. Its real location must stay inside the root, so a link in a
 * captured tree can never lead a test into the host's /sys.
 */
static int write_attr(const struct mp_ctx *ctx, const char *rel, const char *value)
{
	char real[PATH_MAX], path[PATH_MAX];
	size_t len = strlen(value);
	struct stat st;
	ssize_t n;
	int fd, r;

	r = mp_sysfs_resolve(ctx, rel, real, sizeof(real));
	if (r < 0)
		return r;
	r = mp_sysfs_path(ctx, real, path, sizeof(path));
	if (r < 0)
		return r;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	/* sysfs takes a value in one write; a short write is a failure. */
	n = write(fd, value, len);
	r = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	return r;
}

/* dir/attr = value; 0, or 1 with a warning naming the file. */
static int set_attr(const struct mp_ctx *ctx, const char *dev, const char *dir, const char *attr,
		    const char *value, struct mp_diags *diags)
{
	char rel[PATH_MAX];
	int r;

	snprintf(rel, sizeof(rel), "%s/%s", dir, attr);
	r = write_attr(ctx, rel, value);
	if (r < 0) {
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "%s: cannot set %s to %s: %s%s", dev,
			     attr, value, strerror(-r),
			     r == -EBUSY ? " (remote port blocked; set again when it returns)"
					 : "");
		return 1;
	}
	mp_dbg(ctx, "%s: %s = %s", dev, rel, value);
	return 0;
}

static void fmt_count(char *buf, size_t size, long long v)
{
	if (v == MP_TUNE_OFF)
		snprintf(buf, size, "off");
	else
		snprintf(buf, size, "%lld", v);
}

/* Will the rport's fast_io_fail_tmo be off once we are done? */
static bool fc_fast_io_fail_off(const struct mp_ctx *ctx, const char *dir,
				const struct mp_path_tuning *t)
{
	char rel[PATH_MAX], cur[32];

	if (t->fast_io_fail != MP_TUNE_UNSET)
		return t->fast_io_fail == MP_TUNE_OFF;
	snprintf(rel, sizeof(rel), "%s/fast_io_fail_tmo", dir);
	return mp_sysfs_read_str(ctx, rel, cur, sizeof(cur)) == 0 && streq(cur, "off");
}

/*
 * The kernel takes fast_io_fail_tmo only below the rport's current
 * dev_loss_tmo, and dev_loss_tmo above 600 only while fast_io_fail_tmo is
 * on. So: raise dev_loss_tmo past fast_io_fail_tmo when needed, then set
 * fast_io_fail_tmo, then the wanted dev_loss_tmo.
 */
static int tune_fc(const struct mp_ctx *ctx, const char *dev, const char *rport,
		   const struct mp_path_tuning *t, struct mp_diags *diags)
{
	char dir[192], rel[PATH_MAX], cur[32], value[32];
	long long dev_loss = t->dev_loss, now;
	int failed = 0, r;

	snprintf(dir, sizeof(dir), "class/fc_remote_ports/%s", rport);
	snprintf(rel, sizeof(rel), "%s/dev_loss_tmo", dir);
	r = mp_sysfs_read_str(ctx, rel, cur, sizeof(cur));
	now = r < 0 ? MP_TUNE_UNSET : count_value(cur);
	if (now == MP_TUNE_UNSET) {
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel,
			     "%s: cannot read the remote port's dev_loss_tmo: %s", dev,
			     r < 0 ? strerror(-r) : "not a number");
		return 1;
	}
	if (t->fast_io_fail > 0) {
		if (t->fast_io_fail >= now) {
			fmt_count(value, sizeof(value), t->fast_io_fail + 1);
			/* Without it fast_io_fail_tmo would be refused too. */
			if (set_attr(ctx, dev, dir, "dev_loss_tmo", value, diags))
				return 1;
		}
	} else if (dev_loss > MP_DEV_LOSS_MAX_WITHOUT_FAST_IO_FAIL &&
		   fc_fast_io_fail_off(ctx, dir, t)) {
		mp_dbg(ctx, "%s: %s: dev_loss_tmo limited to %lld while fast_io_fail_tmo is off",
		       dev, rport, MP_DEV_LOSS_MAX_WITHOUT_FAST_IO_FAIL);
		dev_loss = MP_DEV_LOSS_MAX_WITHOUT_FAST_IO_FAIL;
	}
	if (t->fast_io_fail != MP_TUNE_UNSET) {
		fmt_count(value, sizeof(value), t->fast_io_fail);
		failed += set_attr(ctx, dev, dir, "fast_io_fail_tmo", value, diags);
	}
	if (dev_loss != MP_TUNE_UNSET) {
		fmt_count(value, sizeof(value), dev_loss);
		failed += set_attr(ctx, dev, dir, "dev_loss_tmo", value, diags);
	}
	return failed;
}

/* iSCSI has one timer: recovery_tmo fails I/O after a lost connection. The
 * session is never removed by a timer, so dev_loss_tmo has nothing to set,
 * and the timer cannot be switched off or set to 0. */
static int tune_iscsi(const struct mp_ctx *ctx, const char *dev, const char *session,
		      const struct mp_path_tuning *t, struct mp_diags *diags)
{
	char dir[192], value[32];

	if (t->dev_loss != MP_TUNE_UNSET)
		mp_dbg(ctx, "%s: dev_loss_tmo does not apply to iSCSI; ignored", dev);
	if (t->fast_io_fail == MP_TUNE_UNSET)
		return 0;
	if (t->fast_io_fail == MP_TUNE_OFF || t->fast_io_fail == 0) {
		mp_dbg(ctx, "%s: fast_io_fail_tmo %s cannot be set on iSCSI; recovery_tmo stays",
		       dev, t->fast_io_fail == 0 ? "0" : "off");
		return 0;
	}
	snprintf(dir, sizeof(dir), "class/iscsi_session/%s", session);
	fmt_count(value, sizeof(value), t->fast_io_fail);
	return set_attr(ctx, dev, dir, "recovery_tmo", value, diags);
}

static int tune_timeouts(const struct mp_ctx *ctx, const char *dev, const char *devpath, bool nvme,
			 const struct mp_path_tuning *t, struct mp_diags *diags)
{
	char obj[128] = "";
	enum mp_transport_kind kind;

	if (t->fast_io_fail == MP_TUNE_UNSET && t->dev_loss == MP_TUNE_UNSET)
		return 0;
	kind = nvme ? MP_TRANSPORT_NVME : mp_scsi_transport_object(devpath, obj, sizeof(obj));
	switch (kind) {
	case MP_TRANSPORT_FC:
		return tune_fc(ctx, dev, obj, t, diags);
	case MP_TRANSPORT_ISCSI:
		return tune_iscsi(ctx, dev, obj, t, diags);
	default:
		/* SAS: multipath-tools writes dev_loss_tmo (seconds) to the end
		 * device's I_T_nexus_loss_timeout, the device's own value (read
		 * from its port mode page, in milliseconds); we leave it alone. */
		mp_dbg(ctx, "%s: fast_io_fail_tmo/dev_loss_tmo not supported for protocol %s", dev,
		       mp_scsi_protocol_name(kind));
		return 0;
	}
}

int mp_tune_timeouts(const struct mp_ctx *ctx, const char *dev, const char *devpath,
		     const struct mp_path_tuning *t, struct mp_diags *diags)
{
	return tune_timeouts(ctx, dev, devpath, !strncmp(dev, "nvme", 4), t, diags);
}

int mp_tune_max_sectors_kb(const struct mp_ctx *ctx, const char *dev, long long kb,
			   struct mp_diags *diags)
{
	char dir[96], value[32];

	snprintf(dir, sizeof(dir), "block/%s/queue", dev);
	fmt_count(value, sizeof(value), kb);
	return set_attr(ctx, dev, dir, "max_sectors_kb", value, diags);
}

/* The live map's limit: a path joining it gets that, as a reload must not
 * change the limit of a map with I/O in flight. */
static long long map_max_sectors_kb(const struct mp_ctx *ctx, const char *map, int minor,
				    struct mp_diags *diags)
{
	char rel[64], cur[32];
	long long kb;
	int r = -ENOENT;

	snprintf(rel, sizeof(rel), "block/dm-%d/queue/max_sectors_kb", minor);
	if (minor >= 0)
		r = mp_sysfs_read_str(ctx, rel, cur, sizeof(cur));
	kb = r < 0 ? MP_TUNE_UNSET : count_value(cur);
	if (kb == MP_TUNE_UNSET || kb == 0)
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel,
			     "%s: cannot read the map's max_sectors_kb (%s); its paths keep theirs",
			     map, r < 0 ? strerror(-r) : "not a number");
	return kb == 0 ? MP_TUNE_UNSET : kb;
}

static void log_adjustments(const struct mp_ctx *ctx, const char *dev,
			    const struct mp_path_tuning *t)
{
	if (t->dev_loss_raised)
		mp_dbg(ctx, "%s: dev_loss_tmo raised to %lld to outlast no_path_retry", dev,
		       t->dev_loss);
	if (t->fast_io_fail_dropped)
		mp_dbg(ctx, "%s: fast_io_fail_tmo off: not below dev_loss_tmo", dev);
}

/* eh_deadline belongs to the SCSI host. Not every driver has the attribute,
 * so a failure is only a debug line, as in multipath-tools. */
static void tune_eh_deadline(const struct mp_ctx *ctx, const char *dev, const char *devpath,
			     long long v)
{
	char rel[64], value[24];
	const char *h;
	int host = -1, r;

	if (v == MP_TUNE_UNSET)
		return;
	/* the SCSI host is the ".../hostN/" component of the device's path */
	for (h = strstr(devpath, "/host"); h && host < 0; h = strstr(h + 1, "/host")) {
		char *end;
		long n = strtol(h + 5, &end, 10);

		if (end != h + 5 && *end == '/' && n >= 0 && n < 1000000)
			host = (int)n;
	}
	if (host < 0)
		return;
	snprintf(rel, sizeof(rel), "class/scsi_host/host%d/eh_deadline", host);
	fmt_count(value, sizeof(value), v);
	r = write_attr(ctx, rel, value);
	if (r < 0)
		mp_dbg(ctx, "%s: cannot set %s to %s: %s", dev, rel, value, strerror(-r));
	else
		mp_dbg(ctx, "%s: %s = %s", dev, rel, value);
}

int mp_engine_tune_path(struct mp_engine *e, const struct mp_path *p, int map_minor,
			struct mp_diags *diags)
{
	struct mp_device_id id;
	struct mp_path_tuning t;
	long long kb;
	int failed, r;

	mp_engine_device_id(p, &id);
	id.protocol = p->protocol[0] ? p->protocol : NULL;
	r = mp_tuning_resolve(e->cfg, &id, &t);
	if (r < 0)
		return r;
	log_adjustments(e->ctx, p->dev, &t);
	failed =
	    tune_timeouts(e->ctx, p->dev, p->devpath, p->transport == MP_TRANSPORT_NVME, &t, diags);
	if (p->transport != MP_TRANSPORT_NVME)
		tune_eh_deadline(e->ctx, p->dev, p->devpath, t.eh_deadline);
	if (t.max_sectors_kb == MP_TUNE_UNSET)
		return failed;
	kb = map_minor >= 0 ? map_max_sectors_kb(e->ctx, p->dev, map_minor, diags)
			    : t.max_sectors_kb;
	if (kb == MP_TUNE_UNSET)
		return failed + 1;
	return failed + mp_tune_max_sectors_kb(e->ctx, p->dev, kb, diags);
}

/*
 * The block device with that dev_t: dev/block/MAJ:MIN on a live system;
 * captured trees and test fixtures may lack it, so block/ is searched then.
 */
static int find_block(const struct mp_ctx *ctx, unsigned int major, unsigned int minor, char *name,
		      size_t name_size, char *devpath, size_t devpath_size)
{
	char rel[PATH_MAX], path[PATH_MAX], buf[32];
	struct dirent *de;
	unsigned int ma, mi;
	DIR *d;
	int r = -ENOENT;

	snprintf(rel, sizeof(rel), "dev/block/%u:%u", major, minor);
	if (mp_sysfs_resolve(ctx, rel, devpath, devpath_size) == 0) {
		const char *base = strrchr(devpath, '/');

		base = base ? base + 1 : devpath;
		return (size_t)snprintf(name, name_size, "%s", base) < name_size ? 0
										 : -ENAMETOOLONG;
	}
	if (mp_sysfs_path(ctx, "block", path, sizeof(path)) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "block/%s/dev", de->d_name);
		if (mp_sysfs_read_str(ctx, rel, buf, sizeof(buf)) < 0 ||
		    mp_parse_devt(buf, &ma, &mi) < 0 || ma != major || mi != minor)
			continue;
		snprintf(rel, sizeof(rel), "block/%s", de->d_name);
		r = mp_sysfs_resolve(ctx, rel, devpath, devpath_size);
		if (r == 0 && (size_t)snprintf(name, name_size, "%s", de->d_name) >= name_size)
			r = -ENAMETOOLONG;
		break;
	}
	closedir(d);
	return r;
}

int mp_engine_tune_action(struct mp_engine *e, const struct mp_action *a, struct mp_diags *diags)
{
	const struct mp_map *m = a->map;
	bool loads = a->kind == MP_ACT_CREATE || a->kind == MP_ACT_RELOAD;
	long long live_kb = MP_TUNE_UNSET;
	bool live_read = false;
	int failed = 0;

	if (!m || a->kind == MP_ACT_REMOVE)
		return 0;
	for (size_t g = 0; g < m->table.n_groups; g++) {
		const struct mp_dm_group *grp = &m->table.groups[g];

		for (size_t i = 0; i < grp->n_paths; i++) {
			const struct mp_dm_path *dp = &grp->paths[i];
			char name[256], devpath[512], rel[64];
			struct mp_device_id id = {
			    .vendor = m->vendor,
			    .product = m->product,
			    .revision = m->rev,
			    .wwid = m->wwid,
			};
			struct mp_path_tuning t;
			long long kb;
			bool nvme;

			if (find_block(e->ctx, dp->major, dp->minor, name, sizeof(name), devpath,
				       sizeof(devpath)) < 0) {
				snprintf(rel, sizeof(rel), "dev/block/%u:%u", dp->major, dp->minor);
				mp_diag_file(
				    diags, MP_DIAG_WARNING, e->ctx, rel,
				    "%s: path %u:%u not in sysfs; its settings are not applied",
				    a->name, dp->major, dp->minor);
				failed++;
				continue;
			}
			nvme = !strncmp(name, "nvme", 4);
			id.transport =
			    nvme ? MP_TRANSPORT_NVME : mp_scsi_transport_object(devpath, NULL, 0);
			if (mp_tuning_resolve(e->cfg, &id, &t) < 0) {
				failed++;
				continue;
			}
			log_adjustments(e->ctx, name, &t);
			failed += tune_timeouts(e->ctx, name, devpath, nvme, &t, diags);
			if (!nvme)
				tune_eh_deadline(e->ctx, name, devpath, t.eh_deadline);
			if (!loads || t.max_sectors_kb == MP_TUNE_UNSET)
				continue;
			kb = t.max_sectors_kb;
			if (a->kind == MP_ACT_RELOAD) {
				if (!live_read) {
					live_kb = map_max_sectors_kb(
					    e->ctx, a->name, a->cur ? a->cur->minor : -1, diags);
					live_read = true;
					failed += live_kb == MP_TUNE_UNSET;
				}
				kb = live_kb;
			}
			if (kb != MP_TUNE_UNSET)
				failed += mp_tune_max_sectors_kb(e->ctx, name, kb, diags);
		}
	}
	return failed;
}
