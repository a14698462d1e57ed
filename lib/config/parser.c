/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The multipath.conf grammar, one line at a time:
 *
 *   line    := "}" | name "{" | keyword value
 *   file    := defaults | blacklist | blacklist_exceptions | devices | multipaths | overrides
 *   devices := device { ... } ...        multipaths := multipath { ... } ...
 *   overrides may hold protocol { type ... } subsections; both blacklist
 *   sections may hold device { vendor ... product ... } subsections.
 *
 * Nothing here is fatal: a bad line is reported with source:line and skipped,
 * so one typo never costs the admin the rest of the configuration.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"
#include "config/tokenizer.h"

enum block {
	B_TOP,
	B_DEFAULTS,
	B_BLACKLIST,
	B_EXCEPTIONS,
	B_BL_DEVICE,
	B_DEVICES,
	B_DEVICE,
	B_MULTIPATHS,
	B_MULTIPATH,
	B_OVERRIDES,
	B_PROTOCOL,
};

/* Which subsections each block may open, and what they become. */
static const struct {
	enum block parent;
	const char *name;
	enum block child;
} block_rules[] = {
	{B_TOP, "defaults", B_DEFAULTS},
	{B_TOP, "blacklist", B_BLACKLIST},
	{B_TOP, "blacklist_exceptions", B_EXCEPTIONS},
	{B_TOP, "devices", B_DEVICES},
	{B_TOP, "multipaths", B_MULTIPATHS},
	{B_TOP, "overrides", B_OVERRIDES},
	{B_BLACKLIST, "device", B_BL_DEVICE},
	{B_EXCEPTIONS, "device", B_BL_DEVICE},
	{B_DEVICES, "device", B_DEVICE},
	{B_MULTIPATHS, "multipath", B_MULTIPATH},
	{B_OVERRIDES, "protocol", B_PROTOCOL},
};

struct frame {
	enum block block;
	const char *name; /* points into block_rules */
	int line;
	/* keywords set in this block so far, for multipath-tools' "duplicate keyword" warning */
	const struct mp_keyword **seen;
	size_t n_seen, cap_seen;
};

/* The grammar nests three deep at most: devices { device { } }. */
#define MAX_FRAMES 4

struct parser {
	struct mp_config *cfg;
	const char *source;
	struct mp_diags *diags;
	bool is_main;
	struct frame frames[MAX_FRAMES];
	size_t depth;      /* frames in use; 0 = top level */
	size_t skip_depth; /* nesting inside an ignored (unknown) section */
	int skip_line;     /* where the outermost ignored section opened */
	/* blacklist device { } being read */
	char *bl_vendor, *bl_product;
	char *config_dir;
	unsigned int top_seen; /* top-level sections opened so far (bit per block_rules index) */
	bool want_open;        /* a section name stood alone: a lone '{' next is its brace */
	int error;             /* first -ENOMEM */
};

static void diag(struct parser *p, enum mp_diag_severity sev, int line, const char *fmt, ...)
	MP_PRINTF(4, 5);

static void diag(struct parser *p, enum mp_diag_severity sev, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!p->diags)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (mp_diags_add(p->diags, sev, p->source, line, "%s", msg) < 0 && !p->error)
		p->error = -ENOMEM;
}

static void oom(struct parser *p, int r)
{
	if (r < 0 && !p->error)
		p->error = r;
}

static enum block current(const struct parser *p)
{
	return p->depth ? p->frames[p->depth - 1].block : B_TOP;
}

static unsigned int section_bit(enum block b)
{
	switch (b) {
	case B_DEFAULTS:
		return MP_SEC_DEFAULTS;
	case B_BLACKLIST:
	case B_EXCEPTIONS:
		return MP_SEC_BLACKLIST;
	case B_BL_DEVICE:
		return MP_SEC_BLACKLIST_DEVICE;
	case B_DEVICE:
		return MP_SEC_DEVICE;
	case B_MULTIPATH:
		return MP_SEC_MULTIPATH;
	case B_OVERRIDES:
		return MP_SEC_OVERRIDES;
	case B_PROTOCOL:
		return MP_SEC_PROTOCOL;
	default:
		return 0;
	}
}

static const char *block_label(const struct parser *p)
{
	return p->depth ? p->frames[p->depth - 1].name : "top level";
}

static void open_block(struct parser *p, const char *name, int line)
{
	enum block parent = current(p);

	if (p->skip_depth) {
		p->skip_depth++;
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(block_rules); i++) {
		if (block_rules[i].parent != parent || !streq(block_rules[i].name, name))
			continue;
		/* a second defaults { } (etc.) adds to the first one, as in multipath-tools */
		if (parent == B_TOP && (p->top_seen & (1u << i)))
			diag(p, MP_DIAG_WARNING, line,
			     "duplicate section \"%s\"; its settings are merged with the earlier one",
			     name);
		if (parent == B_TOP)
			p->top_seen |= 1u << i;
		if (block_rules[i].child == B_DEVICE && !mp_config_add_device(p->cfg))
			oom(p, -ENOMEM);
		if (block_rules[i].child == B_MULTIPATH && !mp_config_add_multipath(p->cfg))
			oom(p, -ENOMEM);
		if (block_rules[i].child == B_PROTOCOL && !mp_config_add_protocol(p->cfg))
			oom(p, -ENOMEM);
		if (p->error)
			return;
		p->frames[p->depth++] = (struct frame){.block = block_rules[i].child,
						       .name = block_rules[i].name,
						       .line = line};
		return;
	}
	if (streq(name, "{"))
		; /* the caller already reported the stray brace */
	else if (parent == B_TOP)
		diag(p, MP_DIAG_WARNING, line, "unknown section \"%s\"; ignored", name);
	else
		diag(p, MP_DIAG_WARNING, line, "section \"%s\" is not allowed in \"%s\"; ignored",
		     name, block_label(p));
	p->skip_depth = 1;
	p->skip_line = line;
}

static char *xstrdup(struct parser *p, const char *s)
{
	char *d = strdup(s);

	if (!d)
		oom(p, -ENOMEM);
	return d;
}

static void rule_origin(const struct parser *p, int line, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%d", p->source, line);
}

static void finish_device(struct parser *p, int line)
{
	struct mp_config *cfg = p->cfg;
	struct mp_device_entry *e = &cfg->devices[cfg->n_devices - 1];
	const struct mp_setting *bl;
	size_t len;

	if (!e->vendor || !e->product) {
		diag(p, MP_DIAG_ERROR, line, "device entry without %s; ignored",
		     e->vendor ? "product" : "vendor");
		goto drop;
	}
	if (mp_device_entry_compile(e) < 0)
		goto drop; /* cannot happen: the regexes were validated when read */
	len = strlen(e->vendor) + strlen(e->product) + 2;
	e->name = malloc(len);
	e->source = xstrdup(p, p->source);
	if (!e->name || !e->source) {
		oom(p, -ENOMEM);
		goto drop;
	}
	snprintf(e->name, len, "%s %s", e->vendor, e->product);
	e->line = line;
	/* product_blacklist makes a blacklist rule, as in multipath-tools */
	bl = mp_settings_find(&e->settings, "product_blacklist");
	if (bl) {
		char origin[300];

		rule_origin(p, bl->line, origin, sizeof(origin));
		oom(p, mp_rule_list_add(&cfg->blacklist, MP_BL_DEVICE, NULL, e->vendor, bl->value,
					origin));
	}
	return;
drop:
	mp_device_entry_clear(e);
	cfg->n_devices--;
}

static void finish_multipath(struct parser *p, int line)
{
	struct mp_config *cfg = p->cfg;
	struct mp_multipath_entry *e = &cfg->multipaths[cfg->n_multipaths - 1];

	if (!e->wwid) {
		diag(p, MP_DIAG_ERROR, line, "multipath entry without wwid; ignored");
		goto drop;
	}
	e->source = xstrdup(p, p->source);
	if (!e->source)
		goto drop;
	e->line = line;
	return;
drop:
	mp_multipath_entry_clear(e);
	cfg->n_multipaths--;
}

static void finish_protocol(struct parser *p, int line)
{
	struct mp_config *cfg = p->cfg;
	struct mp_protocol_entry *e = &cfg->protocols[cfg->n_protocols - 1];

	if (!e->type) {
		diag(p, MP_DIAG_ERROR, line, "protocol subsection without type; ignored");
		goto drop;
	}
	e->source = xstrdup(p, p->source);
	if (!e->source)
		goto drop;
	e->line = line;
	return;
drop:
	mp_protocol_entry_clear(e);
	cfg->n_protocols--;
}

static void finish_bl_device(struct parser *p, enum block list, int line)
{
	struct mp_rule_list *rules = list == B_EXCEPTIONS ? &p->cfg->exceptions : &p->cfg->blacklist;
	char origin[300];

	if (!p->bl_vendor) {
		diag(p, MP_DIAG_ERROR, line, "device rule without vendor; ignored");
	} else {
		rule_origin(p, line, origin, sizeof(origin));
		oom(p, mp_rule_list_add(rules, MP_BL_DEVICE, NULL, p->bl_vendor, p->bl_product,
					origin));
	}
	free(p->bl_vendor);
	free(p->bl_product);
	p->bl_vendor = p->bl_product = NULL;
}

static void close_block(struct parser *p, int line)
{
	struct frame f;

	if (p->skip_depth) {
		p->skip_depth--;
		return;
	}
	if (p->depth == 0) {
		diag(p, MP_DIAG_WARNING, line, "unmatched '}'; ignored");
		return;
	}
	f = p->frames[--p->depth];
	free(f.seen);
	switch (f.block) {
	case B_DEVICE:
		finish_device(p, f.line);
		break;
	case B_MULTIPATH:
		finish_multipath(p, f.line);
		break;
	case B_PROTOCOL:
		finish_protocol(p, f.line);
		break;
	case B_BL_DEVICE:
		finish_bl_device(p, current(p), f.line);
		break;
	default:
		break;
	}
}

static void set_identity(struct parser *p, char **field, const char *value)
{
	free(*field);
	*field = xstrdup(p, value);
}

static void store_blacklist_rule(struct parser *p, const struct mp_keyword *kw, const char *value,
				 int line)
{
	struct mp_rule_list *rules =
		current(p) == B_EXCEPTIONS ? &p->cfg->exceptions : &p->cfg->blacklist;
	enum mp_blacklist_kind kind = MP_BL_DEVNODE;
	char origin[300];

	if (streq(kw->name, "wwid"))
		kind = MP_BL_WWID;
	else if (streq(kw->name, "property"))
		kind = MP_BL_PROPERTY;
	else if (streq(kw->name, "protocol"))
		kind = MP_BL_PROTOCOL;
	rule_origin(p, line, origin, sizeof(origin));
	oom(p, mp_rule_list_add(rules, kind, value, NULL, NULL, origin));
}

static void store_value(struct parser *p, const struct mp_keyword *kw, const char *value, int line)
{
	struct mp_config *cfg = p->cfg;

	switch (current(p)) {
	case B_DEFAULTS:
		if (streq(kw->name, "config_dir")) {
			if (!p->is_main) {
				diag(p, MP_DIAG_WARNING, line,
				     "config_dir is honoured only in the main configuration file; "
				     "ignored");
				return;
			}
			free(p->config_dir);
			p->config_dir = xstrdup(p, value);
		}
		oom(p, mp_settings_set(&cfg->defaults, kw, value, p->source, line,
				       "defaults section"));
		break;
	case B_OVERRIDES:
		oom(p, mp_settings_set(&cfg->overrides, kw, value, p->source, line,
				       "overrides section"));
		break;
	case B_BLACKLIST:
	case B_EXCEPTIONS:
		store_blacklist_rule(p, kw, value, line);
		break;
	case B_BL_DEVICE:
		set_identity(p, streq(kw->name, "vendor") ? &p->bl_vendor : &p->bl_product, value);
		break;
	case B_DEVICE: {
		struct mp_device_entry *e = &cfg->devices[cfg->n_devices - 1];

		if (streq(kw->name, "vendor"))
			set_identity(p, &e->vendor, value);
		else if (streq(kw->name, "product"))
			set_identity(p, &e->product, value);
		else if (streq(kw->name, "revision"))
			set_identity(p, &e->revision, value);
		else
			oom(p, mp_settings_set(&e->settings, kw, value, p->source, line,
					       "devices section"));
		break;
	}
	case B_MULTIPATH: {
		struct mp_multipath_entry *e = &cfg->multipaths[cfg->n_multipaths - 1];

		if (streq(kw->name, "wwid"))
			set_identity(p, &e->wwid, value);
		else
			oom(p, mp_settings_set(&e->settings, kw, value, p->source, line,
					       "multipaths section"));
		break;
	}
	case B_PROTOCOL: {
		struct mp_protocol_entry *e = &cfg->protocols[cfg->n_protocols - 1];

		if (streq(kw->name, "type"))
			set_identity(p, &e->type, value);
		else
			oom(p, mp_settings_set(&e->settings, kw, value, p->source, line, NULL));
		break;
	}
	default:
		break;
	}
}

static int validate_value(const struct parser *p, const struct mp_keyword *kw, const char *value,
			  char *why, size_t size)
{
	/* in the blacklist sections every rule is a regex, "wwid" included */
	if (current(p) == B_BLACKLIST || current(p) == B_EXCEPTIONS)
		return mp_validate_regex(value, why, size);
	return mp_keyword_validate(kw, value, why, size);
}

static bool is_known_block_name(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(block_rules); i++)
		if (streq(block_rules[i].name, word))
			return true;
	return false;
}

/* Warns about a keyword set twice in one block (the later value wins, as in
 * multipath-tools); repeatable rules (blacklist devnode ...) are not duplicates. */
static void note_duplicate(struct parser *p, const struct mp_keyword *kw, const char *word,
			   int line)
{
	struct frame *f;

	if (!p->depth || (kw->flags & MP_KWF_MULTI && current(p) != B_MULTIPATH))
		return;
	f = &p->frames[p->depth - 1];
	for (size_t i = 0; i < f->n_seen; i++) {
		if (f->seen[i] == kw) {
			diag(p, MP_DIAG_WARNING, line,
			     "duplicate keyword \"%s\" in section %s; the later value is used", word,
			     f->name);
			return;
		}
	}
	if (f->n_seen == f->cap_seen) {
		size_t cap = f->cap_seen ? f->cap_seen * 2 : 16;
		const struct mp_keyword **v = realloc(f->seen, cap * sizeof(*v));

		if (!v) {
			oom(p, -ENOMEM);
			return;
		}
		f->seen = v;
		f->cap_seen = cap;
	}
	f->seen[f->n_seen++] = kw;
}

/* A number outside a keyword's range is brought to the nearest bound, as
 * multipath-tools does ("capping at"); the admin hears of it as an error since
 * the value in force is not the one written. Returns value or buf. */
static const char *capped_value(struct parser *p, const struct mp_keyword *kw, const char *value,
				char *buf, size_t size, int line)
{
	long v, bound;

	if (kw->type != MP_KW_INT || mp_parse_long(value, &v) < 0 || (v >= kw->min && v <= kw->max))
		return value;
	if (current(p) == B_BLACKLIST || current(p) == B_EXCEPTIONS)
		return value;
	bound = v < kw->min ? kw->min : kw->max;
	/* 0 is a word of its own for fast_io_fail_tmo in 0.9.4 ("off" too): below it caps at 1 */
	if (v < kw->min && streq(kw->name, "fast_io_fail_tmo"))
		bound = 1;
	snprintf(buf, size, "%ld", bound);
	diag(p, MP_DIAG_ERROR, line, "value %s for \"%s\" is too %s; capping at %s", value, kw->name,
	     v < kw->min ? "small" : "large", buf);
	return buf;
}

/* failback 0 and checker_timeout 0 leave the keyword unset in multipath-tools 0.9.4. */
static bool means_unset(const struct mp_keyword *kw, const char *value)
{
	return (streq(kw->name, "failback") || streq(kw->name, "checker_timeout")) &&
	       streq(value, "0");
}

/* multipath-tools opens these sections even when their '{' is missing from the
 * line (it warns and expects the brace on the next line); "overrides" and
 * "protocol" are not among them: without their brace they are lost there too. */
static bool opens_without_brace(const char *word)
{
	static const char *const names[] = {
		"defaults", "blacklist", "blacklist_exceptions", "devices",
		"device", "multipaths", "multipath",
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (streq(names[i], word))
			return true;
	return false;
}

static void keyword_line(struct parser *p, const struct mp_line_tokens *t, int line)
{
	const char *word = t->items[0].text;
	unsigned int sec = section_bit(current(p));
	const struct mp_keyword *kw;
	const char *value;
	char why[512], capped[32];

	if (t->n < 2 && opens_without_brace(word)) {
		diag(p, MP_DIAG_WARNING, line,
		     "missing '{' after \"%s\"; the section is opened anyway, put the '{' on this "
		     "line",
		     word);
		open_block(p, word, line);
		p->want_open = true;
		return;
	}
	if (t->n < 2 && is_known_block_name(word)) {
		diag(p, MP_DIAG_ERROR, line,
		     "'{' must follow \"%s\" on the same line; section ignored", word);
		return;
	}
	if (!sec) {
		diag(p, MP_DIAG_WARNING, line, "\"%s\" is not allowed in %s%s; ignored", word,
		     p->depth ? "section " : "", block_label(p));
		return;
	}
	kw = mp_keyword_find(word);
	if (!kw) {
		diag(p, MP_DIAG_WARNING, line, "unknown keyword \"%s\" in section %s; ignored",
		     word, block_label(p));
		return;
	}
	if (!(kw->sections & sec)) {
		diag(p, MP_DIAG_WARNING, line, "keyword \"%s\" is not allowed in section %s; ignored",
		     word, block_label(p));
		return;
	}
	if (t->n < 2 || t->items[1].kind == MP_TOK_CLOSE) {
		diag(p, MP_DIAG_ERROR, line, "missing value for \"%s\"", word);
		return;
	}
	note_duplicate(p, kw, word, line);
	value = t->items[1].text;
	value = capped_value(p, kw, value, capped, sizeof(capped), line);
	if (validate_value(p, kw, value, why, sizeof(why)) < 0) {
		diag(p, MP_DIAG_ERROR, line, "invalid value \"%s\" for \"%s\": %s; %s", value,
		     word, why,
		     (kw->flags & MP_KWF_MULTI) && current(p) != B_MULTIPATH ? "rule ignored"
									     : "keeping the default");
		return;
	}
	if (kw->flags & MP_KWF_DEPRECATED)
		diag(p, MP_DIAG_NOTE, line, "\"%s\" is deprecated%s", word,
		     kw->flags & MP_KWF_IGNORED ? "; its value is ignored" : "");
	if (kw->flags & MP_KWF_BIO_ONLY)
		diag(p, MP_DIAG_NOTE, line,
		     "\"%s\" applies to bio-based maps only; request-based maps (all of mpath's, "
		     "as multipath-tools' on current kernels) use rr_min_io_rq",
		     word);
	if (kw->flags & MP_KWF_NOT_ACTING)
		diag(p, MP_DIAG_NOTE, line, "\"%s\" is accepted but not (yet) acting in mpath",
		     word);
	if (kw->flags & MP_KWF_IGNORED)
		return;
	if (means_unset(kw, value)) {
		diag(p, MP_DIAG_NOTE, line, "\"%s 0\" means unset, as in multipath-tools: %s", word,
		     streq(kw->name, "failback") ? "the next level (or manual) applies"
						 : "the device's own SCSI timeout is used");
		return;
	}
	store_value(p, kw, value, line);
}

/* Handles braces found where none belong, so the nesting stays right for the lines after. */
static void stray_tokens(struct parser *p, const struct mp_line_tokens *t, size_t from, int line)
{
	bool warned = false;

	for (size_t i = from; i < t->n; i++) {
		if (t->items[i].kind == MP_TOK_CLOSE) {
			close_block(p, line);
		} else if (t->items[i].kind == MP_TOK_OPEN) {
			diag(p, MP_DIAG_ERROR, line, "unexpected '{'");
			open_block(p, "{", line);
		} else if (!warned && !p->skip_depth) {
			diag(p, MP_DIAG_WARNING, line, "extra text \"%s\" ignored",
			     t->items[i].text);
			warned = true;
		}
	}
}

static void parse_line(struct parser *p, const struct mp_line_tokens *t, int line)
{
	const struct mp_token *first = &t->items[0];
	bool want_open = p->want_open;

	p->want_open = false;
	if (want_open && first->kind == MP_TOK_OPEN) {
		/* the brace of the section opened on the line before */
		stray_tokens(p, t, 1, line);
	} else if (first->kind == MP_TOK_CLOSE) {
		close_block(p, line);
		stray_tokens(p, t, 1, line);
	} else if (first->kind == MP_TOK_OPEN) {
		if (!p->skip_depth)
			diag(p, MP_DIAG_ERROR, line, "'{' without a section name");
		open_block(p, "{", line);
		stray_tokens(p, t, 1, line);
	} else if (t->n >= 2 && t->items[1].kind == MP_TOK_OPEN && first->kind == MP_TOK_WORD) {
		open_block(p, first->text, line);
		stray_tokens(p, t, 2, line);
	} else if (p->skip_depth) {
		stray_tokens(p, t, 1, line);
	} else if (first->kind == MP_TOK_STRING) {
		diag(p, MP_DIAG_ERROR, line, "expected a keyword, found a quoted string");
		stray_tokens(p, t, 1, line);
	} else {
		keyword_line(p, t, line);
		stray_tokens(p, t, t->n >= 2 && t->items[1].kind != MP_TOK_CLOSE ? 2 : 1, line);
	}
}

static void finish_open_blocks(struct parser *p)
{
	if (p->skip_depth) {
		diag(p, MP_DIAG_WARNING, p->skip_line, "section is not closed (missing '}')");
		p->skip_depth = 0;
	}
	while (p->depth) {
		const struct frame *f = &p->frames[p->depth - 1];

		diag(p, MP_DIAG_WARNING, f->line,
		     "section \"%s\" is not closed (missing '}'); what it holds is used", f->name);
		close_block(p, f->line);
	}
}

int mp_config_parse(struct mp_config *cfg, const char *source, const char *text, bool is_main,
		    char **ret_config_dir, struct mp_diags *diags)
{
	struct parser p = {.cfg = cfg, .source = source, .diags = diags, .is_main = is_main};
	struct mp_line_tokens tokens = {0};
	const char *pos = text;
	size_t first_new = cfg->n_devices;
	int line = 0;

	while (*pos && !p.error) {
		const char *nl = strchr(pos, '\n');
		size_t len = nl ? (size_t)(nl - pos) : strlen(pos);
		int r;

		line++;
		r = mp_tokenize_line(pos, len, &tokens);
		if (r == -EINVAL) {
			diag(&p, MP_DIAG_ERROR, line, "unterminated quoted string; line ignored");
		} else if (r < 0) {
			oom(&p, r);
		} else if (tokens.n > 0) {
			parse_line(&p, &tokens, line);
		}
		pos += len;
		if (*pos == '\n')
			pos++;
	}
	/* also after a failure: half-read entries must not stay in cfg */
	finish_open_blocks(&p);
	if (!p.error)
		oom(&p, mp_config_merge_devices(cfg, first_new, source, diags));
	mp_line_tokens_free(&tokens);
	free(p.bl_vendor);
	free(p.bl_product);
	if (p.error) {
		free(p.config_dir);
		return p.error;
	}
	if (ret_config_dir)
		*ret_config_dir = p.config_dir;
	else
		free(p.config_dir);
	return 0;
}
