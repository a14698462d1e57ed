/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `mpath persist --in` output, byte for byte in mpathpersist's layout:
 * fence_mpath finds the keys with the regexes \s+0x(\S+)\s* (READ KEYS, one
 * per line) and \s+key\s*=\s*0x(\S+)\s+ (READ RESERVATION).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persist_print.h"

static char *capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	fn(f, arg);
	fclose(f);
	return text;
}

static void keys(FILE *f, const void *arg) { persist_print_keys(f, arg); }
static void resv(FILE *f, const void *arg) { persist_print_reservation(f, arg); }
static void full(FILE *f, const void *arg) { persist_print_full_status(f, arg); }
static void caps(FILE *f, const void *arg) { persist_print_caps(f, arg); }

static void read_keys_layout(void **state)
{
	uint64_t list[] = {0x123abc, 0xbbbb0002};
	struct mp_pr_keys k = {.generation = 0x1a, .n_keys = 2, .keys = list};
	struct mp_pr_keys one = {.generation = 0, .n_keys = 1, .keys = list};
	struct mp_pr_keys none = {.generation = 3};
	char *t;

	(void)state;
	t = capture(keys, &k);
	assert_string_equal(t, "  PR generation=0x1a, \t2 registered reservation keys follow:\n"
			       "    0x123abc\n"
			       "    0xbbbb0002\n");
	free(t);
	t = capture(keys, &one);
	assert_string_equal(t, "  PR generation=0x0, \t1 registered reservation key follows:\n"
			       "    0x123abc\n");
	free(t);
	t = capture(keys, &none);
	assert_string_equal(t, "  PR generation=0x3, \t0 registered reservation key.\n");
	free(t);
}

static void read_reservation_layout(void **state)
{
	struct mp_pr_reservation r = {.generation = 4, .held = true, .key = 0xaaaa0001, .type = 5};
	struct mp_pr_reservation obsolete = {.generation = 4, .held = true, .key = 1, .type = 2,
					     .scope = 1};
	struct mp_pr_reservation none = {.generation = 9};
	char *t;

	(void)state;
	t = capture(resv, &r);
	assert_string_equal(t, "  PR generation=0x4, Reservation follows:\n"
			       "   Key = 0xaaaa0001\n"
			       "  scope = LU_SCOPE, type = Write Exclusive, registrants only\n");
	free(t);
	t = capture(resv, &obsolete);
	assert_non_null(strstr(t, "  scope = 1, type = obsolete [2]\n"));
	free(t);
	t = capture(resv, &none);
	assert_string_equal(t, "  PR generation=0x9, there is NO reservation held \n");
	free(t);
}

static void full_status_layout(void **state)
{
	uint8_t sas[24] = {0x06, 0, 0, 0, 0x50, 0x01, 0x40, 0x51, 0, 1, 0, 3};
	struct mp_pr_full_desc d[2] = {
		{.key = 0xa, .holder = true, .type = 5, .rel_tgt_port = 1},
		{.key = 0xb, .all_tg_pt = true, .tid = sas, .tid_len = 24, .protocol = 6},
	};
	struct mp_pr_full_status s = {.generation = 2, .n_desc = 2, .desc = d};
	char *t;

	(void)state;
	t = capture(full, &s);
	assert_string_equal(t, "  PR generation=0x2 \n"
			       "   Key = 0xa\n"
			       "      All target ports bit clear\n"
			       "      Relative port address: 0x1\n"
			       "      << Reservation holder >>\n"
			       "      scope: LU_SCOPE,  type: Write Exclusive, registrants only\n"
			       "   Key = 0xb\n"
			       "      All target ports bit set\n"
			       "      not reservation holder\n"
			       "   SAS 50 01 40 51 00 01 00 03\n");
	free(t);
}

static void capabilities_layout(void **state)
{
	struct mp_pr_caps c = {.crh = true, .atp_c = true, .ptpl_c = true, .tmv = true,
			       .allow_commands = 1, .type_mask = MP_PR_MASK_WR_EX_RO | MP_PR_MASK_EX_AC_AR};
	char *t;

	(void)state;
	t = capture(caps, &c);
	assert_non_null(strstr(t, "Report capabilities response:\n"
				  "  Compatible Reservation Handling(CRH): 1\n"
				  "  Specify Initiator Ports Capable(SIP_C): 0\n"));
	assert_non_null(strstr(t, "      Write Exclusive, registrants only: 1\n"));
	assert_non_null(strstr(t, "      Exclusive Access, registrants only: 0\n"));
	assert_non_null(strstr(t, "      Exclusive Access, all registrants: 1\n"));
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_keys_layout),
		cmocka_unit_test(read_reservation_layout),
		cmocka_unit_test(full_status_layout),
		cmocka_unit_test(capabilities_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
