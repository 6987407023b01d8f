/*
 * test_sip_scan.c - the class tables behind the grammars' fast skips
 * (runtime/sip/sip_scan.h): every one of the 256 bytes is in a class
 * exactly when the grammar's class (spec/sip/_core.rl, RFC 3261 s.25.1)
 * holds it, and sip_skip stops at the first byte outside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sip/sip_scan.h"

static int alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* The grammar's classes, spelled as _core.rl spells them. */
static int in_token(int c)
{
	return c != 0 && (alnum(c) || strchr("-.!%*_+`'~", c));
}

static int in_word(int c)
{
	return c != 0 && (alnum(c) || strchr("-.!%*_+`'~()<>:\\\"/[]?{}", c));
}

static int in_label(int c)
{
	return c != 0 && (alnum(c) || c == '-' || c == '_');
}

static int in_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int in_hex6(int c)
{
	return c != 0 && strchr("0123456789abcdefABCDEF.", c);
}

static void test_tables_match_grammar(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		assert_int_equal(!!(sip_cclass[c] & SIP_C_TOKEN), in_token(c));
		assert_int_equal(!!(sip_cclass[c] & SIP_C_WORD), in_word(c));
		assert_int_equal(!!(sip_cclass[c] & SIP_C_LABEL), in_label(c));
		assert_int_equal(!!(sip_cclass[c] & SIP_C_DIGIT), in_digit(c));
		assert_int_equal(!!(sip_cclass[c] & SIP_C_HEX6), in_hex6(c));
		assert_int_equal(!!(sip_cclass[c] & SIP_C_VIS),
				 c > 0x20 && c != 0x7f);
		assert_int_equal(!!(sip_cclass[c] & SIP_C_TEXT),
				 c != '\r' && c != '\n');
		/* Only TEXT holds a NUL or a byte above 0x7e but VIS too. */
		if (c == 0)
			assert_int_equal(sip_cclass[c], SIP_C_TEXT);
		if (c > 0x7e)
			assert_int_equal(sip_cclass[c] & ~(SIP_C_VIS | SIP_C_TEXT), 0);
		/* A line end is in no class. */
		if (c == '\r' || c == '\n')
			assert_int_equal(sip_cclass[c], 0);
	}
}

static void test_skip_stops(void **state)
{
	static const unsigned char s[] = "z9hG4bK-a.b;c";
	const unsigned char *pe = s + sizeof(s) - 1;
	unsigned char one[1];
	int c;

	(void)state;
	assert_ptr_equal(sip_skip(s, pe, SIP_C_TOKEN), s + 11);
	assert_ptr_equal(sip_skip(s, pe, SIP_C_LABEL), s + 9);
	assert_ptr_equal(sip_skip(s, pe, SIP_C_DIGIT), s);
	assert_ptr_equal(sip_skip(s + 1, pe, SIP_C_DIGIT), s + 2);
	assert_ptr_equal(sip_skip(s, s, SIP_C_TOKEN), s);          /* empty */
	assert_ptr_equal(sip_skip(s, s + 3, SIP_C_TOKEN), s + 3);  /* to the end */
	for (c = 0; c < 256; c++) {
		one[0] = (unsigned char)c;
		assert_ptr_equal(sip_skip(one, one + 1, SIP_C_WORD),
				 one + in_word(c));
	}
}

/* sip_find_crlf: the first CR or LF, at every offset, length and byte. */
static void test_find_crlf(void **state)
{
	unsigned char b[48];
	size_t at, len, off;
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		for (len = 0; len <= 40; len++) {
			for (at = 0; at <= len; at++) {
				memset(b, 'x', sizeof(b));
				if (at < len)
					b[at] = (unsigned char)c;
				/* A CR past PE must not be seen. */
				b[len] = '\r';
				off = (at < len && (c == '\r' || c == '\n'))
				      ? at : len;
				assert_ptr_equal(sip_find_crlf(b, b + len),
						 b + off);
				if (len > 3)
					assert_ptr_equal(
						sip_find_crlf(b + 3, b + len),
						b + (off < 3 ? len : off));
			}
		}
	}
}

/* sip_skip_vis: the first byte outside VIS, at every offset, length and
 * byte; visible bytes past PE must not be seen. */
static void test_skip_vis(void **state)
{
	unsigned char b[48];
	size_t at, len, off;
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		int vis = c > 0x20 && c != 0x7f;

		for (len = 0; len <= 40; len++) {
			for (at = 0; at <= len; at++) {
				memset(b, 'x', sizeof(b));
				if (at < len)
					b[at] = (unsigned char)c;
				off = (at < len && !vis) ? at : len;
				assert_ptr_equal(sip_skip_vis(b, b + len),
						 b + off);
				assert_ptr_equal(sip_skip(b, b + len,
							  SIP_C_VIS), b + off);
				if (len > 3)
					assert_ptr_equal(
						sip_skip_vis(b + 3, b + len),
						b + (off < 3 ? len : off));
			}
		}
	}
}

/* sip_skip_hostname against its definition, byte by byte, on strings of
 * label bytes, dots and a few others. */
static void test_skip_hostname(void **state)
{
	static const char alpha[] = "0123456789.a-_Z:;[";
	unsigned char b[40];
	uint32_t x = 12345;
	size_t len, i;
	int n;

	(void)state;
	for (n = 0; n < 200000; n++) {
		const unsigned char *p, *pe;

		x = x * 1103515245u + 12345u;
		len = (x >> 16) % sizeof(b);
		for (i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			/* Mostly digits and dots: IPv4-like runs. */
			b[i] = (unsigned char)alpha[(x >> 16) % ((x & 0x100)
					? 11 : sizeof(alpha) - 1)];
		}
		pe = b + len;
		for (p = b; p < pe;) {
			if (sip_cclass[*p] & SIP_C_LABEL)
				p++;
			else if (*p == '.' && pe - p >= 2 &&
				 (sip_cclass[p[1]] & SIP_C_LABEL))
				p += 2;
			else
				break;
		}
		assert_ptr_equal(sip_skip_hostname(b, pe), p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_match_grammar),
		cmocka_unit_test(test_skip_stops),
		cmocka_unit_test(test_find_crlf),
		cmocka_unit_test(test_skip_vis),
		cmocka_unit_test(test_skip_hostname),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
