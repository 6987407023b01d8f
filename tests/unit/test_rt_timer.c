/*
 * test_rt_timer.c - timers and the fake clock (runtime/rt/rt_timer.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rt/rt_timer.h"

struct log {
	unsigned n;
	int who[64];
	uint64_t when[64];
	struct rt_fake_clock *clock;
};

struct probe {
	struct rt_timer t;
	int id;
	struct log *log;
	struct rt_timers *ts;
	uint64_t rearm; /* re-arm this far ahead when fired, 0: no */
	unsigned times;
};

static void fired(struct rt_timer *t, void *arg)
{
	struct probe *p = arg;

	assert_ptr_equal(t, &p->t);
	assert_true(p->log->n < 64);
	p->log->who[p->log->n] = p->id;
	p->log->when[p->log->n] = p->log->clock->now;
	p->log->n++;
	if (p->rearm && --p->times)
		assert_int_equal(rt_timer_start(p->ts, &p->t, p->rearm, fired, p),
				 0);
}

static void test_order_and_ties(void **state)
{
	struct rt_fake_clock c = {1000};
	struct rt_timers ts;
	struct log log = {.clock = &c};
	struct probe p[5];
	static const uint64_t delay[5] = {300, 100, 200, 100, 0};
	int i;

	(void)state;
	assert_int_equal(rt_timers_init(&ts, rt_fake_clock_now, &c), 0);
	assert_int_equal(rt_timers_timeout(&ts), RT_TIMER_NONE);
	for (i = 0; i < 5; i++) {
		p[i] = (struct probe){.id = i, .log = &log, .ts = &ts};
		assert_int_equal(rt_timer_start(&ts, &p[i].t, delay[i], fired,
						&p[i]),
				 0);
		assert_true(rt_timer_armed(&p[i].t));
	}
	assert_int_equal(rt_timers_timeout(&ts), 0);
	rt_fake_clock_advance(&c, &ts, 1000);
	assert_int_equal(log.n, 5);
	/* earliest first; equal deadlines in arming order */
	assert_int_equal(log.who[0], 4);
	assert_int_equal(log.who[1], 1);
	assert_int_equal(log.who[2], 3);
	assert_int_equal(log.who[3], 2);
	assert_int_equal(log.who[4], 0);
	assert_int_equal(log.when[0], 1000);
	assert_int_equal(log.when[1], 1100);
	assert_int_equal(log.when[3], 1200);
	assert_int_equal(log.when[4], 1300);
	assert_int_equal(c.now, 2000);
	for (i = 0; i < 5; i++)
		assert_false(rt_timer_armed(&p[i].t));
	rt_timers_fini(&ts);
}

static void test_stop_restart(void **state)
{
	struct rt_fake_clock c = {0};
	struct rt_timers ts;
	struct log log = {.clock = &c};
	struct probe a = {.id = 1, .log = &log}, b = {.id = 2, .log = &log};

	(void)state;
	rt_timers_init(&ts, rt_fake_clock_now, &c);
	a.ts = b.ts = &ts;
	rt_timer_start(&ts, &a.t, 100, fired, &a);
	rt_timer_start(&ts, &b.t, 200, fired, &b);
	assert_int_equal(rt_timers_timeout(&ts), 100);
	rt_timer_stop(&ts, &a.t);
	rt_timer_stop(&ts, &a.t); /* twice is harmless */
	assert_int_equal(rt_timers_timeout(&ts), 200);
	rt_fake_clock_advance(&c, &ts, 50);
	rt_timer_start(&ts, &b.t, 500, fired, &b); /* re-arm while armed */
	assert_int_equal(ts.n, 1);
	rt_fake_clock_advance(&c, &ts, 499);
	assert_int_equal(log.n, 0);
	rt_fake_clock_advance(&c, &ts, 1);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.when[0], 550);
	rt_timers_fini(&ts);
}

/* A callback that re-arms itself: the exact doubling schedule a SIP
 * retransmission timer follows. */
static void test_rearm_from_callback(void **state)
{
	struct rt_fake_clock c = {0};
	struct rt_timers ts;
	struct log log = {.clock = &c};
	struct probe a = {.id = 1, .log = &log, .rearm = 500, .times = 4};

	(void)state;
	rt_timers_init(&ts, rt_fake_clock_now, &c);
	a.ts = &ts;
	rt_timer_start(&ts, &a.t, 500, fired, &a);
	rt_fake_clock_advance(&c, &ts, 10000);
	assert_int_equal(log.n, 4);
	assert_int_equal(log.when[0], 500);
	assert_int_equal(log.when[1], 1000);
	assert_int_equal(log.when[3], 2000);
	rt_timers_fini(&ts);
}

static void noop(struct rt_timer *t, void *arg)
{
	(void)t;
	(void)arg;
}

/* RT_TIMERS_MAX armed at once, and not one more; random stops keep the
 * heap in order. */
static void test_limit_and_heap(void **state)
{
	struct rt_fake_clock c = {0};
	struct rt_timers ts;
	struct rt_timer *t = calloc(RT_TIMERS_MAX + 1, sizeof(*t));
	struct rt_timer extra = {0};
	uint64_t last = 0;
	unsigned i, seed = 12345;

	(void)state;
	assert_non_null(t);
	rt_timers_init(&ts, rt_fake_clock_now, &c);
	for (i = 0; i < RT_TIMERS_MAX; i++) {
		seed = seed * 1103515245u + 12345u;
		assert_int_equal(rt_timer_start(&ts, &t[i], seed % 100000, noop,
						NULL),
				 0);
	}
	assert_int_equal(rt_timer_start(&ts, &extra, 1, noop, NULL), -ENOSPC);
	assert_false(rt_timer_armed(&extra));
	for (i = 0; i < RT_TIMERS_MAX; i += 3)
		rt_timer_stop(&ts, &t[i]);
	while (ts.n) {
		struct rt_timer *top = ts.heap[0];

		assert_true(top->due >= last);
		last = top->due;
		rt_timer_stop(&ts, top);
	}
	rt_timers_fini(&ts);
	free(t);
}

static unsigned changes;
static void on_change(void *arg)
{
	(void)arg;
	changes++;
}

static void test_changed_hook(void **state)
{
	struct rt_fake_clock c = {0};
	struct rt_timers ts;
	struct rt_timer a = {0};

	(void)state;
	rt_timers_init(&ts, rt_fake_clock_now, &c);
	ts.changed = on_change;
	changes = 0;
	rt_timer_start(&ts, &a, 10, noop, NULL);
	assert_int_equal(changes, 1);
	rt_timer_stop(&ts, &a);
	assert_int_equal(changes, 2);
	rt_timer_start(&ts, &a, 10, noop, NULL);
	rt_fake_clock_advance(&c, &ts, 10);
	assert_true(changes >= 4);
	rt_timers_fini(&ts);
	assert_int_equal(rt_timers_init(&ts, NULL, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_ties),
		cmocka_unit_test(test_stop_restart),
		cmocka_unit_test(test_rearm_from_callback),
		cmocka_unit_test(test_limit_and_heap),
		cmocka_unit_test(test_changed_hook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
