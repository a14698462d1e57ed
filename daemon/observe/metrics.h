/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Counters and gauges of the daemon, and their Prometheus text exposition
 * (version 0.0.4: "# HELP", "# TYPE", then "name{label="v"} value" lines;
 * histograms as cumulative _bucket{le=...}, _sum and _count). The formatter
 * is pure: it only reads the struct.
 */
#ifndef MPATHD_METRICS_H
#define MPATHD_METRICS_H

#include <stdint.h>

#include "common/strbuf.h"
#include "model.h"

#define METRICS_NSTATES (MP_PATH_TIMEOUT + 1)
#define METRICS_NBUCKETS 10

/* Upper bounds of the check duration buckets, in microseconds. */
extern const uint64_t metrics_duration_bounds_usec[METRICS_NBUCKETS];

struct metrics {
	uint64_t paths_by_state[METRICS_NSTATES]; /* gauge, set by the core */
	uint64_t maps;                            /* gauge */
	uint64_t checks_total[METRICS_NSTATES];   /* by result */
	uint64_t check_duration_bucket[METRICS_NBUCKETS + 1]; /* not cumulative; last: +Inf */
	uint64_t check_duration_sum_usec;
	uint64_t uevents_total;
	uint64_t uevents_ignored_total; /* malformed, spoofed or filtered out */
	uint64_t uevents_merged_total;  /* folded into an earlier one by coalescing */
	uint64_t reloads_total;
	/* uevent receipt -> map reload/create done (the re-added path is back) */
	uint64_t uevent_latency_bucket[METRICS_NBUCKETS + 1];
	uint64_t uevent_latency_sum_usec;
	uint64_t socket_clients;        /* gauge */
	uint64_t socket_commands_total;
	uint64_t socket_refused_total;
	uint64_t workers_stuck;         /* gauge */
	uint64_t worker_timeouts_total;
};

void metrics_observe_check(struct metrics *m, int state, uint64_t duration_usec);
void metrics_observe_uevent_latency(struct metrics *m, uint64_t usec);
/* Return: 0 or -ENOMEM. */
int metrics_format(const struct metrics *m, struct strbuf *sb);

#endif
