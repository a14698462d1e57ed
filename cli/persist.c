/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mpathpersist on mpath: one PR IN through any usable path of a map, or one
 * PR OUT fanned out as lib/persist/map.h says, with multipath.conf's
 * reservation_key checked and the prkeys file kept up to date.
 */
#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ctx.h"
#include "common/macros.h"
#include "config/config.h"
#include "discover/transport.h"
#include "names/prkeys.h"
#include "persist.h"
#include "persist_map.h"
#include "persist_options.h"
#include "persist_print.h"

#define CONFIG_FILE "/etc/multipath.conf"

struct run {
	const struct persist_options *o;
	struct mp_ctx *ctx;
	struct mp_config *cfg;
	struct mp_diags diags;
	struct persist_map map;
};

bool cli_persist_wanted(int argc, char **argv)
{
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
	const char *name = argc > 0 ? (slash ? slash + 1 : argv[0]) : "";

	return streq(name, "mpathpersist") || (argc > 1 && streq(argv[1], "persist"));
}

static void flush_diags(struct run *r)
{
	char line[1024];

	for (size_t i = 0; i < r->diags.n; i++) {
		if (r->diags.items[i].severity != MP_DIAG_ERROR && r->o->verbosity < 3)
			continue;
		mp_diag_format(&r->diags.items[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	mp_diags_clear(&r->diags);
}

/* The map's reservation_key: from multipath.conf, or from the prkeys file. */
static int configured_key(struct run *r, uint64_t *ret_key, bool *ret_from_file,
			  const char **ret_prkeys)
{
	struct mp_reservation_key k;
	int ret;

	*ret_prkeys = mp_prkeys_path(r->cfg);
	ret = mp_prkeys_map_key(r->cfg, *ret_prkeys, r->map.wwid, &k, &r->diags);
	if (ret < 0)
		return ret;
	*ret_from_file = k.from_file;
	*ret_key = k.key;
	return 0;
}

static int status_of(const struct mp_pr_result *res)
{
	if (res->error == -ENODEV)
		return MP_PR_DMMP_ERROR;
	return mp_pr_status_of(res);
}

static void report_paths(const struct run *r, const char *what)
{
	char why[160];

	if (r->o->verbosity < 2)
		return;
	for (size_t i = 0; i < r->map.n_paths; i++) {
		const struct mp_pr_path *p = &r->map.paths[i];

		if (!p->usable) {
			fprintf(stderr, "%s: %s: path not usable, skipped\n", r->map.name, p->dev);
			continue;
		}
		if (!p->sent)
			continue;
		if (p->res.has_sense)
			mp_sense_format(&p->res.sense, why, sizeof(why));
		else if (p->res.error == -EACCES) /* mp_scsi_execute()'s code for the SAM status */
			snprintf(why, sizeof(why), "RESERVATION CONFLICT");
		else
			snprintf(why, sizeof(why), "%s", p->res.error ? strerror(-p->res.error) : "ok");
		fprintf(stderr, "%s: %s: %s: %s%s\n", r->map.name, p->dev, what, why,
			p->rolled_back ? (p->rollback_res.error ? ", rollback failed" : ", rolled back")
				       : "");
	}
}

/*
 * Decode and print one answer. Return: 1 when the device has more than buf
 * held and partial is false (nothing printed: the caller asks again with
 * room for all), 0 printed, -EBADMSG.
 */
static int decode_and_print(const struct persist_options *o, const uint8_t *buf, size_t len,
			    bool partial, size_t *ret_needed)
{
	struct mp_pr_keys k;
	struct mp_pr_reservation resv;
	struct mp_pr_caps caps;
	struct mp_pr_full_status full;
	int ret = -EINVAL;

	*ret_needed = len;
	switch (o->prin_sa) {
	case MP_PRIN_READ_KEYS:
		ret = mp_pr_keys_decode(buf, len, &k, ret_needed);
		if (ret == 0 && (partial || *ret_needed <= len))
			persist_print_keys(stdout, &k);
		mp_pr_keys_clear(&k);
		break;
	case MP_PRIN_READ_RESERVATION:
		ret = mp_pr_reservation_decode(buf, len, &resv);
		if (ret == 0)
			persist_print_reservation(stdout, &resv);
		break;
	case MP_PRIN_REPORT_CAPABILITIES:
		ret = mp_pr_caps_decode(buf, len, &caps);
		if (ret == 0)
			persist_print_caps(stdout, &caps);
		break;
	case MP_PRIN_READ_FULL_STATUS:
		ret = mp_pr_full_status_decode(buf, len, &full, ret_needed);
		if (ret == 0 && (partial || *ret_needed <= len))
			persist_print_full_status(stdout, &full);
		mp_pr_full_status_clear(&full);
		break;
	}
	if (ret < 0)
		return ret;
	return !partial && *ret_needed > len;
}

static int do_in(struct run *r, bool alloc_given)
{
	size_t size = r->o->alloc_len ? r->o->alloc_len : PERSIST_DEFAULT_ALLOC;
	struct mp_pr_result res;
	size_t len = 0, used = 0, needed = 0;
	int ret;

	for (;;) {
		_cleanup_free_ uint8_t *buf = calloc(1, size);
		/* -l given, or at PR IN's limit: print what came, as mpathpersist does */
		bool last = alloc_given || size >= MP_PR_IN_MAX_LEN;

		if (!buf)
			return MP_PR_OTHER;
		ret = mp_pr_map_in(r->ctx, r->map.paths, r->map.n_paths, (uint8_t)r->o->prin_sa, buf,
				   size, &len, &used, &res);
		report_paths(r, "PR IN");
		if (ret < 0) {
			fprintf(stderr, "Persistent Reserve IN command failed\n");
			return status_of(&res);
		}
		ret = decode_and_print(r->o, buf, len, last, &needed);
		if (ret < 0) {
			fprintf(stderr, "%s: malformed PR IN answer from %s\n", r->map.name,
				r->map.paths[used].dev);
			return MP_PR_SENSE_MALFORMED;
		}
		if (ret == 0) {
			if (r->o->hex)
				persist_print_hex(stdout, buf, len);
			return MP_PR_SUCCESS;
		}
		size = needed < MP_PR_IN_MAX_LEN ? needed : MP_PR_IN_MAX_LEN;
	}
}

static int do_out(struct run *r)
{
	const struct persist_options *o = r->o;
	struct mp_prout_param p = {.key = o->rk, .sa_key = o->sark};
	enum persist_prkey_update update;
	struct mp_pr_result res;
	const char *prkeys;
	uint64_t configured;
	bool from_file;
	char err[160];
	int ret;

	ret = configured_key(r, &configured, &from_file, &prkeys);
	if (ret < 0) {
		flush_diags(r);
		fprintf(stderr, "%s: cannot read the reservation key: %s\n", r->map.name,
			strerror(-ret));
		return MP_PR_OTHER;
	}
	if (persist_check_key(o, configured, from_file, &update, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", r->map.name, err);
		return MP_PR_SYNTAX_ERROR;
	}
	if (o->aptpl)
		p.flags |= MP_PR_APTPL;
	if (o->all_tg_pt)
		p.flags |= MP_PR_ALL_TG_PT;
	ret = mp_pr_map_out(r->ctx, r->map.paths, r->map.n_paths, (uint8_t)o->prout_sa,
			    (uint8_t)o->type, &p, &res);
	report_paths(r, mp_prout_sa_name((uint8_t)o->prout_sa));
	if (ret < 0) {
		if (res.error == -EACCES)
			printf("persistent reserve out: scsi status: Reservation Conflict\n");
		else if (res.has_sense && res.sense.key == MP_SK_UNIT_ATTENTION)
			printf("persistent reserve out: scsi status: Unit Attention\n");
		else if (res.error == -EAGAIN)
			fprintf(stderr, "%s: the reservation is still held: its holding path did not "
					"release it\n", r->map.name);
		else if (res.error == -ENODEV)
			fprintf(stderr, "%s: no usable path\n", r->map.name);
		printf("PR out: command failed\n");
		return res.error == -EAGAIN ? MP_PR_OTHER : status_of(&res);
	}
	if (update != PERSIST_PRKEY_KEEP) {
		ret = mp_prkeys_file_set(prkeys, r->map.wwid,
					 update == PERSIST_PRKEY_SET ? o->sark : 0, o->aptpl,
					 &r->diags);
		flush_diags(r);
		if (ret < 0)
			return MP_PR_DMMP_ERROR;
	}
	return MP_PR_SUCCESS;
}

static void print_log(void *data, int level, const char *msg)
{
	(void)data;
	(void)level;
	fprintf(stderr, "mpath persist: %s\n", msg);
}

static int run(const struct persist_options *o)
{
	struct run r = {.o = o};
	struct mp_dm *dm = NULL;
	char err[256];
	int ret, status;

	if (mp_ctx_new(&r.ctx) < 0 || mp_config_new(&r.cfg) < 0)
		return MP_PR_OTHER;
	mp_ctx_set_log(r.ctx, print_log, NULL, o->verbosity >= 3 ? MP_LOG_INFO : MP_LOG_ERR);
	r.ctx->scsi = &mp_sg_io_transport;
	ret = mp_config_load_file(r.cfg, r.ctx->config_file ? r.ctx->config_file : CONFIG_FILE,
				  &r.diags);
	flush_diags(&r);
	status = MP_PR_DMMP_ERROR;
	if (ret < 0 && ret != -ENOENT) {
		fprintf(stderr, "%s: %s\n", CONFIG_FILE, strerror(-ret));
		goto out;
	}
	ret = mp_dm_libdm_new(r.ctx, &dm);
	if (ret < 0) {
		fprintf(stderr, "device-mapper is not available: %s\n", strerror(-ret));
		goto out;
	}
	ret = persist_map_open(dm, o->device, &r.map, err, sizeof(err));
	if (ret < 0) {
		fprintf(stderr, "%s\n", err);
		status = ret == -ENODEV ? MP_PR_DMMP_ERROR : MP_PR_FILE_ERROR;
		goto out;
	}
	status = o->in ? do_in(&r, o->alloc_len != PERSIST_DEFAULT_ALLOC) : do_out(&r);
out:
	persist_map_close(&r.map);
	mp_dm_free(dm);
	mp_config_free(r.cfg);
	mp_ctx_free(r.ctx);
	mp_diags_clear(&r.diags);
	return status;
}

int cli_persist_main(int argc, char **argv)
{
	struct persist_options o;
	char err[256], warn[128];

	if (argc > 1 && streq(argv[1], "persist")) {
		argc--;
		argv++;
	}
	if (persist_options_parse(argc, argv, &o, err, sizeof(err), warn, sizeof(warn)) < 0) {
		fprintf(stderr, "%s\n", err);
		persist_usage(stderr);
		return MP_PR_SYNTAX_ERROR;
	}
	if (o.help) {
		persist_usage(stdout);
		return MP_PR_SUCCESS;
	}
	if (warn[0])
		fprintf(stderr, "%s\n", warn);
	return run(&o);
}
