/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON through json-c: values come from the same getters as the wildcard
 * views (fields.c), so `show maps format "%Q"` and JSON "queueing" never
 * disagree. Numbers stay numbers (paths, pri, counters), as in multipathd.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "output/fields.h"
#include "output/json.h"

struct key {
	const char *name;
	char letter;
	bool number;
};

static const struct key map_keys[] = {
	{"name", 'n', false},         {"uuid", 'w', false},        {"sysfs", 'd', false},
	{"failback", 'F', false},     {"queueing", 'Q', false},    {"paths", 'N', true},
	{"write_prot", 'r', false},   {"dm_st", 't', false},       {"features", 'f', false},
	{"hwhandler", 'h', false},    {"action", 'A', false},      {"path_faults", '0', true},
	{"vend", 'v', false},         {"prod", 'p', false},        {"rev", 'e', false},
	{"switch_grp", '1', true},    {"map_loads", '2', true},    {"total_q_time", '3', true},
	{"q_timeouts", '4', true},
};

static const struct key path_keys[] = {
	{"dev", 'd', false},          {"dev_t", 'D', false},        {"dm_st", 't', false},
	{"dev_st", 'o', false},       {"chk_st", 'T', false},       {"checker", 'c', false},
	{"pri", 'p', true},           {"host_wwnn", 'N', false},    {"target_wwnn", 'n', false},
	{"host_wwpn", 'R', false},    {"target_wwpn", 'r', false},  {"host_adapter", 'a', false},
	{"marginal_st", 'M', false},
};

/* json_object_object_add() takes ownership even on failure; a NULL value
 * (allocation failed) is detected by the caller through the return. */
static int add(struct json_object *o, const char *k, struct json_object *v)
{
	if (!v)
		return -ENOMEM;
	return json_object_object_add(o, k, v) == 0 ? 0 : -ENOMEM;
}

static int add_fields(struct json_object *o, enum mp_format_kind kind, const struct key *keys,
		      size_t n, const void *obj)
{
	char buf[MP_FIELD_MAX];

	for (size_t i = 0; i < n; i++) {
		const struct mp_field *f = mp_field_lookup(kind, keys[i].letter);
		struct json_object *v;

		buf[0] = '\0';
		if (f)
			f->get(obj, buf, sizeof(buf));
		v = keys[i].number ? json_object_new_int64(strtoll(buf, NULL, 10))
				   : json_object_new_string(buf);
		if (add(o, keys[i].name, v) < 0)
			return -ENOMEM;
	}
	return 0;
}

static struct json_object *path_obj(const struct mp_path_row *row)
{
	struct json_object *o = json_object_new_object();

	if (o && add_fields(o, MP_FORMAT_PATHS, path_keys, ARRAY_SIZE(path_keys), row) < 0) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *group_obj(const struct mp_view_map *m, size_t g)
{
	const struct mp_view_group *vg = &m->groups[g];
	struct json_object *o = json_object_new_object(), *arr;
	int r;

	if (!o)
		return NULL;
	r = add(o, "selector", json_object_new_string(vg->selector));
	if (r == 0)
		r = add(o, "pri", json_object_new_int(vg->prio));
	if (r == 0)
		r = add(o, "dm_st", json_object_new_string(mp_view_group_state(vg->state)));
	if (r == 0)
		r = add(o, "marginal_st", json_object_new_string("normal"));
	if (r == 0)
		r = add(o, "group", json_object_new_int((int)g + 1));
	arr = r == 0 ? json_object_new_array() : NULL;
	if (r == 0)
		r = add(o, "paths", arr);
	for (size_t k = 0; k < vg->n && r == 0; k++) {
		struct mp_path_row row = {0};
		struct mp_path empty = {.host = -1};
		struct json_object *p;

		row.path = vg->paths[k].path ? vg->paths[k].path : &empty;
		row.vp = &vg->paths[k];
		row.map_name = m->name;
		if (!vg->paths[k].path) {
			empty.major = vg->paths[k].major;
			empty.minor = vg->paths[k].minor;
		}
		p = path_obj(&row);
		r = p ? (json_object_array_add(arr, p) == 0 ? 0 : -ENOMEM) : -ENOMEM;
		if (r < 0)
			json_object_put(p);
	}
	if (r < 0) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *map_obj(const struct mp_view_map *m)
{
	struct json_object *o = json_object_new_object(), *arr = NULL;
	int r;

	if (!o)
		return NULL;
	r = add_fields(o, MP_FORMAT_MAPS, map_keys, ARRAY_SIZE(map_keys), m);
	if (r == 0) {
		arr = json_object_new_array();
		r = add(o, "path_groups", arr);
	}
	for (size_t g = 0; g < m->n_groups && r == 0; g++) {
		struct json_object *go = group_obj(m, g);

		r = go ? (json_object_array_add(arr, go) == 0 ? 0 : -ENOMEM) : -ENOMEM;
		if (r < 0)
			json_object_put(go);
	}
	if (r < 0) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *document(void)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	if (add(o, "major_version", json_object_new_int(MP_JSON_MAJOR_VERSION)) < 0 ||
	    add(o, "minor_version", json_object_new_int(MP_JSON_MINOR_VERSION)) < 0) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* Appends @o (NULL: out of memory) to @arr, which then owns it. */
static int push(struct json_object *arr, struct json_object *o)
{
	if (!o)
		return -ENOMEM;
	if (json_object_array_add(arr, o) != 0) {
		json_object_put(o);
		return -ENOMEM;
	}
	return 0;
}

static int emit(struct json_object *doc, struct strbuf *out)
{
	const char *s = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
								 JSON_C_TO_STRING_SPACED |
								 JSON_C_TO_STRING_NOSLASHESCAPE);
	int r = s ? strbuf_append(out, s) : -ENOMEM;

	if (r == 0)
		r = strbuf_append(out, "\n");
	json_object_put(doc);
	return r;
}

int mp_json_maps(const struct mp_view_map *maps, size_t n, struct strbuf *out)
{
	struct json_object *doc = document(), *arr = NULL;
	int r = doc ? 0 : -ENOMEM;

	if (r == 0) {
		arr = json_object_new_array();
		r = add(doc, "maps", arr);
	}
	for (size_t i = 0; i < n && r == 0; i++) {
		struct json_object *m = map_obj(&maps[i]);

		r = push(arr, m);
	}
	return r < 0 ? (json_object_put(doc), r) : emit(doc, out);
}

int mp_json_map(const struct mp_view_map *map, struct strbuf *out)
{
	struct json_object *doc = document();
	int r = doc ? add(doc, "map", map_obj(map)) : -ENOMEM;

	if (r < 0) {
		json_object_put(doc);
		return r;
	}
	return emit(doc, out);
}

int mp_json_paths(const struct mp_path_row *rows, size_t n, struct strbuf *out)
{
	struct json_object *doc = document(), *arr = NULL;
	int r = doc ? 0 : -ENOMEM;

	if (r == 0) {
		arr = json_object_new_array();
		r = add(doc, "paths", arr);
	}
	for (size_t i = 0; i < n && r == 0; i++) {
		struct json_object *p = path_obj(&rows[i]);

		if (p && (add(p, "multipath", json_object_new_string(rows[i].map_name
									       ? rows[i].map_name
									       : "[orphan]")) < 0 ||
			  add(p, "uuid", json_object_new_string(rows[i].path->wwid)) < 0)) {
			json_object_put(p);
			p = NULL;
		}
		r = push(arr, p);
	}
	return r < 0 ? (json_object_put(doc), r) : emit(doc, out);
}

static struct json_object *action_obj(const struct mp_action *a, const struct mp_view_map *view)
{
	struct json_object *o = json_object_new_object(), *topo = NULL;
	int r = o ? 0 : -ENOMEM;

	if (r == 0)
		r = add(o, "action", json_object_new_string(mp_action_name(a->kind)));
	if (r == 0)
		r = add(o, "name", json_object_new_string(a->name ? a->name : ""));
	if (r == 0 && a->new_name)
		r = add(o, "new_name", json_object_new_string(a->new_name));
	if (r == 0)
		r = add(o, "reason", json_object_new_string(a->reason ? a->reason : ""));
	if (r == 0 && view) {
		topo = document();
		r = topo ? add(topo, "map", map_obj(view)) : -ENOMEM;
		if (r == 0)
			r = add(o, "topology", topo);
		else
			json_object_put(topo);
	}
	if (r < 0) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

int mp_json_plan(const struct mp_plan *plan, const struct mp_view_map *const *views,
		 struct strbuf *out)
{
	struct json_object *doc = json_object_new_object(), *arr = NULL;
	int r = doc ? 0 : -ENOMEM;

	if (r == 0) {
		arr = json_object_new_array();
		r = add(doc, "actions", arr);
	}
	for (size_t i = 0; i < plan->n && r == 0; i++) {
		struct json_object *a = action_obj(&plan->actions[i], views ? views[i] : NULL);

		r = push(arr, a);
	}
	return r < 0 ? (json_object_put(doc), r) : emit(doc, out);
}
