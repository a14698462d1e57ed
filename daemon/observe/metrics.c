/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Prometheus text exposition of struct metrics. */
#include <errno.h>
#include <inttypes.h>

#include "observe/metrics.h"

const uint64_t metrics_duration_bounds_usec[METRICS_NBUCKETS] = {
	1000, 5000, 10000, 50000, 100000, 500000, 1000000, 5000000, 10000000, 30000000,
};

void metrics_observe_check(struct metrics *m, int state, uint64_t duration_usec)
{
	unsigned b = 0;

	if (state >= 0 && state < METRICS_NSTATES)
		m->checks_total[state]++;
	while (b < METRICS_NBUCKETS && duration_usec > metrics_duration_bounds_usec[b])
		b++;
	m->check_duration_bucket[b]++;
	m->check_duration_sum_usec += duration_usec;
}

void metrics_observe_uevent_latency(struct metrics *m, uint64_t usec)
{
	unsigned b = 0;

	while (b < METRICS_NBUCKETS && usec > metrics_duration_bounds_usec[b])
		b++;
	m->uevent_latency_bucket[b]++;
	m->uevent_latency_sum_usec += usec;
}

static void header(struct strbuf *sb, const char *name, const char *type, const char *help)
{
	strbuf_printf(sb, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void simple(struct strbuf *sb, const char *name, const char *type, const char *help,
		   uint64_t v)
{
	header(sb, name, type, help);
	strbuf_printf(sb, "%s %" PRIu64 "\n", name, v);
}

/* Seconds with microsecond precision, the unit Prometheus expects. */
static void seconds(struct strbuf *sb, uint64_t usec)
{
	strbuf_printf(sb, "%" PRIu64 ".%06" PRIu64, usec / 1000000u, usec % 1000000u);
}

static void histogram(struct strbuf *sb, const char *name, const char *help,
		      const uint64_t *buckets, uint64_t sum_usec)
{
	uint64_t cum = 0;

	header(sb, name, "histogram", help);
	for (int b = 0; b <= METRICS_NBUCKETS; b++) {
		cum += buckets[b];
		strbuf_printf(sb, "%s_bucket{le=\"", name);
		if (b < METRICS_NBUCKETS)
			seconds(sb, metrics_duration_bounds_usec[b]);
		else
			strbuf_append(sb, "+Inf");
		strbuf_printf(sb, "\"} %" PRIu64 "\n", cum);
	}
	strbuf_printf(sb, "%s_sum ", name);
	seconds(sb, sum_usec);
	strbuf_printf(sb, "\n%s_count %" PRIu64 "\n", name, cum);
}

int metrics_format(const struct metrics *m, struct strbuf *sb)
{
	uint64_t cum = 0;

	header(sb, "mpathd_paths", "gauge", "Paths by checker state.");
	for (int s = 0; s < METRICS_NSTATES; s++)
		strbuf_printf(sb, "mpathd_paths{state=\"%s\"} %" PRIu64 "\n",
			      mp_path_state_name((enum mp_path_state)s), m->paths_by_state[s]);
	simple(sb, "mpathd_maps", "gauge", "Multipath maps managed.", m->maps);
	header(sb, "mpathd_checks_total", "counter", "Path checks completed, by result.");
	for (int s = 0; s < METRICS_NSTATES; s++)
		strbuf_printf(sb, "mpathd_checks_total{result=\"%s\"} %" PRIu64 "\n",
			      mp_path_state_name((enum mp_path_state)s), m->checks_total[s]);
	header(sb, "mpathd_check_duration_seconds", "histogram", "Time from check start to result.");
	for (int b = 0; b <= METRICS_NBUCKETS; b++) {
		cum += m->check_duration_bucket[b];
		strbuf_append(sb, "mpathd_check_duration_seconds_bucket{le=\"");
		if (b < METRICS_NBUCKETS)
			seconds(sb, metrics_duration_bounds_usec[b]);
		else
			strbuf_append(sb, "+Inf");
		strbuf_printf(sb, "\"} %" PRIu64 "\n", cum);
	}
	strbuf_append(sb, "mpathd_check_duration_seconds_sum ");
	seconds(sb, m->check_duration_sum_usec);
	strbuf_printf(sb, "\nmpathd_check_duration_seconds_count %" PRIu64 "\n", cum);
	simple(sb, "mpathd_uevents_total", "counter", "Uevents received.", m->uevents_total);
	simple(sb, "mpathd_uevents_ignored_total", "counter",
	       "Uevents dropped: malformed, untrusted sender or not a multipath device.",
	       m->uevents_ignored_total);
	simple(sb, "mpathd_uevents_merged_total", "counter",
	       "Uevents folded into an earlier one of the same device.", m->uevents_merged_total);
	simple(sb, "mpathd_reloads_total", "counter", "Map table loads (reloads and creates).",
	       m->reloads_total);
	histogram(sb, "mpathd_uevent_to_reload_seconds",
		  "Time from a path uevent's receipt to the map reload that took it in or out.",
		  m->uevent_latency_bucket, m->uevent_latency_sum_usec);
	simple(sb, "mpathd_socket_clients", "gauge", "Connected control socket clients.",
	       m->socket_clients);
	simple(sb, "mpathd_socket_commands_total", "counter", "Control commands run.",
	       m->socket_commands_total);
	simple(sb, "mpathd_socket_refused_total", "counter",
	       "Connections refused because too many clients were connected.",
	       m->socket_refused_total);
	simple(sb, "mpathd_workers_stuck", "gauge", "Worker threads blocked past a deadline.",
	       m->workers_stuck);
	simple(sb, "mpathd_worker_timeouts_total", "counter", "Blocking calls that missed their deadline.",
	       m->worker_timeouts_total);
	return sb->buf ? 0 : -ENOMEM;
}
