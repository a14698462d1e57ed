/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Lifetime of struct mp_config: the built-in data at birth, everything freed at the end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config-private.h"

static int config_new(struct mp_config **ret_cfg, bool builtins)
{
	struct mp_config *cfg = calloc(1, sizeof(*cfg));
	int r = 0;

	if (!cfg)
		return -ENOMEM;
	mp_config_update_derived(cfg);
	if (builtins)
		r = mp_hwtable_load(cfg);
	if (builtins && r == 0)
		r = mp_blacklist_load_builtin(cfg);
	/* several arrays of one vendor share a product_blacklist: one rule each */
	if (r == 0)
		r = mp_config_finalize(cfg, NULL);
	if (r < 0) {
		mp_config_free(cfg);
		return r;
	}
	*ret_cfg = cfg;
	return 0;
}

int mp_config_new(struct mp_config **ret_cfg)
{
	return config_new(ret_cfg, true);
}

int mp_config_new_without_builtins(struct mp_config **ret_cfg)
{
	return config_new(ret_cfg, false);
}

void mp_config_free(struct mp_config *cfg)
{
	if (!cfg)
		return;
	mp_settings_clear(&cfg->defaults);
	mp_settings_clear(&cfg->overrides);
	for (size_t i = 0; i < cfg->n_protocols; i++)
		mp_protocol_entry_clear(&cfg->protocols[i]);
	free(cfg->protocols);
	for (size_t i = 0; i < cfg->n_devices; i++)
		mp_device_entry_clear(&cfg->devices[i]);
	free(cfg->devices);
	for (size_t i = 0; i < cfg->n_multipaths; i++)
		mp_multipath_entry_clear(&cfg->multipaths[i]);
	free(cfg->multipaths);
	mp_rule_list_clear(&cfg->blacklist);
	mp_rule_list_clear(&cfg->exceptions);
	free(cfg->config_dir_override);
	free(cfg);
}

int mp_config_set_config_dir(struct mp_config *cfg, const char *dir)
{
	char *copy = NULL;

	if (dir) {
		copy = strdup(dir);
		if (!copy)
			return -ENOMEM;
	}
	free(cfg->config_dir_override);
	cfg->config_dir_override = copy;
	cfg->config_dir_overridden = dir != NULL;
	return 0;
}

int mp_config_load_string(struct mp_config *cfg, const char *source, const char *text,
			  struct mp_diags *diags)
{
	int r;

	if (!cfg || !text)
		return -EINVAL;
	/* a string is never followed by a directory scan: parsing memory makes no syscalls */
	r = mp_config_parse(cfg, source ? source : "<string>", text, true, NULL, diags);
	if (r == 0)
		r = mp_config_finalize(cfg, diags);
	return r;
}

char *mp_origin_format(const char *section_label, const char *source, int line)
{
	char *s = NULL;

	if (asprintf(&s, "%s (%s:%d)", section_label, source ? source : "?", line) < 0)
		return NULL;
	return s;
}
