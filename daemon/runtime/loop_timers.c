/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The loop's timers: a min-heap by deadline behind one timerfd. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "common/macros.h"
#include "runtime/loop.h"
#include "runtime/loop_int.h"

/* ---- min-heap of armed timers, ordered by deadline ---- */

static void heap_swap(struct loop *l, size_t a, size_t b)
{
	struct loop_timer *t = l->heap[a];

	l->heap[a] = l->heap[b];
	l->heap[b] = t;
	l->heap[a]->heap_idx = a;
	l->heap[b]->heap_idx = b;
}

static void heap_up(struct loop *l, size_t i)
{
	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (l->heap[parent]->when <= l->heap[i]->when)
			break;
		heap_swap(l, i, parent);
		i = parent;
	}
}

static void heap_down(struct loop *l, size_t i)
{
	for (;;) {
		size_t left = 2 * i + 1, right = left + 1, min = i;

		if (left < l->nheap && l->heap[left]->when < l->heap[min]->when)
			min = left;
		if (right < l->nheap && l->heap[right]->when < l->heap[min]->when)
			min = right;
		if (min == i)
			break;
		heap_swap(l, i, min);
		i = min;
	}
}

static void heap_remove(struct loop *l, struct loop_timer *t)
{
	size_t i = t->heap_idx;

	if (i == HEAP_NONE)
		return;
	l->nheap--;
	if (i != l->nheap) {
		l->heap[i] = l->heap[l->nheap];
		l->heap[i]->heap_idx = i;
		heap_down(l, i);
		heap_up(l, i);
	}
	t->heap_idx = HEAP_NONE;
}

int loop_timer_new(struct loop *l, loop_timer_fn fn, void *userdata, struct loop_timer **ret_timer)
{
	struct loop_timer *t = calloc(1, sizeof(*t));

	if (!t)
		return -ENOMEM;
	t->l = l;
	t->fn = fn;
	t->userdata = userdata;
	t->heap_idx = HEAP_NONE;
	t->next = l->timers;
	if (l->timers)
		l->timers->prev = t;
	l->timers = t;
	*ret_timer = t;
	return 0;
}

int loop_timer_arm(struct loop_timer *t, uint64_t when_usec)
{
	struct loop *l = t->l;

	if (t->heap_idx == HEAP_NONE) {
		if (l->nheap == l->capheap) {
			size_t cap = l->capheap ? l->capheap * 2 : 64;
			struct loop_timer **h = realloc(l->heap, cap * sizeof(*h));

			if (!h)
				return -ENOMEM;
			l->heap = h;
			l->capheap = cap;
		}
		t->heap_idx = l->nheap++;
		l->heap[t->heap_idx] = t;
	}
	t->when = when_usec;
	t->armed_in = l->iteration;
	heap_down(l, t->heap_idx);
	heap_up(l, t->heap_idx);
	return 0;
}

void loop_timer_disarm(struct loop_timer *t)
{
	if (t)
		heap_remove(t->l, t);
}

bool loop_timer_armed(const struct loop_timer *t)
{
	return t && t->heap_idx != HEAP_NONE;
}

void loop_timer_free(struct loop_timer *t)
{
	struct loop *l;

	if (!t)
		return;
	l = t->l;
	heap_remove(l, t);
	if (t->prev)
		t->prev->next = t->next;
	else
		l->timers = t->next;
	if (t->next)
		t->next->prev = t->prev;
	free(t);
}

size_t loop_timer_count(const struct loop *l)
{
	return l->nheap;
}

void loop_dispatch_timers(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct loop *l = userdata;
	uint64_t expirations, now;

	(void)io;
	(void)revents;
	/* Clears readiness; the count is irrelevant since the heap is the truth. */
	if (read(fd, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
		return;
	l->tfd_programmed = 0;
	now = loop_now(l);
	while (l->nheap > 0) {
		struct loop_timer *t = l->heap[0];

		if (t->when > now || t->armed_in == l->iteration)
			break;
		heap_remove(l, t);
		t->fn(t, t->userdata); /* may free or re-arm t */
	}
}

/* Point the timerfd at the earliest timer; skipped when already there. */
int loop_prepare_timers(struct loop *l)
{
	struct itimerspec its = {0};
	uint64_t when = l->nheap ? l->heap[0]->when : 0;

	if (when == l->tfd_programmed)
		return 0;
	if (l->nheap) {
		if (when == 0)
			when = 1; /* zero would disarm the timerfd */
		its.it_value.tv_sec = (time_t)(when / 1000000u);
		its.it_value.tv_nsec = (long)(when % 1000000u) * 1000;
	}
	if (timerfd_settime(l->tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		return -errno;
	l->tfd_programmed = l->nheap ? when : 0;
	return 0;
}

