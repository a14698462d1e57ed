/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "names/policy.h"

int mp_find_mode_parse(const char *value, enum mp_find_mode *ret)
{
	static const struct {
		const char *word;
		enum mp_find_mode mode;
	} words[] = {
		{"off", MP_FIND_OFF},       {"no", MP_FIND_OFF},         {"0", MP_FIND_OFF},
		{"on", MP_FIND_ON},         {"yes", MP_FIND_ON},         {"1", MP_FIND_ON},
		{"strict", MP_FIND_STRICT}, {"greedy", MP_FIND_GREEDY}, {"smart", MP_FIND_SMART},
	};

	for (size_t i = 0; value && i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcasecmp(value, words[i].word) == 0) {
			*ret = words[i].mode;
			return 0;
		}
	}
	return -EINVAL;
}

int mp_find_multipaths(const struct mp_find_input *in, const char **ret_reason)
{
	enum mp_find_mode mode;
	const char *why;
	int yes;

	if (mp_find_mode_parse(in->mode, &mode) < 0) {
		*ret_reason = "unknown find_multipaths value";
		return -EINVAL;
	}
	if (in->map_exists) {
		*ret_reason = "a multipath map already exists for this wwid";
		return 1;
	}
	switch (mode) {
	case MP_FIND_OFF:
		yes = 1;
		why = "find_multipaths off: every path is multipathed";
		break;
	case MP_FIND_GREEDY:
		yes = 1;
		why = "find_multipaths greedy: every path is multipathed";
		break;
	case MP_FIND_STRICT:
		yes = in->in_wwids_file;
		why = yes ? "find_multipaths strict: wwid is in the wwids file"
			  : "find_multipaths strict: wwid is not in the wwids file";
		break;
	case MP_FIND_ON:
	case MP_FIND_SMART:
		if (in->in_wwids_file) {
			yes = 1;
			why = "wwid is in the wwids file";
		} else if (in->has_multipaths_entry) {
			yes = 1;
			why = "wwid has a multipaths section entry";
		} else if (in->n_paths >= 2) {
			yes = 1;
			why = "at least two paths share this wwid";
		} else {
			yes = 0;
			why = "single path, wwid unknown (find_multipaths on/smart)";
		}
		break;
	default:
		*ret_reason = "unknown find_multipaths value";
		return -EINVAL;
	}
	*ret_reason = why;
	return yes;
}

int mp_names_choose(const struct mp_name_input *in, struct mp_bindings *b,
		    mp_alias_taken_fn taken, void *data, const char **ret_name,
		    enum mp_name_source *ret_source)
{
	const char *name;
	int r;

	if (!in || !in->wwid || !*in->wwid)
		return -EINVAL;
	if (in->config_alias && *in->config_alias) {
		*ret_name = in->config_alias;
		*ret_source = MP_NAME_CONFIG_ALIAS;
		return 0;
	}
	if (in->user_friendly_names && b) {
		r = mp_bindings_allocate(b, in->alias_prefix ? in->alias_prefix : "mpath", in->wwid,
					 taken, data, &name);
		if (r < 0)
			return r;
		*ret_name = name;
		*ret_source = r == 1 ? MP_NAME_NEW_BINDING : MP_NAME_BINDING;
		return 0;
	}
	*ret_name = in->wwid;
	*ret_source = MP_NAME_WWID;
	return 0;
}
