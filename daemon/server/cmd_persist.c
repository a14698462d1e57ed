/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * getprkey / setprkey / unsetprkey map M [key K]: the map's persistent
 * reservation key as multipathd 0.9.4 keeps it. The key is the map's
 * reservation_key from the config; with "reservation_key file" it lives in
 * prkeys_file, and only then can these commands change it (multipathd
 * answers "fail" otherwise too). getprkey answers "none" or "0x<hex>",
 * with ":aptpl" when the key was registered with APTPL.
 *
 * getprstatus / setprstatus / unsetprstatus map M: whether the host is
 * registered on the map's LUN. mpathpersist and libmpathpersist's users
 * (qemu-pr-helper among them) set it after a REGISTER and clear it after
 * an unregister, and read it back as 0.9.4's number, "1" or "0". mpathd
 * also sets it from what its own READ KEYS saw (core_pr.c); its decisions
 * come from that answer, never from this flag, so a stale flag cannot make
 * it register a fenced key.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "names/prkeys.h"
#include "server/cmd_core.h"
#include "state/core_int.h"

/* The prkeys file; <state_dir>/prkeys when the daemon runs on one (tests). */
static char *prkeys_path(const struct core *c)
{
	char *s = NULL;

	if (!c->env.state_dir)
		return strdup(mp_prkeys_path(c->cfg));
	return asprintf(&s, "%s/prkeys", c->env.state_dir) < 0 ? NULL : s;
}

CMD_HANDLER(cmd_prkey)
{
	struct core *c = env->core;
	const char *name = cmd->param[KW_MAP];
	struct mp_reservation_key k, given = {0};
	struct core_map *m = core_find_map(c, name);
	struct mp_diags diags = {0};
	char *path;
	int r;

	if (!m)
		m = core_find_map_wwid(c, name);
	if (!m) {
		strbuf_printf(reply, "fail\n%s: no such map\n", name);
		return -ENODEV;
	}
	path = prkeys_path(c);
	if (!path)
		return -ENOMEM;
	r = mp_prkeys_map_key(c->cfg, path, m->wwid, &k, &diags);
	if (r < 0) {
		strbuf_printf(reply, "fail\n%s: %s\n", name, strerror(-r));
		goto out;
	}
	if (cmd->id == CMD_SETPRKEY &&
	    (mp_reservation_key_parse(cmd->param[KW_KEY], &given) < 0 || given.from_file)) {
		strbuf_printf(reply, "fail\n%s: invalid prkey '%s'\n", name, cmd->param[KW_KEY]);
		r = -EINVAL;
	} else if (cmd->id != CMD_GETPRKEY && !k.from_file) {
		strbuf_printf(reply, "fail\n%s: reservation_key is not \"file\"\n", name);
		r = -EPERM;
	} else if (cmd->id == CMD_GETPRKEY) {
		if (k.key)
			strbuf_printf(reply, "0x%" PRIx64 "%s\n", k.key, k.aptpl ? ":aptpl" : "");
		else
			strbuf_append(reply, "none\n");
		r = 0;
	} else {
		r = mp_prkeys_file_set(path, m->wwid, cmd->id == CMD_SETPRKEY ? given.key : 0,
				       given.aptpl, &diags);
		if (r < 0)
			strbuf_printf(reply, "fail\n%s: %s: %s\n", name, path, strerror(-r));
		else
			r = 0;
	}
out:
	core_flush_diags(c, &diags);
	free(path);
	return r;
}

CMD_HANDLER(cmd_prstatus)
{
	struct core *c = env->core;
	const char *name = cmd->param[KW_MAP];
	struct core_map *m = core_find_map(c, name);

	if (!m)
		m = core_find_map_wwid(c, name);
	if (!m) {
		strbuf_printf(reply, "fail\n%s: no such map\n", name);
		return -ENODEV;
	}
	if (cmd->id == CMD_GETPRSTATUS) {
		strbuf_printf(reply, "%d\n", m->pr_registered ? 1 : 0);
		return 0;
	}
	m->pr_registered = cmd->id == CMD_SETPRSTATUS;
	core_log(c, MP_LOG_INFO, "%s: reservation status %s by command", m->info.name,
		 m->pr_registered ? "set" : "unset");
	strbuf_append(reply, "ok\n");
	return 0;
}
