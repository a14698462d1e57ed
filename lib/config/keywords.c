/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every keyword multipath-tools 0.9.4 accepts, as data. Names, sections,
 * value forms and defaults follow multipath.conf(5) of that release, so an
 * existing /etc/multipath.conf means the same thing to mpath.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/macros.h"
#include "config/keywords.h"

static const char *const grouping_policies[] = {
	/* group_by_tpg came with multipath-tools 0.9.6; mpath has it (0.9.4 would refuse it) */
	"failover", "multibus", "group_by_serial", "group_by_prio", "group_by_node_name",
	"group_by_tpg", NULL,
};
static const char *const checkers[] = {
	"tur", "readsector0", "directio", "emc_clariion", "hp_sw", "rdac", "cciss_tur", "none", NULL,
};
static const char *const prioritizers[] = {
	"const", "sysfs", "alua", "emc", "ontap", "rdac", "hp_sw", "hds", "random",
	"weightedpath", "path_latency", "ana", "datacore", "iet", NULL,
};
static const char *const rr_weights[] = {"uniform", "priorities", NULL};
static const char *const find_multipaths_modes[] = {
	"strict", "no", "yes", "greedy", "smart", "off", "on", "0", "1", NULL,
};
static const char *const marginal_pathgroups_modes[] = {"off", "on", "fpin", "no", "yes", NULL};
static const char *const log_checker_err_modes[] = {"always", "once", NULL};
static const char *const protocol_types[] = {
	"scsi:fcp", "scsi:spi", "scsi:ssa", "scsi:sbp", "scsi:srp", "scsi:iscsi",
	"scsi:sas", "scsi:adt", "scsi:ata", "scsi:unspec", "nvme:pcie", "nvme:rdma",
	"nvme:fc", "nvme:tcp", "nvme:loop", "nvme:apple-nvme", "nvme:unspec", "ccw",
	"cciss", "undef", NULL,
};

/* Words accepted by integer keywords besides a number. */
static const char *const failback_words[] = {"immediate", "manual", "followover", NULL};
static const char *const no_path_retry_words[] = {"queue", "fail", NULL};
static const char *const off_word[] = {"off", NULL};
static const char *const no_word[] = {"no", NULL};
static const char *const max_word[] = {"max", NULL};
static const char *const infinity_word[] = {"infinity", NULL};

#define SEC_MAP MP_SEC_MAP_ATTRS
#define SEC_PATH MP_SEC_PATH_ATTRS
#define SEC_DEF MP_SEC_DEFAULTS
#define NOT_ACTING MP_KWF_NOT_ACTING
#define DEPRECATED_IGNORED (MP_KWF_DEPRECATED | MP_KWF_IGNORED)
#define INT_MAXV 2147483647L

/* A "no"-or-number value, the shape of the shaky-path keywords (mpathd acts on them). */
#define SHAKY(kwname, sections_)                                                                   \
	{.name = kwname, .sections = (sections_), .type = MP_KW_INT, .default_value = "no",       \
	 .min = 1, .max = INT_MAXV, .words = no_word}

static const struct mp_keyword keyword_table[] = {
	/* defaults only: settings of the daemon and the tools, not of one map */
	{.name = "verbosity", .sections = SEC_DEF, .type = MP_KW_INT, .default_value = "2",
	 .min = 0, .max = 6},
	{.name = "polling_interval", .sections = SEC_DEF, .type = MP_KW_INT,
	 .default_value = "5", .min = 1, .max = 3600},
	/* no default_value: it is 4 * polling_interval, computed by mp_config_get() */
	{.name = "max_polling_interval", .sections = SEC_DEF, .type = MP_KW_INT, .min = 1,
	 .max = 14400},
	{.name = "reassign_maps", .sections = SEC_DEF, .type = MP_KW_BOOL, .default_value = "no",
	 .flags = NOT_ACTING},
	{.name = "multipath_dir", .sections = SEC_DEF, .type = MP_KW_STRING,
	 .flags = DEPRECATED_IGNORED},
	{.name = "uid_attrs", .sections = SEC_DEF, .type = MP_KW_STRING,
	 .validate = mp_validate_uid_attrs},
	{.name = "max_fds", .sections = SEC_DEF, .type = MP_KW_INT, .default_value = "max",
	 .min = 1, .max = INT_MAXV, .words = max_word},
	{.name = "queue_without_daemon", .sections = SEC_DEF, .type = MP_KW_BOOL,
	 .default_value = "no"},
	/* 0: the SCSI command timeout of the device (multipath.conf(5) 0.9.4 accepts it) */
	{.name = "checker_timeout", .sections = SEC_DEF, .type = MP_KW_INT, .min = 0,
	 .max = 3600},
	{.name = "allow_usb_devices", .sections = SEC_DEF, .type = MP_KW_BOOL,
	 .default_value = "no"},
	{.name = "bindings_file", .sections = SEC_DEF, .type = MP_KW_STRING,
	 .default_value = "/etc/multipath/bindings", .flags = MP_KWF_DEPRECATED},
	{.name = "wwids_file", .sections = SEC_DEF, .type = MP_KW_STRING,
	 .default_value = "/etc/multipath/wwids", .flags = MP_KWF_DEPRECATED},
	{.name = "prkeys_file", .sections = SEC_DEF, .type = MP_KW_STRING,
	 .default_value = "/etc/multipath/prkeys", .flags = MP_KWF_DEPRECATED | NOT_ACTING},
	{.name = "log_checker_err", .sections = SEC_DEF, .type = MP_KW_ENUM,
	 .default_value = "always", .words = log_checker_err_modes, .flags = NOT_ACTING},
	/* `multipath -t` shows yes (and retrigger_tries 0): multipath(8) sets both for
	 * itself after reading the file; the daemon's defaults are these */
	{.name = "force_sync", .sections = SEC_DEF, .type = MP_KW_BOOL, .default_value = "no",
	 .flags = NOT_ACTING},
	{.name = "strict_timing", .sections = SEC_DEF, .type = MP_KW_BOOL, .default_value = "no",
	 .flags = NOT_ACTING},
	{.name = "partition_delimiter", .sections = SEC_DEF, .type = MP_KW_STRING},
	/* multipath-tools 0.9 fixed this at build time; mpath still honours it in the main file */
	{.name = "config_dir", .sections = SEC_DEF, .type = MP_KW_STRING,
	 .default_value = "/etc/multipath/conf.d"},
	{.name = "marginal_pathgroups", .sections = SEC_DEF, .type = MP_KW_ENUM,
	 .default_value = "off", .words = marginal_pathgroups_modes, .flags = NOT_ACTING},
	{.name = "find_multipaths", .sections = SEC_DEF, .type = MP_KW_ENUM,
	 .default_value = "strict", .words = find_multipaths_modes},
	/* negative: the absolute value, for known hardware only */
	{.name = "find_multipaths_timeout", .sections = SEC_DEF, .type = MP_KW_INT,
	 .default_value = "-10", .min = -3600, .max = 3600, .flags = NOT_ACTING},
	{.name = "uxsock_timeout", .sections = SEC_DEF, .type = MP_KW_INT,
	 .default_value = "4000", .min = 1, .max = INT_MAXV, .flags = NOT_ACTING},
	{.name = "retrigger_tries", .sections = SEC_DEF, .type = MP_KW_INT, .default_value = "3",
	 .min = 0, .max = 1000, .flags = NOT_ACTING},
	{.name = "retrigger_delay", .sections = SEC_DEF, .type = MP_KW_INT, .default_value = "10",
	 .min = 0, .max = 3600, .flags = NOT_ACTING},
	{.name = "missing_uev_wait_timeout", .sections = SEC_DEF, .type = MP_KW_INT,
	 .default_value = "30", .min = 0, .max = 3600, .flags = NOT_ACTING},
	{.name = "disable_changed_wwids", .sections = SEC_DEF, .type = MP_KW_STRING,
	 .flags = DEPRECATED_IGNORED},
	{.name = "remove_retries", .sections = SEC_DEF, .type = MP_KW_INT, .default_value = "0",
	 .min = 0, .max = INT_MAXV},
	{.name = "enable_foreign", .sections = SEC_DEF, .type = MP_KW_REGEX,
	 .default_value = "NONE", .flags = NOT_ACTING},
	{.name = "recheck_wwid", .sections = SEC_PATH, .type = MP_KW_BOOL, .default_value = "no",
	 .flags = NOT_ACTING},
	/* the map device node's permissions (0.9.4: defaults and multipaths) */
	{.name = "mode", .sections = SEC_DEF | MP_SEC_MULTIPATH, .type = MP_KW_STRING,
	 .validate = mp_validate_mode, .flags = NOT_ACTING},
	/* a number or a user/group name (names are resolved where the node is made) */
	{.name = "uid", .sections = SEC_DEF | MP_SEC_MULTIPATH, .type = MP_KW_STRING,
	 .flags = NOT_ACTING},
	{.name = "gid", .sections = SEC_DEF | MP_SEC_MULTIPATH, .type = MP_KW_STRING,
	 .flags = NOT_ACTING},

	/* map attributes: defaults, devices, overrides and multipaths */
	{.name = "path_grouping_policy", .sections = SEC_MAP, .type = MP_KW_ENUM,
	 .default_value = "failover", .words = grouping_policies},
	{.name = "path_selector", .sections = SEC_MAP, .type = MP_KW_STRING,
	 .default_value = "service-time 0", .validate = mp_validate_path_selector},
	{.name = "prio", .sections = SEC_MAP, .type = MP_KW_ENUM, .default_value = "const",
	 .words = prioritizers},
	{.name = "prio_args", .sections = SEC_MAP, .type = MP_KW_STRING},
	{.name = "failback", .sections = SEC_MAP, .type = MP_KW_INT, .default_value = "manual",
	 .min = 0, .max = INT_MAXV, .words = failback_words},
	{.name = "rr_weight", .sections = SEC_MAP, .type = MP_KW_ENUM, .default_value = "uniform",
	 .words = rr_weights},
	/* unset by default, as in 0.9.4: then features "1 queue_if_no_path" decides */
	{.name = "no_path_retry", .sections = SEC_MAP, .type = MP_KW_INT,
	 .min = 0, .max = INT_MAXV, .words = no_path_retry_words},
	/* bio-based maps only: request-based ones (every kernel dm-multipath since 1.1.0)
	 * use rr_min_io_rq, and 0.9.4 picks that without a word (see MP_KWF_BIO_ONLY) */
	{.name = "rr_min_io", .sections = SEC_MAP, .type = MP_KW_INT, .default_value = "1000",
	 .min = 1, .max = INT_MAXV, .flags = MP_KWF_BIO_ONLY},
	{.name = "rr_min_io_rq", .sections = SEC_MAP, .type = MP_KW_INT, .default_value = "1",
	 .min = 1, .max = INT_MAXV},
	{.name = "flush_on_last_del", .sections = SEC_MAP, .type = MP_KW_BOOL,
	 .default_value = "no"},
	{.name = "features", .sections = SEC_MAP, .type = MP_KW_STRING, .default_value = "0",
	 .validate = mp_validate_features},
	{.name = "user_friendly_names", .sections = SEC_MAP, .type = MP_KW_BOOL,
	 .default_value = "no"},
	{.name = "deferred_remove", .sections = SEC_MAP, .type = MP_KW_BOOL, .default_value = "no"},
	SHAKY("san_path_err_threshold", SEC_MAP),
	SHAKY("san_path_err_forget_rate", SEC_MAP),
	SHAKY("san_path_err_recovery_time", SEC_MAP),
	SHAKY("marginal_path_err_sample_time", SEC_MAP),
	SHAKY("marginal_path_err_rate_threshold", SEC_MAP),
	SHAKY("marginal_path_err_recheck_gap_time", SEC_MAP),
	SHAKY("marginal_path_double_failed_time", SEC_MAP),
	{.name = "delay_watch_checks", .sections = SEC_MAP, .type = MP_KW_INT,
	 .default_value = "no", .min = 1, .max = INT_MAXV, .words = no_word,
	 .flags = MP_KWF_DEPRECATED | NOT_ACTING},
	{.name = "delay_wait_checks", .sections = SEC_MAP, .type = MP_KW_INT,
	 .default_value = "no", .min = 1, .max = INT_MAXV, .words = no_word,
	 .flags = MP_KWF_DEPRECATED | NOT_ACTING},
	{.name = "skip_kpartx", .sections = SEC_MAP, .type = MP_KW_BOOL, .default_value = "no"},
	/* unset: the kernel's value in /sys/block/<dev>/queue/max_sectors_kb stays */
	{.name = "max_sectors_kb", .sections = SEC_MAP, .type = MP_KW_INT, .min = 1,
	 .max = INT_MAXV},
	{.name = "ghost_delay", .sections = SEC_MAP, .type = MP_KW_INT, .default_value = "no",
	 .min = 0, .max = INT_MAXV, .words = no_word},
	{.name = "reservation_key", .sections = MP_SEC_DEFAULTS | MP_SEC_MULTIPATH,
	 .type = MP_KW_STRING, .validate = mp_validate_reservation_key,
	 .flags = NOT_ACTING | MP_KWF_SECRET},
	{.name = "pg_timeout", .sections = SEC_MAP, .type = MP_KW_STRING,
	 .flags = DEPRECATED_IGNORED},

	/* path attributes: defaults, devices and overrides */
	{.name = "alias_prefix", .sections = SEC_PATH, .type = MP_KW_STRING,
	 .default_value = "mpath"},
	{.name = "uid_attribute", .sections = SEC_PATH, .type = MP_KW_STRING,
	 .default_value = "ID_SERIAL"},
	{.name = "getuid_callout", .sections = SEC_PATH, .type = MP_KW_STRING,
	 .flags = DEPRECATED_IGNORED},
	{.name = "path_checker", .sections = SEC_PATH, .type = MP_KW_ENUM, .default_value = "tur",
	 .words = checkers},
	{.name = "checker", .alias_of = "path_checker"},
	{.name = "fast_io_fail_tmo", .sections = SEC_PATH | MP_SEC_PROTOCOL, .type = MP_KW_INT,
	 .default_value = "5", .min = 0, .max = INT_MAXV, .words = off_word},
	/* unset: the transport's own default stays (the kernel caps it at 600 without fast_io_fail) */
	{.name = "dev_loss_tmo", .sections = SEC_PATH | MP_SEC_PROTOCOL, .type = MP_KW_INT,
	 .min = 0, .max = 4294967295L, .words = infinity_word},
	{.name = "eh_deadline", .sections = SEC_PATH | MP_SEC_PROTOCOL, .type = MP_KW_INT,
	 .min = 0, .max = INT_MAXV, .words = off_word},
	{.name = "retain_attached_hw_handler", .sections = SEC_PATH, .type = MP_KW_BOOL,
	 .default_value = "yes"},
	{.name = "detect_prio", .sections = SEC_PATH, .type = MP_KW_BOOL, .default_value = "yes"},
	{.name = "detect_checker", .sections = SEC_PATH, .type = MP_KW_BOOL,
	 .default_value = "yes"},
	{.name = "all_tg_pt", .sections = SEC_PATH, .type = MP_KW_BOOL, .default_value = "no",
	 .flags = NOT_ACTING},

	/* devices/device only */
	{.name = "vendor", .sections = MP_SEC_DEVICE | MP_SEC_BLACKLIST_DEVICE,
	 .type = MP_KW_REGEX, .flags = MP_KWF_IDENTITY},
	{.name = "product", .sections = MP_SEC_DEVICE | MP_SEC_BLACKLIST_DEVICE,
	 .type = MP_KW_REGEX, .flags = MP_KWF_IDENTITY},
	{.name = "revision", .sections = MP_SEC_DEVICE, .type = MP_KW_REGEX,
	 .flags = MP_KWF_IDENTITY},
	{.name = "product_blacklist", .sections = MP_SEC_DEVICE, .type = MP_KW_REGEX},
	{.name = "vpd_vendor", .sections = MP_SEC_DEVICE, .type = MP_KW_STRING,
	 .flags = NOT_ACTING},
	{.name = "hardware_handler", .sections = MP_SEC_DEVICE, .type = MP_KW_STRING,
	 .validate = mp_validate_hardware_handler},

	/* multipaths/multipath only ("wwid" is also a blacklist rule) */
	{.name = "wwid", .sections = MP_SEC_MULTIPATH | MP_SEC_BLACKLIST, .type = MP_KW_STRING,
	 .flags = MP_KWF_IDENTITY | MP_KWF_MULTI},
	{.name = "alias", .sections = MP_SEC_MULTIPATH, .type = MP_KW_STRING},

	/* blacklist and blacklist_exceptions rules */
	{.name = "devnode", .sections = MP_SEC_BLACKLIST, .type = MP_KW_REGEX,
	 .flags = MP_KWF_MULTI},
	{.name = "property", .sections = MP_SEC_BLACKLIST, .type = MP_KW_REGEX,
	 .flags = MP_KWF_MULTI},
	{.name = "protocol", .sections = MP_SEC_BLACKLIST, .type = MP_KW_REGEX,
	 .flags = MP_KWF_MULTI},

	/* overrides/protocol */
	{.name = "type", .sections = MP_SEC_PROTOCOL, .type = MP_KW_ENUM, .words = protocol_types,
	 .flags = MP_KWF_IDENTITY},
};

const struct mp_keyword *mp_keyword_table(size_t *ret_n)
{
	*ret_n = ARRAY_SIZE(keyword_table);
	return keyword_table;
}

static const struct mp_keyword *find_exact(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(keyword_table); i++)
		if (streq(keyword_table[i].name, name))
			return &keyword_table[i];
	return NULL;
}

const struct mp_keyword *mp_keyword_find(const char *name)
{
	const struct mp_keyword *kw = find_exact(name);

	if (kw && kw->alias_of)
		kw = find_exact(kw->alias_of);
	return kw;
}

const char *mp_section_name(enum mp_section sec)
{
	switch (sec) {
	case MP_SEC_DEFAULTS:
		return "defaults";
	case MP_SEC_BLACKLIST:
		return "blacklist";
	case MP_SEC_BLACKLIST_DEVICE:
		return "blacklist device";
	case MP_SEC_DEVICE:
		return "devices/device";
	case MP_SEC_MULTIPATH:
		return "multipaths/multipath";
	case MP_SEC_OVERRIDES:
		return "overrides";
	case MP_SEC_PROTOCOL:
		return "overrides/protocol";
	}
	return "?";
}

static bool word_in(const char *const *words, const char *value)
{
	for (; words && *words; words++)
		if (streq(*words, value))
			return true;
	return false;
}

static void list_words(const char *const *words, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; words && *words && used < size; words++) {
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", *words);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static int validate_int(const struct mp_keyword *kw, const char *value, char *why, size_t size)
{
	long v;

	if (word_in(kw->words, value))
		return 0;
	if (mp_parse_long(value, &v) < 0) {
		char words[160];

		list_words(kw->words, words, sizeof(words));
		snprintf(why, size, "expected a number%s%s", words[0] ? " or one of: " : "",
			 words);
		return -EINVAL;
	}
	if (v < kw->min || v > kw->max) {
		snprintf(why, size, "%ld is out of range %ld..%ld", v, kw->min, kw->max);
		return -EINVAL;
	}
	return 0;
}

int mp_keyword_validate(const struct mp_keyword *kw, const char *value, char *why,
			size_t why_size)
{
	bool b;

	why[0] = '\0';
	switch (kw->type) {
	case MP_KW_INT:
		return validate_int(kw, value, why, why_size);
	case MP_KW_BOOL:
		if (mp_parse_bool(value, &b) < 0) {
			snprintf(why, why_size, "expected yes or no");
			return -EINVAL;
		}
		return 0;
	case MP_KW_ENUM:
		if (!word_in(kw->words, value)) {
			char words[400];

			list_words(kw->words, words, sizeof(words));
			snprintf(why, why_size, "expected one of: %s", words);
			return -EINVAL;
		}
		return 0;
	case MP_KW_REGEX:
		return mp_validate_regex(value, why, why_size);
	case MP_KW_STRING:
		break;
	}
	return kw->validate ? kw->validate(value, why, why_size) : 0;
}
