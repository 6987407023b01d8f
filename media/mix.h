/*
 * mix.h - the three-way conference bridge of the phone (the guide's
 * "Three-way conferencing ... providing mixing on the initiating phone",
 * Appendix B "Three-Way Calling"): each leg hears the person at the phone
 * and the other leg; the person hears both legs.
 *
 * Pure C on 16-bit linear frames (MEDIA_FRAME samples); sums saturate
 * instead of wrapping, so two loud parties clip rather than turn into
 * noise.  No OS, no allocation: part of the bare-metal core.
 */
#ifndef MEDIA_MIX_H
#define MEDIA_MIX_H

#include <stddef.h>
#include <stdint.h>

enum {
	MEDIA_MIX_LEGS = 2, /* a three-way call: the phone and two legs */
};

/* DST = A + B, saturated to int16; DST may be A or B. */
void media_mix_add(int16_t *dst, const int16_t *a, const int16_t *b,
		   size_t n);

/* What leg I sends: the microphone plus every other leg's received
 * frame.  RX[j] may be NULL (that leg is silent). */
void media_mix_leg(int16_t *tx, const int16_t *mic,
		   const int16_t *const rx[MEDIA_MIX_LEGS], unsigned i,
		   size_t n);

#endif
