/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * weightedpath: the admin lists (regex, weight) pairs against one property
 * of the path; the first regex that matches anywhere in that property gives
 * the priority, no match gives 0.
 *
 *   prio_args "<hbtl|devname|serial|wwn> <regex> <weight> [<regex> <weight>]..."
 *     hbtl    "host:channel:target:lun", e.g. "1:.:.:. 2 4:.:.:. 4"
 *     devname kernel name, e.g. "sd[a-c] 10"
 *     serial  VPD 0x80 serial
 *     wwn     "host_wwnn:host_wwpn:target_wwnn:target_wwpn"; the snapshot has
 *             no host names yet, so those two read "[undef]" (as
 *             multipath-tools prints them for non-FC paths)
 * Regexes are POSIX extended, unanchored, as in multipath-tools.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "policy/prio.h"

static int subject_of(const struct mp_path *p, const char *kind, char *buf, size_t size)
{
	if (streq(kind, "hbtl"))
		snprintf(buf, size, "%d:%d:%d:%" PRIu64, p->host, p->channel, p->target, p->lun);
	else if (streq(kind, "devname"))
		snprintf(buf, size, "%s", p->dev);
	else if (streq(kind, "serial"))
		snprintf(buf, size, "%s", p->serial);
	else if (streq(kind, "wwn"))
		snprintf(buf, size, "[undef]:[undef]:%s:%s",
			 p->tgt_node_name[0] ? p->tgt_node_name : "[undef]",
			 p->tgt_port_name[0] ? p->tgt_port_name : "[undef]");
	else
		return -EINVAL;
	return 0;
}

static int parse_weight(const char *s, int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > INT_MAX)
		return -EINVAL;
	*ret = (int)v;
	return 0;
}

int mp_prio_weightedpath(const struct mp_path *p, const char *args, struct mp_prio_result *ret)
{
	_cleanup_free_ char *copy = NULL;
	char subject[1024];
	char *save = NULL, *kind, *re, *w;
	int r;

	if (!args || !*args) {
		snprintf(ret->reason, sizeof(ret->reason), "weightedpath: no args, default 0");
		ret->prio = 0;
		return 0;
	}
	copy = strdup(args);
	if (!copy)
		return -ENOMEM;
	kind = strtok_r(copy, " \t", &save);
	if (!kind || subject_of(p, kind, subject, sizeof(subject)) < 0) {
		snprintf(ret->reason, sizeof(ret->reason),
			 "weightedpath: first arg must be hbtl, devname, serial or wwn");
		return -EINVAL;
	}
	while ((re = strtok_r(NULL, " \t", &save))) {
		regex_t rx;
		int weight, m;

		w = strtok_r(NULL, " \t", &save);
		if (!w || parse_weight(w, &weight) < 0) {
			snprintf(ret->reason, sizeof(ret->reason),
				 "weightedpath: regex \"%.60s\" needs a weight", re);
			return -EINVAL;
		}
		r = regcomp(&rx, re, REG_EXTENDED | REG_NOSUB);
		if (r != 0) {
			snprintf(ret->reason, sizeof(ret->reason),
				 "weightedpath: bad regex \"%.60s\"", re);
			return -EINVAL;
		}
		m = regexec(&rx, subject, 0, NULL, 0);
		regfree(&rx);
		if (m == 0) {
			ret->prio = weight;
			snprintf(ret->reason, sizeof(ret->reason),
				 "weightedpath: %s \"%.40s\" matched \"%.40s\"", kind, subject, re);
			return 0;
		}
	}
	ret->prio = 0;
	snprintf(ret->reason, sizeof(ret->reason), "weightedpath: %s \"%.60s\" matched nothing",
		 kind, subject);
	return 0;
}
