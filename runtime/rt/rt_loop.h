/*
 * rt_loop.h - the one libuv loop that owns everything, and the phone's
 * timers on it.
 *
 * The loop's rt_timers read uv_now(); one uv_timer_t is kept armed for the
 * earliest deadline.  rt_loop_close() closes that handle; the owner runs
 * the loop until every handle is closed (uv_loop_close succeeds), so
 * valgrind sees nothing left behind.
 */
#ifndef RT_LOOP_H
#define RT_LOOP_H

#include <uv.h>

#include "rt/rt_timer.h"

struct rt_loop {
	uv_loop_t *uv;
	uv_timer_t tick;
	struct rt_timers timers;
	int closed;
};

int rt_loop_init(struct rt_loop *l, uv_loop_t *uv);
/* Stop the timers and close the tick handle (asynchronously: run the loop
 * once more to finish). */
void rt_loop_close(struct rt_loop *l);

#endif
