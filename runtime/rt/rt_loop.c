/*
 * rt_loop.c - rt_timers driven by one uv_timer_t.
 */
#include <errno.h>

#include "rt/rt_loop.h"

static uint64_t loop_now(void *arg)
{
	return uv_now(((struct rt_loop *)arg)->uv);
}

static void on_tick(uv_timer_t *h)
{
	struct rt_loop *l = h->data;

	rt_timers_expire(&l->timers);
}

/* The earliest deadline moved: re-arm the one OS timer. */
static void on_changed(void *arg)
{
	struct rt_loop *l = arg;
	uint64_t t;

	if (l->closed)
		return;
	t = rt_timers_timeout(&l->timers);
	if (t == RT_TIMER_NONE)
		uv_timer_stop(&l->tick);
	else
		uv_timer_start(&l->tick, on_tick, t, 0);
}

int rt_loop_init(struct rt_loop *l, uv_loop_t *uv)
{
	int err;

	l->uv = uv;
	l->closed = 0;
	err = uv_timer_init(uv, &l->tick);
	if (err)
		return err;
	l->tick.data = l;
	rt_timers_init(&l->timers, loop_now, l);
	l->timers.changed = on_changed;
	l->timers.changed_arg = l;
	return 0;
}

void rt_loop_close(struct rt_loop *l)
{
	if (l->closed)
		return;
	l->closed = 1;
	rt_timers_fini(&l->timers);
	uv_close((uv_handle_t *)&l->tick, NULL);
}
