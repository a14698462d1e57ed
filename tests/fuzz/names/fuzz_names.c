/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer targets for the bindings, wwids and prkeys file parsers
 * (FUZZ_WWIDS, FUZZ_PRKEYS select the second and third). Beyond "no crash": what was accepted must format and
 * parse back cleanly to the same entries.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names/bindings.h"
#include "names/prkeys.h"
#include "names/wwids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(FUZZ_PRKEYS)
static void run(const char *text)
{
	struct mp_prkeys k = {0}, k2 = {0};
	struct mp_diags d = {0};
	char *out;

	if (mp_prkeys_parse(&k, "fuzz", text, &d) >= 0) {
		out = mp_prkeys_format(&k);
		if (!out)
			abort();
		if (mp_prkeys_parse(&k2, "fuzz2", out, &d) != 0 || k2.n != k.n)
			abort();
		for (size_t i = 0; i < k.n; i++)
			if (strcmp(k.items[i].wwid, k2.items[i].wwid) != 0 ||
			    k.items[i].key != k2.items[i].key || k.items[i].aptpl != k2.items[i].aptpl)
				abort();
		free(out);
	}
	mp_prkeys_clear(&k);
	mp_prkeys_clear(&k2);
	mp_diags_clear(&d);
}
#elif defined(FUZZ_WWIDS)
static void run(const char *text)
{
	struct mp_wwids w = {0}, w2 = {0};
	struct mp_diags d = {0};
	char *out;

	if (mp_wwids_parse(&w, "fuzz", text, &d) >= 0) {
		out = mp_wwids_format(&w);
		if (!out)
			abort();
		if (mp_wwids_parse(&w2, "fuzz2", out, &d) != 0 || w2.n != w.n)
			abort();
		for (size_t i = 0; i < w.n; i++)
			if (strcmp(w.items[i], w2.items[i]) != 0)
				abort();
		free(out);
	}
	mp_wwids_clear(&w);
	mp_wwids_clear(&w2);
	mp_diags_clear(&d);
}
#else
static void run(const char *text)
{
	struct mp_bindings b = {0}, b2 = {0};
	struct mp_diags d = {0};
	const char *alias;
	char *out;

	if (mp_bindings_parse(&b, "fuzz", text, &d) >= 0) {
		if (mp_bindings_allocate(&b, "mpath", "fuzzwwid", NULL, NULL, &alias) < 0)
			abort();
		out = mp_bindings_format(&b);
		if (!out)
			abort();
		if (mp_bindings_parse(&b2, "fuzz2", out, &d) != 0 || b2.n != b.n)
			abort();
		for (size_t i = 0; i < b.n; i++)
			if (strcmp(b.items[i].alias, b2.items[i].alias) != 0 ||
			    strcmp(b.items[i].wwid, b2.items[i].wwid) != 0)
				abort();
		free(out);
	}
	mp_bindings_clear(&b);
	mp_bindings_clear(&b2);
	mp_diags_clear(&d);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	run(text);
	free(text);
	return 0;
}
