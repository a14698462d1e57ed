/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The mpath actions: each runs the pipeline as far as it needs and prints. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control/client.h"
#include "common/strbuf.h"
#include "config/config.h"
#include "names/wwids.h"
#include "output/json.h"
#include "output/topology.h"
#include "output/view.h"
#include "session.h"

static void print_notes(struct cli_session *s, const struct mp_world *w)
{
	if (s->verbosity < 3)
		return;
	for (size_t i = 0; i < w->n_paths; i++)
		if (w->notes[i].excluded)
			fprintf(stderr, "%s\n", w->notes[i].reason);
}

static int emit(struct strbuf *out)
{
	fputs(strbuf_str(out), stdout);
	strbuf_reset(out);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* Desired maps for the whole world (or one target), with the world read first. */
/* Is a multipath daemon (mpathd, or multipathd: same socket) answering? */
static bool daemon_answers(void)
{
	char *reply = NULL;
	int r = mpathd_client_command("show daemon", &reply, 1000);

	free(reply);
	if (r == -EPERM) { /* an impostor must not keep maps queueing forever */
		char why[256];

		mp_control_strerror(NULL, r, why, sizeof(why));
		fprintf(stderr, "mpath: treating as no daemon: %s\n", why);
	}
	return r == 0;
}

/* Without a daemon nothing turns queueing off after no_path_retry checks:
 * unless the admin allows it (queue_without_daemon), maps don't queue. */
static bool must_not_queue(const struct cli_session *s)
{
	bool allowed = false;

	if (s->opts->allow_queueing) /* -q */
		return false;
	if (mp_config_get_bool(s->cfg, "queue_without_daemon", &allowed) == 0 && allowed)
		return false;
	return s->opts->sysfs_root || !daemon_answers();
}

/* Read the world, optionally check its paths, then compute the desired maps. */
static int desire_checked(struct cli_session *s, struct mp_world *w, struct mp_map_set *maps,
			  bool check)
{
	struct mp_desire_opts dopts = {
		.dry_run = s->opts->dry_run,
		.ignore_wwids = s->opts->ignore_wwids,
		.pgpolicy = s->opts->pgpolicy,
		.only = s->opts->target,
		.no_queueing = s->opts->action == CLI_CREATE && must_not_queue(s),
		.bindings_read_only = s->opts->bindings_read_only,
	};
	int r = mp_world_read(&s->engine, w, &s->diags);

	if (r < 0)
		return r;
	if (check)
		mp_world_check_paths(&s->engine, w);
	r = mp_engine_desire(&s->engine, w, &dopts, maps, &s->diags);
	print_notes(s, w);
	return r;
}

static int desire(struct cli_session *s, struct mp_world *w, struct mp_map_set *maps)
{
	return desire_checked(s, w, maps, false);
}

/* The plan as JSON, built by json-c (lib/output): names and reasons carry
 * device-provided text, which must never be pasted into a document. */
static int plan_json(const struct mp_plan *plan, const struct mp_world *w, struct strbuf *out)
{
	struct mp_view_map *views = calloc(plan->n ? plan->n : 1, sizeof(*views));
	const struct mp_view_map **ptrs = calloc(plan->n ? plan->n : 1, sizeof(*ptrs));
	int r = views && ptrs ? 0 : -ENOMEM;

	for (size_t i = 0; i < plan->n && r == 0; i++) {
		const struct mp_action *a = &plan->actions[i];

		if (a->map && mp_view_from_map(a->map, w->paths, NULL, &views[i]) == 0)
			ptrs[i] = &views[i];
	}
	if (r == 0)
		r = mp_json_plan(plan, ptrs, out);
	for (size_t i = 0; ptrs && i < plan->n; i++)
		if (ptrs[i])
			mp_view_map_clear(&views[i]);
	free(ptrs);
	free(views);
	return r;
}

int cli_do_create(struct cli_session *s)
{
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_plan plan = {0};
	struct mp_current_map *cur = NULL;
	struct strbuf out = STRBUF_INIT;
	struct mp_plan_options popts = {0};
	size_t n_cur = 0;
	int r, status = 1;

	/* Like multipath(8), creation checks the paths: states show, and down paths
	 * do not count in their group's priority. */
	r = desire_checked(s, &w, &maps, true);
	if (r < 0)
		goto out;
	r = mp_engine_current(&w, &cur, &n_cur);
	if (r < 0)
		goto out;
	if (s->opts->force_reload)
		for (size_t i = 0; i < n_cur; i++)
			cur[i].table = NULL; /* an unknown table is always reloaded */
	r = mp_plan_build(maps.maps, maps.n, cur, n_cur, &popts, &plan);
	if (r < 0)
		goto out;
	if (!s->opts->dry_run) {
		r = mp_engine_apply(&s->engine, &plan, &s->diags);
		if (r != 0)
			goto out;
	}
	if (s->opts->json)
		plan_json(&plan, &w, &out);
	else if (s->verbosity >= 2)
		mp_plan_format(&plan, w.paths, &out);
	status = emit(&out);
out:
	if (r < 0)
		fprintf(stderr, "mpath: %s\n", strerror(-r));
	cli_session_flush_diags(s);
	mp_plan_clear(&plan);
	free(cur);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return status;
}

int cli_do_list(struct cli_session *s, bool checked)
{
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct mp_view_map *views = NULL;
	struct strbuf out = STRBUF_INIT;
	size_t n = 0;
	int r;

	/* Prios come from the desired topology's prioritizers; -l shows none. */
	r = desire_checked(s, &w, &maps, checked);
	if (r >= 0)
		r = mp_engine_views(&w, checked, s->opts->target, &views, &n);
	if (r >= 0) {
		if (s->opts->json)
			mp_json_maps(views, n, &out);
		else
			mp_output_topology(views, n, &out);
		r = emit(&out);
	} else {
		fprintf(stderr, "mpath: %s\n", strerror(-r));
	}
	cli_session_flush_diags(s);
	mp_engine_views_free(views, n);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return r == 0 ? 0 : 1;
}

int cli_do_flush(struct cli_session *s, const char *only)
{
	struct mp_dm_map *maps = NULL;
	size_t n = 0;
	int failed = 0, found = 0, r;
	long retries = s->opts->flush_retries;

	/* -R overrides the config's remove_retries, as multipath's -R does */
	if (retries < 0 && (mp_config_get_int(s->cfg, "remove_retries", &retries) < 0 || retries < 0))
		retries = 0;
	r = mp_dm_list_maps(s->dm, &maps, &n);
	if (r < 0) {
		fprintf(stderr, "mpath: cannot list maps: %s\n", strerror(-r));
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (only && !streq(maps[i].name, only))
			continue;
		found++;
		if (s->opts->dry_run) {
			printf("flush: %s\n", maps[i].name);
			continue;
		}
		/* Its partition maps first; an open one stops the flush. */
		r = mp_engine_remove_map(&s->engine, maps[i].name, 0, &s->diags);
		/* -R: a map briefly held open (udev, blkid) is tried again */
		for (long t = 0; r == -EBUSY && t < retries; t++) {
			sleep(1);
			r = mp_engine_remove_map(&s->engine, maps[i].name, 0, &s->diags);
		}
		cli_session_flush_diags(s);
		if (r < 0) {
			failed++;
			fprintf(stderr, "%s: %s\n", maps[i].name,
				r == -EBUSY ? "map in use" : strerror(-r));
		} else if (s->verbosity >= 2) {
			printf("%s: flushed\n", maps[i].name);
		}
	}
	free(maps);
	if (only && !found) {
		fprintf(stderr, "%s: no such multipath map\n", only);
		return 1;
	}
	return failed ? 1 : 0;
}

static const struct mp_map *map_with_path(const struct mp_map_set *maps, size_t path)
{
	for (size_t m = 0; m < maps->n; m++)
		for (size_t g = 0; g < maps->maps[m].n_groups; g++)
			for (size_t k = 0; k < maps->maps[m].groups[g].n; k++)
				if (maps->maps[m].groups[g].members[k].path == path)
					return &maps->maps[m];
	return NULL;
}

static const struct mp_map *map_of_wwid(const struct mp_map_set *maps, const char *wwid)
{
	for (size_t m = 0; m < maps->n; m++)
		if (streq(maps->maps[m].wwid, wwid))
			return &maps->maps[m];
	return NULL;
}

int cli_do_is_path(struct cli_session *s)
{
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	const char *dev = s->opts->target;
	ssize_t i;
	int status = 1;

	if (desire(s, &w, &maps) < 0)
		goto out;
	i = mp_world_find_path(&w, dev);
	/* an offline path is left out of its map for now, but it belongs there */
	status = i >= 0 && (map_with_path(&maps, (size_t)i) ||
			    (w.notes[i].unusable && map_of_wwid(&maps, w.paths[i].wwid)))
			 ? 0
			 : 1;
	/* -u runs from udev rules (IMPORT{program}): they read this property. */
	if (s->opts->udev_export)
		printf("DM_MULTIPATH_DEVICE_PATH=\"%d\"\n", !status);
	else if (!status)
		printf("%s is a valid multipath device path\n", dev);
	else
		printf("%s is not a valid multipath device path\n", dev);
	if (status && i >= 0 && w.notes[i].excluded && s->verbosity >= 2)
		fprintf(stderr, "%s\n", w.notes[i].reason);
out:
	cli_session_flush_diags(s);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return status;
}

int cli_do_wwids(struct cli_session *s)
{
	struct mp_world w = {0};
	const char *dev = s->opts->target;
	int r = mp_world_read(&s->engine, &w, &s->diags);
	ssize_t i;

	if (r < 0)
		goto out;
	if (s->opts->action == CLI_WWIDS_RESET) {
		const char **wwids = calloc(w.n_dm_maps ? w.n_dm_maps : 1, sizeof(*wwids));
		size_t n = 0;

		if (!wwids) {
			r = -ENOMEM;
			goto out;
		}
		for (size_t m = 0; m < w.n_dm_maps; m++)
			if ((wwids[n] = mp_dm_wwid_from_uuid(w.dm_maps[m].uuid)))
				n++;
		r = mp_wwids_file_reset(s->wwids_path, wwids, n, &s->diags);
		free(wwids);
		if (r >= 0)
			printf("successfully reset wwids\n");
		goto out;
	}
	i = mp_world_find_path(&w, dev);
	if (i < 0 || !w.paths[i].wwid[0]) {
		fprintf(stderr, "%s: no such path or no WWID\n", dev);
		r = -ENODEV;
		goto out;
	}
	if (s->opts->action == CLI_WWIDS_ADD) {
		r = mp_wwids_file_add(s->wwids_path, w.paths[i].wwid, &s->diags);
		if (r >= 0)
			printf("wwid '%s' added\n", w.paths[i].wwid);
	} else {
		r = mp_wwids_file_remove(s->wwids_path, w.paths[i].wwid, &s->diags);
		if (r >= 0)
			printf("wwid '%s' removed\n", w.paths[i].wwid);
	}
out:
	if (r < 0 && r != -ENODEV)
		fprintf(stderr, "mpath: %s: %s\n", s->wwids_path, strerror(-r));
	cli_session_flush_diags(s);
	mp_world_clear(&w);
	return r < 0 ? 1 : 0;
}

int cli_do_explain(struct cli_session *s)
{
	struct mp_world w = {0};
	struct mp_map_set maps = {0};
	struct strbuf out = STRBUF_INIT;
	const char *target = s->opts->target;
	const struct mp_map *m = NULL;
	ssize_t p;
	int status = 1;

	/* explain looks at everything, then picks: the target is not a filter here. */
	s->opts = &(struct cli_options){.verbosity = s->verbosity,
					.ignore_wwids = s->opts->ignore_wwids,
					.pgpolicy = s->opts->pgpolicy, .dry_run = true};
	if (desire(s, &w, &maps) < 0)
		goto out;
	p = mp_world_find_path(&w, target);
	if (p >= 0) {
		m = map_with_path(&maps, (size_t)p);
		if (!m) {
			if (w.notes[p].excluded)
				printf("%s\n", w.notes[p].reason);
			else
				printf("%s: no WWID, not part of any map\n", target);
			status = 0;
			goto out;
		}
	}
	for (size_t i = 0; !m && i < maps.n; i++)
		if (streq(maps.maps[i].name, target) || streq(maps.maps[i].wwid, target))
			m = &maps.maps[i];
	if (!m) {
		fprintf(stderr, "%s: no such map or path\n", target);
		goto out;
	}
	mp_explain_map(m, w.paths, &out);
	status = emit(&out);
out:
	cli_session_flush_diags(s);
	mp_map_set_clear(&maps);
	mp_world_clear(&w);
	return status;
}

/* -T: the devices entries that match a device of the world. */
static int dump_local(struct cli_session *s, struct strbuf *out)
{
	struct mp_world w = {0};
	struct mp_device_id *ids;
	int r = mp_world_read(&s->engine, &w, &s->diags);

	if (r < 0)
		return r;
	ids = calloc(w.n_paths ? w.n_paths : 1, sizeof(*ids));
	if (!ids) {
		mp_world_clear(&w);
		return -ENOMEM;
	}
	for (size_t i = 0; i < w.n_paths; i++)
		mp_engine_device_id(&w.paths[i], &ids[i]);
	r = mp_config_dump_local(s->cfg, ids, w.n_paths, false, out); /* as -t */
	free(ids);
	mp_world_clear(&w);
	return r;
}

int cli_do_dump_config(struct cli_session *s)
{
	struct strbuf out = STRBUF_INIT;
	int r = s->opts->dump_local     ? dump_local(s, &out)
		: s->opts->mpt_layout ? mp_config_dump_mpt(s->cfg, true, &out)
				       : mp_config_dump(s->cfg, &out);

	cli_session_flush_diags(s);
	if (r < 0) {
		fprintf(stderr, "mpath: %s\n", strerror(-r));
		return 1;
	}
	return emit(&out);
}

/* -C / -U: whether I/O on the map is likely to succeed: some path of it is
 * active in the kernel's status. Nothing is sent to the device itself. */
int cli_do_usable(struct cli_session *s)
{
	struct mp_world w = {0};
	const char *name = s->opts->target;
	size_t usable = 0;
	ssize_t m;

	if (!strncmp(name, "/dev/", 5) && strncmp(name, "/dev/mapper/", 12))
		name += 5;
	if (mp_world_read(&s->engine, &w, &s->diags) < 0) {
		cli_session_flush_diags(s);
		return 1;
	}
	m = mp_world_find_map(&w, name);
	if (m >= 0)
		for (size_t g = 0; g < w.status[m].n_groups; g++)
			for (size_t k = 0; k < w.status[m].groups[g].n_paths; k++)
				usable += w.status[m].groups[g].paths[k].active;
	if (s->verbosity >= 3 || (m < 0 && s->verbosity >= 1))
		fprintf(stderr, m < 0 ? "%s: not a multipath map\n" : "%s: %zu usable paths\n",
			s->opts->target, usable);
	cli_session_flush_diags(s);
	mp_world_clear(&w);
	return usable ? 0 : 1;
}
