/*
 * sip_scan.c - the character classes of sip_scan.h, one byte per byte.
 */
#include "sip/sip_scan.h"

#define T SIP_C_TOKEN
#define W SIP_C_WORD
#define L SIP_C_LABEL
#define D SIP_C_DIGIT

const uint8_t sip_cclass[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x08 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x18 */
	0, T|W, W, 0, 0, T|W, 0, T|W, /* 0x20 */
	W, W, T|W, T|W, 0, T|W|L, T|W, W, /* 0x28 */
	T|W|L|D, T|W|L|D, T|W|L|D, T|W|L|D, T|W|L|D, T|W|L|D, T|W|L|D, T|W|L|D, /* 0x30 */
	T|W|L|D, T|W|L|D, W, 0, W, 0, W, W, /* 0x38 */
	0, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, /* 0x40 */
	T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, /* 0x48 */
	T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, /* 0x50 */
	T|W|L, T|W|L, T|W|L, W, W, W, 0, T|W|L, /* 0x58 */
	T|W, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, /* 0x60 */
	T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, /* 0x68 */
	T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, T|W|L, /* 0x70 */
	T|W|L, T|W|L, T|W|L, W, 0, W, T|W, 0, /* 0x78 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x80 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x88 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x90 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0x98 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xa0 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xa8 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xb0 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xb8 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xc0 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xc8 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xd0 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xd8 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xe0 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xe8 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xf0 */
	0, 0, 0, 0, 0, 0, 0, 0, /* 0xf8 */
};
