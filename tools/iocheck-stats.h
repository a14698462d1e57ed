/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iocheck's counters and the three ways they are shown: progress, final line, report file. */
#ifndef MPATH_TOOLS_IOCHECK_STATS_H
#define MPATH_TOOLS_IOCHECK_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct ioc_stats {
	uint64_t ops_write, ops_read;
	uint64_t err_write, err_read;
	uint64_t bad_blocks;
	uint64_t uncertain, uncertain_new; /* uncertain blocks; those that read back the new data */
	uint64_t verified;		   /* blocks checked by the final verification */
	uint64_t max_ns, total_ns;
	uint64_t elapsed_ns;
	uint64_t blocks;
	uint32_t block_size;
	bool direct;
	bool verify_complete;
};

void ioc_stats_add_io(struct ioc_stats *s, bool write, int result, uint64_t ns);
uint64_t ioc_stats_ops(const struct ioc_stats *s);
uint64_t ioc_stats_errors(const struct ioc_stats *s);
bool ioc_stats_passed(const struct ioc_stats *s);

void ioc_stats_progress(const struct ioc_stats *s, FILE *f);
/* "IOCHECK ops=... errors=... bad_blocks=... uncertain=... max_stall_ms=..." */
void ioc_stats_final_line(const struct ioc_stats *s, FILE *f);
int ioc_stats_write_report(const struct ioc_stats *s, const char *path);

#endif
