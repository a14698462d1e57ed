/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Adapter: struct mp_resolved (config module, strings with origins) ->
 * struct mp_map_settings (typed). Kept in its own object so that code which
 * builds settings by hand (unit tests, tools) does not pull in the config
 * parser: a static archive member is linked only when referenced.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "topology/settings_config.h"

static const char *get(const struct mp_resolved *r, const char *kw, const char **origin)
{
	*origin = NULL;
	return mp_resolved_get(r, kw, origin);
}

/* A bad value keeps the default and is reported; config parsing already
 * diagnosed it with file:line, so this only names the keyword. */
static int bad(struct mp_diags *diags, const char *kw, const char *v)
{
	if (diags)
		mp_diags_add(diags, MP_DIAG_WARNING, "settings", 0,
			     "invalid value \"%s\" for %s, using the default", v, kw);
	return -EINVAL;
}

/* "no" (or 0) or a count of seconds/failures: 0 stands for "no". */
static void no_or_int(const struct mp_resolved *r, const char *kw, int *field, char *origin,
		      struct mp_diags *diags)
{
	const char *o = NULL;
	const char *v = get(r, kw, &o);
	long n;

	if (!v)
		return;
	if (streq(v, "no"))
		n = 0;
	else if (mp_resolved_int(r, kw, &n) < 0 || n < 0 || n > 2147483647L) {
		bad(diags, kw, v);
		return;
	}
	*field = (int)n;
	if (origin)
		snprintf(origin, MP_ORIGIN_MAX, "%s", o ? o : "default");
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(list, word); p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* features "1 queue_if_no_path" is the old spelling of no_path_retry queue:
 * as in multipath-tools 0.9.4 it queues when no_path_retry is set nowhere,
 * and a no_path_retry set at any level wins over it; both are said. */
static void queue_feature(struct mp_map_settings *s, struct mp_diags *diags)
{
	if (!has_word(s->features, "queue_if_no_path"))
		return;
	if (diags)
		mp_diags_add(diags, MP_DIAG_NOTE, "settings", 0,
			     "option 'features \"1 queue_if_no_path\"' (%s) is deprecated, please "
			     "use 'no_path_retry queue' instead",
			     s->features_origin);
	if (s->no_path_retry == MP_NPR_UNDEF) {
		s->no_path_retry = MP_NPR_QUEUE;
		/* the features origin says where; truncation of a long path is harmless */
		memcpy(s->no_path_retry_origin, s->features_origin, MP_ORIGIN_MAX);
	} else if (s->no_path_retry != MP_NPR_QUEUE && diags) {
		char v[16];

		if (s->no_path_retry == MP_NPR_COUNT)
			snprintf(v, sizeof(v), "%d", s->no_path_retry_n);
		else
			snprintf(v, sizeof(v), "fail");
		mp_diags_add(diags, MP_DIAG_NOTE, "settings", 0,
			     "ignoring feature 'queue_if_no_path' because no_path_retry is set to "
			     "'%s' (%s)",
			     v, s->no_path_retry_origin);
	}
}

#define STR_SETTING(field, kw)                                                                     \
	do {                                                                                       \
		v = get(r, kw, &o);                                                                \
		if (v)                                                                             \
			MP_SETTING_SET(&s, field, v, o);                                           \
	} while (0)

#define BOOL_SETTING(field, kw)                                                                    \
	do {                                                                                       \
		bool b;                                                                            \
		v = get(r, kw, &o);                                                                \
		if (v && mp_bool_parse(v, &b) == 0) {                                              \
			s.field = b;                                                               \
			snprintf(s.field##_origin, MP_ORIGIN_MAX, "%s", o ? o : "default");        \
		} else if (v) {                                                                    \
			bad(diags, kw, v);                                                         \
		}                                                                                  \
	} while (0)

int mp_map_settings_from_resolved(const struct mp_resolved *r, struct mp_map_settings *ret,
				  struct mp_diags *diags)
{
	struct mp_map_settings s;
	const char *v, *o;
	long n;

	if (!r || !ret)
		return -EINVAL;
	mp_map_settings_init(&s);

	v = get(r, "path_grouping_policy", &o);
	if (v && mp_pgpolicy_from_name(v, &s.pgpolicy) == 0)
		snprintf(s.pgpolicy_origin, MP_ORIGIN_MAX, "%s", o ? o : "default");
	else if (v)
		bad(diags, "path_grouping_policy", v);

	STR_SETTING(selector, "path_selector");
	STR_SETTING(features, "features");
	STR_SETTING(hwhandler, "hardware_handler");
	STR_SETTING(prio, "prio");
	v = get(r, "prio_args", &o);
	if (v)
		snprintf(s.prio_args, sizeof(s.prio_args), "%s", v);
	STR_SETTING(checker, "path_checker");
	STR_SETTING(alias, "alias");

	v = get(r, "failback", &o);
	if (v && mp_failback_parse(v, &s.failback, &s.failback_secs) == 0)
		snprintf(s.failback_origin, MP_ORIGIN_MAX, "%s", o ? o : "default");
	else if (v)
		bad(diags, "failback", v);

	v = get(r, "no_path_retry", &o);
	if (v && mp_no_path_retry_parse(v, &s.no_path_retry, &s.no_path_retry_n) == 0)
		snprintf(s.no_path_retry_origin, MP_ORIGIN_MAX, "%s", o ? o : "default");
	else if (v)
		bad(diags, "no_path_retry", v);

	v = get(r, "rr_weight", &o);
	if (v && mp_rr_weight_parse(v, &s.rr_weight) == 0)
		snprintf(s.rr_weight_origin, MP_ORIGIN_MAX, "%s", o ? o : "default");
	else if (v)
		bad(diags, "rr_weight", v);

	if (mp_resolved_int(r, "rr_min_io_rq", &n) == 0 && n > 0 && n < 1000000) {
		get(r, "rr_min_io_rq", &o);
		s.rr_min_io_rq = (int)n;
		snprintf(s.rr_min_io_rq_origin, MP_ORIGIN_MAX, "%s", o ? o : "default");
	}

	/* flush_on_last_del also takes always/never/unused in multipath-tools 0.10 */
	v = get(r, "flush_on_last_del", &o);
	if (v && (streq(v, "always") || streq(v, "unused") || streq(v, "never"))) {
		s.flush_on_last_del = !streq(v, "never");
		snprintf(s.flush_on_last_del_origin, MP_ORIGIN_MAX, "%s", o ? o : "default");
	} else {
		BOOL_SETTING(flush_on_last_del, "flush_on_last_del");
	}
	BOOL_SETTING(deferred_remove, "deferred_remove");
	BOOL_SETTING(retain_hwhandler, "retain_attached_hw_handler");
	BOOL_SETTING(detect_prio, "detect_prio");
	BOOL_SETTING(detect_checker, "detect_checker");
	BOOL_SETTING(user_friendly_names, "user_friendly_names");
	BOOL_SETTING(skip_kpartx, "skip_kpartx");
	v = get(r, "partition_delimiter", &o);
	if (v && !streq(v, "/UNSET/")) {
		s.partition_delimiter_set = true;
		snprintf(s.partition_delimiter, sizeof(s.partition_delimiter), "%s", v);
	}

	no_or_int(r, "san_path_err_threshold", &s.san_path_err_threshold, s.san_path_err_origin,
		  diags);
	no_or_int(r, "san_path_err_forget_rate", &s.san_path_err_forget_rate, NULL, diags);
	no_or_int(r, "san_path_err_recovery_time", &s.san_path_err_recovery_time, NULL, diags);
	no_or_int(r, "marginal_path_double_failed_time", &s.marginal_double_failed_time,
		  s.marginal_origin, diags);
	no_or_int(r, "marginal_path_err_sample_time", &s.marginal_err_sample_time, NULL, diags);
	no_or_int(r, "marginal_path_err_rate_threshold", &s.marginal_err_rate_threshold, NULL,
		  diags);
	no_or_int(r, "marginal_path_err_recheck_gap_time", &s.marginal_err_recheck_gap_time, NULL,
		  diags);
	no_or_int(r, "ghost_delay", &s.ghost_delay, s.ghost_delay_origin, diags);
	queue_feature(&s, diags);

	*ret = s;
	return 0;
}
