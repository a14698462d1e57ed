/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: any bytes as multipath.conf text, then everything that reads the result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct mp_device_id id = {.vendor = "NETAPP", .product = "LUN",
					       .revision = "1", .wwid = "3600a0",
					       .transport = MP_TRANSPORT_FC};
	struct mp_diags diags = {0};
	struct mp_config *cfg = NULL, *again = NULL;
	struct mp_resolved *r = NULL;
	struct strbuf out = STRBUF_INIT;
	char *text = malloc(size + 1);
	char line[600];
	size_t n;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* the built-in table is the same every run and costs most of the time */
	if (mp_config_new_without_builtins(&cfg) < 0)
		goto out;
	mp_config_load_string(cfg, "fuzz.conf", text, &diags);
	for (size_t i = 0; i < diags.n; i++)
		mp_diag_format(&diags.items[i], line, sizeof(line));
	if (mp_config_resolve(cfg, &id, &r) == 0) {
		mp_resolved_get(r, "no_path_retry", NULL);
		mp_resolved_free(r);
	}
	mp_config_blacklist(cfg, false, &n);
	mp_config_get(cfg, "max_polling_interval", NULL);
	/* what we print must parse back without errors */
	if (mp_config_dump(cfg, &out) == 0 && mp_config_new_without_builtins(&again) == 0) {
		mp_diags_clear(&diags);
		mp_config_load_string(again, "dump", strbuf_str(&out), &diags);
		if (mp_diags_count(&diags, MP_DIAG_ERROR) > 0)
			abort();
	}
	/* and so must the multipath -t layout */
	mp_config_free(again);
	again = NULL;
	strbuf_reset(&out);
	if (mp_config_dump_mpt(cfg, true, &out) == 0 && mp_config_new_without_builtins(&again) == 0) {
		mp_diags_clear(&diags);
		mp_config_load_string(again, "dump-t", strbuf_str(&out), &diags);
		if (mp_diags_count(&diags, MP_DIAG_ERROR) > 0)
			abort();
	}
out:
	mp_config_free(again);
	mp_config_free(cfg);
	strbuf_reset(&out);
	mp_diags_clear(&diags);
	free(text);
	return 0;
}
