/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/macros.h"
#include "iocheck-state.h"

#define STATE_MAGIC "iocheck-state 1"

int ioc_state_new(uint64_t run_id, uint32_t block_size, uint64_t nblocks, struct ioc_state **ret)
{
	struct ioc_state *st;

	if (nblocks == 0 || nblocks > IOC_MAX_BLOCKS || block_size < IOB_MIN_BLOCK_SIZE ||
	    block_size > IOB_MAX_BLOCK_SIZE)
		return -EINVAL;
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->b = calloc(nblocks, sizeof(*st->b));
	if (!st->b) {
		free(st);
		return -ENOMEM;
	}
	st->run_id = run_id;
	st->block_size = block_size;
	st->nblocks = nblocks;
	*ret = st;
	return 0;
}

void ioc_state_free(struct ioc_state *st)
{
	if (!st)
		return;
	free(st->b);
	free(st);
}

uint64_t ioc_state_begin_write(struct ioc_state *st, uint64_t idx)
{
	st->b[idx].gen_tried = ++st->last_gen;
	return st->last_gen;
}

void ioc_state_end_write(struct ioc_state *st, uint64_t idx, uint64_t gen, bool ok)
{
	if (ok)
		st->b[idx].gen_ok = gen;
}

bool ioc_state_uncertain(const struct ioc_state *st, uint64_t idx)
{
	return st->b[idx].gen_tried > st->b[idx].gen_ok;
}

enum ioc_verdict ioc_state_judge(const struct ioc_state *st, uint64_t idx, enum iob_status status,
				 const struct iob_header *h, char *why, size_t whylen)
{
	const struct ioc_block_state *b = &st->b[idx];
	char dummy[1];

	if (!why) {
		why = dummy;
		whylen = sizeof(dummy);
	}
	if (b->gen_tried == 0)
		return IOC_UNTOUCHED;
	if (status == IOB_OK) {
		/* Uncertain: anything from the last good write up to the last attempt. */
		if (h->gen == b->gen_ok || (h->gen > b->gen_ok && h->gen <= b->gen_tried))
			return IOC_GOOD;
		snprintf(why, whylen, "generation %" PRIu64 " read back, expected %" PRIu64 "%s",
			 h->gen, b->gen_ok,
			 h->gen < b->gen_ok ? " (lost write)" : " (unknown write)");
		return IOC_BAD;
	}
	/* A block never written successfully may still hold whatever was there. */
	if (b->gen_ok == 0 && (status == IOB_FOREIGN || status == IOB_OTHER_RUN))
		return IOC_GOOD;
	if (status == IOB_MISPLACED)
		snprintf(why, whylen,
			 "holds block %" PRIu64 " generation %" PRIu64
			 " (misdirected write), expected generation %" PRIu64,
			 h->index, h->gen, b->gen_ok);
	else
		snprintf(why, whylen, "%s, expected generation %" PRIu64, iob_status_name(status),
			 b->gen_ok);
	return IOC_BAD;
}

int ioc_state_save(const struct ioc_state *st, const char *path)
{
	_cleanup_free_ char *tmp = NULL;
	FILE *f;
	int r = 0;

	if (asprintf(&tmp, "%s.tmp", path) < 0)
		return -ENOMEM;
	f = fopen(tmp, "we");
	if (!f)
		return -errno;
	fprintf(f,
		STATE_MAGIC "\nrun_id %" PRIx64 "\nblock_size %" PRIu32 "\nblocks %" PRIu64
			    "\nlast_gen %" PRIu64 "\n",
		st->run_id, st->block_size, st->nblocks, st->last_gen);
	for (uint64_t i = 0; i < st->nblocks; i++)
		if (st->b[i].gen_tried)
			fprintf(f, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n", i, st->b[i].gen_ok,
				st->b[i].gen_tried);
	/* The end marker tells a complete file from one cut short by a crash. */
	fputs("end\n", f);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		r = -errno;
	if (fclose(f) != 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) != 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}

/* "KEY NUMBER" with nothing else on the line; strtoull alone would take "-1". */
static int parse_header_line(const char *line, const char *key, int base, uint64_t *val)
{
	size_t n = strlen(key);
	char *end;

	if (strncmp(line, key, n) != 0 || line[n] != ' ' || !isxdigit((unsigned char)line[n + 1]))
		return -EINVAL;
	errno = 0;
	*val = strtoull(line + n + 1, &end, base);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

int ioc_state_load(const char *path, struct ioc_state **ret, char *err, size_t errlen)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;
	struct ioc_state *st = NULL;
	uint64_t run_id = 0, nblocks = 0, last_gen = 0, bs = 0;
	unsigned lineno = 0;
	bool ended = false;
	int r;

	if (!f) {
		r = -errno;
		snprintf(err, errlen, "cannot open state file %s: %s", path, strerror(-r));
		return r;
	}
	while (getline(&line, &cap, f) >= 0) {
		uint64_t idx, gok, gtried;
		char tail;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (ended)
			goto bad;
		switch (lineno) {
		case 1:
			if (strcmp(line, STATE_MAGIC) != 0)
				goto bad;
			continue;
		case 2:
			if (parse_header_line(line, "run_id", 16, &run_id) < 0)
				goto bad;
			continue;
		case 3:
			if (parse_header_line(line, "block_size", 10, &bs) < 0)
				goto bad;
			continue;
		case 4:
			if (parse_header_line(line, "blocks", 10, &nblocks) < 0)
				goto bad;
			continue;
		case 5:
			if (parse_header_line(line, "last_gen", 10, &last_gen) < 0)
				goto bad;
			if (bs & (bs - 1) || bs > IOB_MAX_BLOCK_SIZE ||
			    ioc_state_new(run_id, (uint32_t)bs, nblocks, &st) < 0)
				goto bad;
			st->last_gen = last_gen;
			continue;
		}
		if (strcmp(line, "end") == 0) {
			ended = true;
			continue;
		}
		if (line[0] < '0' || line[0] > '9' ||
		    sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 "%c", &idx, &gok, &gtried,
			   &tail) != 3)
			goto bad;
		if (idx >= st->nblocks || gok > gtried || gtried > st->last_gen || gtried == 0)
			goto bad;
		st->b[idx].gen_ok = gok;
		st->b[idx].gen_tried = gtried;
	}
	if (!ended) {
		snprintf(err, errlen, "%s: truncated state file (no 'end' line)", path);
		ioc_state_free(st);
		return -EINVAL;
	}
	*ret = st;
	return 0;
bad:
	snprintf(err, errlen, "%s:%u: malformed state file line", path, lineno);
	ioc_state_free(st);
	return -EINVAL;
}
