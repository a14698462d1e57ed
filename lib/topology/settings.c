/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "topology/settings.h"

void mp_setting_set(char *field, size_t field_size, char *origin_field, const char *value,
		    const char *origin)
{
	snprintf(field, field_size, "%s", value ? value : "");
	snprintf(origin_field, MP_ORIGIN_MAX, "%s", origin ? origin : "default");
}

void mp_map_settings_init(struct mp_map_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->pgpolicy = MP_PGP_FAILOVER;
	snprintf(s->pgpolicy_origin, MP_ORIGIN_MAX, "default");
	MP_SETTING_SET(s, selector, "service-time 0", NULL);
	MP_SETTING_SET(s, features, "0", NULL);
	MP_SETTING_SET(s, hwhandler, "0", NULL);
	MP_SETTING_SET(s, prio, "const", NULL);
	MP_SETTING_SET(s, checker, "tur", NULL);
	MP_SETTING_SET(s, alias, "", NULL);
	s->failback = MP_FAILBACK_MANUAL;
	s->no_path_retry = MP_NPR_UNDEF;
	s->rr_weight = MP_RR_WEIGHT_UNIFORM;
	s->rr_min_io_rq = 1;
	s->flush_on_last_del = false;
	s->retain_hwhandler = true;
	s->detect_prio = true;
	s->detect_checker = true;
	s->user_friendly_names = false;
	snprintf(s->failback_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->no_path_retry_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->rr_weight_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->rr_min_io_rq_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->flush_on_last_del_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->deferred_remove_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->retain_hwhandler_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->detect_prio_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->detect_checker_origin, MP_ORIGIN_MAX, "default");
	snprintf(s->user_friendly_names_origin, MP_ORIGIN_MAX, "default");
	s->skip_kpartx = false;
	snprintf(s->skip_kpartx_origin, MP_ORIGIN_MAX, "default");
}

static int parse_uint(const char *v, int *ret)
{
	char *end;
	long n;

	if (!v || !*v)
		return -EINVAL;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0 || n > INT_MAX)
		return -EINVAL;
	*ret = (int)n;
	return 0;
}

int mp_failback_parse(const char *v, enum mp_failback *ret, int *ret_secs)
{
	int n;

	if (!v)
		return -EINVAL;
	if (streq(v, "manual")) {
		*ret = MP_FAILBACK_MANUAL;
		*ret_secs = 0;
	} else if (streq(v, "immediate")) {
		*ret = MP_FAILBACK_IMMEDIATE;
		*ret_secs = 0;
	} else if (streq(v, "followover")) {
		*ret = MP_FAILBACK_FOLLOWOVER;
		*ret_secs = 0;
	} else if (parse_uint(v, &n) == 0) {
		/* multipath.conf(5): 0 is the same as immediate */
		*ret = n ? MP_FAILBACK_DEFERRED : MP_FAILBACK_IMMEDIATE;
		*ret_secs = n;
	} else {
		return -EINVAL;
	}
	return 0;
}

int mp_no_path_retry_parse(const char *v, enum mp_no_path_retry *ret, int *ret_n)
{
	int n;

	if (!v)
		return -EINVAL;
	if (streq(v, "queue")) {
		*ret = MP_NPR_QUEUE;
		*ret_n = 0;
	} else if (streq(v, "fail")) {
		*ret = MP_NPR_FAIL;
		*ret_n = 0;
	} else if (parse_uint(v, &n) == 0) {
		/* 0 retries is "fail" */
		*ret = n ? MP_NPR_COUNT : MP_NPR_FAIL;
		*ret_n = n;
	} else {
		return -EINVAL;
	}
	return 0;
}

int mp_rr_weight_parse(const char *v, enum mp_rr_weight *ret)
{
	if (v && streq(v, "uniform"))
		*ret = MP_RR_WEIGHT_UNIFORM;
	else if (v && streq(v, "priorities"))
		*ret = MP_RR_WEIGHT_PRIORITIES;
	else
		return -EINVAL;
	return 0;
}

int mp_bool_parse(const char *v, bool *ret)
{
	static const char *const yes[] = {"yes", "on", "1", "true"};
	static const char *const no[] = {"no", "off", "0", "false"};

	if (!v)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (streq(v, yes[i])) {
			*ret = true;
			return 0;
		}
		if (streq(v, no[i])) {
			*ret = false;
			return 0;
		}
	}
	return -EINVAL;
}

static const char *yesno(bool b)
{
	return b ? "yes" : "no";
}

/* The list `explain` prints, in multipath.conf order of importance. */
enum item_id {
	IT_PGPOLICY,
	IT_SELECTOR,
	IT_FEATURES,
	IT_HWHANDLER,
	IT_PRIO,
	IT_PRIO_ARGS,
	IT_CHECKER,
	IT_FAILBACK,
	IT_NPR,
	IT_RR_WEIGHT,
	IT_RR_MIN_IO_RQ,
	IT_FLUSH,
	IT_RETAIN,
	IT_DETECT_PRIO,
	IT_DETECT_CHECKER,
	IT_UFN,
	IT_ALIAS,
	IT_SKIP_KPARTX,
	IT_COUNT,
};

size_t mp_map_settings_count(void)
{
	return IT_COUNT;
}

int mp_map_settings_item(const struct mp_map_settings *s, size_t i, struct mp_setting_item *ret)
{
	char *v = ret->value;
	const size_t vs = sizeof(ret->value);

	switch ((enum item_id)i) {
	case IT_PGPOLICY:
		ret->keyword = "path_grouping_policy";
		snprintf(v, vs, "%s", mp_pgpolicy_name(s->pgpolicy) ?: "?");
		ret->origin = s->pgpolicy_origin;
		break;
	case IT_SELECTOR:
		ret->keyword = "path_selector";
		snprintf(v, vs, "%s", s->selector);
		ret->origin = s->selector_origin;
		break;
	case IT_FEATURES:
		ret->keyword = "features";
		snprintf(v, vs, "%s", s->features);
		ret->origin = s->features_origin;
		break;
	case IT_HWHANDLER:
		ret->keyword = "hardware_handler";
		snprintf(v, vs, "%s", s->hwhandler);
		ret->origin = s->hwhandler_origin;
		break;
	case IT_PRIO:
		ret->keyword = "prio";
		snprintf(v, vs, "%s", s->prio);
		ret->origin = s->prio_origin;
		break;
	case IT_PRIO_ARGS:
		ret->keyword = "prio_args";
		snprintf(v, vs, "%s", s->prio_args);
		ret->origin = s->prio_origin;
		break;
	case IT_CHECKER:
		ret->keyword = "path_checker";
		snprintf(v, vs, "%s", s->checker);
		ret->origin = s->checker_origin;
		break;
	case IT_FAILBACK:
		ret->keyword = "failback";
		if (s->failback == MP_FAILBACK_DEFERRED)
			snprintf(v, vs, "%d", s->failback_secs);
		else
			snprintf(v, vs, "%s",
				 s->failback == MP_FAILBACK_IMMEDIATE    ? "immediate"
				 : s->failback == MP_FAILBACK_FOLLOWOVER ? "followover"
									 : "manual");
		ret->origin = s->failback_origin;
		break;
	case IT_NPR:
		ret->keyword = "no_path_retry";
		if (s->no_path_retry == MP_NPR_COUNT)
			snprintf(v, vs, "%d", s->no_path_retry_n);
		else
			snprintf(v, vs, "%s",
				 s->no_path_retry == MP_NPR_QUEUE  ? "queue"
				 : s->no_path_retry == MP_NPR_FAIL ? "fail"
								   : "undef");
		ret->origin = s->no_path_retry_origin;
		break;
	case IT_RR_WEIGHT:
		ret->keyword = "rr_weight";
		snprintf(v, vs, "%s",
			 s->rr_weight == MP_RR_WEIGHT_PRIORITIES ? "priorities" : "uniform");
		ret->origin = s->rr_weight_origin;
		break;
	case IT_RR_MIN_IO_RQ:
		ret->keyword = "rr_min_io_rq";
		snprintf(v, vs, "%d", s->rr_min_io_rq);
		ret->origin = s->rr_min_io_rq_origin;
		break;
	case IT_FLUSH:
		ret->keyword = "flush_on_last_del";
		snprintf(v, vs, "%s", yesno(s->flush_on_last_del));
		ret->origin = s->flush_on_last_del_origin;
		break;
	case IT_RETAIN:
		ret->keyword = "retain_attached_hw_handler";
		snprintf(v, vs, "%s", yesno(s->retain_hwhandler));
		ret->origin = s->retain_hwhandler_origin;
		break;
	case IT_DETECT_PRIO:
		ret->keyword = "detect_prio";
		snprintf(v, vs, "%s", yesno(s->detect_prio));
		ret->origin = s->detect_prio_origin;
		break;
	case IT_DETECT_CHECKER:
		ret->keyword = "detect_checker";
		snprintf(v, vs, "%s", yesno(s->detect_checker));
		ret->origin = s->detect_checker_origin;
		break;
	case IT_UFN:
		ret->keyword = "user_friendly_names";
		snprintf(v, vs, "%s", yesno(s->user_friendly_names));
		ret->origin = s->user_friendly_names_origin;
		break;
	case IT_ALIAS:
		ret->keyword = "alias";
		snprintf(v, vs, "%s", s->alias);
		ret->origin = s->alias_origin;
		break;
	case IT_SKIP_KPARTX:
		ret->keyword = "skip_kpartx";
		snprintf(v, vs, "%s", yesno(s->skip_kpartx));
		ret->origin = s->skip_kpartx_origin;
		break;
	default:
		return -ERANGE;
	}
	return 0;
}
