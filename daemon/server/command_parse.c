/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Command grammar: tokenizer, keyword lookup by unique prefix, shape lookup. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "server/command_parse.h"

#define MAX_WORDS 32

struct keyword {
	const char *word;
	enum cmd_kw kw;
	bool has_param;
};

/* The first spelling of each keyword is the canonical one. */
static const struct keyword keywords[] = {
	{"list", KW_LIST, false},
	{"show", KW_LIST, false},
	{"add", KW_ADD, false},
	{"remove", KW_DEL, false},
	{"del", KW_DEL, false},
	{"switchgroup", KW_SWITCH, false},
	{"switch", KW_SWITCH, false},
	{"suspend", KW_SUSPEND, false},
	{"resume", KW_RESUME, false},
	{"reinstate", KW_REINSTATE, false},
	{"fail", KW_FAIL, false},
	{"resize", KW_RESIZE, false},
	{"reload", KW_RELOAD, false},
	{"disablequeueing", KW_DISABLEQ, false},
	{"restorequeueing", KW_RESTOREQ, false},
	{"reconfigure", KW_RECONFIGURE, false},
	{"shutdown", KW_SHUTDOWN, false},
	{"paths", KW_PATHS, false},
	{"maps", KW_MAPS, false},
	{"multipaths", KW_MAPS, false},
	{"path", KW_PATH, true},
	{"map", KW_MAP, true},
	{"multipath", KW_MAP, true},
	{"group", KW_GROUP, true},
	{"topology", KW_TOPOLOGY, false},
	{"config", KW_CONFIG, false},
	{"status", KW_STATUS, false},
	{"daemon", KW_DAEMON, false},
	{"blacklist", KW_BLACKLIST, false},
	{"devices", KW_DEVICES, false},
	{"wildcards", KW_WILDCARDS, false},
	{"format", KW_FORMAT, true},
	{"json", KW_JSON, false},
	{"events", KW_EVENTS, false},
	{"metrics", KW_METRICS, false},
	{"getprkey", KW_GETPRKEY, false},
	{"setprkey", KW_SETPRKEY, false},
	{"unsetprkey", KW_UNSETPRKEY, false},
	{"getprstatus", KW_GETPRSTATUS, false},
	{"setprstatus", KW_SETPRSTATUS, false},
	{"unsetprstatus", KW_UNSETPRSTATUS, false},
	{"key", KW_KEY, true},
	{"raw", KW_RAW, false},
	{"stats", KW_STATS, false},
	{"local", KW_LOCAL, false},
	{"all", KW_ALL, false},
	{"reset", KW_RESET, false},
	{"quit", KW_QUIT, false},
	{"exit", KW_QUIT, false},
	{"forcequeueing", KW_FORCEQ, false},
	{"setmarginal", KW_SETMARGINAL, false},
	{"unsetmarginal", KW_UNSETMARGINAL, false},
};

#define B(k) (UINT64_C(1) << (k))
_Static_assert(KW__COUNT <= 64, "a command's keywords are a 64-bit set");

static const struct cmd_shape shapes[] = {
	{B(KW_LIST) | B(KW_PATHS), CMD_LIST_PATHS, true, "list|show paths"},
	{B(KW_LIST) | B(KW_PATHS) | B(KW_FORMAT), CMD_LIST_PATHS_FMT, true, "list|show paths format $format"},
	{B(KW_LIST) | B(KW_PATHS) | B(KW_JSON), CMD_LIST_PATHS_JSON, true, "list|show paths json"},
	{B(KW_LIST) | B(KW_PATH), CMD_LIST_PATH, true, "list|show path $path"},
	{B(KW_LIST) | B(KW_MAPS), CMD_LIST_MAPS, true, "list|show maps|multipaths"},
	{B(KW_LIST) | B(KW_MAPS) | B(KW_FORMAT), CMD_LIST_MAPS_FMT, true, "list|show maps|multipaths format $format"},
	{B(KW_LIST) | B(KW_MAPS) | B(KW_JSON), CMD_LIST_MAPS_JSON, true, "list|show maps|multipaths json"},
	{B(KW_LIST) | B(KW_MAPS) | B(KW_STATUS), CMD_LIST_MAPS_STATUS, true, "list|show maps|multipaths status"},
	{B(KW_LIST) | B(KW_TOPOLOGY), CMD_LIST_TOPOLOGY, true, "list|show topology"},
	{B(KW_LIST) | B(KW_MAPS) | B(KW_TOPOLOGY), CMD_LIST_TOPOLOGY, true, "list|show maps|multipaths topology"},
	{B(KW_LIST) | B(KW_TOPOLOGY) | B(KW_JSON), CMD_LIST_TOPOLOGY_JSON, true, "list|show topology json"},
	{B(KW_LIST) | B(KW_MAP) | B(KW_TOPOLOGY), CMD_LIST_MAP_TOPOLOGY, true, "list|show map|multipath $map topology"},
	{B(KW_LIST) | B(KW_MAP) | B(KW_JSON), CMD_LIST_MAP_JSON, true, "list|show map|multipath $map json"},
	{B(KW_LIST) | B(KW_MAP) | B(KW_FORMAT), CMD_LIST_MAP_FMT, true, "list|show map|multipath $map format $format"},
	{B(KW_LIST) | B(KW_CONFIG), CMD_LIST_CONFIG, true, "list|show config"},
	{B(KW_LIST) | B(KW_STATUS), CMD_LIST_STATUS, true, "list|show status"},
	{B(KW_LIST) | B(KW_DAEMON), CMD_LIST_DAEMON, true, "list|show daemon"},
	{B(KW_LIST) | B(KW_BLACKLIST), CMD_LIST_BLACKLIST, true, "list|show blacklist"},
	{B(KW_LIST) | B(KW_DEVICES), CMD_LIST_DEVICES, true, "list|show devices"},
	{B(KW_LIST) | B(KW_WILDCARDS), CMD_LIST_WILDCARDS, true, "list|show wildcards"},
	{B(KW_LIST) | B(KW_EVENTS), CMD_LIST_EVENTS, true, "list|show events"},
	{B(KW_LIST) | B(KW_EVENTS) | B(KW_PATH), CMD_LIST_EVENTS_PATH, true, "list|show events path $path"},
	{B(KW_LIST) | B(KW_EVENTS) | B(KW_MAP), CMD_LIST_EVENTS_MAP, true, "list|show events map $map"},
	{B(KW_LIST) | B(KW_METRICS), CMD_LIST_METRICS, true, "list|show metrics"},
	{B(KW_ADD) | B(KW_PATH), CMD_ADD_PATH, false, "add path $path"},
	{B(KW_DEL) | B(KW_PATH), CMD_DEL_PATH, false, "remove|del path $path"},
	{B(KW_FAIL) | B(KW_PATH), CMD_FAIL_PATH, false, "fail path $path"},
	{B(KW_REINSTATE) | B(KW_PATH), CMD_REINSTATE_PATH, false, "reinstate path $path"},
	{B(KW_ADD) | B(KW_MAP), CMD_ADD_MAP, false, "add map|multipath $map"},
	{B(KW_DEL) | B(KW_MAP), CMD_DEL_MAP, false, "remove|del map|multipath $map"},
	{B(KW_DEL) | B(KW_MAPS), CMD_DEL_MAPS, false, "remove|del maps|multipaths"},
	{B(KW_SWITCH) | B(KW_MAP) | B(KW_GROUP), CMD_SWITCH_GROUP, false, "switch|switchgroup map|multipath $map group $group"},
	{B(KW_SUSPEND) | B(KW_MAP), CMD_SUSPEND_MAP, false, "suspend map|multipath $map"},
	{B(KW_RESUME) | B(KW_MAP), CMD_RESUME_MAP, false, "resume map|multipath $map"},
	{B(KW_RESIZE) | B(KW_MAP), CMD_RESIZE_MAP, false, "resize map|multipath $map"},
	{B(KW_RELOAD) | B(KW_MAP), CMD_RELOAD_MAP, false, "reload map|multipath $map"},
	{B(KW_DISABLEQ) | B(KW_MAP), CMD_DISABLEQ_MAP, false, "disablequeueing map|multipath $map"},
	{B(KW_DISABLEQ) | B(KW_MAPS), CMD_DISABLEQ_MAPS, false, "disablequeueing maps|multipaths"},
	{B(KW_RESTOREQ) | B(KW_MAP), CMD_RESTOREQ_MAP, false, "restorequeueing map|multipath $map"},
	{B(KW_RESTOREQ) | B(KW_MAPS), CMD_RESTOREQ_MAPS, false, "restorequeueing maps|multipaths"},
	{B(KW_RECONFIGURE), CMD_RECONFIGURE, false, "reconfigure"},
	{B(KW_SHUTDOWN), CMD_SHUTDOWN, false, "shutdown"},
	{B(KW_GETPRKEY) | B(KW_MAP), CMD_GETPRKEY, false, "getprkey map|multipath $map"},
	{B(KW_SETPRKEY) | B(KW_MAP) | B(KW_KEY), CMD_SETPRKEY, false, "setprkey map|multipath $map key $key"},
	{B(KW_UNSETPRKEY) | B(KW_MAP), CMD_UNSETPRKEY, false, "unsetprkey map|multipath $map"},
	{B(KW_LIST) | B(KW_PATHS) | B(KW_RAW) | B(KW_FORMAT), CMD_LIST_PATHS_RAW, true, "list|show paths raw format $format"},
	{B(KW_LIST) | B(KW_MAPS) | B(KW_RAW) | B(KW_FORMAT), CMD_LIST_MAPS_RAW, true, "list|show maps|multipaths raw format $format"},
	{B(KW_LIST) | B(KW_MAP) | B(KW_RAW) | B(KW_FORMAT), CMD_LIST_MAP_RAW, true, "list|show map|multipath $map raw format $format"},
	{B(KW_LIST) | B(KW_MAPS) | B(KW_STATS), CMD_LIST_MAPS_STATS, true, "list|show maps|multipaths stats"},
	{B(KW_LIST) | B(KW_CONFIG) | B(KW_LOCAL), CMD_LIST_CONFIG_LOCAL, true, "list|show config local"},
	{B(KW_RESET) | B(KW_MAPS) | B(KW_STATS), CMD_RESET_MAPS_STATS, false, "reset maps|multipaths stats"},
	{B(KW_RESET) | B(KW_MAP) | B(KW_STATS), CMD_RESET_MAP_STATS, false, "reset map|multipath $map stats"},
	{B(KW_RESET) | B(KW_MAP), CMD_RESET_MAP, false, "reset map|multipath $map"},
	{B(KW_RECONFIGURE) | B(KW_ALL), CMD_RECONFIGURE_ALL, false, "reconfigure all"},
	{B(KW_QUIT), CMD_QUIT, true, "quit|exit"},
	{B(KW_FORCEQ) | B(KW_DAEMON), CMD_FORCEQ_DAEMON, false, "forcequeueing daemon"},
	{B(KW_RESTOREQ) | B(KW_DAEMON), CMD_RESTOREQ_DAEMON, false, "restorequeueing daemon"},
	{B(KW_SETMARGINAL) | B(KW_PATH), CMD_SET_MARGINAL, false, "setmarginal path $path"},
	{B(KW_UNSETMARGINAL) | B(KW_PATH), CMD_UNSET_MARGINAL, false, "unsetmarginal path $path"},
	{B(KW_UNSETMARGINAL) | B(KW_MAP), CMD_UNSET_MARGINAL_MAP, false, "unsetmarginal map|multipath $map"},
	{B(KW_GETPRSTATUS) | B(KW_MAP), CMD_GETPRSTATUS, false, "getprstatus map|multipath $map"},
	{B(KW_SETPRSTATUS) | B(KW_MAP), CMD_SETPRSTATUS, false, "setprstatus map|multipath $map"},
	{B(KW_UNSETPRSTATUS) | B(KW_MAP), CMD_UNSETPRSTATUS, false, "unsetprstatus map|multipath $map"},
};

const struct cmd_shape *cmd_shapes(unsigned *ret_n)
{
	*ret_n = (unsigned)(sizeof(shapes) / sizeof(shapes[0]));
	return shapes;
}

const char *cmd_kw_name(enum cmd_kw kw)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (keywords[i].kw == kw)
			return keywords[i].word;
	return "?";
}

/* Exact spelling wins; otherwise the only keyword starting with @w; else NULL. */
static const struct keyword *find_keyword(const char *w)
{
	const struct keyword *found = NULL;
	size_t len = strlen(w);

	if (len == 0)
		return NULL;
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (strncmp(keywords[i].word, w, len) != 0)
			continue;
		if (keywords[i].word[len] == '\0')
			return &keywords[i];
		if (found)
			return NULL; /* ambiguous */
		found = &keywords[i];
	}
	return found;
}

/*
 * Splits @s in place into words: blanks separate, "..." groups (quotes
 * removed, no escapes). Return: word count or -EINVAL / -E2BIG.
 */
static int split_words(char *s, char **words, int max)
{
	int n = 0;

	for (;;) {
		char *out;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			return n;
		if (n == max)
			return -E2BIG;
		words[n++] = out = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
			if (*s == '"') {
				char *end = strchr(s + 1, '"');

				if (!end)
					return -EINVAL;
				memmove(out, s + 1, (size_t)(end - s - 1));
				out += end - s - 1;
				s = end + 1;
			} else {
				*out++ = *s++;
			}
		}
		if (*s)
			s++;
		*out = '\0';
	}
}

int cmd_parse(const char *line, struct mpcmd *ret_cmd, struct strbuf *ret_error)
{
	struct mpcmd cmd = {0};
	char *words[MAX_WORDS];
	uint64_t kws = 0;
	int n, r;

	cmd.storage = strdup(line ? line : "");
	if (!cmd.storage)
		return -ENOMEM;
	n = split_words(cmd.storage, words, MAX_WORDS);
	if (n < 0) {
		strbuf_printf(ret_error, n == -E2BIG ? "too many words (max %d)" : "unterminated quote",
			      MAX_WORDS);
		r = n;
		goto fail;
	}
	if (n == 0) {
		strbuf_append(ret_error, "empty command");
		r = -ESRCH;
		goto fail;
	}
	for (int i = 0; i < n; i++) {
		const struct keyword *k = find_keyword(words[i]);

		if (!k) {
			strbuf_printf(ret_error, "'%s': unknown or ambiguous keyword", words[i]);
			r = -ENOENT;
			goto fail;
		}
		if (kws & B(k->kw)) {
			strbuf_printf(ret_error, "'%s': keyword given twice", words[i]);
			r = -EINVAL;
			goto fail;
		}
		kws |= B(k->kw);
		if (k->has_param) {
			if (i + 1 == n) {
				strbuf_printf(ret_error, "'%s': missing argument", k->word);
				r = -EINVAL;
				goto fail;
			}
			cmd.param[k->kw] = words[++i];
		}
	}
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		if (shapes[i].kws == kws) {
			cmd.shape = &shapes[i];
			cmd.id = shapes[i].id;
			*ret_cmd = cmd;
			return 0;
		}
	}
	strbuf_append(ret_error, "not a command");
	r = -ESRCH;
fail:
	free(cmd.storage);
	return r;
}

void cmd_clear(struct mpcmd *cmd)
{
	if (!cmd)
		return;
	free(cmd->storage);
	*cmd = (struct mpcmd){0};
}
