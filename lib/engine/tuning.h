/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What multipath.conf asks of the paths beneath a map, outside the dm table:
 * transport timeouts (fast_io_fail_tmo, dev_loss_tmo) on the FC remote port
 * or iSCSI session, and the block queue's max_sectors_kb, which
 * dm-multipath copies from its paths when a table is loaded.
 *
 * Everything is written below ctx->sysfs_root. A write that fails is a
 * warning in diags naming the file; it never stops the map: a map with the
 * kernel's default timeouts still carries I/O.
 */
#ifndef MPATH_ENGINE_TUNING_H
#define MPATH_ENGINE_TUNING_H

#include <stdbool.h>

#include "common/diag.h"
#include "config/config.h"
#include "model.h"

struct mp_ctx;
struct mp_engine;
struct mp_action;

#define MP_TUNE_UNSET (-1LL) /* keyword unset: the kernel's value stays */
#define MP_TUNE_OFF (-2LL)   /* fast_io_fail_tmo "off" */
/* dev_loss_tmo "infinity": the FC transport's largest value (a u32 of seconds). */
#define MP_DEV_LOSS_INFINITY 4294967295LL
/* The FC transport refuses a larger dev_loss_tmo while fast_io_fail_tmo is off
 * (SCSI_DEVICE_BLOCK_MAX_TIMEOUT). */
#define MP_DEV_LOSS_MAX_WITHOUT_FAST_IO_FAIL 600LL

/* The settings for one path, after the adjustments multipath-tools makes. */
struct mp_path_tuning {
	long long fast_io_fail;	   /* seconds, MP_TUNE_OFF or MP_TUNE_UNSET */
	long long dev_loss;	   /* seconds or MP_TUNE_UNSET */
	long long max_sectors_kb;  /* KiB or MP_TUNE_UNSET */
	long long eh_deadline;	   /* seconds, MP_TUNE_OFF or MP_TUNE_UNSET (SCSI host) */
	bool queueing;		   /* no_path_retry queue */
	bool dev_loss_raised;	   /* dev_loss_tmo raised to no_path_retry * polling_interval */
	bool fast_io_fail_dropped; /* fast_io_fail_tmo >= dev_loss_tmo: turned off */
};

/*
 * mp_tuning_resolve() - the tuning for a device, from config resolution
 * (multipaths > overrides/protocol > overrides > devices > defaults).
 * A set dev_loss_tmo below no_path_retry * polling_interval (infinity for
 * "queue") is raised to it, and a fast_io_fail_tmo not below dev_loss_tmo
 * becomes off, as multipath.conf(5) describes.
 * Return: 0 or -errno from resolution.
 */
int mp_tuning_resolve(const struct mp_config *cfg, const struct mp_device_id *id,
		      struct mp_path_tuning *ret);

/*
 * mp_tune_timeouts() - write fast_io_fail_tmo / dev_loss_tmo for one SCSI
 * path whose block device is at devpath (relative to the sysfs root).
 * FC: class/fc_remote_ports/<rport>/, in an order the kernel accepts.
 * iSCSI: fast_io_fail_tmo becomes class/iscsi_session/<session>/recovery_tmo;
 * dev_loss_tmo does not apply. Other transports: nothing (debug log).
 * Return: number of writes that failed (each a warning in diags).
 */
int mp_tune_timeouts(const struct mp_ctx *ctx, const char *dev, const char *devpath,
		     const struct mp_path_tuning *t, struct mp_diags *diags);

/* Write block/<dev>/queue/max_sectors_kb. Return: 0 or 1 (failed, in diags). */
int mp_tune_max_sectors_kb(const struct mp_ctx *ctx, const char *dev, long long kb,
			   struct mp_diags *diags);

/*
 * mp_engine_tune_path() - for mpathd when a path is added: resolve the
 * path's settings and write its timeouts and, when max_sectors_kb is set,
 * its queue limit. @map_minor: the dm minor of the map the path joins, whose
 * current max_sectors_kb the path gets (a live map's limit must not change
 * under it), or -1 when the map is yet to be created (the configured value).
 * Return: number of failed writes (in diags), or -errno when the settings
 * cannot be resolved.
 */
int mp_engine_tune_path(struct mp_engine *e, const struct mp_path *p, int map_minor,
			struct mp_diags *diags);

/*
 * mp_engine_tune_action() - the same for every path of the map an action
 * loads, found by the dev_t in its table. Called by mp_engine_apply() before
 * the device-mapper call: timeouts for every action with a desired map (a
 * reconfigure changes no table, yet must reach the transports, as
 * multipathd's reload does); max_sectors_kb for create (configured value)
 * and reload (the live map's value).
 * Return: number of failed writes (in diags).
 */
int mp_engine_tune_action(struct mp_engine *e, const struct mp_action *a, struct mp_diags *diags);

#endif
