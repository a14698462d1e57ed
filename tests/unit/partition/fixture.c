/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loader of the sparse partition fixtures (format: tests/fixtures/partitions/sparse.py). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void fixture_load(const char *dir, const char *name, struct fixture *ret)
{
	char path[512], line[1200];
	unsigned long long a;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s.sectors", dir, name);
	fp = fopen(path, "r");
	assert_non_null(fp);
	memset(ret, 0, sizeof(*ret));
	while (fgets(line, sizeof(line), fp)) {
		char hex[1100];
		unsigned int ss;

		if (sscanf(line, "size %llu", &a) == 1) {
			ret->size = a;
		} else if (sscanf(line, "sector_size %u", &ss) == 1) {
			ret->sector_size = ss;
		} else if (sscanf(line, "%llu %1099s", &a, hex) == 2) {
			uint8_t *d;

			assert_int_equal(strlen(hex), 1024);
			d = fixture_chunk(ret, a);
			for (size_t i = 0; i < 512; i++) {
				int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

				assert_true(hi >= 0 && lo >= 0);
				d[i] = (uint8_t)(hi << 4 | lo);
			}
		} else {
			fail_msg("%s: bad line %s", path, line);
		}
	}
	fclose(fp);
	assert_true(ret->size > 0);
	assert_true(ret->sector_size == 512 || ret->sector_size == 4096);
}

void fixture_free(struct fixture *f)
{
	free(f->chunks);
	memset(f, 0, sizeof(*f));
}

uint8_t *fixture_chunk(struct fixture *f, uint64_t index)
{
	struct fixture_chunk *grown;

	for (size_t i = 0; i < f->n; i++)
		if (f->chunks[i].index == index)
			return f->chunks[i].data;
	grown = realloc(f->chunks, (f->n + 1) * sizeof(*grown));
	assert_non_null(grown);
	f->chunks = grown;
	memset(&f->chunks[f->n], 0, sizeof(f->chunks[f->n]));
	f->chunks[f->n].index = index;
	return f->chunks[f->n++].data;
}

static int fixture_read(void *userdata, uint64_t off, void *buf, size_t len)
{
	const struct fixture *f = userdata;
	uint8_t *out = buf;

	if (off > f->size || len > f->size - off)
		return -ENXIO;
	memset(buf, 0, len);
	for (size_t i = 0; i < f->n; i++) {
		uint64_t c0 = f->chunks[i].index * 512, c1 = c0 + 512;
		uint64_t lo = off > c0 ? off : c0, hi = off + len < c1 ? off + len : c1;

		if (lo < hi)
			memcpy(out + (lo - off), f->chunks[i].data + (lo - c0), hi - lo);
	}
	return 0;
}

void fixture_source(struct fixture *f, struct mp_part_source *ret)
{
	*ret = (struct mp_part_source){
		.read = fixture_read,
		.userdata = f,
		.size = f->size,
		.sector_size = f->sector_size,
	};
}

size_t fixture_expected(const char *dir, const char *name, struct expected_part *ret, size_t max)
{
	char path[512];
	unsigned long long start, size;
	unsigned int number;
	size_t n = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s.expected", dir, name);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (n < max && fscanf(fp, "%u %llu %llu", &number, &start, &size) == 3)
		ret[n++] = (struct expected_part){number, start, size};
	fclose(fp);
	return n;
}
