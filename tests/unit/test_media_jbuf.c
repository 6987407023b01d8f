/*
 * test_media_jbuf.c - the adaptive jitter buffer (media/jbuf.c): order,
 * duplicates, loss, late packets, wrap, adaptation, resync, limits.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "jbuf.h"

static struct jbuf jb;

static int put(uint16_t seq, uint64_t now)
{
	uint8_t pl[2] = {(uint8_t)(seq >> 8), (uint8_t)seq};

	return jbuf_put(&jb, 7, seq, (uint32_t)seq * 160, 0, false, pl, 2, now);
}

/* The next frame's sequence number, -1 missing, -2 empty. */
static int get(void)
{
	const struct jbuf_frame *f;

	switch (jbuf_get(&jb, &f)) {
	case JBUF_FRAME:
		assert_int_equal(f->data[0] << 8 | f->data[1], f->seq);
		return f->seq;
	case JBUF_MISSING:
		return -1;
	default:
		assert_null(f);
		return -2;
	}
}

static void test_in_order(void **state)
{
	uint64_t now = 0;
	int i;

	(void)state;
	jbuf_init(&jb, 0, 0);
	assert_int_equal(get(), -2); /* nothing yet */
	for (i = 0; i < 100; i++, now += 20) {
		assert_int_equal(put((uint16_t)(1000 + i), now), 0);
		assert_int_equal(get(), 1000 + i);
	}
	assert_int_equal(jbuf_stats(&jb)->received, 100);
	assert_int_equal(jbuf_stats(&jb)->lost, 0);
	assert_int_equal(jbuf_stats(&jb)->jitter, 0);
	assert_int_equal(jbuf_stats(&jb)->delay_ms, JBUF_MIN_DELAY_MS);
	assert_int_equal(jbuf_expected(&jb), 100);
}

static void test_reorder_dup_loss_late(void **state)
{
	(void)state;
	jbuf_init(&jb, 60, 0); /* three frames of prefill */
	assert_int_equal(put(10, 0), 0);
	assert_int_equal(put(12, 40), 0);
	assert_int_equal(put(11, 41), 0);  /* reordered */
	assert_int_equal(put(11, 42), -EALREADY);
	assert_int_equal(put(14, 80), 0);  /* 13 lost */
	assert_int_equal(get(), 10);
	assert_int_equal(get(), 11);
	assert_int_equal(get(), 12);
	assert_int_equal(get(), -1);
	assert_int_equal(put(13, 100), -ETIME); /* too late now */
	assert_int_equal(get(), 14);
	assert_int_equal(put(14, 120), -ETIME);
	assert_int_equal(jbuf_stats(&jb)->duplicate, 1);
	assert_int_equal(jbuf_stats(&jb)->lost, 1);
	assert_int_equal(jbuf_stats(&jb)->late, 2);
	assert_int_equal(jbuf_stats(&jb)->received, 4);
	/* underrun: nothing buffered waits, it is not a loss */
	assert_int_equal(get(), -2);
	assert_int_equal(jbuf_stats(&jb)->underrun, 1);
	assert_int_equal(jbuf_stats(&jb)->lost, 1);
}

static void test_wrap(void **state)
{
	uint64_t now = 0;
	int i;

	(void)state;
	jbuf_init(&jb, 0, 0);
	assert_int_equal(put(65534, now), 0);
	assert_int_equal(get(), 65534);
	assert_int_equal(put(0, now += 20), 0);   /* 65535 lost across wrap */
	assert_int_equal(put(65535, now), 0);     /* no: it came late-ish */
	assert_int_equal(get(), 65535);
	assert_int_equal(get(), 0);
	for (i = 1; i < 10; i++) {
		assert_int_equal(put((uint16_t)i, now += 20), 0);
		assert_int_equal(get(), i);
	}
	assert_int_equal(jbuf_stats(&jb)->lost, 0);
	assert_int_equal(jbuf_ext_seq(&jb), 65536 + 9);
	assert_int_equal(jbuf_expected(&jb), 12);
}

static void test_limits(void **state)
{
	uint8_t big[JBUF_PAYLOAD_MAX + 1] = {0};

	(void)state;
	jbuf_init(&jb, 1, 100000);
	assert_int_equal(jb.min_ms, JBUF_MIN_DELAY_MS);
	assert_int_equal(jb.max_ms, JBUF_MAX_DELAY_MS);
	jbuf_init(&jb, 150, 60);
	assert_true(jb.max_ms >= jb.min_ms);
	jbuf_init(&jb, 0, 0);
	assert_int_equal(jbuf_put(&jb, 1, 1, 0, 0, false, big,
				  JBUF_PAYLOAD_MAX, 0), 0);
	assert_int_equal(jbuf_put(&jb, 1, 2, 0, 0, false, big,
				  JBUF_PAYLOAD_MAX + 1, 0), -EMSGSIZE);
}

static void test_window_edge(void **state)
{
	(void)state;
	jbuf_init(&jb, 0, 0);
	assert_int_equal(put(100, 0), 0);
	assert_int_equal(put(100 + JBUF_SLOTS - 1, 0), 0);
	assert_int_equal(put(100 + JBUF_SLOTS, 0), -ERANGE);
	assert_int_equal(jbuf_stats(&jb)->overflow, 1);
	/* late at and past JBUF_LATE_MAX behind */
	jbuf_init(&jb, 0, 0);
	assert_int_equal(put(1000, 0), 0);
	assert_int_equal(put((uint16_t)(1000 - JBUF_LATE_MAX), 0), -ETIME);
	assert_int_equal(put((uint16_t)(1000 - JBUF_LATE_MAX - 1), 0), -ERANGE);
}

static void test_resync(void **state)
{
	(void)state;
	jbuf_init(&jb, 0, 0);
	assert_int_equal(put(10, 0), 0);
	assert_int_equal(get(), 10);
	/* a jump: one stray is dropped, two in a row restart */
	assert_int_equal(put(30000, 20), -ERANGE);
	assert_int_equal(put(11, 20), 0);
	assert_int_equal(get(), 11);
	assert_int_equal(put(40000, 40), -ERANGE);
	assert_int_equal(put(40001, 60), 0);
	assert_int_equal(jbuf_stats(&jb)->resync, 1);
	assert_int_equal(get(), 40001);
	/* a new SSRC starts over at once */
	assert_int_equal(jbuf_put(&jb, 99, 5, 0, 0, false,
				  (const uint8_t[]){0, 5}, 2, 80), 0);
	assert_int_equal(jbuf_stats(&jb)->resync, 2);
	assert_int_equal(get(), 5);
}

/* Jitter grows the target delay up to the maximum; steady arrival
 * brings the buffer back down. */
static void test_adaptation(void **state)
{
	uint64_t now = 0;
	int i, frames = 0;

	(void)state;
	jbuf_init(&jb, 0, 0);
	for (i = 0; i < 200; i++) {
		/* every other packet 60 ms late */
		uint64_t at = (uint64_t)i * 20 + (i % 2 ? 60 : 0);

		put((uint16_t)i, at);
		if (get() >= 0)
			frames++;
	}
	assert_true(jbuf_stats(&jb)->jitter > 30 * JBUF_CLOCK_KHZ);
	assert_true(jbuf_stats(&jb)->delay_ms > 100);
	assert_true(jbuf_stats(&jb)->delay_ms <= JBUF_MAX_DELAY_MS);
	/* huge jitter: capped at the maximum */
	jbuf_init(&jb, 0, 0);
	for (i = 0; i < 200; i++)
		put((uint16_t)i, (uint64_t)i * 20 + (i % 2 ? 900 : 0));
	assert_int_equal(jbuf_stats(&jb)->delay_ms, JBUF_MAX_DELAY_MS);
	/* a burst fills the buffer deep; steady flow shrinks it */
	jbuf_init(&jb, 0, 0);
	for (i = 0; i < 20; i++)
		put((uint16_t)i, 0);
	now = 0;
	for (i = 20; i < 20 + 3 * JBUF_SHRINK_TICKS; i++) {
		get();
		put((uint16_t)i, now += 20);
	}
	assert_true(jbuf_stats(&jb)->shrunk > 0);
	assert_true(jbuf_stats(&jb)->depth_ms < 20 * JBUF_FRAME_MS);
	(void)frames;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_reorder_dup_loss_late),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_window_edge),
		cmocka_unit_test(test_resync),
		cmocka_unit_test(test_adaptation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
