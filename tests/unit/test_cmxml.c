/*
 * test_cmxml.c - runtime/cmxml: the three CMXML objects, white space as
 * the guide says, the limits at and past their edge, bad documents named
 * by line.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cmxml/cmxml.h"

static struct cmxml_obj o;
static char why[CMXML_WHY_MAX];

static int parse(const char *doc)
{
	return cmxml_parse(doc, strlen(doc), &o, why, sizeof(why));
}

static void test_menu(void **state)
{
	(void)state;
	assert_int_equal(parse(
		"<?xml version=\"1.0\"?>\n"
		"<CiscoIPPhoneMenu>\n"
		"  <Title>Company\n   Services</Title>\n"
		"  <Prompt>Pick one</Prompt>\n"
		"  <MenuItem><Name>Weather &amp; news</Name>\n"
		"    <URL>http://10.0.0.1/w.xml?a=1&amp;b=2</URL></MenuItem>\n"
		"  <MenuItem><Name>Stocks</Name><URL>http://10.0.0.1/s</URL>"
		"</MenuItem>\n"
		"  <SoftKeyItem><Name>Exit</Name><URL>SoftKey:Exit</URL>"
		"<Position>1</Position></SoftKeyItem>\n"
		"</CiscoIPPhoneMenu>\n"), 0);
	assert_int_equal(o.type, CMXML_MENU);
	assert_string_equal(o.title, "Company Services");
	assert_string_equal(o.prompt, "Pick one");
	assert_int_equal(o.nitems, 2);
	assert_string_equal(o.item[0].name, "Weather & news");
	assert_string_equal(o.item[0].value, "http://10.0.0.1/w.xml?a=1&b=2");
	assert_string_equal(o.item[1].name, "Stocks");
	assert_string_equal(cmxml_type_name(o.type), "CiscoIPPhoneMenu");
}

static void test_text(void **state)
{
	(void)state;
	assert_int_equal(parse("<CiscoIPPhoneText><Title>Note</Title>"
			       "<Text>  line one\r\n\tline   two  </Text>"
			       "</CiscoIPPhoneText>"), 0);
	assert_int_equal(o.type, CMXML_TEXT);
	assert_string_equal(o.title, "Note");
	assert_string_equal(o.text, "line one line two");
	assert_int_equal(o.nitems, 0);
}

static void test_directory(void **state)
{
	(void)state;
	assert_int_equal(parse("<CiscoIPPhoneDirectory><Title>Staff</Title>"
			       "<Prompt>Dial</Prompt>"
			       "<DirectoryEntry><Name>Alice</Name>"
			       "<Telephone>101</Telephone></DirectoryEntry>"
			       "<DirectoryEntry><Name>Bob</Name>"
			       "<Telephone>bob@10.0.0.9</Telephone>"
			       "</DirectoryEntry></CiscoIPPhoneDirectory>"),
			 0);
	assert_int_equal(o.type, CMXML_DIRECTORY);
	assert_int_equal(o.nitems, 2);
	assert_string_equal(o.item[0].name, "Alice");
	assert_string_equal(o.item[0].value, "101");
	assert_string_equal(o.item[1].value, "bob@10.0.0.9");
}

static void test_bad(void **state)
{
	(void)state;
	assert_int_equal(parse("<CiscoIPPhoneMenu><Title>x</Titel>"
			       "</CiscoIPPhoneMenu>"), -EBADMSG);
	assert_string_equal(why, "line 1: mismatched tag");
	assert_int_equal(o.type, CMXML_NONE); /* nothing half-filled */
	assert_int_equal(parse("\n\n<CiscoIPPhoneImage><Title>x</Title>"
			       "</CiscoIPPhoneImage>"), -ENOTSUP);
	assert_string_equal(why, "line 3: CiscoIPPhoneImage is not supported "
				 "on this phone");
	assert_int_equal(parse("<CiscoIPPhoneMenu><MenuItem><Name>x</Name>"
			       "</MenuItem></CiscoIPPhoneMenu>"), -EBADMSG);
	assert_string_equal(why, "line 1: MenuItem without its value");
	assert_int_equal(parse("<!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
			       "<CiscoIPPhoneText><Text>&a;</Text>"
			       "</CiscoIPPhoneText>"), -EBADMSG);
	assert_string_equal(why, "line 1: DOCTYPE x not accepted");
	assert_int_equal(parse("<CiscoIPPhoneText><Title><b>x</b></Title>"
			       "</CiscoIPPhoneText>"), -EBADMSG);
	assert_int_equal(parse(""), -EBADMSG);
	assert_int_equal(parse("HTTP error page"), -EBADMSG);
	assert_string_equal(why, "line 1: syntax error");
}

static void test_limits(void **state)
{
	char doc[CMXML_TEXT_MAX + 256];
	unsigned i;
	int n;

	(void)state;
	/* Title: 32 bytes taken, 33 refused */
	n = snprintf(doc, sizeof(doc), "<CiscoIPPhoneText><Title>%0*d</Title>"
				       "</CiscoIPPhoneText>", CMXML_TITLE_MAX, 0);
	assert_int_equal(cmxml_parse(doc, (size_t)n, &o, why, sizeof(why)), 0);
	assert_int_equal(strlen(o.title), CMXML_TITLE_MAX);
	n = snprintf(doc, sizeof(doc), "<CiscoIPPhoneText><Title>%0*d</Title>"
				       "</CiscoIPPhoneText>",
		     CMXML_TITLE_MAX + 1, 0);
	assert_int_equal(cmxml_parse(doc, (size_t)n, &o, why, sizeof(why)),
			 -EMSGSIZE);
	assert_string_equal(why, "line 1: Title longer than 32 bytes");
	/* Text: 4000 and 4001 */
	n = snprintf(doc, sizeof(doc), "<CiscoIPPhoneText><Text>%0*d</Text>"
				       "</CiscoIPPhoneText>", CMXML_TEXT_MAX, 0);
	assert_int_equal(cmxml_parse(doc, (size_t)n, &o, why, sizeof(why)), 0);
	assert_int_equal(strlen(o.text), CMXML_TEXT_MAX);
	n = snprintf(doc, sizeof(doc), "<CiscoIPPhoneText><Text>%0*d</Text>"
				       "</CiscoIPPhoneText>",
		     CMXML_TEXT_MAX + 1, 0);
	assert_int_equal(cmxml_parse(doc, (size_t)n, &o, why, sizeof(why)),
			 -EMSGSIZE);
	/* white space that collapses does not count */
	n = snprintf(doc, sizeof(doc), "<CiscoIPPhoneText><Title>  %0*d   "
				       "\n</Title></CiscoIPPhoneText>",
		     CMXML_TITLE_MAX, 0);
	assert_int_equal(cmxml_parse(doc, (size_t)n, &o, why, sizeof(why)), 0);
	/* items: 32 taken, 33 refused */
	for (i = 0; i <= CMXML_ITEMS_MAX; i++) {
		size_t len;

		len = (size_t)snprintf(doc, sizeof(doc),
				       "<CiscoIPPhoneDirectory>");
		for (unsigned k = 0; k < i; k++)
			len += (size_t)snprintf(doc + len, sizeof(doc) - len,
						"<DirectoryEntry><Name>%u</Name>"
						"<Telephone>%u</Telephone>"
						"</DirectoryEntry>", k, k);
		len += (size_t)snprintf(doc + len, sizeof(doc) - len,
					"</CiscoIPPhoneDirectory>");
		assert_true(len < sizeof(doc));
		if (i < CMXML_ITEMS_MAX)
			continue;
		assert_int_equal(cmxml_parse(doc, len, &o, why, sizeof(why)),
				 0);
		assert_int_equal(o.nitems, CMXML_ITEMS_MAX);
		/* one more */
		len -= strlen("</CiscoIPPhoneDirectory>");
		len += (size_t)snprintf(doc + len, sizeof(doc) - len,
					"<DirectoryEntry><Name>x</Name>"
					"<Telephone>1</Telephone>"
					"</DirectoryEntry>"
					"</CiscoIPPhoneDirectory>");
		assert_int_equal(cmxml_parse(doc, len, &o, why, sizeof(why)),
				 -EMSGSIZE);
		assert_string_equal(why, "line 1: more than 32 items");
	}
	/* nesting */
	n = snprintf(doc, sizeof(doc), "<CiscoIPPhoneText><a><b><c><d><e><f>"
				       "<g><h/></g></f></e></d></c></b></a>"
				       "</CiscoIPPhoneText>");
	assert_int_equal(cmxml_parse(doc, (size_t)n, &o, why, sizeof(why)),
			 -EMSGSIZE);
	assert_string_equal(why, "line 1: elements nested too deep (<h>)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_menu),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
