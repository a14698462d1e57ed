/* SPDX-License-Identifier: GPL-2.0-or-later */
/* WWID derivation from VPD 0x83 in both orders, and the port designators. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "discover/vpd83.h"
#include "testlib.h"

static int derive(enum mp_wwid_mode mode, const struct vpd *v, char *buf, size_t size)
{
	struct mp_wwid_input in = {.vpd83 = v ? v->b : NULL, .vpd83_len = v ? v->len : 0,
				   .vendor = "VEND", .product = "PROD X"};

	return mp_wwid_derive(mode, &in, buf, size);
}

static void scsi_debug_t10_beats_local_naa(void **state)
{
	struct vpd v;
	char w[256];

	(void)state;
	vpd_scsi_debug(&v, 1);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "1Linux_scsi_debug_2000");
	/* scsi_id takes the NAA first: the difference the lab notes warn about. */
	assert_int_equal(derive(MP_WWID_SCSI_ID, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "333333330000007d0");
}

static void lio_naa6(void **state)
{
	struct vpd v;
	char w[256];

	(void)state;
	vpd_lio(&v, 7);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "36001405abcdef0123456789abcdef012");
	assert_int_equal(derive(MP_WWID_SCSI_ID, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "36001405abcdef0123456789abcdef012");
	assert_int_equal(mp_vpd83_tpg_id(v.b, v.len), 7);
	assert_int_equal(mp_vpd83_rel_port(v.b, v.len), 2);
}

static void naa_order_regext_reg_ext(void **state)
{
	static const uint8_t naa5[8] = {0x50, 0x0a, 0x09, 0x80, 0, 0, 0, 1};
	static const uint8_t naa2[8] = {0x20, 0x00, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
	static const uint8_t naa6[16] = {0x60, 0x0a, 0x09, 0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	struct vpd v;
	char w[256];

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 1, 0, 3, naa2, sizeof(naa2));
	vpd_desig(&v, 1, 0, 3, naa5, sizeof(naa5));
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "3500a098000000001");
	vpd_desig(&v, 1, 0, 3, naa6, sizeof(naa6));
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "3600a09800102030405060708090a0b0c");

	vpd_begin(&v, 0x83);
	vpd_desig(&v, 1, 0, 3, naa2, sizeof(naa2));
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "32000001122334455");
}

static void eui64_before_name_and_t10(void **state)
{
	static const uint8_t eui[8] = {0x00, 0x25, 0x38, 0x5a, 0x91, 0xb0, 0x12, 0x34};
	struct vpd v;
	char w[256];

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 2, 0, 1, "ACME    disk 42", 15);
	vpd_desig(&v, 3, 0, 8, "eui.002538\0", 12);
	vpd_desig(&v, 1, 0, 2, eui, sizeof(eui));
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "20025385a91b01234");
	assert_int_equal(derive(MP_WWID_SCSI_ID, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "20025385a91b01234");
}

static void name_string_before_t10(void **state)
{
	struct vpd v;
	char w[256];

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 2, 0, 1, "ACME    disk 42", 15);
	vpd_desig(&v, 3, 0, 8, "naa.600A0B80\0\0\0\0", 16);
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "8naa.600A0B80");
	/* scsi_id knows no name strings: T10, with blanks folded by udev. */
	assert_int_equal(derive(MP_WWID_SCSI_ID, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "1ACME_disk_42");
}

static void t10_squeezes_blanks_and_escapes(void **state)
{
	struct vpd v;
	char w[256];

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 2, 0, 1, "  HP      MSA 2040/x  \0\0", 24);
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "1HP_MSA_2040\\x2fx");
	assert_int_equal(derive(MP_WWID_SCSI_ID, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "1HP_MSA_2040_x");
}

static void ata_t10_is_bare(void **state)
{
	struct vpd v;
	char w[256];

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 2, 0, 1, "ATA     QEMU HARDDISK   QM00001", 31);
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "QEMU_HARDDISK_QM00001");
}

static void vendor_specific_and_serial_fallbacks(void **state)
{
	struct vpd v;
	char w[256];
	struct mp_wwid_input in = {.vendor = "IBM", .product = "2145  x", .serial = " SN 12 "};

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 2, 0, 0, "abc def", 7);
	vpd_end(&v);
	in.vpd83 = v.b;
	in.vpd83_len = v.len;
	assert_int_equal(mp_wwid_derive(MP_WWID_SG3_UDEV, &in, w, sizeof(w)), 0);
	assert_string_equal(w, "0IBM_2145_x_abc_def");
	in.vpd83 = NULL;
	assert_int_equal(mp_wwid_derive(MP_WWID_SG3_UDEV, &in, w, sizeof(w)), 0);
	assert_string_equal(w, "SIBM_2145_x_SN_12");
	in.serial = NULL;
	assert_int_equal(mp_wwid_derive(MP_WWID_SG3_UDEV, &in, w, sizeof(w)), -ENODATA);
	assert_int_equal(mp_wwid_derive(MP_WWID_SCSI_ID, &in, w, sizeof(w)), -ENODATA);
}

static void only_lu_designators_count(void **state)
{
	static const uint8_t naa_port[8] = {0x52, 0x22, 0x22, 0x20, 0, 0, 0, 1};
	struct vpd v;
	char w[256];

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 1, 1, 3, naa_port, sizeof(naa_port));
	vpd_desig(&v, 1, 2, 3, naa_port, sizeof(naa_port));
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), -ENODATA);
	assert_int_equal(mp_vpd83_tpg_id(v.b, v.len), -ENOENT);
}

static void malformed_pages(void **state)
{
	struct vpd v;
	char w[256];
	const char *why = NULL;
	size_t off = 0;

	(void)state;
	/* Shorter than the header. */
	assert_int_equal(mp_vpd83_check((const uint8_t *)"\0\x83", 2, &why, &off), -EINVAL);
	assert_non_null(why);
	/* Wrong page code. */
	vpd_scsi_debug(&v, 1);
	v.b[1] = 0x80;
	assert_int_equal(mp_vpd83_check(v.b, v.len, &why, &off), -EINVAL);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), -EINVAL);
	/* A designator claiming more bytes than the page holds. */
	vpd_scsi_debug(&v, 1);
	v.b[4 + 3] = 200;
	assert_int_equal(mp_vpd83_check(v.b, v.len, &why, &off), -EINVAL);
	assert_int_equal(off, 4);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), -EINVAL);
	assert_int_equal(derive(MP_WWID_SCSI_ID, &v, w, sizeof(w)), -EINVAL);
	assert_int_equal(mp_vpd83_tpg_id(v.b, v.len), -EINVAL);
	/* Page length beyond the data. */
	vpd_scsi_debug(&v, 1);
	v.len -= 10;
	assert_int_equal(mp_vpd83_check(v.b, v.len, &why, &off), -EINVAL);
	assert_string_equal(why, "page length field exceeds the data");
	/* Too small an output buffer. */
	vpd_lio(&v, 1);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, 8), -ENOSPC);
}

static void pre_spc3_page_is_one_naa(void **state)
{
	/* Byte 2 of the "first designator" is not zero: an old EMC-style answer. */
	static const uint8_t page[] = {0x00, 0x83, 0x00, 0x08, 0x60, 0x06, 0x01, 0x60,
				       0xaa, 0xbb, 0xcc, 0xdd};
	char w[64];
	struct mp_wwid_input in = {.vpd83 = page, .vpd83_len = sizeof(page)};

	(void)state;
	assert_int_equal(mp_wwid_derive(MP_WWID_SG3_UDEV, &in, w, sizeof(w)), 0);
	assert_string_equal(w, "360060160aabbccdd");
}

static void iterator_walks_every_designator(void **state)
{
	struct vpd v;
	struct mp_designator d;
	size_t off = 0;
	int n = 0, r;

	(void)state;
	vpd_scsi_debug(&v, 3);
	while ((r = mp_vpd83_next(v.b + 4, v.len - 4, &off, &d)) > 0)
		n++;
	assert_int_equal(r, 0);
	assert_int_equal(n, 6);
	assert_int_equal(mp_vpd83_tpg_id(v.b, v.len), 3);
	assert_int_equal(mp_vpd83_rel_port(v.b, v.len), 1);
}

/* A crafted SCSI name designator with a newline, an ESC sequence, quotes, a
 * slash and a blank: the WWID carries them as \xNN, never raw. */
static void crafted_name_designator_is_escaped(void **state)
{
	static const char evil[] = "iqn.x\n\x1b[2J\"k\":1/ a";
	struct vpd v;
	char w[512];

	(void)state;
	vpd_begin(&v, 0x83);
	vpd_desig(&v, 3 /* UTF-8 */, 0 /* LU */, 8 /* SCSI name */, evil, sizeof(evil) - 1);
	vpd_end(&v);
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, sizeof(w)), 0);
	assert_string_equal(w, "8iqn.x\\x0a\\x1b[2J\\x22k\\x22:1\\x2f\\x20a");
	for (const char *c = w; *c; c++)
		assert_true(*c > 0x20 && *c < 0x7f && *c != '"' && *c != '/');
	/* too long once escaped: refused, not cut */
	assert_int_equal(derive(MP_WWID_SG3_UDEV, &v, w, 20), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scsi_debug_t10_beats_local_naa),
		cmocka_unit_test(lio_naa6),
		cmocka_unit_test(naa_order_regext_reg_ext),
		cmocka_unit_test(eui64_before_name_and_t10),
		cmocka_unit_test(name_string_before_t10),
		cmocka_unit_test(t10_squeezes_blanks_and_escapes),
		cmocka_unit_test(ata_t10_is_bare),
		cmocka_unit_test(vendor_specific_and_serial_fallbacks),
		cmocka_unit_test(only_lu_designators_count),
		cmocka_unit_test(malformed_pages),
		cmocka_unit_test(pre_spc3_page_is_one_naa),
		cmocka_unit_test(iterator_walks_every_designator),
		cmocka_unit_test(crafted_name_designator_is_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
