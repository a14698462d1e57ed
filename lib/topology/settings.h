/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The settings of one multipath map, typed, each with where it came from.
 * Config resolution hands out strings; this is the one place that turns
 * them into enums and numbers, so planning and output never parse text.
 * Plain old data (fixed arrays): copy it by value, nothing to free.
 */
#ifndef MPATH_TOPOLOGY_SETTINGS_H
#define MPATH_TOPOLOGY_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "policy/pgpolicy.h"

#define MP_ORIGIN_MAX 160
#define MP_SETTING_VALUE_MAX 320

enum mp_failback {
	MP_FAILBACK_MANUAL = 0,
	MP_FAILBACK_IMMEDIATE,
	MP_FAILBACK_FOLLOWOVER,
	MP_FAILBACK_DEFERRED, /* after failback_secs seconds */
};

enum mp_no_path_retry {
	MP_NPR_UNDEF = 0, /* not configured: the features string decides */
	MP_NPR_FAIL,
	MP_NPR_QUEUE,
	MP_NPR_COUNT, /* queue for no_path_retry_n checker intervals, then fail */
};

enum mp_rr_weight {
	MP_RR_WEIGHT_UNIFORM = 0,
	MP_RR_WEIGHT_PRIORITIES,
};

struct mp_map_settings {
	enum mp_pgpolicy pgpolicy;
	char pgpolicy_origin[MP_ORIGIN_MAX];
	char selector[64]; /* "service-time 0": name then its args */
	char selector_origin[MP_ORIGIN_MAX];
	char features[256]; /* "1 queue_if_no_path": count then words */
	char features_origin[MP_ORIGIN_MAX];
	char hwhandler[64]; /* "0" or "1 alua" */
	char hwhandler_origin[MP_ORIGIN_MAX];
	char prio[32];
	char prio_args[256];
	char prio_origin[MP_ORIGIN_MAX];
	char checker[32];
	char checker_origin[MP_ORIGIN_MAX];
	enum mp_failback failback;
	int failback_secs;
	char failback_origin[MP_ORIGIN_MAX];
	enum mp_no_path_retry no_path_retry;
	int no_path_retry_n;
	char no_path_retry_origin[MP_ORIGIN_MAX];
	enum mp_rr_weight rr_weight;
	char rr_weight_origin[MP_ORIGIN_MAX];
	int rr_min_io_rq;
	char rr_min_io_rq_origin[MP_ORIGIN_MAX];
	bool flush_on_last_del;
	char flush_on_last_del_origin[MP_ORIGIN_MAX];
	bool deferred_remove;   /* the last-path flush waits for the last opener */
	char deferred_remove_origin[MP_ORIGIN_MAX];
	bool retain_hwhandler; /* retain_attached_hw_handler */
	char retain_hwhandler_origin[MP_ORIGIN_MAX];
	bool detect_prio;
	char detect_prio_origin[MP_ORIGIN_MAX];
	bool detect_checker;
	char detect_checker_origin[MP_ORIGIN_MAX];
	bool user_friendly_names;
	char user_friendly_names_origin[MP_ORIGIN_MAX];
	char alias[256]; /* "" when none */
	char alias_origin[MP_ORIGIN_MAX];
	/* Daemon-only path holding; every value 0 when "no" (off). The
	 * san_path_err_* trio acts only when all three are set, the
	 * marginal_path_* four only when all four are (and then the trio is off). */
	int san_path_err_threshold;      /* failures */
	int san_path_err_forget_rate;    /* checks per forgotten failure */
	int san_path_err_recovery_time;  /* seconds */
	char san_path_err_origin[MP_ORIGIN_MAX]; /* of the threshold */
	int marginal_double_failed_time; /* seconds */
	int marginal_err_sample_time;    /* seconds */
	int marginal_err_rate_threshold; /* failed checks per thousand */
	int marginal_err_recheck_gap_time; /* seconds */
	char marginal_origin[MP_ORIGIN_MAX]; /* of double_failed_time */
	int ghost_delay;                 /* seconds; 0: create at once */
	char ghost_delay_origin[MP_ORIGIN_MAX];
	/* Partition maps (lib/partition): skip_kpartx yes leaves them alone;
	 * partition_delimiter (defaults only) when set and not "/UNSET/". */
	bool skip_kpartx;
	char skip_kpartx_origin[MP_ORIGIN_MAX];
	bool partition_delimiter_set;
	char partition_delimiter[32];
};

/* Built-in defaults (multipath-tools 0.9's), every origin "default". */
void mp_map_settings_init(struct mp_map_settings *s);

/* Copy a value/origin into a field, truncating safely. Origin NULL means "default". */
void mp_setting_set(char *field, size_t field_size, char *origin_field, const char *value,
		    const char *origin);
#define MP_SETTING_SET(s, name, value, origin)                                                    \
	mp_setting_set((s)->name, sizeof((s)->name), (s)->name##_origin, (value), (origin))

/* Typed parsers for config strings: 0 or -EINVAL (ret untouched). */
int mp_failback_parse(const char *v, enum mp_failback *ret, int *ret_secs);
int mp_no_path_retry_parse(const char *v, enum mp_no_path_retry *ret, int *ret_n);
int mp_rr_weight_parse(const char *v, enum mp_rr_weight *ret);
int mp_bool_parse(const char *v, bool *ret);

/* One resolved setting as text, for `explain` and JSON. */
struct mp_setting_item {
	const char *keyword; /* multipath.conf keyword */
	char value[MP_SETTING_VALUE_MAX];
	const char *origin; /* points into the settings struct */
};

/* Number of items mp_map_settings_item() can describe. */
size_t mp_map_settings_count(void);
/* Item i (0-based) of s. Return: 0, or -ERANGE past the end. */
int mp_map_settings_item(const struct mp_map_settings *s, size_t i, struct mp_setting_item *ret);

/*
 * Rules that depend on the paths, applied after config resolution
 * (settings_detect.c explains each one):
 */
struct mp_path_choice {
	char name[32];
	char args[256];
	char origin[MP_ORIGIN_MAX];
};
/* The prioritizer for one path: detect_prio, then the configured one, then the
 * alua fallback. Return: 0. */
int mp_settings_path_prio(const struct mp_map_settings *s, const struct mp_path *p,
			  struct mp_path_choice *ret);
/* The checker for one path (detect_checker: tur on TPGS devices). */
int mp_settings_path_checker(const struct mp_map_settings *s, const struct mp_path *p,
			     struct mp_path_choice *ret);
/* Update s->hwhandler for the map's paths (retained kernel handler, ALUA autodetect). */
void mp_settings_apply_hwhandler(struct mp_map_settings *s, const struct mp_path *const *paths,
				 size_t n);
/* Whether an origin names a section the admin wrote (not a default or the built-in table). */
bool mp_origin_is_user(const char *origin);

#endif
