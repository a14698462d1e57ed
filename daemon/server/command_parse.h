/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The multipathd command language, as data: a table of keywords (with
 * aliases and whether they take a parameter) and a table of command shapes
 * (the set of keywords a command is made of). Like multipathd:
 *   - words are separated by blanks; a parameter may be "double quoted";
 *   - a keyword may be abbreviated to any unique prefix ("sh pa" = "show
 *     paths"); an exact match wins over longer keywords ("map" vs "maps");
 *   - a command is identified by its set of keywords, so the order of the
 *     words does not matter; a keyword given twice is an error (multipathd
 *     once let "list list path X" through its permission check that way).
 * The permission class of a command comes from its shape, never from the
 * first word of the text.
 */
#ifndef MPATHD_COMMAND_PARSE_H
#define MPATHD_COMMAND_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/strbuf.h"

enum cmd_kw {
	KW_LIST, /* "list", "show" */
	KW_ADD,
	KW_DEL, /* "del", "remove" */
	KW_SWITCH, /* "switch", "switchgroup" */
	KW_SUSPEND,
	KW_RESUME,
	KW_REINSTATE,
	KW_FAIL,
	KW_RESIZE,
	KW_RELOAD,
	KW_DISABLEQ,
	KW_RESTOREQ,
	KW_RECONFIGURE,
	KW_SHUTDOWN,
	KW_PATHS,
	KW_MAPS, /* "maps", "multipaths" */
	KW_PATH,  /* takes a parameter */
	KW_MAP,   /* "map", "multipath"; takes a parameter */
	KW_GROUP, /* takes a parameter */
	KW_TOPOLOGY,
	KW_CONFIG,
	KW_STATUS,
	KW_DAEMON,
	KW_BLACKLIST,
	KW_DEVICES,
	KW_WILDCARDS,
	KW_FORMAT, /* takes a parameter */
	KW_JSON,
	KW_EVENTS,
	KW_METRICS,
	KW_GETPRKEY,
	KW_SETPRKEY,
	KW_UNSETPRKEY,
	KW_GETPRSTATUS,
	KW_SETPRSTATUS,
	KW_UNSETPRSTATUS,
	KW_KEY, /* takes a parameter */
	KW_RAW,        /* "raw format": no header, no padding */
	KW_STATS,
	KW_LOCAL,
	KW_ALL,
	KW_RESET,
	KW_QUIT,       /* "quit", "exit" */
	KW_FORCEQ,     /* "forcequeueing" */
	KW_SETMARGINAL,
	KW_UNSETMARGINAL,
	KW__COUNT,
};

enum cmd_id {
	CMD_LIST_PATHS,
	CMD_LIST_PATHS_FMT,
	CMD_LIST_PATHS_JSON,
	CMD_LIST_PATH,
	CMD_LIST_MAPS,
	CMD_LIST_MAPS_FMT,
	CMD_LIST_MAPS_JSON,
	CMD_LIST_MAPS_STATUS,
	CMD_LIST_TOPOLOGY,
	CMD_LIST_TOPOLOGY_JSON,
	CMD_LIST_MAP_TOPOLOGY,
	CMD_LIST_MAP_JSON,
	CMD_LIST_MAP_FMT,
	CMD_LIST_CONFIG,
	CMD_LIST_STATUS,
	CMD_LIST_DAEMON,
	CMD_LIST_BLACKLIST,
	CMD_LIST_DEVICES,
	CMD_LIST_WILDCARDS,
	CMD_LIST_EVENTS,
	CMD_LIST_EVENTS_PATH,
	CMD_LIST_EVENTS_MAP,
	CMD_LIST_METRICS,
	CMD_ADD_PATH,
	CMD_DEL_PATH,
	CMD_FAIL_PATH,
	CMD_REINSTATE_PATH,
	CMD_ADD_MAP,
	CMD_DEL_MAP,
	CMD_DEL_MAPS,
	CMD_SWITCH_GROUP,
	CMD_SUSPEND_MAP,
	CMD_RESUME_MAP,
	CMD_RESIZE_MAP,
	CMD_RELOAD_MAP,
	CMD_DISABLEQ_MAP,
	CMD_DISABLEQ_MAPS,
	CMD_RESTOREQ_MAP,
	CMD_RESTOREQ_MAPS,
	CMD_RECONFIGURE,
	CMD_SHUTDOWN,
	CMD_GETPRKEY,
	CMD_SETPRKEY,
	CMD_UNSETPRKEY,
	CMD_LIST_PATHS_RAW,
	CMD_LIST_MAPS_RAW,
	CMD_LIST_MAP_RAW,
	CMD_LIST_MAPS_STATS,
	CMD_LIST_CONFIG_LOCAL,
	CMD_RESET_MAPS_STATS,
	CMD_RESET_MAP_STATS,
	CMD_RESET_MAP,
	CMD_RECONFIGURE_ALL,
	CMD_QUIT,
	CMD_FORCEQ_DAEMON,
	CMD_RESTOREQ_DAEMON,
	CMD_SET_MARGINAL,
	CMD_UNSET_MARGINAL,
	CMD_UNSET_MARGINAL_MAP,
	CMD_GETPRSTATUS,
	CMD_SETPRSTATUS,
	CMD_UNSETPRSTATUS,
	CMD__COUNT,
};

struct cmd_shape {
	uint64_t kws; /* bit set of enum cmd_kw */
	enum cmd_id id;
	bool read_only; /* may be run by any uid */
	const char *usage;
};

struct mpcmd {
	enum cmd_id id;
	const struct cmd_shape *shape;
	const char *param[KW__COUNT]; /* parameters of KW_PATH, KW_MAP, ...; NULL if absent */
	char *storage;                /* owns the text the pointers refer to */
};

/**
 * cmd_parse() - turn one command line into @ret_cmd.
 * @ret_error: on failure, a one-line reason ("'foo': unknown keyword")
 * Return: 0, -ENOENT (unknown or ambiguous word), -EINVAL (missing
 * parameter, bad quoting, duplicate keyword), -ESRCH (known words that make
 * no command), -E2BIG (too many words), -ENOMEM.
 */
int cmd_parse(const char *line, struct mpcmd *ret_cmd, struct strbuf *ret_error);
void cmd_clear(struct mpcmd *cmd);

/* Every shape, for the help text. */
const struct cmd_shape *cmd_shapes(unsigned *ret_n);
/* The canonical word of a keyword ("list"), for messages. */
const char *cmd_kw_name(enum cmd_kw kw);

#endif
