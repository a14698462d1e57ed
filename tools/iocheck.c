/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * iocheck: write checksummed, numbered blocks to a device while faults are
 * injected underneath it, time every I/O, then verify that every block holds
 * its last acknowledged write. Single-threaded and synchronous on purpose: a
 * multipath failover shows up as one long pwrite, which is what is measured.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "common/macros.h"
#include "iocheck-block.h"
#include "iocheck-dev.h"
#include "iocheck-opts.h"
#include "iocheck-state.h"
#include "iocheck-stats.h"

#define EXIT_INTEGRITY 1
#define EXIT_USAGE 2
#define READ_PERCENT 30	       /* share of random-phase I/Os that read back a written block */
#define MAX_DETAIL_MESSAGES 20 /* an all-paths-down run would otherwise flood the console */

/* Set from the signal handler; the only state a handler may touch. */
static volatile sig_atomic_t stop_requests;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requests++;
}

struct run {
	const struct ioc_opts *o;
	struct ioc_dev dev;
	struct ioc_state *st;
	struct ioc_stats stats;
	struct crc32c_table crc;
	unsigned char *buf;
	unsigned char *bad; /* per block: counted as bad already */
	uint64_t rng;
	uint64_t t0, last_progress;
	unsigned messages;
};

MP_PRINTF(2, 3) static void detail(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->o->quiet)
		return;
	if (++r->messages > MAX_DETAIL_MESSAGES) {
		if (r->messages == MAX_DETAIL_MESSAGES + 1)
			fputs("iocheck: further messages suppressed\n", stderr);
		return;
	}
	fputs("iocheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static uint64_t next_random(uint64_t *s)
{
	/* xorshift64*: plenty for picking blocks, and reproducible from the run id. */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

static uint64_t make_run_id(void)
{
	uint64_t id = 0;

	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) != sizeof(id))
		id = ioc_now_ns() ^ ((uint64_t)getpid() << 32);
	return id ? id : 1;
}

static void mark_bad(struct run *r, uint64_t idx)
{
	if (!r->bad[idx]) {
		r->bad[idx] = 1;
		r->stats.bad_blocks++;
	}
}

static void note_time(struct run *r)
{
	uint64_t now = ioc_now_ns();

	r->stats.elapsed_ns = now - r->t0;
	if (!r->o->quiet && now - r->last_progress >= 1000000000ull) {
		r->last_progress = now;
		ioc_stats_progress(&r->stats, stderr);
	}
}

static void write_block(struct run *r, uint64_t idx)
{
	struct iob_header h = {
	    .run_id = r->st->run_id, .index = idx, .block_size = r->st->block_size};
	uint64_t off = idx * r->st->block_size, ns;
	int res;

	h.gen = ioc_state_begin_write(r->st, idx);
	iob_encode(&r->crc, &h, r->buf);
	res = ioc_dev_io(&r->dev, true, r->buf, r->st->block_size, off, &ns);
	ioc_state_end_write(r->st, idx, h.gen, res == 0);
	ioc_stats_add_io(&r->stats, true, res, ns);
	if (res < 0)
		detail(r,
		       "write of block %" PRIu64 " (offset %" PRIu64 ") failed after %" PRIu64
		       " ms: %s",
		       idx, off, ns / 1000000, strerror(-res));
}

/* Read block @idx back and judge it; returns the verdict (IOC_UNTOUCHED on a read error). */
static enum ioc_verdict check_block(struct run *r, uint64_t idx, bool *ret_new)
{
	uint64_t off = idx * r->st->block_size, ns;
	struct iob_header h = {0};
	enum iob_status status;
	enum ioc_verdict v;
	char why[160];
	int res;

	res = ioc_dev_io(&r->dev, false, r->buf, r->st->block_size, off, &ns);
	ioc_stats_add_io(&r->stats, false, res, ns);
	if (res < 0) {
		detail(r,
		       "read of block %" PRIu64 " (offset %" PRIu64 ") failed after %" PRIu64
		       " ms: %s",
		       idx, off, ns / 1000000, strerror(-res));
		return IOC_UNTOUCHED;
	}
	status = iob_decode(&r->crc, r->buf, r->st->block_size, r->st->run_id, idx, &h);
	v = ioc_state_judge(r->st, idx, status, &h, why, sizeof(why));
	if (v == IOC_BAD) {
		detail(r, "BAD block %" PRIu64 " (offset %" PRIu64 "): %s", idx, off, why);
		mark_bad(r, idx);
	}
	if (ret_new)
		*ret_new = status == IOB_OK && h.gen == r->st->b[idx].gen_tried;
	return v;
}

static void exercise(struct run *r)
{
	uint64_t n = r->st->nblocks, deadline = r->o->seconds * 1000000000ull;

	/* A first sequential pass makes every block ours, so verification covers all. */
	for (uint64_t i = 0; i < n; i++) {
		if (stop_requests || (deadline && ioc_now_ns() - r->t0 >= deadline) ||
		    (r->o->max_ops && ioc_stats_ops(&r->stats) >= r->o->max_ops))
			return;
		write_block(r, i);
		note_time(r);
	}
	for (;;) {
		uint64_t idx;

		if (stop_requests || (deadline && ioc_now_ns() - r->t0 >= deadline) ||
		    (r->o->max_ops && ioc_stats_ops(&r->stats) >= r->o->max_ops))
			return;
		idx = next_random(&r->rng) % n;
		if (next_random(&r->rng) % 100 < READ_PERCENT && r->st->b[idx].gen_tried)
			check_block(r, idx, NULL);
		else
			write_block(r, idx);
		note_time(r);
	}
}

static void verify_all(struct run *r)
{
	unsigned stops_before = (unsigned)stop_requests;

	for (uint64_t i = 0; i < r->st->nblocks; i++) {
		bool got_new = false;

		/* One more signal during verification means "give up now". */
		if ((unsigned)stop_requests > stops_before) {
			detail(r, "verification interrupted after %" PRIu64 " blocks", i);
			return;
		}
		if (!r->st->b[i].gen_tried)
			continue;
		r->stats.verified++;
		if (ioc_state_uncertain(r->st, i)) {
			r->stats.uncertain++;
			if (check_block(r, i, &got_new) == IOC_GOOD && got_new)
				r->stats.uncertain_new++;
		} else {
			check_block(r, i, NULL);
		}
		note_time(r);
	}
	r->stats.verify_complete = true;
}

static int setup_signals(void)
{
	struct sigaction sa = {.sa_handler = on_stop_signal};

	/* No SA_RESTART: a signal should end a sleep-free loop promptly, I/O retries EINTR. */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0)
		return -errno;
	return 0;
}

static int prepare(struct run *r, char *err, size_t errlen)
{
	const struct ioc_opts *o = r->o;
	uint64_t nblocks;
	int res;

	if (o->verify_only) {
		res = ioc_state_load(o->state, &r->st, err, errlen);
		if (res < 0)
			return res;
	}
	res = ioc_dev_open(o->dev, o->direct, !o->verify_only, &r->dev, err, errlen);
	if (res < 0)
		return res;
	if (r->st) {
		nblocks = r->st->nblocks;
	} else if (o->blocks) {
		nblocks = o->blocks;
	} else {
		nblocks = r->dev.size / o->block_size;
		if (nblocks > IOC_AUTO_BLOCKS_CAP)
			nblocks = IOC_AUTO_BLOCKS_CAP;
		if (nblocks == 0) {
			snprintf(err, errlen,
				 "%s holds less than one %" PRIu32
				 "-byte block; give --blocks for a file",
				 o->dev, o->block_size);
			return -EINVAL;
		}
	}
	if (!r->st) {
		res = ioc_state_new(make_run_id(), o->block_size, nblocks, &r->st);
		if (res < 0) {
			snprintf(err, errlen, "cannot track %" PRIu64 " blocks: %s", nblocks,
				 strerror(-res));
			return res;
		}
		if (ioc_dev_ensure_size(&r->dev, nblocks * o->block_size) < 0) {
			snprintf(err, errlen, "cannot extend %s to %" PRIu64 " bytes", o->dev,
				 nblocks * o->block_size);
			return -EINVAL;
		}
	}
	if (nblocks > r->dev.size / r->st->block_size) {
		snprintf(err, errlen,
			 "%s has %" PRIu64 " bytes, too small for %" PRIu64 " blocks of %" PRIu32
			 " bytes",
			 o->dev, r->dev.size, nblocks, r->st->block_size);
		return -EINVAL;
	}
	if (o->direct && r->st->block_size % r->dev.sector_size) {
		snprintf(err, errlen,
			 "block size %" PRIu32 " is not a multiple of the %" PRIu32
			 "-byte sectors of %s (O_DIRECT needs that)",
			 r->st->block_size, r->dev.sector_size, o->dev);
		return -EINVAL;
	}
	/* O_DIRECT wants buffers aligned to the sector size; a page covers every device. */
	if (posix_memalign((void **)&r->buf, 4096, r->st->block_size) != 0)
		return -ENOMEM;
	r->bad = calloc(r->st->nblocks, 1);
	if (!r->bad)
		return -ENOMEM;
	crc32c_init(&r->crc);
	r->rng = r->st->run_id;
	r->stats.blocks = r->st->nblocks;
	r->stats.block_size = r->st->block_size;
	r->stats.direct = o->direct;
	return 0;
}

static int finish(struct run *r)
{
	int res;

	if (r->o->report) {
		res = ioc_stats_write_report(&r->stats, r->o->report);
		if (res < 0)
			fprintf(stderr, "iocheck: cannot write report %s: %s\n", r->o->report,
				strerror(-res));
	}
	ioc_stats_final_line(&r->stats, stdout);
	return ioc_stats_passed(&r->stats) ? EXIT_SUCCESS : EXIT_INTEGRITY;
}

int main(int argc, char **argv)
{
	struct ioc_opts o;
	struct run r = {.o = &o, .dev = {.fd = -1}};
	char err[512];
	int res, rc;

	if (ioc_opts_parse(argc, argv, &o, err, sizeof(err)) < 0) {
		fprintf(stderr, "iocheck: %s\n", err);
		return EXIT_USAGE;
	}
	if (o.help) {
		fputs(ioc_usage, stdout);
		return EXIT_SUCCESS;
	}
	res = setup_signals();
	if (res == 0)
		res = prepare(&r, err, sizeof(err));
	if (res < 0) {
		if (res == -ENOMEM)
			snprintf(err, sizeof(err), "out of memory");
		fprintf(stderr, "iocheck: %s\n", err);
		rc = EXIT_USAGE;
		goto out;
	}
	r.t0 = r.last_progress = ioc_now_ns();
	if (!o.verify_only) {
		exercise(&r);
		if (o.state) {
			res = ioc_state_save(r.st, o.state);
			if (res < 0)
				fprintf(stderr, "iocheck: cannot save state to %s: %s\n", o.state,
					strerror(-res));
		}
	}
	verify_all(&r);
	rc = finish(&r);
	/* A state that could not be saved breaks the caller's next --verify-only. */
	if (rc == EXIT_SUCCESS && res < 0)
		rc = EXIT_INTEGRITY;
out:
	ioc_dev_close(&r.dev);
	ioc_state_free(r.st);
	free(r.buf);
	free(r.bad);
	return rc;
}
