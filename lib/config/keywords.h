/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The keyword table: one descriptor per multipath.conf keyword saying where it
 * may appear, what values it takes and its built-in default. The parser, the
 * resolver and the dumper all read this one table.
 */
#ifndef MPATH_CONFIG_KEYWORDS_H
#define MPATH_CONFIG_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Where a keyword may appear (bit mask). */
enum mp_section {
	MP_SEC_DEFAULTS = 1u << 0,
	MP_SEC_BLACKLIST = 1u << 1,            /* blacklist and blacklist_exceptions */
	MP_SEC_BLACKLIST_DEVICE = 1u << 2,     /* device { } inside either blacklist section */
	MP_SEC_DEVICE = 1u << 3,               /* devices { device { } } */
	MP_SEC_MULTIPATH = 1u << 4,            /* multipaths { multipath { } } */
	MP_SEC_OVERRIDES = 1u << 5,
	MP_SEC_PROTOCOL = 1u << 6,             /* overrides { protocol { } } */
};

#define MP_SEC_MAP_ATTRS (MP_SEC_DEFAULTS | MP_SEC_DEVICE | MP_SEC_OVERRIDES | MP_SEC_MULTIPATH)
#define MP_SEC_PATH_ATTRS (MP_SEC_DEFAULTS | MP_SEC_DEVICE | MP_SEC_OVERRIDES)

enum mp_kw_type {
	MP_KW_STRING,
	MP_KW_INT,   /* min..max, or one of words */
	MP_KW_BOOL,  /* yes/no (also on/off, 1/0) */
	MP_KW_ENUM,  /* one of words */
	MP_KW_REGEX, /* POSIX extended */
};

enum mp_kw_flags {
	MP_KWF_DEPRECATED = 1u << 0, /* accepted, with a note */
	MP_KWF_IGNORED = 1u << 1,    /* multipath-tools ignores the value too */
	MP_KWF_NOT_ACTING = 1u << 2, /* accepted, mpath does not act on it (yet) */
	MP_KWF_MULTI = 1u << 3,      /* may repeat: each occurrence is a rule (blacklist) */
	MP_KWF_IDENTITY = 1u << 4,   /* names an entry (vendor, wwid, type): not a setting */
	MP_KWF_SECRET = 1u << 5,     /* shown to root only (show config over the socket) */
	MP_KWF_BIO_ONLY = 1u << 6,   /* acts on bio-based maps only, which mpath never makes */
};

struct mp_keyword {
	const char *name;
	unsigned int sections; /* enum mp_section bits */
	enum mp_kw_type type;
	const char *default_value; /* NULL: unset by default */
	long min, max;             /* MP_KW_INT */
	const char *const *words;  /* ENUM: the values; INT: words accepted besides numbers */
	/* Special forms (features, hardware_handler, ...): 0, or -EINVAL with why filled. */
	int (*validate)(const char *value, char *why, size_t why_size);
	unsigned int flags;        /* enum mp_kw_flags */
	const char *alias_of;      /* "checker" is another name for "path_checker" */
};

/* The descriptor for name, following aliases to the canonical one; NULL if unknown. */
const struct mp_keyword *mp_keyword_find(const char *name);
/* All descriptors, in table order (aliases included). */
const struct mp_keyword *mp_keyword_table(size_t *ret_n);
/* 0 if value is acceptable for kw; -EINVAL with a reason in why otherwise. */
int mp_keyword_validate(const struct mp_keyword *kw, const char *value, char *why,
			size_t why_size);
/* Human name of a section bit for messages ("defaults", "devices/device", ...). */
const char *mp_section_name(enum mp_section sec);

/* validate.c: the special-form validators used by the table. */
int mp_validate_features(const char *value, char *why, size_t why_size);
int mp_validate_hardware_handler(const char *value, char *why, size_t why_size);
int mp_validate_path_selector(const char *value, char *why, size_t why_size);
int mp_validate_reservation_key(const char *value, char *why, size_t why_size);
int mp_validate_uid_attrs(const char *value, char *why, size_t why_size);
int mp_validate_regex(const char *value, char *why, size_t why_size);
int mp_validate_mode(const char *value, char *why, size_t why_size);
/* Strict decimal parse of a whole string to long; -EINVAL otherwise. */
int mp_parse_long(const char *s, long *ret);
/* yes/no/on/off/1/0 -> bool; -EINVAL otherwise. */
int mp_parse_bool(const char *s, bool *ret);

#endif
