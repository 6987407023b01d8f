/*
 * rt_timer.c - a binary min-heap of timers ordered by (deadline, arming
 * order).  Start, stop: O(log n); the earliest deadline: O(1).
 */
#include <errno.h>
#include <stdlib.h>

#include "rt/rt_timer.h"

int rt_timers_init(struct rt_timers *ts, rt_clock_fn *now, void *now_arg)
{
	*ts = (struct rt_timers){.now = now, .now_arg = now_arg};
	return now ? 0 : -EINVAL;
}

void rt_timers_fini(struct rt_timers *ts)
{
	uint32_t i;

	for (i = 0; i < ts->n; i++)
		ts->heap[i]->slot = 0;
	free(ts->heap);
	ts->heap = NULL;
	ts->n = ts->cap = 0;
}

uint64_t rt_timers_now(const struct rt_timers *ts)
{
	return ts->now(ts->now_arg);
}

static int before(const struct rt_timer *a, const struct rt_timer *b)
{
	return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void place(struct rt_timers *ts, uint32_t i, struct rt_timer *t)
{
	ts->heap[i] = t;
	t->slot = i + 1;
}

static void sift_up(struct rt_timers *ts, uint32_t i)
{
	struct rt_timer *t = ts->heap[i];

	while (i > 0) {
		uint32_t parent = (i - 1) / 2;

		if (!before(t, ts->heap[parent]))
			break;
		place(ts, i, ts->heap[parent]);
		i = parent;
	}
	place(ts, i, t);
}

static void sift_down(struct rt_timers *ts, uint32_t i)
{
	struct rt_timer *t = ts->heap[i];

	for (;;) {
		uint32_t c = 2 * i + 1;

		if (c >= ts->n)
			break;
		if (c + 1 < ts->n && before(ts->heap[c + 1], ts->heap[c]))
			c++;
		if (!before(ts->heap[c], t))
			break;
		place(ts, i, ts->heap[c]);
		i = c;
	}
	place(ts, i, t);
}

static void notify(struct rt_timers *ts)
{
	if (ts->changed)
		ts->changed(ts->changed_arg);
}

static void heap_remove(struct rt_timers *ts, struct rt_timer *t)
{
	uint32_t i = t->slot - 1;
	struct rt_timer *last = ts->heap[--ts->n];

	t->slot = 0;
	if (i == ts->n)
		return;
	place(ts, i, last);
	if (i > 0 && before(last, ts->heap[(i - 1) / 2]))
		sift_up(ts, i);
	else
		sift_down(ts, i);
}

int rt_timer_start(struct rt_timers *ts, struct rt_timer *t, uint64_t delay,
		   rt_timer_fn *fn, void *arg)
{
	uint64_t now = rt_timers_now(ts);

	if (t->slot)
		heap_remove(ts, t);
	if (ts->n == ts->cap) {
		uint32_t cap = ts->cap ? ts->cap * 2 : 16;
		struct rt_timer **h;

		if (ts->n >= RT_TIMERS_MAX)
			return -ENOSPC;
		if (cap > RT_TIMERS_MAX)
			cap = RT_TIMERS_MAX;
		h = realloc(ts->heap, cap * sizeof(*h));
		if (!h)
			return -ENOMEM;
		ts->heap = h;
		ts->cap = cap;
	}
	t->due = delay > UINT64_MAX - now ? UINT64_MAX - 1 : now + delay;
	t->seq = ts->seq++;
	t->fn = fn;
	t->arg = arg;
	place(ts, ts->n++, t);
	sift_up(ts, ts->n - 1);
	notify(ts);
	return 0;
}

void rt_timer_stop(struct rt_timers *ts, struct rt_timer *t)
{
	if (!t->slot)
		return;
	heap_remove(ts, t);
	notify(ts);
}

uint64_t rt_timers_timeout(const struct rt_timers *ts)
{
	uint64_t now;

	if (ts->n == 0)
		return RT_TIMER_NONE;
	now = rt_timers_now(ts);
	return ts->heap[0]->due > now ? ts->heap[0]->due - now : 0;
}

unsigned rt_timers_expire(struct rt_timers *ts)
{
	uint64_t now = rt_timers_now(ts);
	unsigned fired = 0;

	/* A callback may arm a timer due now (delay 0): it fires in this
	 * pass too, after the ones before it, as arming order says. */
	while (ts->n && ts->heap[0]->due <= now) {
		struct rt_timer *t = ts->heap[0];

		heap_remove(ts, t);
		t->fn(t, t->arg);
		fired++;
	}
	if (fired)
		notify(ts);
	return fired;
}

uint64_t rt_fake_clock_now(void *arg)
{
	return ((const struct rt_fake_clock *)arg)->now;
}

void rt_fake_clock_advance(struct rt_fake_clock *c, struct rt_timers *ts,
			   uint64_t ms)
{
	uint64_t end = c->now + ms;

	for (;;) {
		rt_timers_expire(ts);
		if (ts->n == 0 || ts->heap[0]->due > end)
			break;
		c->now = ts->heap[0]->due;
	}
	c->now = end;
	rt_timers_expire(ts);
}
