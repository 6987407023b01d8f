/*
 * rt_timer.h - timers on a replaceable monotonic clock.
 *
 * Every timer of the phone (SIP timers A-M, registration refresh, dial-plan
 * timeouts...) is an rt_timer in one rt_timers set.  The set reads time
 * through a clock callback: the libuv loop's in the program (rt_loop.h), a
 * fake one in tests, which then step time exactly from deadline to
 * deadline.  No OS needed: part of the bare-metal core.
 */
#ifndef RT_TIMER_H
#define RT_TIMER_H

#include <stdbool.h>
#include <stdint.h>

enum { RT_TIMERS_MAX = 4096 }; /* armed at once; -ENOSPC past it */
#define RT_TIMER_NONE UINT64_MAX

struct rt_timer;
typedef void rt_timer_fn(struct rt_timer *t, void *arg);

/* Owned by the caller (usually embedded in the object it times); must
 * stay put while armed. */
struct rt_timer {
	uint64_t due;      /* ms on the set's clock */
	uint64_t seq;      /* equal deadlines fire in the order armed */
	uint32_t slot;     /* heap index + 1; 0 when not armed */
	rt_timer_fn *fn;
	void *arg;
};

typedef uint64_t rt_clock_fn(void *arg); /* monotonic milliseconds */

struct rt_timers {
	struct rt_timer **heap;
	uint32_t n, cap;
	uint64_t seq;
	rt_clock_fn *now;
	void *now_arg;
	/* Called when the earliest deadline may have changed (the loop
	 * re-arms its one OS timer); may be NULL. */
	void (*changed)(void *arg);
	void *changed_arg;
};

int rt_timers_init(struct rt_timers *ts, rt_clock_fn *now, void *now_arg);
void rt_timers_fini(struct rt_timers *ts);
uint64_t rt_timers_now(const struct rt_timers *ts);

/* Arm T to fire DELAY ms from now (re-arms it if armed).  -ENOSPC when
 * RT_TIMERS_MAX are armed, -ENOMEM. */
int rt_timer_start(struct rt_timers *ts, struct rt_timer *t, uint64_t delay,
		   rt_timer_fn *fn, void *arg);
void rt_timer_stop(struct rt_timers *ts, struct rt_timer *t);

static inline bool rt_timer_armed(const struct rt_timer *t)
{
	return t->slot != 0;
}

/* Milliseconds until the earliest deadline (0 if due), RT_TIMER_NONE if
 * nothing is armed. */
uint64_t rt_timers_timeout(const struct rt_timers *ts);
/* Fire every timer due now, earliest first; returns how many fired. */
unsigned rt_timers_expire(struct rt_timers *ts);

/* A clock for tests: time moves only when told. */
struct rt_fake_clock {
	uint64_t now;
};
rt_clock_fn rt_fake_clock_now;
/* Move the fake clock MS forward, stopping at each deadline on the way so
 * that every timer fires at its exact time. */
void rt_fake_clock_advance(struct rt_fake_clock *c, struct rt_timers *ts,
			   uint64_t ms);

#endif
