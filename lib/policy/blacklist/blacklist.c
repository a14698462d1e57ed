/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover/discover.h"
#include "policy/blacklist/blacklist.h"

/* One compiled regex; '!' in front inverts it. */
struct pattern {
	regex_t re;
	bool invert;
	bool valid;
};

struct compiled_rule {
	const struct mp_blacklist_rule *src;
	struct pattern main;    /* pattern, or vendor for MP_BL_DEVICE */
	struct pattern product; /* MP_BL_DEVICE only; invalid = any product */
};

struct rule_set {
	struct compiled_rule *items;
	size_t n;
};

struct mp_blacklist {
	struct rule_set rules;
	struct rule_set exceptions;
};

const char *mp_blacklist_kind_name(enum mp_blacklist_kind k)
{
	switch (k) {
	case MP_BL_DEVNODE:
		return "devnode";
	case MP_BL_WWID:
		return "wwid";
	case MP_BL_DEVICE:
		return "device";
	case MP_BL_PROPERTY:
		return "property";
	case MP_BL_PROTOCOL:
		return "protocol";
	}
	return "unknown";
}

static int pattern_compile(struct pattern *p, const char *text, const struct mp_blacklist_rule *r,
			   bool exception, struct mp_diags *diags)
{
	char err[128];
	int rc;

	p->invert = text[0] == '!';
	rc = regcomp(&p->re, text + (p->invert ? 1 : 0), REG_EXTENDED | REG_NOSUB);
	if (rc) {
		if (rc == REG_ESPACE)
			return -ENOMEM;
		regerror(rc, &p->re, err, sizeof(err));
		if (diags)
			mp_diags_add(diags, MP_DIAG_ERROR, r->origin ? r->origin : "blacklist", 0,
				     "%s %s: invalid regular expression \"%s\": %s",
				     exception ? "blacklist_exceptions" : "blacklist",
				     mp_blacklist_kind_name(r->kind), text, err);
		return -EINVAL;
	}
	p->valid = true;
	return 0;
}

static void pattern_free(struct pattern *p)
{
	if (p->valid)
		regfree(&p->re);
	p->valid = false;
}

static bool pattern_match(const struct pattern *p, const char *s)
{
	bool m = regexec(&p->re, s, 0, NULL, 0) == 0;

	return p->invert ? !m : m;
}

static void rule_set_free(struct rule_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		pattern_free(&s->items[i].main);
		pattern_free(&s->items[i].product);
	}
	free(s->items);
	s->items = NULL;
	s->n = 0;
}

static int rule_set_build(struct rule_set *s, const struct mp_blacklist_rule *rules, size_t n,
			  bool exception, struct mp_diags *diags)
{
	s->items = calloc(n ? n : 1, sizeof(*s->items));
	if (!s->items)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct mp_blacklist_rule *r = &rules[i];
		struct compiled_rule *c = &s->items[s->n];
		const char *main = r->kind == MP_BL_DEVICE ? r->vendor : r->pattern;
		int rc;

		memset(c, 0, sizeof(*c));
		c->src = r;
		if (!main) {
			/* A device entry with only a product matches any vendor. */
			if (r->kind != MP_BL_DEVICE || !r->product)
				continue;
			main = ".*";
		}
		rc = pattern_compile(&c->main, main, r, exception, diags);
		if (rc == -ENOMEM)
			return rc;
		if (rc < 0)
			continue;
		if (r->kind == MP_BL_DEVICE && r->product) {
			rc = pattern_compile(&c->product, r->product, r, exception, diags);
			if (rc < 0) {
				pattern_free(&c->main);
				if (rc == -ENOMEM)
					return rc;
				continue;
			}
		}
		s->n++;
	}
	return 0;
}

void mp_blacklist_free(struct mp_blacklist *bl)
{
	if (!bl)
		return;
	rule_set_free(&bl->rules);
	rule_set_free(&bl->exceptions);
	free(bl);
}

int mp_blacklist_new(const struct mp_blacklist_rule *rules, size_t n_rules,
		     const struct mp_blacklist_rule *exceptions, size_t n_exceptions,
		     struct mp_blacklist **ret, struct mp_diags *diags)
{
	struct mp_blacklist *bl = calloc(1, sizeof(*bl));
	int r;

	if (!bl)
		return -ENOMEM;
	r = rule_set_build(&bl->rules, rules, n_rules, false, diags);
	if (r == 0)
		r = rule_set_build(&bl->exceptions, exceptions, n_exceptions, true, diags);
	if (r < 0) {
		mp_blacklist_free(bl);
		return r;
	}
	*ret = bl;
	return 0;
}

/* First rule of this kind matching subject (vendor/product for devices). */
static const struct mp_blacklist_rule *find(const struct rule_set *s, enum mp_blacklist_kind kind,
					    const char *subject, const char *product)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct compiled_rule *c = &s->items[i];

		if (c->src->kind != kind || !pattern_match(&c->main, subject))
			continue;
		if (kind == MP_BL_DEVICE && c->product.valid && !pattern_match(&c->product, product))
			continue;
		return c->src;
	}
	return NULL;
}

static bool has_kind(const struct rule_set *s, enum mp_blacklist_kind kind)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i].src->kind == kind)
			return true;
	return false;
}

/* Exception first, then blacklist; true when this kind decided (excluded). */
static bool check_kind(const struct mp_blacklist *bl, enum mp_blacklist_kind kind,
		       const char *subject, const char *product, struct mp_blacklist_verdict *v)
{
	const struct mp_blacklist_rule *exc = find(&bl->exceptions, kind, subject, product);
	const struct mp_blacklist_rule *rule;

	if (exc) {
		/* Report the first exception that overrode a blacklist rule. */
		if (!v->exception && find(&bl->rules, kind, subject, product)) {
			v->exception = exc;
			v->kind = kind;
		}
		return false;
	}
	rule = find(&bl->rules, kind, subject, product);
	if (!rule)
		return false;
	v->excluded = true;
	v->rule = rule;
	v->kind = kind;
	return true;
}

const char *mp_blacklist_path_protocol(const struct mp_path *p)
{
	return *p->protocol ? p->protocol : mp_scsi_protocol_name(p->transport);
}

/* Property names, sorted as libudev lists them. */
struct names {
	const char *v[32];
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void synthesize(const struct mp_path *p, const char *uid_attr, struct names *out)
{
	static const char *const by_prefix[][2] = {
		{"3", "SCSI_IDENT_LUN_NAA"}, {"2", "SCSI_IDENT_LUN_EUI64"},
		{"1", "SCSI_IDENT_LUN_T10"}, {"8", "SCSI_IDENT_LUN_NAME"},
		{"0", "SCSI_IDENT_LUN_VENDOR"}, {"S", "SCSI_IDENT_SERIAL"},
	};

	out->n = 0;
	out->v[out->n++] = "DEVNAME";
	out->v[out->n++] = "DEVTYPE";
	out->v[out->n++] = "SUBSYSTEM";
	out->v[out->n++] = "MAJOR";
	out->v[out->n++] = "MINOR";
	if (!*p->wwid)
		return;
	out->v[out->n++] = uid_attr;
	if (p->transport == MP_TRANSPORT_NVME) {
		if (strcmp(uid_attr, "ID_WWN") != 0)
			out->v[out->n++] = "ID_WWN";
		return;
	}
	for (size_t i = 0; i < sizeof(by_prefix) / sizeof(by_prefix[0]); i++)
		if (p->wwid[0] == by_prefix[i][0][0])
			out->v[out->n++] = by_prefix[i][1];
	if (p->wwid[0] == '3' && strcmp(uid_attr, "ID_WWN") != 0)
		out->v[out->n++] = "ID_WWN";
	if (p->tpg_id >= 0)
		out->v[out->n++] = "SCSI_IDENT_PORT_TARGET_PORT_GROUP";
}

static bool check_property(const struct mp_blacklist *bl, const struct mp_blacklist_input *in,
			   struct mp_blacklist_verdict *v)
{
	const char *uid_attr = in->uid_attribute;
	_cleanup_free_ const char **sorted = NULL;
	struct names synth;
	const char **names;
	size_t n;
	bool uid_seen = false;

	if (!uid_attr)
		uid_attr = in->path->transport == MP_TRANSPORT_NVME ? "ID_WWN" : "ID_SERIAL";
	if (in->props) {
		sorted = calloc(in->props->n ? in->props->n : 1, sizeof(*sorted));
		if (!sorted)
			return false; /* no memory: do not exclude on a guess */
		for (size_t i = 0; i < in->props->n; i++)
			sorted[i] = in->props->items[i].key;
		names = sorted;
		n = in->props->n;
	} else {
		synthesize(in->path, uid_attr, &synth);
		names = synth.v;
		n = synth.n;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (*uid_attr && strcmp(names[i], uid_attr) == 0)
			uid_seen = true;
	for (size_t i = 0; i < n; i++) {
		const struct mp_blacklist_rule *r;

		r = find(&bl->exceptions, MP_BL_PROPERTY, names[i], NULL);
		if (r)
			return false; /* a whitelisted property: included as far as properties go */
		r = find(&bl->rules, MP_BL_PROPERTY, names[i], NULL);
		if (r) {
			v->excluded = true;
			v->rule = r;
			v->kind = MP_BL_PROPERTY;
			snprintf(v->subject, sizeof(v->subject), "%s", names[i]);
			return true;
		}
	}
	if (has_kind(&bl->exceptions, MP_BL_PROPERTY) && uid_seen) {
		v->excluded = true;
		v->property_missing = true;
		v->kind = MP_BL_PROPERTY;
		snprintf(v->subject, sizeof(v->subject), "%s", uid_attr);
		return true;
	}
	return false;
}

int mp_blacklist_check(const struct mp_blacklist *bl, const struct mp_blacklist_input *in,
		       struct mp_blacklist_verdict *ret)
{
	const struct mp_path *p = in->path;
	struct mp_blacklist_verdict v = {0};
	char vp[128];

	if (!p)
		return -EINVAL;
	if (check_property(bl, in, &v))
		goto done;
	if (check_kind(bl, MP_BL_DEVNODE, p->dev, NULL, &v)) {
		snprintf(v.subject, sizeof(v.subject), "%s", p->dev);
		goto done;
	}
	if (check_kind(bl, MP_BL_DEVICE, p->vendor, p->product, &v)) {
		snprintf(vp, sizeof(vp), "%s:%s", p->vendor, p->product);
		snprintf(v.subject, sizeof(v.subject), "%s", vp);
		goto done;
	}
	if (check_kind(bl, MP_BL_PROTOCOL, mp_blacklist_path_protocol(p), NULL, &v)) {
		snprintf(v.subject, sizeof(v.subject), "%s", mp_blacklist_path_protocol(p));
		goto done;
	}
	/* No WWID yet: nothing for wwid rules to match (multipath-tools skips them too). */
	if (*p->wwid && check_kind(bl, MP_BL_WWID, p->wwid, NULL, &v)) {
		snprintf(v.subject, sizeof(v.subject), "%s", p->wwid);
		goto done;
	}
done:
	*ret = v;
	return 0;
}

static void format_rule(const struct mp_blacklist_rule *r, char *buf, size_t size)
{
	if (r->kind == MP_BL_DEVICE)
		snprintf(buf, size, "device vendor \"%s\" product \"%s\"", r->vendor ? r->vendor : "",
			 r->product ? r->product : "");
	else
		snprintf(buf, size, "%s \"%s\"", mp_blacklist_kind_name(r->kind),
			 r->pattern ? r->pattern : "");
}

int mp_blacklist_verdict_format(const struct mp_blacklist_verdict *v, const char *dev, char *buf,
				size_t size)
{
	char rule[600];

	if (v->excluded && v->property_missing)
		return snprintf(buf, size,
				"%s: excluded: udev property missing (no property matches "
				"blacklist_exceptions property)",
				dev);
	if (v->excluded) {
		format_rule(v->rule, rule, sizeof(rule));
		return snprintf(buf, size, "%s: excluded by blacklist %s (%s) matching \"%s\"", dev,
				rule, v->rule->origin ? v->rule->origin : "unknown origin",
				v->subject);
	}
	if (v->exception) {
		format_rule(v->exception, rule, sizeof(rule));
		return snprintf(buf, size, "%s: included by blacklist_exceptions %s (%s)", dev, rule,
				v->exception->origin ? v->exception->origin : "unknown origin");
	}
	return snprintf(buf, size, "%s: included (no blacklist rule matches)", dev);
}
