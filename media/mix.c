/*
 * mix.c - saturating sums for the conference bridge (media/mix.h).
 */
#include <string.h>

#include "mix.h"

static int16_t sat16(int32_t v)
{
	return v > INT16_MAX ? INT16_MAX : v < INT16_MIN ? INT16_MIN : (int16_t)v;
}

void media_mix_add(int16_t *dst, const int16_t *a, const int16_t *b, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		dst[k] = sat16((int32_t)a[k] + b[k]);
}

void media_mix_leg(int16_t *tx, const int16_t *mic,
		   const int16_t *const rx[MEDIA_MIX_LEGS], unsigned i,
		   size_t n)
{
	unsigned j;

	if (mic)
		memmove(tx, mic, n * sizeof(*tx));
	else
		memset(tx, 0, n * sizeof(*tx));
	for (j = 0; j < MEDIA_MIX_LEGS; j++)
		if (j != i && rx[j])
			media_mix_add(tx, tx, rx[j], n);
}
