/*
 * sip_scan.c - the character classes of sip_scan.h, one byte per byte.
 */
#include "sip/sip_scan.h"

#define T SIP_C_TOKEN
#define W SIP_C_WORD
#define L SIP_C_LABEL
#define D SIP_C_DIGIT
#define V SIP_C_VIS
#define X SIP_C_TEXT
#define H SIP_C_HEX6

const uint8_t sip_cclass[256] = {
	X, X, X, X, X, X, X, X, /* 0x00 */
	X, X, 0, X, X, 0, X, X, /* 0x08 */
	X, X, X, X, X, X, X, X, /* 0x10 */
	X, X, X, X, X, X, X, X, /* 0x18 */
	X, T|W|V|X, W|V|X, V|X, V|X, T|W|V|X, V|X, T|W|V|X, /* 0x20 */
	W|V|X, W|V|X, T|W|V|X, T|W|V|X, V|X, T|W|L|V|X, T|W|V|X|H, W|V|X, /* 0x28 */
	T|W|L|D|V|X|H, T|W|L|D|V|X|H, T|W|L|D|V|X|H, T|W|L|D|V|X|H, T|W|L|D|V|X|H, T|W|L|D|V|X|H, T|W|L|D|V|X|H, T|W|L|D|V|X|H, /* 0x30 */
	T|W|L|D|V|X|H, T|W|L|D|V|X|H, W|V|X, V|X, W|V|X, V|X, W|V|X, W|V|X, /* 0x38 */
	V|X, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X, /* 0x40 */
	T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, /* 0x48 */
	T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, /* 0x50 */
	T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, W|V|X, W|V|X, W|V|X, V|X, T|W|L|V|X, /* 0x58 */
	T|W|V|X, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X|H, T|W|L|V|X, /* 0x60 */
	T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, /* 0x68 */
	T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, /* 0x70 */
	T|W|L|V|X, T|W|L|V|X, T|W|L|V|X, W|V|X, V|X, W|V|X, T|W|V|X, X, /* 0x78 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0x80 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0x88 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0x90 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0x98 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xa0 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xa8 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xb0 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xb8 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xc0 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xc8 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xd0 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xd8 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xe0 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xe8 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xf0 */
	V|X, V|X, V|X, V|X, V|X, V|X, V|X, V|X, /* 0xf8 */
};
