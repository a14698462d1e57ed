/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The handlers of commands that read or change the core's paths and maps
 * (cmd_show.c: show ..., cmd_action.c: fail/reinstate/add/del/...). They
 * are entries of the dispatch table in commands.c and run on the loop
 * thread. Each appends its reply to @reply; an empty reply becomes "ok" or
 * "fail" (multipathd's words) from the return value.
 */
#ifndef MPATHD_CMD_CORE_H
#define MPATHD_CMD_CORE_H

#include "server/command_parse.h"
#include "server/commands.h"

#define CMD_HANDLER(name) int name(struct cmd_env *env, const struct mpcmd *cmd, struct strbuf *reply)

CMD_HANDLER(cmd_show_paths);
CMD_HANDLER(cmd_show_maps);
CMD_HANDLER(cmd_show_topology);
CMD_HANDLER(cmd_show_config);
CMD_HANDLER(cmd_show_blacklist);
CMD_HANDLER(cmd_show_devices);

CMD_HANDLER(cmd_path_action);   /* fail, reinstate, add, del path */
CMD_HANDLER(cmd_map_action);    /* add, del, suspend, resume, resize, reload map; del maps */
CMD_HANDLER(cmd_switch_group);
CMD_HANDLER(cmd_queueing);      /* disable/restorequeueing map M | maps */
CMD_HANDLER(cmd_core_reconfigure);
CMD_HANDLER(cmd_prkey);         /* getprkey / setprkey / unsetprkey map M (cmd_persist.c) */
CMD_HANDLER(cmd_prstatus);      /* getprstatus / setprstatus / unsetprstatus map M (cmd_persist.c) */

/* cmd_admin.c */
CMD_HANDLER(cmd_reset_stats);     /* reset maps stats | reset map M stats */
CMD_HANDLER(cmd_reset_map);       /* reset map M: reassign tables holding its members */
CMD_HANDLER(cmd_reconfigure_all);
CMD_HANDLER(cmd_queue_daemon);    /* forcequeueing | restorequeueing daemon */
CMD_HANDLER(cmd_marginal);        /* path P setmarginal|unsetmarginal, map M unsetmarginal */
CMD_HANDLER(cmd_show_config_local);

#endif
