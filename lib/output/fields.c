/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The wildcard tables: letter, column header, getter. Letters and headers
 * follow multipathd 0.9 (`multipathd show wildcards`). Values the snapshot
 * does not carry yet (host WWNN/WWPN, adapter, vpd page data, next check)
 * print the placeholders multipathd prints when it lacks them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "output/fields.h"

#define ROW(o) ((const struct mp_path_row *)(o))
#define MAP(o) ((const struct mp_view_map *)(o))

static void put(char *buf, size_t size, const char *s)
{
	snprintf(buf, size, "%s", s ? s : "");
}

const char *mp_view_chk_state(enum mp_path_state s)
{
	switch (s) {
	case MP_PATH_PENDING:
		return "i/o pending";
	case MP_PATH_TIMEOUT:
		return "i/o timeout";
	default:
		return mp_path_state_name(s);
	}
}

const char *mp_view_dm_path_state(char c)
{
	return c == 'A' ? "active" : c == 'F' ? "failed" : "undef";
}

const char *mp_view_group_state(char c)
{
	switch (c) {
	case 'A':
		return "active";
	case 'E':
		return "enabled";
	case 'D':
		return "disabled";
	default:
		return "undef";
	}
}

/* multipathd shows only running/offline; blocked etc. still pass I/O eventually. */
const char *mp_view_dev_state(const struct mp_path *p)
{
	if (streq(p->dev_state, "offline") || streq(p->dev_state, "transport-offline"))
		return "offline";
	return "running";
}

void mp_view_hcil(const struct mp_path *p, char *buf, size_t size)
{
	if (p->host < 0)
		put(buf, size, "#:#:#:#");
	else
		snprintf(buf, size, "%d:%d:%d:%" PRIu64, p->host, p->channel, p->target, p->lun);
}

size_t mp_view_active_paths(const struct mp_view_map *m)
{
	size_t n = 0;

	for (size_t g = 0; g < m->n_groups; g++)
		for (size_t k = 0; k < m->groups[g].n; k++) {
			const struct mp_view_path *vp = &m->groups[g].paths[k];

			if (vp->dm_state ? vp->dm_state == 'A'
					 : vp->path && (vp->path->state == MP_PATH_UP ||
							vp->path->state == MP_PATH_GHOST))
				n++;
		}
	return n;
}

/* ---- paths ---- */

static void p_uuid(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->path->wwid);
}
static void p_hcil(const void *o, char *b, size_t s)
{
	mp_view_hcil(ROW(o)->path, b, s);
}
static void p_dev(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->path->dev[0] ? ROW(o)->path->dev : "-");
}
static void p_dev_t(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u:%u", ROW(o)->path->major, ROW(o)->path->minor);
}
static void p_dm_st(const void *o, char *b, size_t s)
{
	put(b, s, mp_view_dm_path_state(ROW(o)->vp ? ROW(o)->vp->dm_state : 0));
}
static void p_dev_st(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->map_name ? mp_view_dev_state(ROW(o)->path) : "unknown");
}
static void p_chk_st(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->map_name ? mp_view_chk_state(ROW(o)->path->state) : "undef");
}
static void p_vpr(const void *o, char *b, size_t s)
{
	const struct mp_path *p = ROW(o)->path;

	snprintf(b, s, "%s,%s,%s", p->vendor, p->product, p->rev);
}
static void p_checker(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->vp ? ROW(o)->vp->checker : "");
}
static void p_next_check(const void *o, char *b, size_t s)
{
	/* the daemon's check schedule is not part of the snapshot */
	put(b, s, ROW(o)->map_name ? "-" : "orphan");
}
static void p_pri(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%d", ROW(o)->vp ? ROW(o)->vp->prio : ROW(o)->path->prio);
}
static void p_size(const void *o, char *b, size_t s)
{
	mp_view_size(ROW(o)->path->size, b, s);
}
static void p_serial(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->path->serial);
}
static void p_marginal(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->marginal || ROW(o)->path->state == MP_PATH_MARGINAL ? "marginal" : "normal");
}
static void p_map(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->map_name ? ROW(o)->map_name : "[orphan]");
}
static void p_undef(const void *o, char *b, size_t s)
{
	(void)o;
	put(b, s, "[undef]");
}
static void p_tgt_wwnn(const void *o, char *b, size_t s)
{
	const struct mp_path *p = ROW(o)->path;

	put(b, s, p->tgt_node_name[0] ? p->tgt_node_name : "[undef]");
}
static void p_tgt_wwpn(const void *o, char *b, size_t s)
{
	const struct mp_path *p = ROW(o)->path;

	put(b, s, p->transport == MP_TRANSPORT_FC && p->tgt_port_name[0] ? p->tgt_port_name
									  : "[undef]");
}
static void p_foreign(const void *o, char *b, size_t s)
{
	(void)o;
	put(b, s, "--");
}
static void p_failures(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u", ROW(o)->vp ? ROW(o)->vp->failures : 0);
}
static void p_protocol(const void *o, char *b, size_t s)
{
	static const char *const names[] = {
		[MP_TRANSPORT_UNKNOWN] = "scsi:unspec", [MP_TRANSPORT_FC] = "scsi:fcp",
		[MP_TRANSPORT_ISCSI] = "scsi:iscsi",    [MP_TRANSPORT_SAS] = "scsi:sas",
		[MP_TRANSPORT_NVME] = "nvme",           [MP_TRANSPORT_OTHER] = "scsi:unspec",
	};
	enum mp_transport_kind t = ROW(o)->path->transport;

	put(b, s, (size_t)t < ARRAY_SIZE(names) ? names[t] : "undef");
}
static void p_init_st(const void *o, char *b, size_t s)
{
	put(b, s, ROW(o)->path->wwid[0] ? "ok" : "partial");
}

static const struct mp_field path_fields[] = {
	{'w', "uuid", p_uuid},
	{'i', "hcil", p_hcil},
	{'d', "dev", p_dev},
	{'D', "dev_t", p_dev_t},
	{'t', "dm_st", p_dm_st},
	{'o', "dev_st", p_dev_st},
	{'T', "chk_st", p_chk_st},
	{'s', "vend/prod/rev", p_vpr},
	{'c', "checker", p_checker},
	{'C', "next_check", p_next_check},
	{'p', "pri", p_pri},
	{'S', "size", p_size},
	{'z', "serial", p_serial},
	{'M', "marginal_st", p_marginal},
	{'m', "multipath", p_map},
	{'N', "host WWNN", p_undef},
	{'n', "target WWNN", p_tgt_wwnn},
	{'R', "host WWPN", p_undef},
	{'r', "target WWPN", p_tgt_wwpn},
	{'a', "host adapter", p_undef},
	{'G', "foreign", p_foreign},
	{'g', "vpd page data", p_undef},
	{'0', "failures", p_failures},
	{'P', "protocol", p_protocol},
	{'I', "init_st", p_init_st},
};

/* ---- maps ---- */

static void m_name(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->name);
}
static void m_uuid(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->wwid);
}
static void m_sysfs(const void *o, char *b, size_t s)
{
	if (MAP(o)->minor >= 0)
		snprintf(b, s, "dm-%d", MAP(o)->minor);
	else
		put(b, s, "undef");
}
static void m_failback(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->failback);
}
static void m_queueing(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->queueing);
}
static void m_paths(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%zu", mp_view_active_paths(MAP(o)));
}
static void m_wp(const void *o, char *b, size_t s)
{
	int ro = MAP(o)->read_only;

	put(b, s, ro < 0 ? "undef" : ro ? "ro" : "rw");
}
static void m_dm_st(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->minor < 0 ? "undef" : MAP(o)->suspended ? "suspend" : "active");
}
static void m_size(const void *o, char *b, size_t s)
{
	mp_view_size(MAP(o)->size, b, s);
}
static void m_features(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->features);
}
static void m_failures(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u", MAP(o)->failures);
}
static void m_hwhandler(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->hwhandler);
}
static void m_action(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->action);
}
static void m_faults(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u", MAP(o)->path_faults);
}
static void m_switch(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u", MAP(o)->switch_grp);
}
static void m_loads(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u", MAP(o)->map_loads);
}
static void m_qtime(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u", MAP(o)->total_q_time);
}
static void m_qtimeouts(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%u", MAP(o)->q_timeouts);
}
static void m_vpr(const void *o, char *b, size_t s)
{
	snprintf(b, s, "%s,%s,%s", MAP(o)->vendor, MAP(o)->product, MAP(o)->rev);
}
static void m_vend(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->vendor[0] ? MAP(o)->vendor : "##");
}
static void m_prod(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->product[0] ? MAP(o)->product : "##");
}
static void m_rev(const void *o, char *b, size_t s)
{
	put(b, s, MAP(o)->rev[0] ? MAP(o)->rev : "##");
}
static void m_foreign(const void *o, char *b, size_t s)
{
	(void)o;
	put(b, s, "--");
}

static const struct mp_field map_fields[] = {
	{'n', "name", m_name},
	{'w', "uuid", m_uuid},
	{'d', "sysfs", m_sysfs},
	{'F', "failback", m_failback},
	{'Q', "queueing", m_queueing},
	{'N', "paths", m_paths},
	{'r', "write_prot", m_wp},
	{'t', "dm-st", m_dm_st},
	{'S', "size", m_size},
	{'f', "features", m_features},
	{'x', "failures", m_failures},
	{'h', "hwhandler", m_hwhandler},
	{'A', "action", m_action},
	{'0', "path_faults", m_faults},
	{'1', "switch_grp", m_switch},
	{'2', "map_loads", m_loads},
	{'3', "total_q_time", m_qtime},
	{'4', "q_timeouts", m_qtimeouts},
	{'s', "vend/prod/rev", m_vpr},
	{'v', "vend", m_vend},
	{'p', "prod", m_prod},
	{'e', "rev", m_rev},
	{'G', "foreign", m_foreign},
};

const struct mp_field *mp_fields(enum mp_format_kind kind, size_t *ret_n)
{
	if (kind == MP_FORMAT_MAPS) {
		*ret_n = ARRAY_SIZE(map_fields);
		return map_fields;
	}
	*ret_n = ARRAY_SIZE(path_fields);
	return path_fields;
}

bool mp_field_works(const struct mp_field *f)
{
	/* next_check: a placeholder, the checker schedule is the daemon's */
	return f->get != p_undef && f->get != p_next_check;
}

const struct mp_field *mp_field_lookup(enum mp_format_kind kind, char letter)
{
	size_t n;
	const struct mp_field *f = mp_fields(kind, &n);

	for (size_t i = 0; i < n; i++)
		if (f[i].letter == letter)
			return &f[i];
	return NULL;
}
