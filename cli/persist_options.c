/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "persist/persist.h"
#include "persist_options.h"

static const struct option long_options[] = {
	{"verbose", required_argument, NULL, 'v'},
	{"clear", no_argument, NULL, 'C'},
	{"device", required_argument, NULL, 'd'},
	{"help", no_argument, NULL, 'h'},
	{"hex", no_argument, NULL, 'H'},
	{"in", no_argument, NULL, 'i'},
	{"out", no_argument, NULL, 'o'},
	{"param-alltgpt", no_argument, NULL, 'Y'},
	{"param-aptpl", no_argument, NULL, 'Z'},
	{"param-rk", required_argument, NULL, 'K'},
	{"param-sark", required_argument, NULL, 'S'},
	{"preempt", no_argument, NULL, 'P'},
	{"preempt-abort", no_argument, NULL, 'A'},
	{"prout-type", required_argument, NULL, 'T'},
	{"read-full-status", no_argument, NULL, 's'},
	{"read-keys", no_argument, NULL, 'k'},
	{"read-reservation", no_argument, NULL, 'r'},
	{"register", no_argument, NULL, 'G'},
	{"register-ignore", no_argument, NULL, 'I'},
	{"release", no_argument, NULL, 'L'},
	{"report-capabilities", no_argument, NULL, 'c'},
	{"reserve", no_argument, NULL, 'R'},
	{"transport-id", required_argument, NULL, 'X'},
	{"alloc-length", required_argument, NULL, 'l'},
	{"batch-file", required_argument, NULL, 'f'},
	{NULL, 0, NULL, 0},
};

void persist_usage(FILE *out)
{
	fputs("Usage: mpath persist [OPTIONS] [DEVICE]   (also installed as mpathpersist)\n"
	      "  --verbose|-v level         verbosity level (0 critical ... 4 trace)\n"
	      "  --device=DEVICE|-d DEVICE  query or change DEVICE (a multipath map)\n"
	      "  --help|-h                  this message\n"
	      "  --hex|-H                   also print the PR IN answer in hex\n"
	      "  --in|-i                    PR In command\n"
	      "  --out|-o                   PR Out command\n"
	      "  --read-keys|-k             PR In: Read Keys\n"
	      "  --read-reservation|-r      PR In: Read Reservation\n"
	      "  --read-full-status|-s      PR In: Read Full Status\n"
	      "  --report-capabilities|-c   PR In: Report Capabilities\n"
	      "  --alloc-length=LEN|-l LEN  PR In: allocation length (0..65535, default 8192)\n"
	      "  --register|-G              PR Out: Register\n"
	      "  --register-ignore|-I       PR Out: Register and Ignore\n"
	      "  --reserve|-R               PR Out: Reserve\n"
	      "  --release|-L               PR Out: Release\n"
	      "  --preempt|-P               PR Out: Preempt\n"
	      "  --preempt-abort|-A         PR Out: Preempt and Abort\n"
	      "  --clear|-C                 PR Out: Clear registrations\n"
	      "  --param-rk=RK|-K RK        PR Out: reservation key (hex)\n"
	      "  --param-sark=SARK|-S SARK  PR Out: service action reservation key (hex)\n"
	      "  --prout-type=TYPE|-T TYPE  PR Out: type (5 = Write Exclusive, registrants only)\n"
	      "  --param-aptpl|-Z           PR Out: APTPL\n"
	      "  --param-alltgpt|-Y         PR Out: ALL_TG_PT\n",
	      out);
}

static int fail(char *err, size_t size, const char *fmt, ...) MP_PRINTF(3, 4);
static int fail(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Base 16 (an optional 0x, as mpathpersist's %SCNx64) or 10; unlike sscanf the
 * whole word must be the number. */
static int parse_num(const char *s, int base, uint64_t *ret)
{
	char *end;

	if (!*s || s[0] == '-' || s[0] == '+')
		return -EINVAL;
	errno = 0;
	*ret = strtoull(s, &end, base);
	return errno || *end ? -EINVAL : 0;
}

static int set_sa(int *sa, int value, unsigned int *count)
{
	*sa = value;
	(*count)++;
	return 0;
}

int persist_options_parse(int argc, char **argv, struct persist_options *ret, char *err,
			  size_t err_size, char *warn, size_t warn_size)
{
	struct persist_options o = {.prin_sa = -1, .prout_sa = -1, .verbosity = 1,
				    .alloc_len = PERSIST_DEFAULT_ALLOC};
	unsigned int n_in = 0, n_out = 0;
	uint64_t v;
	int c;

	warn[0] = '\0';
	optind = 0; /* full reset: the caller may parse twice (tests) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "v:Cd:hHioYZK:S:PAT:skrGILcRX:l:f:", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'v':
			if (parse_num(optarg, 10, &v) < 0 || v > 9)
				return fail(err, err_size, "bad argument to '--verbose'");
			o.verbosity = (int)v;
			break;
		case 'd':
			o.device = optarg;
			break;
		case 'h':
			o.help = true;
			break;
		case 'H':
			o.hex = true;
			break;
		case 'i':
			o.in = true;
			break;
		case 'o':
			o.out = true;
			break;
		case 'Y':
			o.all_tg_pt = true;
			break;
		case 'Z':
			o.aptpl = true;
			break;
		case 'K':
			if (parse_num(optarg, 16, &o.rk) < 0)
				return fail(err, err_size, "bad argument to '--param-rk'");
			break;
		case 'S':
			if (parse_num(optarg, 16, &o.sark) < 0)
				return fail(err, err_size, "bad argument to '--param-sark'");
			break;
		case 'T':
			if (parse_num(optarg, 16, &v) < 0 || v > 0xf)
				return fail(err, err_size, "bad argument to '--prout-type'");
			o.type = (unsigned int)v;
			o.type_given = true;
			break;
		case 'l':
			if (parse_num(optarg, 10, &v) < 0)
				return fail(err, err_size, "bad argument to '--alloc-length'");
			if (v > MP_PR_IN_MAX_LEN)
				return fail(err, err_size,
					    "'--alloc-length' argument exceeds maximum limit(%u)",
					    MP_PR_IN_MAX_LEN);
			o.alloc_len = (unsigned int)v;
			break;
		case 'C':
			set_sa(&o.prout_sa, MP_PROUT_CLEAR, &n_out);
			break;
		case 'P':
			set_sa(&o.prout_sa, MP_PROUT_PREEMPT, &n_out);
			break;
		case 'A':
			set_sa(&o.prout_sa, MP_PROUT_PREEMPT_AND_ABORT, &n_out);
			break;
		case 'G':
			set_sa(&o.prout_sa, MP_PROUT_REGISTER, &n_out);
			break;
		case 'I':
			set_sa(&o.prout_sa, MP_PROUT_REGISTER_AND_IGNORE, &n_out);
			break;
		case 'L':
			set_sa(&o.prout_sa, MP_PROUT_RELEASE, &n_out);
			break;
		case 'R':
			set_sa(&o.prout_sa, MP_PROUT_RESERVE, &n_out);
			break;
		case 's':
			set_sa(&o.prin_sa, MP_PRIN_READ_FULL_STATUS, &n_in);
			break;
		case 'k':
			set_sa(&o.prin_sa, MP_PRIN_READ_KEYS, &n_in);
			break;
		case 'r':
			set_sa(&o.prin_sa, MP_PRIN_READ_RESERVATION, &n_in);
			break;
		case 'c':
			set_sa(&o.prin_sa, MP_PRIN_REPORT_CAPABILITIES, &n_in);
			break;
		case 'X':
			return fail(err, err_size, "'--transport-id' is not supported by mpath");
		case 'f':
			return fail(err, err_size, "'--batch-file' is not supported by mpath");
		default:
			return fail(err, err_size, "unrecognised option '%s'",
				    optind > 0 && optind <= argc ? argv[optind - 1] : "?");
		}
	}
	if (optind < argc && !o.device)
		o.device = argv[optind++];
	if (optind < argc)
		return fail(err, err_size, "Unexpected extra argument: %s", argv[optind]);
	if (o.help) {
		*ret = o;
		return 0;
	}
	if (o.in == o.out)
		return fail(err, err_size, "choose either '--in' or '--out'");
	if (o.out && (n_out != 1 || n_in != 0))
		return fail(err, err_size,
			    "For Persistent Reserve Out only one appropriate service action must be chosen");
	if (o.in && n_out > 0)
		return fail(err, err_size,
			    "When a service action for Persistent Reserve Out is chosen the '--out' option must be given");
	if (o.in && n_in == 0)
		return fail(err, err_size, "No service action given for Persistent Reserve IN");
	if (o.in && n_in > 1)
		return fail(err, err_size, "Too many service actions given; choose one only");
	if (!o.device)
		return fail(err, err_size, "No device name given");
	if (o.out && !o.type_given &&
	    (o.prout_sa == MP_PROUT_RESERVE || o.prout_sa == MP_PROUT_RELEASE ||
	     o.prout_sa == MP_PROUT_PREEMPT || o.prout_sa == MP_PROUT_PREEMPT_AND_ABORT))
		snprintf(warn, warn_size, "Warning: --prout-type probably needs to be given");
	*ret = o;
	return 0;
}

int persist_check_key(const struct persist_options *o, uint64_t configured, bool from_file,
		      enum persist_prkey_update *ret_update, char *err, size_t err_size)
{
	bool registering = o->prout_sa == MP_PROUT_REGISTER ||
			   o->prout_sa == MP_PROUT_REGISTER_AND_IGNORE;
	enum persist_prkey_update update = PERSIST_PRKEY_KEEP;

	if (from_file && o->sark &&
	    (o->prout_sa == MP_PROUT_REGISTER_AND_IGNORE ||
	     (o->prout_sa == MP_PROUT_REGISTER && (!configured || o->rk == configured)))) {
		configured = o->sark;
		update = PERSIST_PRKEY_SET;
	}
	if (o->rk != configured && o->sark != configured &&
	    (o->sark || o->prout_sa != MP_PROUT_REGISTER_AND_IGNORE)) {
		snprintf(err, err_size, "configured reservation key doesn't match: 0x%" PRIx64,
			 configured);
		return -EPERM;
	}
	if (from_file && ((registering && !o->sark) || o->prout_sa == MP_PROUT_CLEAR))
		update = PERSIST_PRKEY_REMOVE;
	*ret_update = update;
	return 0;
}
