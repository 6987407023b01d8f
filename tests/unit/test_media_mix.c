/*
 * test_media_mix.c - the conference bridge's sums (media/mix.c): each leg
 * gets the microphone and the other leg, never its own audio back; sums
 * saturate at both ends of int16.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mix.h"

enum { N = 8 };

static void test_add_saturates(void **state)
{
	int16_t a[3] = {30000, -30000, 100};
	int16_t b[3] = {10000, -10000, -300};
	int16_t d[3];

	(void)state;
	media_mix_add(d, a, b, 3);
	assert_int_equal(d[0], INT16_MAX);
	assert_int_equal(d[1], INT16_MIN);
	assert_int_equal(d[2], -200);
	media_mix_add(a, a, b, 3); /* in place */
	assert_int_equal(a[2], -200);
}

static void test_leg_hears_mic_and_other_leg(void **state)
{
	int16_t mic[N], r0[N], r1[N], tx[N];
	const int16_t *rx[MEDIA_MIX_LEGS] = {r0, r1};
	unsigned k;

	(void)state;
	for (k = 0; k < N; k++) {
		mic[k] = (int16_t)(k + 1);
		r0[k] = 1000;
		r1[k] = -2000;
	}
	media_mix_leg(tx, mic, rx, 0, N);
	for (k = 0; k < N; k++)
		assert_int_equal(tx[k], (int)k + 1 - 2000); /* not r0 */
	media_mix_leg(tx, mic, rx, 1, N);
	for (k = 0; k < N; k++)
		assert_int_equal(tx[k], (int)k + 1 + 1000); /* not r1 */
	/* a silent leg and no microphone (the phone on hold) */
	rx[1] = NULL;
	media_mix_leg(tx, NULL, rx, 0, N);
	for (k = 0; k < N; k++)
		assert_int_equal(tx[k], 0);
	media_mix_leg(tx, NULL, rx, 1, N);
	for (k = 0; k < N; k++)
		assert_int_equal(tx[k], 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_saturates),
		cmocka_unit_test(test_leg_hears_mic_and_other_leg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
