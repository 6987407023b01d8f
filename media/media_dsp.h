/*
 * media_dsp.h - the SpanDSP headers media/ uses, without <spandsp.h>:
 * that one includes <tiffio.h> (fax), which the armhf sysroot does not
 * carry.  Only the opaque-state APIs are used (every state is allocated by
 * its _init(NULL, ...)), so the fixed-point armhf build and the float
 * host build share these declarations.  Hosted only.
 */
#ifndef MEDIA_DSP_H
#define MEDIA_DSP_H

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <spandsp/telephony.h>
#include <spandsp/logging.h>
#include <spandsp/bit_operations.h>
#include <spandsp/g711.h>
#include <spandsp/super_tone_rx.h>
#include <spandsp/dtmf.h>
#include <spandsp/tone_generate.h>
#include <spandsp/plc.h>
#include <spandsp/noise.h>

enum { MEDIA_RATE_HZ = 8000 };

/* dBm0 of the low DTMF tone at the guide's dtmf_db_level 3 ("nominal");
 * levels 1..5 are -6, -3, 0, +3, +6 dB from it. */
enum { MEDIA_DTMF_NOMINAL_DBM0 = -10 };

/* Saturating add of two samples. */
static inline int16_t media_sat_add(int16_t a, int16_t b)
{
	int32_t s = (int32_t)a + b;

	return (int16_t)(s > INT16_MAX ? INT16_MAX : s < INT16_MIN ? INT16_MIN : s);
}

/* Mean power of N samples in dBov (0 dBov: a full-scale square wave);
 * -127 for digital silence. */
int media_power_dbov(const int16_t *pcm, size_t n);

#endif
