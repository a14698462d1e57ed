/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `mpath -t`: the merged configuration laid out as `multipath -t` of
 * multipath-tools 0.9.4 prints it, so the two can be compared line by line
 * (tests/golden/config-t holds 0.9.4's output for a set of configs).
 *
 * Facts of that layout (recorded in the lab): keywords come in the order
 * multipath-tools declares them, per section; a keyword without a value is
 * left out (no_path_retry, checker_timeout, dev_loss_tmo ... when unset);
 * numbers of numeric keywords stand bare, every other value is quoted;
 * booleans read "yes"/"no"; mode, uid and gid print as octal with a leading 0;
 * deprecated keywords are not shown, except disable_changed_wwids "ignored".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"

static const char *const defaults_order[] = {
	"verbosity", "polling_interval", "max_polling_interval", "reassign_maps",
	"path_selector", "path_grouping_policy", "uid_attrs", "uid_attribute", "prio",
	"prio_args", "features", "path_checker", "alias_prefix", "failback", "rr_min_io",
	"rr_min_io_rq", "max_fds", "rr_weight", "no_path_retry", "queue_without_daemon",
	"checker_timeout", "allow_usb_devices", "flush_on_last_del", "user_friendly_names",
	"mode", "uid", "gid", "fast_io_fail_tmo", "dev_loss_tmo", "eh_deadline", "bindings_file",
	"wwids_file", "prkeys_file", "log_checker_err", "reservation_key", "all_tg_pt",
	"retain_attached_hw_handler", "detect_prio", "detect_checker", "force_sync",
	"strict_timing", "deferred_remove", "partition_delimiter", "delay_watch_checks",
	"delay_wait_checks", "san_path_err_threshold", "san_path_err_forget_rate",
	"san_path_err_recovery_time", "marginal_path_err_sample_time",
	"marginal_path_err_rate_threshold", "marginal_path_err_recheck_gap_time",
	"marginal_path_double_failed_time", "find_multipaths", "uxsock_timeout",
	"retrigger_tries", "retrigger_delay", "missing_uev_wait_timeout", "skip_kpartx",
	"disable_changed_wwids", "remove_retries", "max_sectors_kb", "ghost_delay",
	"find_multipaths_timeout", "enable_foreign", "marginal_pathgroups", "recheck_wwid",
	NULL,
};

/* The shaky-path and later keywords, in the order every entry section lists them. */
#define SHAKY_KEYWORDS                                                                         \
	"deferred_remove", "delay_watch_checks", "delay_wait_checks", "san_path_err_threshold",  \
		"san_path_err_forget_rate", "san_path_err_recovery_time",                        \
		"marginal_path_err_sample_time", "marginal_path_err_rate_threshold",             \
		"marginal_path_err_recheck_gap_time", "marginal_path_double_failed_time",        \
		"skip_kpartx", "max_sectors_kb", "ghost_delay"

static const char *const device_order[] = {
	"product_blacklist", "path_grouping_policy", "uid_attribute", "path_selector",
	"path_checker", "alias_prefix", "features", "hardware_handler", "prio", "prio_args",
	"failback", "rr_weight", "no_path_retry", "rr_min_io", "rr_min_io_rq",
	"flush_on_last_del", "fast_io_fail_tmo", "dev_loss_tmo", "eh_deadline",
	"user_friendly_names", "retain_attached_hw_handler", "detect_prio", "detect_checker",
	SHAKY_KEYWORDS, "all_tg_pt", "vpd_vendor", "recheck_wwid", NULL,
};

static const char *const overrides_order[] = {
	"path_grouping_policy", "uid_attribute", "path_selector", "path_checker",
	"alias_prefix", "features", "prio", "prio_args", "failback", "rr_weight",
	"no_path_retry", "rr_min_io", "rr_min_io_rq", "flush_on_last_del", "fast_io_fail_tmo",
	"dev_loss_tmo", "eh_deadline", "user_friendly_names", "retain_attached_hw_handler",
	"detect_prio", "detect_checker", SHAKY_KEYWORDS, "all_tg_pt", "recheck_wwid", NULL,
};

static const char *const protocol_order[] = {
	"fast_io_fail_tmo", "dev_loss_tmo", "eh_deadline", NULL,
};

static const char *const multipath_order[] = {
	"alias", "path_grouping_policy", "path_selector", "prio", "prio_args", "failback",
	"rr_weight", "no_path_retry", "rr_min_io", "rr_min_io_rq", "flush_on_last_del",
	"features", "mode", "uid", "gid", "reservation_key", "user_friendly_names",
	SHAKY_KEYWORDS, NULL,
};

static int put_quoted(struct strbuf *out, const char *value)
{
	int r = strbuf_append(out, "\"");

	for (const char *p = value; r == 0 && *p; p++)
		r = *p == '"' ? strbuf_append(out, "\"\"") : strbuf_appendn(out, p, 1);
	return r ? r : strbuf_append(out, "\"");
}

/* One "keyword value" line, the value written the way 0.9.4 writes it. */
static int put_line(struct strbuf *out, const char *indent, const struct mp_keyword *kw,
		    const char *value)
{
	long n;
	bool b;
	int r = strbuf_printf(out, "%s%s ", indent, kw->name);

	if (r < 0)
		return r;
	/* the words 0.9.4 reads these values as */
	if (streq(kw->name, "find_multipaths") && (streq(value, "yes") || streq(value, "1")))
		value = "on";
	else if (streq(kw->name, "find_multipaths") && (streq(value, "no") || streq(value, "0")))
		value = "off";
	else if (streq(kw->name, "no_path_retry") && streq(value, "0"))
		value = "fail";
	if (streq(kw->name, "mode") || streq(kw->name, "uid") || streq(kw->name, "gid")) {
		char *end;
		unsigned long v = strtoul(value, &end, streq(kw->name, "mode") ? 8 : 10);

		/* a user or group name stays a name (0.9.4 prints its number) */
		r = *value && !*end ? strbuf_printf(out, "0%lo", v) : put_quoted(out, value);
	} else if (kw->type == MP_KW_BOOL && mp_parse_bool(value, &b) == 0) {
		r = put_quoted(out, b ? "yes" : "no");
	} else if (kw->type == MP_KW_INT && mp_parse_long(value, &n) == 0) {
		r = strbuf_printf(out, "%ld", n);
	} else {
		r = put_quoted(out, value);
	}
	return r ? r : strbuf_append(out, "\n");
}

static bool listed(const char *const *order, const char *name)
{
	for (; *order; order++)
		if (streq(*order, name))
			return true;
	return false;
}

/* The settings of one section in 0.9.4's order; keywords it does not list come last. */
static int put_settings(struct strbuf *out, const char *indent, const struct mp_settings *s,
			const char *const *order)
{
	int r = 0;

	for (const char *const *o = order; r == 0 && *o; o++) {
		const struct mp_setting *v = mp_settings_find(s, *o);

		if (v)
			r = put_line(out, indent, v->kw, v->value);
	}
	for (size_t i = 0; r == 0 && i < s->n; i++)
		if (!listed(order, s->items[i].kw->name))
			r = put_line(out, indent, s->items[i].kw, s->items[i].value);
	return r;
}

static int put_defaults(const struct mp_config *cfg, bool command_view, struct strbuf *out)
{
	int r = strbuf_append(out, "defaults {\n");

	for (const char *const *o = defaults_order; r == 0 && *o; o++) {
		const struct mp_keyword *kw = mp_keyword_find(*o);
		const char *v = kw ? mp_config_get(cfg, *o, NULL) : NULL;

		/* 0.9.4 always shows these two, whatever the file says */
		if (streq(*o, "prio_args") && !v)
			v = "";
		if (command_view && streq(*o, "force_sync"))
			v = "yes";
		if (command_view && streq(*o, "retrigger_tries"))
			v = "0";
		if (streq(*o, "disable_changed_wwids")) {
			r = strbuf_append(out, "\tdisable_changed_wwids \"ignored\"\n");
			continue;
		}
		if (v)
			r = put_line(out, "\t", kw, v);
	}
	return r ? r : strbuf_append(out, "}\n");
}

static int put_kv(struct strbuf *out, const char *indent, const char *key, const char *value)
{
	int r = strbuf_printf(out, "%s%s ", indent, key);

	if (r == 0)
		r = put_quoted(out, value);
	return r ? r : strbuf_append(out, "\n");
}

static int put_rules(const struct mp_rule_list *l, const char *section, struct strbuf *out)
{
	static const struct {
		enum mp_blacklist_kind kind;
		const char *keyword;
	} kinds[] = {
		{MP_BL_DEVNODE, "devnode"},
		{MP_BL_WWID, "wwid"},
		{MP_BL_PROPERTY, "property"},
		{MP_BL_PROTOCOL, "protocol"},
	};
	int r = strbuf_printf(out, "%s {\n", section);

	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++)
		for (size_t i = 0; r == 0 && i < l->n; i++)
			if (l->items[i].kind == kinds[k].kind)
				r = put_kv(out, "\t", kinds[k].keyword, l->items[i].pattern);
	for (size_t i = 0; r == 0 && i < l->n; i++) {
		const struct mp_blacklist_rule *rule = &l->items[i];

		if (rule->kind != MP_BL_DEVICE)
			continue;
		r = mp_dump_rule_device(out, rule, put_kv);
	}
	return r ? r : strbuf_append(out, "}\n");
}

static int put_devices(const struct mp_config *cfg, struct strbuf *out)
{
	int r = strbuf_append(out, "devices {\n");

	for (size_t i = 0; r == 0 && i < cfg->n_devices; i++) {
		const struct mp_device_entry *e = &cfg->devices[i];

		r = mp_dump_device_open(out, e, put_kv);
		if (r == 0)
			r = put_settings(out, "\t\t", &e->settings, device_order);
		if (r == 0)
			r = strbuf_append(out, "\t}\n");
	}
	return r ? r : strbuf_append(out, "}\n");
}

static int put_overrides(const struct mp_config *cfg, struct strbuf *out)
{
	int r = strbuf_append(out, "overrides {\n");

	if (r == 0)
		r = put_settings(out, "\t", &cfg->overrides, overrides_order);
	for (size_t i = 0; r == 0 && i < cfg->n_protocols; i++) {
		r = strbuf_append(out, "\tprotocol {\n");
		if (r == 0)
			r = put_kv(out, "\t\t", "type", cfg->protocols[i].type);
		if (r == 0)
			r = put_settings(out, "\t\t", &cfg->protocols[i].settings, protocol_order);
		if (r == 0)
			r = strbuf_append(out, "\t}\n");
	}
	return r ? r : strbuf_append(out, "}\n");
}

/* 0.9.4 leaves the section out when no multipath entry exists. */
static int put_multipaths(const struct mp_config *cfg, struct strbuf *out)
{
	int r;

	if (!cfg->n_multipaths)
		return 0;
	r = strbuf_append(out, "multipaths {\n");
	for (size_t i = 0; r == 0 && i < cfg->n_multipaths; i++) {
		r = strbuf_append(out, "\tmultipath {\n");
		if (r == 0)
			r = put_kv(out, "\t\t", "wwid", cfg->multipaths[i].wwid);
		if (r == 0)
			r = put_settings(out, "\t\t", &cfg->multipaths[i].settings, multipath_order);
		if (r == 0)
			r = strbuf_append(out, "\t}\n");
	}
	return r ? r : strbuf_append(out, "}\n");
}

int mp_config_dump_mpt(const struct mp_config *cfg, bool command_view, struct strbuf *out)
{
	int r;

	if (!cfg || !out)
		return -EINVAL;
	r = put_defaults(cfg, command_view, out);
	if (r == 0)
		r = put_rules(&cfg->blacklist, "blacklist", out);
	if (r == 0)
		r = put_rules(&cfg->exceptions, "blacklist_exceptions", out);
	if (r == 0)
		r = put_devices(cfg, out);
	if (r == 0)
		r = put_overrides(cfg, out);
	if (r == 0)
		r = put_multipaths(cfg, out);
	return r;
}
