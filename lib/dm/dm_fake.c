/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The recording fake of device-mapper (see dm_fake.h for what it mirrors). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "common/macros.h"
#include "common/strbuf.h"
#include "dm/dm_fake.h"
#include "dm/dm_fake_int.h"
#include "dm/dm_fake_kernel.h"

static const struct mp_dm_ops fake_ops;

struct fake *fake_cast(struct mp_dm *dm)
{
	return dm && dm->ops == &fake_ops ? (struct fake *)dm : NULL;
}

void fake_record(struct fake *f, int r, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	char **grown;
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = NULL;
	if (vasprintf(&line, fmt, ap) < 0)
		line = NULL;
	va_end(ap);
	if (!line)
		return;
	if (r < 0) {
		strbuf_printf(&sb, "%s = %d", line, r);
		free(line);
		line = strbuf_steal(&sb);
		if (!line)
			return;
	}
	grown = realloc(f->calls, (f->n_calls + 1) * sizeof(*grown));
	if (!grown) {
		free(line);
		return;
	}
	f->calls = grown;
	f->calls[f->n_calls++] = line;
}

/* A failure injected for op, consumed by this call: -err, else 0. */
int fake_injected(struct fake *f, const char *op)
{
	for (size_t i = 0; i < f->n_failures; i++) {
		if (strcmp(f->failures[i].op, op) == 0) {
			int err = f->failures[i].err;

			f->failures[i] = f->failures[--f->n_failures];
			return -err;
		}
	}
	return 0;
}

struct fake_map *fake_find(struct fake *f, const char *name)
{
	for (size_t i = 0; i < f->n_maps; i++)
		if (strcmp(f->maps[i].info.name, name) == 0)
			return &f->maps[i];
	return NULL;
}

void fake_bump_event(struct fake *f, struct fake_map *m)
{
	uint64_t one = 1;

	m->info.event_nr++;
	if (f->efd >= 0 && write(f->efd, &one, sizeof(one)) < 0) {
		/* counter full: the fd stays readable, which is all a poller needs */
	}
}

static bool has_queueing(const struct mp_dm_table *t)
{
	for (size_t i = 0; i < t->n_features; i++)
		if (!strcasecmp(t->features[i], "queue_if_no_path"))
			return true;
	return false;
}

static void map_clear(struct fake_map *m)
{
	mp_dm_table_clear(&m->table);
	mp_dm_table_clear(&m->status);
}

/* Load t into m with a fresh status, as the kernel does: a new table starts
 * with every path active, and mpath must fail paths again by message. */
static int map_load(struct fake_map *m, const struct mp_dm_table *t)
{
	struct mp_dm_table table, status;
	int r = mp_dm_table_copy(t, &table);

	if (r < 0)
		return r;
	r = fake_kernel_status(&table, &status);
	if (r < 0) {
		mp_dm_table_clear(&table);
		return r;
	}
	map_clear(m);
	m->table = table;
	m->status = status;
	m->queueing = has_queueing(&table);
	return 0;
}

/* A new, empty map slot named name; *ret points into f->maps until the
 * next addition. */
int fake_new_slot(struct fake *f, const char *name, const char *uuid, bool ro,
			 struct fake_map **ret)
{
	struct fake_map *grown, *m;

	if (fake_find(f, name))
		return -EEXIST;
	for (size_t i = 0; uuid && *uuid && i < f->n_maps; i++)
		if (strcmp(f->maps[i].info.uuid, uuid) == 0)
			return -EBUSY;
	grown = realloc(f->maps, (f->n_maps + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	f->maps = grown;
	m = &f->maps[f->n_maps];
	memset(m, 0, sizeof(*m));
	snprintf(m->info.name, sizeof(m->info.name), "%s", name);
	snprintf(m->info.uuid, sizeof(m->info.uuid), "%s", uuid ? uuid : "");
	m->info.major = FAKE_MAJOR;
	m->info.read_only = ro;
	*ret = m;
	return 0;
}

static int fake_add(struct fake *f, const char *name, const char *uuid,
		    const struct mp_dm_table *t, bool ro, struct fake_map **ret)
{
	struct fake_map *m;
	int r = fake_new_slot(f, name, uuid, ro, &m);

	if (r < 0)
		return r;
	r = map_load(m, t);
	if (r < 0)
		return r;
	snprintf(m->info.target_type, sizeof(m->info.target_type), "multipath");
	m->info.minor = f->next_minor++;
	f->n_maps++;
	if (ret)
		*ret = m;
	return 0;
}

static void fake_drop(struct fake *f, struct fake_map *m)
{
	size_t i = (size_t)(m - f->maps);

	if (m->linear)
		fake_hold_lower(f, &m->lin, -1);
	map_clear(m);
	f->maps[i] = f->maps[--f->n_maps];
}

/* The maps' infos: multipath ones, or with linear also the partition maps. */
static int fake_copy_infos(struct fake *f, bool linear, struct mp_dm_map **ret_maps, size_t *ret_n)
{
	struct mp_dm_map *maps = NULL;
	size_t n = 0;

	if (f->n_maps) {
		maps = calloc(f->n_maps, sizeof(*maps));
		if (!maps)
			return -ENOMEM;
	}
	for (size_t i = 0; i < f->n_maps; i++)
		if (linear || !f->maps[i].linear)
			maps[n++] = f->maps[i].info;
	*ret_maps = maps;
	*ret_n = n;
	return 0;
}

static int fake_list_maps(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n)
{
	struct fake *f = fake_cast(dm);
	int r = fake_injected(f, "list");

	if (f->record_reads)
		fake_record(f, r, "list");
	if (r < 0)
		return r;
	return fake_copy_infos(f, false, ret_maps, ret_n);
}

static int fake_list_all(struct mp_dm *dm, struct mp_dm_map **ret_maps, size_t *ret_n)
{
	struct fake *f = fake_cast(dm);
	int r = fake_injected(f, "list");

	if (f->record_reads)
		fake_record(f, r, "list all");
	if (r < 0)
		return r;
	return fake_copy_infos(f, true, ret_maps, ret_n);
}

/* The common start of a read: injected failure, lookup, recording. */
int fake_read_lookup(struct fake *f, const char *op, const char *name, struct fake_map **ret)
{
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, op);

	if (r == 0 && !m)
		r = -ENXIO;
	if (f->record_reads)
		fake_record(f, r, "%s %s", op, name);
	if (r < 0)
		return r;
	*ret = m;
	return 0;
}

static int fake_get_map(struct mp_dm *dm, const char *name, struct mp_dm_map *ret)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m;
	int r = fake_read_lookup(f, "info", name, &m);

	if (r < 0)
		return r;
	*ret = m->info;
	return 0;
}

static int fake_get_table(struct mp_dm *dm, const char *name, char **ret_line)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m;
	struct mp_dm_table shown;
	char *line;
	int r = fake_read_lookup(f, "table", name, &m);

	if (r < 0)
		return r;
	if (m->linear)
		return -EMEDIUMTYPE;
	r = fake_kernel_table(&m->table, m->status.initial_pg, &shown);
	if (r < 0)
		return r;
	/* queue_if_no_path as the messages left it */
	if (has_queueing(&shown) != m->queueing) {
		if (m->queueing) {
			char **grown = realloc(shown.features,
					       (shown.n_features + 1) * sizeof(*grown));

			if (grown) {
				memmove(grown + 1, grown, shown.n_features * sizeof(*grown));
				grown[0] = strdup("queue_if_no_path");
				shown.features = grown;
				shown.n_features++;
			}
		} else {
			/* the rewrite puts queue_if_no_path first */
			free(shown.features[0]);
			memmove(shown.features, shown.features + 1,
				--shown.n_features * sizeof(*shown.features));
		}
	}
	line = mp_dm_table_format(&shown);
	mp_dm_table_clear(&shown);
	if (!line)
		return -ENOMEM;
	*ret_line = line;
	return 0;
}

static int fake_get_status(struct mp_dm *dm, const char *name, char **ret_line)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m;
	char *line;
	int r = fake_read_lookup(f, "status", name, &m);

	if (r < 0)
		return r;
	if (m->linear)
		return -EMEDIUMTYPE;
	line = mp_dm_status_format(&m->status);
	if (!line)
		return -ENOMEM;
	*ret_line = line;
	return 0;
}

static int fake_create(struct mp_dm *dm, const char *name, const char *uuid,
		       const struct mp_dm_table *t, unsigned int flags)
{
	struct fake *f = fake_cast(dm);
	_cleanup_free_ char *line = mp_dm_table_format(t);
	bool ro = flags & MP_DM_CREATE_READONLY;
	int r = fake_injected(f, "create");

	if (!line)
		return -EINVAL;
	if (r == 0)
		r = fake_add(f, name, uuid, t, ro, NULL);
	fake_record(f, r, "create %s %s %s%s", name, uuid && *uuid ? uuid : "-", ro ? "readonly " : "",
	       line);
	return r;
}

static int fake_reload(struct mp_dm *dm, const char *name, const struct mp_dm_table *t)
{
	struct fake *f = fake_cast(dm);
	_cleanup_free_ char *line = mp_dm_table_format(t);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "reload");

	if (!line)
		return -EINVAL;
	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0)
		r = map_load(m, t);
	if (r == 0)
		fake_bump_event(f, m);
	fake_record(f, r, "reload %s %s", name, line);
	return r;
}

static int fake_rename(struct mp_dm *dm, const char *name, const char *new_name)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "rename");

	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0 && fake_find(f, new_name))
		r = -EEXIST;
	if (r == 0)
		snprintf(m->info.name, sizeof(m->info.name), "%s", new_name);
	fake_record(f, r, "rename %s %s", name, new_name);
	return r;
}

static int fake_remove(struct mp_dm *dm, const char *name, unsigned int flags)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "remove");

	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0 && m->info.open_count > 0) {
		if (flags & MP_DM_REMOVE_DEFERRED)
			m->info.deferred_remove = true;
		else
			r = -EBUSY;
	} else if (r == 0) {
		fake_drop(f, m);
	}
	fake_record(f, r, "remove %s%s%s", name, flags & MP_DM_REMOVE_DEFERRED ? " deferred" : "",
	       flags & MP_DM_REMOVE_FORCE ? " force" : "");
	return r;
}

static struct mp_dm_path *find_path(struct fake_map *m, const char *dev)
{
	unsigned int major, minor;
	char extra;

	if (sscanf(dev, "%u:%u%c", &major, &minor, &extra) != 2)
		return NULL;
	for (size_t i = 0; i < m->status.n_groups; i++)
		for (size_t j = 0; j < m->status.groups[i].n_paths; j++) {
			struct mp_dm_path *p = &m->status.groups[i].paths[j];

			if (p->major == major && p->minor == minor)
				return p;
		}
	return NULL;
}

static int group_number(const struct fake_map *m, const char *arg, size_t *ret)
{
	unsigned int n;
	char extra;

	if (sscanf(arg, "%u%c", &n, &extra) != 1 || n == 0 || n > m->status.n_groups)
		return -EINVAL;
	*ret = n;
	return 0;
}

/* The kernel's message grammar (multipath_message() in dm-mpath.c). */
static int apply_message(struct fake *f, struct fake_map *m, const char *msg)
{
	char cmd[32], arg[32], extra[2];
	int argc = sscanf(msg, "%31s %31s %1s", cmd, arg, extra);
	struct mp_dm_path *p;
	size_t g;

	if (m->info.suspended)
		return -EBUSY;
	if (argc == 1 && !strcasecmp(cmd, "queue_if_no_path")) {
		m->queueing = true;
		return 0;
	}
	if (argc == 1 && !strcasecmp(cmd, "fail_if_no_path")) {
		m->queueing = false;
		return 0;
	}
	if (argc != 2)
		return -EINVAL;
	if (!strcasecmp(cmd, "fail_path") || !strcasecmp(cmd, "reinstate_path")) {
		bool fail = !strcasecmp(cmd, "fail_path");

		p = find_path(m, arg);
		if (!p)
			return -EINVAL;
		if (p->active == fail) {
			p->active = !fail;
			p->fail_count += fail;
			fake_bump_event(f, m);
		}
		return 0;
	}
	if (group_number(m, arg, &g) < 0)
		return -EINVAL;
	if (!strcasecmp(cmd, "switch_group")) {
		for (size_t i = 0; i < m->status.n_groups; i++)
			m->status.groups[i].state = i + 1 == g ? 'A' : 'E';
		m->status.initial_pg = (unsigned int)g;
	} else if (!strcasecmp(cmd, "disable_group")) {
		m->status.groups[g - 1].state = 'D';
	} else if (!strcasecmp(cmd, "enable_group")) {
		m->status.groups[g - 1].state = g == m->status.initial_pg ? 'A' : 'E';
	} else {
		return -EINVAL;
	}
	fake_bump_event(f, m);
	return 0;
}

static int fake_message(struct mp_dm *dm, const char *name, const char *msg)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "message");

	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0)
		r = apply_message(f, m, msg);
	fake_record(f, r, "message %s 0 %s", name, msg);
	return r;
}

static int fake_suspend(struct mp_dm *dm, const char *name, bool noflush)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "suspend");

	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0)
		m->info.suspended = true;
	fake_record(f, r, "suspend %s%s", name, noflush ? " noflush" : "");
	return r;
}

static int fake_resume(struct mp_dm *dm, const char *name)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "resume");

	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0)
		m->info.suspended = false;
	fake_record(f, r, "resume %s", name);
	return r;
}

static int fake_wait_event(struct mp_dm *dm, const char *name, uint32_t event_nr,
			   uint32_t *ret_event_nr)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = fake_find(f, name);
	int r = fake_injected(f, "wait");

	if (r == 0 && !m)
		r = -ENXIO;
	if (r == 0 && m->info.event_nr == event_nr)
		r = -EAGAIN;
	if (f->record_reads)
		fake_record(f, r, "wait %s %u", name, event_nr);
	if (r == 0)
		*ret_event_nr = m->info.event_nr;
	return r;
}

static int fake_open_event_fd(struct mp_dm *dm, int *ret_fd)
{
	struct fake *f = fake_cast(dm);
	int fd;

	if (f->efd < 0) {
		f->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (f->efd < 0)
			return -errno;
	}
	fd = dup(f->efd);
	if (fd < 0)
		return -errno;
	*ret_fd = fd;
	return 0;
}

static int fake_arm_poll(struct mp_dm *dm, int fd)
{
	struct fake *f = fake_cast(dm);
	uint64_t v;
	int r = fake_injected(f, "arm_poll");

	if (f->record_reads)
		fake_record(f, r, "arm_poll");
	if (r < 0)
		return r;
	/* Reading the eventfd clears it; EAGAIN just means nothing was pending. */
	if (fd >= 0 && read(fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
		return -errno;
	return 0;
}

static void fake_free(struct mp_dm *dm)
{
	struct fake *f = fake_cast(dm);

	for (size_t i = 0; i < f->n_maps; i++)
		map_clear(&f->maps[i]);
	free(f->maps);
	for (size_t i = 0; i < f->n_calls; i++)
		free(f->calls[i]);
	free(f->calls);
	free(f->joined);
	if (f->efd >= 0)
		close(f->efd);
	free(f);
}

static const struct mp_dm_ops fake_ops = {
	.name = "fake",
	.list_maps = fake_list_maps,
	.get_map = fake_get_map,
	.get_table = fake_get_table,
	.get_status = fake_get_status,
	.create = fake_create,
	.reload = fake_reload,
	.rename = fake_rename,
	.remove = fake_remove,
	.message = fake_message,
	.suspend = fake_suspend,
	.resume = fake_resume,
	.wait_event = fake_wait_event,
	.open_event_fd = fake_open_event_fd,
	.arm_poll = fake_arm_poll,
	.list_all = fake_list_all,
	.get_linear = fake_get_linear,
	.create_linear = fake_create_linear,
	.reload_linear = fake_reload_linear,
	.free = fake_free,
};

int mp_dm_fake_new(struct mp_dm **ret_dm)
{
	struct fake *f = calloc(1, sizeof(*f));

	if (!f)
		return -ENOMEM;
	f->base.ops = &fake_ops;
	f->efd = -1;
	*ret_dm = &f->base;
	return 0;
}

int mp_dm_fake_add_map(struct mp_dm *dm, const char *name, const char *uuid,
		       const char *table_line)
{
	struct fake *f = fake_cast(dm);
	struct mp_dm_table t;
	int r;

	if (!f || !name || !table_line)
		return -EINVAL;
	struct mp_dm_linear l;
	if (mp_dm_linear_parse(table_line, &l) == 0)
		return fake_add_linear(f, name, uuid, &l, false);
	r = mp_dm_table_parse(table_line, &t);
	if (r < 0)
		return r;
	r = fake_add(f, name, uuid, &t, false, NULL);
	mp_dm_table_clear(&t);
	return r;
}

int mp_dm_fake_set_status(struct mp_dm *dm, const char *name, const char *status_line)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = f && name ? fake_find(f, name) : NULL;
	struct mp_dm_table s;
	int r;

	if (!f || !status_line)
		return -EINVAL;
	if (!m)
		return -ENXIO;
	r = mp_dm_status_parse(status_line, &s);
	if (r < 0)
		return r;
	mp_dm_table_clear(&m->status);
	m->status = s;
	return 0;
}

int mp_dm_fake_set_open_count(struct mp_dm *dm, const char *name, int open_count)
{
	struct fake *f = fake_cast(dm);
	struct fake_map *m = f && name ? fake_find(f, name) : NULL;

	if (!f)
		return -EINVAL;
	if (!m)
		return -ENXIO;
	m->info.open_count = open_count;
	/* The kernel finishes a deferred remove when the last opener leaves. */
	if (open_count <= 0 && m->info.deferred_remove)
		fake_drop(f, m);
	return 0;
}

int mp_dm_fake_fail_next(struct mp_dm *dm, const char *op, int err)
{
	struct fake *f = fake_cast(dm);

	if (!f || !op || strlen(op) >= sizeof(f->failures[0].op) || err <= 0 ||
	    f->n_failures == MAX_FAILURES)
		return -EINVAL;
	snprintf(f->failures[f->n_failures].op, sizeof(f->failures[0].op), "%s", op);
	f->failures[f->n_failures++].err = err;
	return 0;
}

int mp_dm_fake_record_reads(struct mp_dm *dm, bool on)
{
	struct fake *f = fake_cast(dm);

	if (!f)
		return -EINVAL;
	f->record_reads = on;
	return 0;
}

size_t mp_dm_fake_n_calls(struct mp_dm *dm)
{
	struct fake *f = fake_cast(dm);

	return f ? f->n_calls : 0;
}

const char *mp_dm_fake_call(struct mp_dm *dm, size_t i)
{
	struct fake *f = fake_cast(dm);

	return f && i < f->n_calls ? f->calls[i] : NULL;
}

const char *mp_dm_fake_calls(struct mp_dm *dm)
{
	struct fake *f = fake_cast(dm);
	struct strbuf sb = STRBUF_INIT;

	if (!f)
		return NULL;
	for (size_t i = 0; i < f->n_calls; i++)
		if (strbuf_printf(&sb, "%s\n", f->calls[i]) < 0) {
			strbuf_reset(&sb);
			return NULL;
		}
	free(f->joined);
	f->joined = strbuf_steal(&sb);
	return f->joined;
}

void mp_dm_fake_clear_calls(struct mp_dm *dm)
{
	struct fake *f = fake_cast(dm);

	if (!f)
		return;
	for (size_t i = 0; i < f->n_calls; i++)
		free(f->calls[i]);
	free(f->calls);
	f->calls = NULL;
	f->n_calls = 0;
}
