/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <inttypes.h>

#include "iocheck-stats.h"

#define NS_PER_MS UINT64_C(1000000)

void ioc_stats_add_io(struct ioc_stats *s, bool write, int result, uint64_t ns)
{
	if (write) {
		s->ops_write++;
		s->err_write += result < 0;
	} else {
		s->ops_read++;
		s->err_read += result < 0;
	}
	s->total_ns += ns;
	if (ns > s->max_ns)
		s->max_ns = ns;
}

uint64_t ioc_stats_ops(const struct ioc_stats *s)
{
	return s->ops_write + s->ops_read;
}

uint64_t ioc_stats_errors(const struct ioc_stats *s)
{
	return s->err_write + s->err_read;
}

bool ioc_stats_passed(const struct ioc_stats *s)
{
	return ioc_stats_errors(s) == 0 && s->bad_blocks == 0 && s->verify_complete;
}

void ioc_stats_progress(const struct ioc_stats *s, FILE *f)
{
	fprintf(f,
		"iocheck: t=%" PRIu64 "s ops=%" PRIu64 " errors=%" PRIu64 " max_stall_ms=%" PRIu64
		"\n",
		s->elapsed_ns / UINT64_C(1000000000), ioc_stats_ops(s), ioc_stats_errors(s),
		s->max_ns / NS_PER_MS);
	fflush(f);
}

void ioc_stats_final_line(const struct ioc_stats *s, FILE *f)
{
	fprintf(f,
		"IOCHECK ops=%" PRIu64 " errors=%" PRIu64 " bad_blocks=%" PRIu64
		" uncertain=%" PRIu64 " max_stall_ms=%" PRIu64 "\n",
		ioc_stats_ops(s), ioc_stats_errors(s), s->bad_blocks, s->uncertain,
		s->max_ns / NS_PER_MS);
	fflush(f);
}

int ioc_stats_write_report(const struct ioc_stats *s, const char *path)
{
	FILE *f = fopen(path, "we");
	uint64_t ops = ioc_stats_ops(s);
	int r = 0;

	if (!f)
		return -errno;
	fprintf(f,
		"result=%s\nops=%" PRIu64 "\nerrors=%" PRIu64 "\nbad_blocks=%" PRIu64
		"\nuncertain=%" PRIu64 "\nmax_stall_ms=%" PRIu64 "\n",
		ioc_stats_passed(s) ? "pass" : "fail", ops, ioc_stats_errors(s), s->bad_blocks,
		s->uncertain, s->max_ns / NS_PER_MS);
	fprintf(f,
		"ops_write=%" PRIu64 "\nops_read=%" PRIu64 "\nerrors_write=%" PRIu64
		"\nerrors_read=%" PRIu64 "\nuncertain_new=%" PRIu64 "\nverified_blocks=%" PRIu64
		"\nverify_complete=%d\nmax_stall_us=%" PRIu64 "\navg_latency_us=%" PRIu64
		"\nelapsed_ms=%" PRIu64 "\nblocks=%" PRIu64 "\nblock_size=%" PRIu32 "\ndirect=%d\n",
		s->ops_write, s->ops_read, s->err_write, s->err_read, s->uncertain_new, s->verified,
		s->verify_complete, s->max_ns / 1000, ops ? s->total_ns / ops / 1000 : 0,
		s->elapsed_ns / NS_PER_MS, s->blocks, s->block_size, s->direct);
	if (fflush(f) != 0)
		r = -errno;
	if (fclose(f) != 0 && r == 0)
		r = -errno;
	return r;
}
