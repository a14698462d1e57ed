/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `mpath persist` / `mpathpersist`: mpathpersist(8)'s command line, parsed
 * into one request. Pure: no I/O beyond the message buffer.
 */
#ifndef MPATH_CLI_PERSIST_OPTIONS_H
#define MPATH_CLI_PERSIST_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* mpathpersist's default PR IN allocation length (MPATH_MAX_PARAM_LEN). */
#define PERSIST_DEFAULT_ALLOC 8192u

struct persist_options {
	bool help;
	bool in, out;
	bool hex;             /* -H: the answer as a hex dump too */
	int verbosity;        /* -v N */
	const char *device;   /* -d DEV or the one operand */
	int prin_sa;          /* enum mp_prin_sa, -1 none */
	int prout_sa;         /* enum mp_prout_sa, -1 none */
	uint64_t rk, sark;    /* -K, -S (hex) */
	unsigned int type;    /* -T (hex, as mpathpersist reads it) */
	bool type_given;
	bool aptpl;           /* -Z */
	bool all_tg_pt;       /* -Y */
	unsigned int alloc_len; /* -l */
};

/*
 * persist_options_parse() - argv[0] is the command's name (the caller drops
 * "mpath" when invoked as `mpath persist ...`).
 * Return: 0, or -EINVAL with a one-line reason in err (mpathpersist's exit
 * status 1, syntax error). A warning that is not an error (RESERVE without
 * --prout-type) goes to warn, or warn[0] stays '\0'.
 */
int persist_options_parse(int argc, char **argv, struct persist_options *ret, char *err,
			  size_t err_size, char *warn, size_t warn_size);

void persist_usage(FILE *out);

/* What a successful PR OUT does to the map's entry in the prkeys file. */
enum persist_prkey_update {
	PERSIST_PRKEY_KEEP,
	PERSIST_PRKEY_SET,    /* the new key (sark) */
	PERSIST_PRKEY_REMOVE, /* unregistered, or CLEAR */
};

/*
 * persist_check_key() - mpathpersist's rule for PR OUT on a map: the
 * command must name the map's configured reservation_key as its RK or SARK
 * (except REGISTER AND IGNORE with SARK 0, an unregistration). With
 * reservation_key "file", a registration (REGISTER from no key or from the
 * configured one, or REGISTER AND IGNORE) makes SARK the configured key.
 * @configured: the map's key (from multipath.conf or the prkeys file; 0 none)
 * Return: 0 with *ret_update, or -EPERM (the key does not match; message in err).
 */
int persist_check_key(const struct persist_options *o, uint64_t configured, bool from_file,
		      enum persist_prkey_update *ret_update, char *err, size_t err_size);

#endif
