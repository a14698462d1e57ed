/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lib/check with the inline backend: TUR decoding (spec-built sense), TUR
 * through the scripted transport (retries on unit attention), directio and
 * readsector0 on a real O_DIRECT file, the registry, and the sync wrapper.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "discover/fake_scsi.h"

static size_t fixed_sense(uint8_t *sense, int key, int asc, int ascq)
{
	memset(sense, 0, 18);
	sense[0] = 0x70;
	sense[2] = (uint8_t)key;
	sense[7] = 10;
	sense[12] = (uint8_t)asc;
	sense[13] = (uint8_t)ascq;
	return 18;
}

static void tur_decode_table(void **state)
{
	static const struct {
		int key, asc, ascq;
		enum mp_path_state want;
	} cases[] = {
		{0x2, 0x04, 0x0b, MP_PATH_GHOST},   /* standby */
		{0x2, 0x04, 0x0c, MP_PATH_DOWN},    /* unavailable */
		{0x2, 0x04, 0x0a, MP_PATH_PENDING}, /* transitioning */
		{0x2, 0x04, 0x02, MP_PATH_DOWN},    /* needs START UNIT */
		{0x2, 0x3a, 0x00, MP_PATH_DOWN},    /* medium not present */
		{0x4, 0x44, 0x00, MP_PATH_DOWN},    /* hardware error */
		{0x6, 0x29, 0x00, MP_PATH_PENDING}, /* unit attention: retried by the checker */
	};
	struct mp_check_result r;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mp_scsi_io io = {.status = MP_SAM_CHECK_CONDITION};

		io.sense_len = fixed_sense(io.sense, cases[i].key, cases[i].asc, cases[i].ascq);
		mp_check_tur_decode(0, &io, &r);
		assert_int_equal(r.state, cases[i].want);
	}
	{
		struct mp_scsi_io io = {.status = MP_SAM_GOOD};

		mp_check_tur_decode(0, &io, &r);
		assert_int_equal(r.state, MP_PATH_UP);
		assert_string_equal(r.message, "tur: ready");
		mp_check_tur_decode(-ETIMEDOUT, &io, &r);
		assert_int_equal(r.state, MP_PATH_DOWN);
		mp_check_tur_decode(-ENOLINK, &io, &r);
		assert_int_equal(r.state, MP_PATH_DOWN);
		assert_non_null(strstr(r.message, "transport error"));
		/* the daemon out of fds or memory: not the path's fault */
		mp_check_tur_decode(-EMFILE, &io, &r);
		assert_int_equal(r.state, MP_PATH_PENDING);
		mp_check_tur_decode(-ENOMEM, &io, &r);
		assert_int_equal(r.state, MP_PATH_PENDING);
		mp_check_tur_decode(-ENFILE, &io, &r);
		assert_int_equal(r.state, MP_PATH_PENDING);
		io.status = MP_SAM_CHECK_CONDITION; /* and no sense at all */
		mp_check_tur_decode(0, &io, &r);
		assert_int_equal(r.state, MP_PATH_DOWN);
		io.status = MP_SAM_BUSY;
		mp_check_tur_decode(0, &io, &r);
		assert_int_equal(r.state, MP_PATH_PENDING);
		/* a sense length the device claims beyond the buffer is cut, not trusted */
		io.status = MP_SAM_CHECK_CONDITION;
		io.sense_len = fixed_sense(io.sense, 0x2, 0x04, 0x0b);
		io.sense_len = 100000;
		mp_check_tur_decode(0, &io, &r);
		assert_int_equal(r.state, MP_PATH_GHOST);
	}
}

static void tur_inline_through_fake(void **state)
{
	static const uint8_t tur_cdb[1] = {0};
	uint8_t ua[18], standby[18];
	struct mp_fake_scsi_entry entries[] = {
		{.dev = "sda", .cdb = tur_cdb, .cdb_len = 1},
		{.dev = "sdb", .cdb = tur_cdb, .cdb_len = 1, .status = MP_SAM_CHECK_CONDITION,
		 .sense = standby, .sense_len = fixed_sense(standby, 0x2, 0x04, 0x0b)},
		{.dev = "sdc", .cdb = tur_cdb, .cdb_len = 1, .status = MP_SAM_CHECK_CONDITION,
		 .sense = ua, .sense_len = fixed_sense(ua, 0x6, 0x29, 0x00)},
		{.dev = "sdd", .cdb = tur_cdb, .cdb_len = 1, .error = -ETIMEDOUT},
	};
	struct mp_fake_scsi fake = {.entries = entries, .n_entries = 4};
	struct mp_check_env env = {.scsi = &mp_fake_scsi_transport, .scsi_data = &fake};
	const struct mp_checker *tur = mp_checker_find("tur");
	struct mp_check_result r;

	(void)state;
	assert_non_null(tur);
	mp_check_sync(tur, &env, "sda", 1000, &r);
	assert_int_equal(r.state, MP_PATH_UP);
	mp_check_sync(tur, &env, "sdb", 1000, &r);
	assert_int_equal(r.state, MP_PATH_GHOST);
	fake.calls = 0;
	mp_check_sync(tur, &env, "sdc", 1000, &r);
	assert_int_equal(r.state, MP_PATH_DOWN);
	assert_string_equal(r.message, "tur: unit attention persists");
	assert_int_equal(fake.calls, 3);
	mp_check_sync(tur, &env, "sdd", 1000, &r);
	assert_int_equal(r.state, MP_PATH_DOWN);
	/* without a transport the verdict is "pending", never "up" */
	env.scsi = NULL;
	mp_check_sync(tur, &env, "sda", 1000, &r);
	assert_int_equal(r.state, MP_PATH_PENDING);
	/* a name with a slash never reaches the transport */
	assert_int_equal(mp_check_start(tur, &env, "../sda", 0, NULL, NULL), -EINVAL);
}

static void reads_on_a_real_file(void **state)
{
	char dir[] = "/var/tmp/mpath-check-XXXXXX", path[64], block[4096];
	struct mp_check_env env = {0};
	struct mp_check_result r;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	env.dev_dir = dir;
	snprintf(path, sizeof(path), "%s/sdq", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	memset(block, 0x5a, sizeof(block));
	assert_int_equal(write(fd, block, sizeof(block)), (ssize_t)sizeof(block));
	close(fd);
	fd = open(path, O_RDONLY | O_DIRECT);
	if (fd < 0)
		env.no_direct = true; /* the file system lacks O_DIRECT: the read path is the same */
	else
		close(fd);
	mp_check_sync(mp_checker_find("directio"), &env, "sdq", 1000, &r);
	assert_int_equal(r.state, MP_PATH_UP);
	assert_string_equal(r.message, "directio: read 4096 bytes");
	mp_check_sync(mp_checker_find("readsector0"), &env, "sdq", 1000, &r);
	assert_int_equal(r.state, MP_PATH_UP);
	mp_check_sync(mp_checker_find("directio"), &env, "missing", 1000, &r);
	assert_int_equal(r.state, MP_PATH_DOWN);
	assert_non_null(strstr(r.message, "open missing"));
	/* an empty device is down */
	assert_int_equal(truncate(path, 0), 0);
	mp_check_sync(mp_checker_find("readsector0"), &env, "sdq", 1000, &r);
	assert_int_equal(r.state, MP_PATH_DOWN);
	unlink(path);
	rmdir(dir);
}

static void registry(void **state)
{
	size_t n = 0;

	(void)state;
	while (mp_checker_at(n))
		n++;
	assert_int_equal(n, 8); /* tur directio readsector0 none rdac emc_clariion hp_sw cciss_tur */
	assert_non_null(mp_checker_find("none"));
	assert_null(mp_checker_find("no_such_checker"));
	assert_null(mp_checker_find(NULL));
	{
		struct mp_check_env env = {0};
		struct mp_check_result r;

		mp_check_sync(mp_checker_find("none"), &env, "whatever", 0, &r);
		assert_int_equal(r.state, MP_PATH_UP);
		mp_check_sync(NULL, &env, "sda", 0, &r);
		assert_int_equal(r.state, MP_PATH_PENDING);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tur_decode_table),
		cmocka_unit_test(tur_inline_through_fake),
		cmocka_unit_test(reads_on_a_real_file),
		cmocka_unit_test(registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
