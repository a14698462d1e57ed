/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The prkeys file (/etc/multipath/prkeys, keyword prkeys_file): the
 * persistent reservation key of each map whose reservation_key is "file".
 * Same format as multipath-tools': '#' comments, one "0x<16 hex digits>
 * <wwid>" line per map; a capital "0X" marks a key registered with APTPL.
 */
#ifndef MPATH_NAMES_PRKEYS_H
#define MPATH_NAMES_PRKEYS_H

#include <stdbool.h>
#include <stdint.h>

#include "common/diag.h"

struct mp_prkey {
	char *wwid;
	uint64_t key; /* never 0: 0 means "no key" and is not stored */
	bool aptpl;
};

struct mp_prkeys {
	struct mp_prkey *items;
	size_t n;
	size_t cap;
};

/* Add the entries of text; malformed lines are reported (source:line) and
 * skipped; a later line for the same wwid replaces the earlier one (a note).
 * Return: number of problems, or -ENOMEM. */
int mp_prkeys_parse(struct mp_prkeys *k, const char *source, const char *text,
		    struct mp_diags *diags);
/* Header comment plus one line per entry. NULL on ENOMEM. */
char *mp_prkeys_format(const struct mp_prkeys *k);
const struct mp_prkey *mp_prkeys_find(const struct mp_prkeys *k, const char *wwid);
/* Set wwid's key (key 0 removes it). Return: 1 changed, 0 already so,
 * -EINVAL for an empty wwid or one with blanks, -ENOMEM. */
int mp_prkeys_set(struct mp_prkeys *k, const char *wwid, uint64_t key, bool aptpl);
void mp_prkeys_clear(struct mp_prkeys *k);

/* A missing file is an empty list. */
int mp_prkeys_load(struct mp_prkeys *k, const char *path, struct mp_diags *diags);
/* wwid's key from the file: 1 found (*ret_key, *ret_aptpl), 0 none, -errno. */
int mp_prkeys_file_get(const char *path, const char *wwid, uint64_t *ret_key, bool *ret_aptpl,
		       struct mp_diags *diags);
/* Locked read-modify-write (atomic replace) of one entry; key 0 removes.
 * Return: 1 changed, 0 nothing to do, -errno. */
int mp_prkeys_file_set(const char *path, const char *wwid, uint64_t key, bool aptpl,
		       struct mp_diags *diags);

struct mp_config;
struct mp_reservation_key;

/* prkeys_file from the config, or multipath-tools' default /etc/multipath/prkeys. */
const char *mp_prkeys_path(const struct mp_config *cfg);
/*
 * mp_prkeys_map_key() - the reservation key of the map with this wwid, as
 * mpathpersist and multipathd see it: reservation_key from the config
 * (multipaths entry, else defaults); with "file", the map's entry in the
 * prkeys file at path (key 0 when it has none; from_file stays set).
 * Return: 0, or -errno when the config cannot be resolved or the file read.
 */
int mp_prkeys_map_key(const struct mp_config *cfg, const char *path, const char *wwid,
		      struct mp_reservation_key *ret, struct mp_diags *diags);

#endif
