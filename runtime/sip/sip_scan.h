/*
 * sip_scan.h - skip a run of one character class quickly, for the Ragel
 * actions of the SIP grammars (spec/sip/).
 *
 * A grammar state that loops on a class with no action does nothing but
 * advance p; an action on the transition into that state may jump to the
 * first byte outside the class instead ("fexec sip_skip(p + 1, pe, C);"),
 * which is what the loop would have done, a table look-up per byte
 * instead of Ragel's range tests.  Each class below is the class of one
 * such loop in the grammar (spec/sip/_core.rl); test_sip_scan checks every
 * byte of each table against the grammar's definition, and
 * tools/skipcheck.py checks that every skip lands on a state that loops on
 * exactly those bytes.
 */
#ifndef SIP_SCAN_H
#define SIP_SCAN_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum sip_cclass {
	SIP_C_TOKEN = 1 << 0, /* token: alphanum | [-.!%*_+`'~] */
	SIP_C_WORD  = 1 << 1, /* word: token | [()<>:\\"/[]?{}] */
	SIP_C_LABEL = 1 << 2, /* hostname label: alphanum | [-_] */
	SIP_C_DIGIT = 1 << 3, /* digit */
	SIP_C_VIS   = 1 << 4, /* any - (0x00..0x20 | 0x7f): a Request-URI's bytes */
	SIP_C_TEXT  = 1 << 5, /* any - [\r\n]: a Reason-Phrase's bytes */
	SIP_C_HEX6  = 1 << 6, /* xdigit | '.': a token that may be an IPv6 address */
};

extern const uint8_t sip_cclass[256];

/*
 * The first byte at or after P (before PE) outside class C, or PE.
 * Scalar on purpose: the runs are a few bytes long.  A 16-byte pshufb
 * class test (SSSE3) in front of this loop cost more over the bench
 * corpus, 6,991 -> 7,031 instr/msg, and 7,104 with a vector tail too.
 */
static inline __attribute__((always_inline)) const unsigned char *
sip_skip(const unsigned char *p, const unsigned char *pe, unsigned c)
{
	/* Four bytes a round: one load and test per byte. */
	while (pe - p >= 4) {
		if (!(sip_cclass[p[0]] & c))
			return p;
		if (!(sip_cclass[p[1]] & c))
			return p + 1;
		if (!(sip_cclass[p[2]] & c))
			return p + 2;
		if (!(sip_cclass[p[3]] & c))
			return p + 3;
		p += 4;
	}
	while (p < pe && (sip_cclass[*p] & c))
		p++;
	return p;
}

/* sip_skip() for long runs (a Call-ID's words): eight bytes a round, their
 * classes ANDed and tested once, then sip_skip() finds the exact end. */
static inline __attribute__((always_inline)) const unsigned char *
sip_skip_long(const unsigned char *p, const unsigned char *pe, unsigned c)
{
	while (pe - p >= 8 &&
	       (sip_cclass[p[0]] & sip_cclass[p[1]] & sip_cclass[p[2]] &
		sip_cclass[p[3]] & sip_cclass[p[4]] & sip_cclass[p[5]] &
		sip_cclass[p[6]] & sip_cclass[p[7]] & c))
		p += 8;
	return sip_skip(p, pe, c);
}

#if !defined(__SSE2__) && defined(__ARM_NEON) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SIP_SCAN_NEON 1
typedef unsigned char sip_v16 __attribute__((vector_size(16)));

/* The first of sixteen bytes set in HIT (each 0x00 or 0xff), or 16. */
static inline __attribute__((always_inline)) unsigned
sip_v16_first(sip_v16 hit)
{
	typedef uint64_t v2 __attribute__((vector_size(16)));
	v2 h = (v2)hit;

	if (h[0])
		return (unsigned)__builtin_ctzll(h[0]) >> 3;
	if (h[1])
		return 8 + ((unsigned)__builtin_ctzll(h[1]) >> 3);
	return 16;
}
#endif

/*
 * The first CR or LF at or after P (before PE), or PE: where a header
 * value's line ends.  Sixteen bytes a round where the CPU compares
 * vectors (SSE2, NEON), two memchr scans elsewhere.
 */
static inline __attribute__((always_inline)) const unsigned char *
sip_find_crlf(const unsigned char *p, const unsigned char *pe)
{
#if defined(__SSE2__)
	const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');

	while (pe - p >= 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned hit = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(w, cr), _mm_cmpeq_epi8(w, lf)));

		if (hit)
			return p + __builtin_ctz(hit);
		p += 16;
	}
	while (p < pe && *p != '\r' && *p != '\n')
		p++;
	return p;
#elif defined(SIP_SCAN_NEON)
	while (pe - p >= 16) {
		sip_v16 w;
		unsigned n;

		__builtin_memcpy(&w, p, 16);
		n = sip_v16_first((sip_v16)((w == '\r') | (w == '\n')));
		if (n < 16)
			return p + n;
		p += 16;
	}
	while (p < pe && *p != '\r' && *p != '\n')
		p++;
	return p;
#else
	/* libc's memchr is the fast scan here: the LF, then a CR before it. */
	const unsigned char *nl = __builtin_memchr(p, '\n', (size_t)(pe - p));
	const unsigned char *e = nl ? nl : pe;
	const unsigned char *cr = __builtin_memchr(p, '\r', (size_t)(e - p));

	return cr ? cr : e;
#endif
}

/*
 * sip_skip(P, PE, SIP_C_VIS) sixteen bytes a round where the CPU compares
 * vectors: a Request-URI's run of visible bytes (above 0x20, not 0x7f).
 */
static inline __attribute__((always_inline)) const unsigned char *
sip_skip_vis(const unsigned char *p, const unsigned char *pe)
{
#if defined(__SSE2__)
	const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f),
		      zero = _mm_setzero_si128();

	while (pe - p >= 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* Signed: 0x21..0x7f above SP, 0x80..0xff below zero. */
		__m128i vis = _mm_andnot_si128(_mm_cmpeq_epi8(w, del),
			_mm_or_si128(_mm_cmpgt_epi8(w, sp),
				     _mm_cmplt_epi8(w, zero)));
		unsigned miss = (unsigned)_mm_movemask_epi8(vis) ^ 0xffffu;

		if (miss)
			return p + __builtin_ctz(miss);
		p += 16;
	}
#elif defined(SIP_SCAN_NEON)
	while (pe - p >= 16) {
		sip_v16 w;
		unsigned n;

		__builtin_memcpy(&w, p, 16);
		n = sip_v16_first((sip_v16)((w <= 0x20) | (w == 0x7f)));
		if (n < 16)
			return p + n;
		p += 16;
	}
#endif
	return sip_skip(p, pe, SIP_C_VIS);
}

/*
 * The end of a hostname's run of labels and inner dots from P (sip_via.rl,
 * sip_uri.rl): a '.' is taken only with a label byte after it, so a
 * trailing or doubled '.' is left to the grammar, whose state inside a
 * label is the same after "a" as after "a.b.c" (tools/skipcheck.py).
 */
static inline __attribute__((always_inline)) const unsigned char *
sip_skip_hostname(const unsigned char *p, const unsigned char *pe)
{
	for (;;) {
		p = sip_skip(p, pe, SIP_C_LABEL);
		if (pe - p < 2 || *p != '.' || !(sip_cclass[p[1]] & SIP_C_LABEL))
			return p;
		p += 2;
	}
}

#endif
