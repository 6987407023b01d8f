/*
 * test_cnf_layer.c - layers, the effective snapshot, the guide's fallbacks
 * and the guide's sample files (runtime/cnf/cnf_layer.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cnf/cnf.h"

/* Diagnostics of the last load, formatted as the tools print them. */
static char diags[8192];

static void collect(void *arg, const struct cnf_diag *d)
{
	size_t used = strlen(diags);
	char line[CNF_DIAG_MAX + 256];

	(void)arg;
	cnf_diag_format(d, line, sizeof(line));
	snprintf(diags + used, sizeof(diags) - used, "%s\n", line);
}

static struct cnf_stats load(struct cnf_layers *l, enum cnf_layer_id id,
			     const char *file, const char *text)
{
	struct cnf_stats st;

	diags[0] = '\0';
	assert_int_equal(cnf_layer_load(l, id, file, (const uint8_t *)text,
					strlen(text), collect, NULL, &st),
			 0);
	return st;
}

static void expect_diag(const char *part)
{
	if (!strstr(diags, part))
		fail_msg("diagnostics lack \"%s\":\n%s", part, diags);
}

static struct cnf *snap(const struct cnf_layers *l)
{
	struct cnf *c;

	assert_int_equal(cnf_snapshot(l, &c), 0);
	return c;
}

static int setup(void **state)
{
	struct cnf_layers *l;

	if (cnf_layers_alloc(&l))
		return -1;
	*state = l;
	return 0;
}

static int teardown(void **state)
{
	cnf_layers_free(*state);
	return 0;
}

static void test_defaults(void **state)
{
	struct cnf *c = snap(*state);

	assert_string_equal(cnf_str(c, CNF_PHONE_PASSWORD), "cisco");
	assert_string_equal(cnf_str(c, CNF_PHONE_PROMPT), "SIP Phone");
	assert_int_equal(cnf_int(c, CNF_TIMER_T1), 500);
	assert_int_equal(cnf_int(c, CNF_TIMER_T2), 4000);
	assert_int_equal(cnf_int(c, CNF_SIP_RETX), 10);
	assert_int_equal(cnf_int(c, CNF_SIP_INVITE_RETX), 6);
	assert_int_equal(cnf_int(c, CNF_VOIP_CONTROL_PORT), 5060);
	assert_int_equal(cnf_int(c, CNF_CALL_WAITING), 1);
	assert_int_equal(cnf_int(c, CNF_DHCP_ENABLED), 1);
	assert_int_equal(cnf_int(c, CNF_PREFERRED_CODEC), 0); /* PCMU */
	assert_string_equal(cnf_str(c, CNF_LINE1_NAME), "UNPROVISIONED");
	assert_string_equal(cnf_str(c, CNF_LINE1_AUTHNAME), "UNPROVISIONED");
	assert_string_equal(cnf_str(c, CNF_LINE4_PASSWORD), "UNPROVISIONED");
	assert_int_equal(cnf_origin(c, CNF_TIMER_T1), CNF_ORIGIN_DEFAULT);
	cnf_free(c);
}

/* flash < SIPDefault.cnf < SIP<MAC>.cnf < local < system */
static void test_precedence(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf *c;
	char why[CNF_DIAG_MAX];

	load(l, CNF_LAYER_FLASH, "flash", "tos_media: 1\nsip_retx: 3\n"
					  "timer_t1: 400\nenable_vad: 1\n");
	load(l, CNF_LAYER_DEFAULT, "SIPDefault.cnf",
	     "tos_media: 2\nsip_retx: 4\n");
	load(l, CNF_LAYER_PHONE, "SIP00503EFFF842.cnf", "tos_media: 3\n");
	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL, CNF_ENABLE_VAD, "0",
				       why, sizeof(why)),
			 0);
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 3);
	assert_int_equal(cnf_origin(c, CNF_TOS_MEDIA), CNF_ORIGIN_TFTP_PHONE);
	assert_int_equal(cnf_int(c, CNF_SIP_RETX), 4);
	assert_int_equal(cnf_origin(c, CNF_SIP_RETX), CNF_ORIGIN_TFTP_DEFAULT);
	/* "If both the variable and its value are removed, the phone uses
	 * the setting ... stored in Flash memory." */
	assert_int_equal(cnf_int(c, CNF_TIMER_T1), 400);
	assert_int_equal(cnf_origin(c, CNF_TIMER_T1), CNF_ORIGIN_FLASH);
	assert_int_equal(cnf_int(c, CNF_ENABLE_VAD), 0);
	assert_int_equal(cnf_origin(c, CNF_ENABLE_VAD), CNF_ORIGIN_LOCAL);
	cnf_free(c);
	/* A value entered locally lasts until reboot: the local layer is
	 * simply not kept. */
	cnf_layer_erase(l, CNF_LAYER_LOCAL, 0);
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_ENABLE_VAD), 1);
	cnf_free(c);
}

/* "change its value to a null value " " or UNPROVISIONED": back to the
 * default, not to flash. */
static void test_deletion(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf *c;

	load(l, CNF_LAYER_FLASH, "flash",
	     "tos_media: 1\nmessages_uri: 100\nphone_label: x\n");
	load(l, CNF_LAYER_DEFAULT, "SIPDefault.cnf",
	     "tos_media: \"\"\nmessages_uri: UNPROVISIONED\n");
	load(l, CNF_LAYER_PHONE, "SIPMAC.cnf", "phone_label:\n");
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 5);
	assert_int_equal(cnf_origin(c, CNF_TOS_MEDIA), CNF_ORIGIN_DEFAULT);
	assert_string_equal(cnf_str(c, CNF_MESSAGES_URI), "");
	assert_string_equal(cnf_str(c, CNF_PHONE_LABEL), "");
	cnf_free(c);
}

/* Table 3-4: lineN_authname/password fall back to line 1's, shortcode
 * to lineN_name; Table 3-3: proxyN_address to proxy1_address. */
static void test_derived(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf *c;

	load(l, CNF_LAYER_DEFAULT, "SIPDefault.cnf",
	     "proxy1_address: p.example.com\nproxy1_port: 5070\n"
	     "proxy3_address: 10.0.0.3\nproxy4_port: 5080\n");
	load(l, CNF_LAYER_PHONE, "SIPMAC.cnf",
	     "line1_authname: alice\nline1_password: s3cret\n"
	     "line2_name: 44\nline2_password: other\nline1_name: 43\n"
	     "line1_shortcode: A\n");
	c = snap(l);
	assert_string_equal(cnf_str(c, CNF_LINE2_AUTHNAME), "alice");
	assert_int_equal(cnf_origin(c, CNF_LINE2_AUTHNAME), CNF_ORIGIN_DERIVED);
	assert_string_equal(cnf_str(c, CNF_LINE2_PASSWORD), "other");
	assert_string_equal(cnf_str(c, CNF_LINE6_PASSWORD), "s3cret");
	assert_string_equal(cnf_str(c, CNF_LINE1_SHORTCODE), "A");
	assert_string_equal(cnf_str(c, CNF_LINE2_SHORTCODE), "44");
	assert_string_equal(cnf_str(c, CNF_LINE3_SHORTCODE), "UNPROVISIONED");
	assert_string_equal(cnf_str(c, CNF_PROXY2_ADDRESS), "p.example.com");
	assert_int_equal(cnf_int(c, CNF_PROXY2_PORT), 5070);
	/* An own address keeps its own (default) port. */
	assert_string_equal(cnf_str(c, CNF_PROXY3_ADDRESS), "10.0.0.3");
	assert_int_equal(cnf_int(c, CNF_PROXY3_PORT), 5060);
	/* An own port stays with the borrowed address. */
	assert_string_equal(cnf_str(c, CNF_PROXY4_ADDRESS), "p.example.com");
	assert_int_equal(cnf_int(c, CNF_PROXY4_PORT), 5080);
	cnf_free(c);
}

static void test_line1_fallback_unprovisioned(void **state)
{
	struct cnf *c = snap(*state);

	/* "If a value is not defined for line 1, the default line1_authname
	 * is UNPROVISIONED." */
	assert_string_equal(cnf_str(c, CNF_LINE5_AUTHNAME), "UNPROVISIONED");
	cnf_free(c);
}

static void test_where_parameters_may_be_set(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf_stats st;
	struct cnf *c;

	st = load(l, CNF_LAYER_DEFAULT, "SIPDefault.cnf",
		  "line1_name: 43\nphone_label: x\nip_address: 10.0.0.9\n"
		  "mac_address: 00503EFFF842\ndyn_tftp_addr: 10.0.0.2\n");
	assert_int_equal(st.errors, 0);
	assert_int_equal(st.warnings, 4);
	assert_int_equal(st.assigned, 1);
	expect_diag("SIPDefault.cnf:1: warning: line1_name cannot be set in "
		    "the default configuration file (phone-specific");
	expect_diag("SIPDefault.cnf:3: warning: ip_address cannot be set");
	expect_diag("SIPDefault.cnf:4: warning: mac_address cannot be set");
	st = load(l, CNF_LAYER_FLASH, "flash",
		  "ip_address: 10.0.0.9\ndyn_tftp_addr: 10.0.0.3\n");
	assert_int_equal(st.warnings, 1);
	expect_diag("flash:2: warning: dyn_tftp_addr cannot be set in flash");
	st = load(l, CNF_LAYER_PHONE, "SIPMAC.cnf", "line1_name: 43\n");
	assert_int_equal(st.warnings, 0);
	c = snap(l);
	assert_string_equal(cnf_str(c, CNF_IP_ADDRESS), "10.0.0.9");
	assert_string_equal(cnf_str(c, CNF_DYN_TFTP_ADDR), "10.0.0.2");
	assert_string_equal(cnf_str(c, CNF_LINE1_NAME), "43");
	assert_string_equal(cnf_str(c, CNF_PHONE_LABEL), "");
	cnf_free(c);
}

/* "every bad line is reported ... and the rest of the file still
 * applies" */
static void test_bad_lines_skipped(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf_stats st;
	struct cnf *c;

	load(l, CNF_LAYER_FLASH, "flash", "tos_media: 1\n");
	st = load(l, CNF_LAYER_DEFAULT, "d.cnf",
		  "tos_media: 9\n"
		  "no_such_thing: 1\n"
		  "sip_retx: 3\n"
		  "dtmf_avt_payload: 200\n"
		  "phone_label: \"unterminated\n"
		  "time_zone: est\n"
		  "callerid_blocking: 1\n");
	assert_int_equal(st.errors, 3);
	assert_int_equal(st.warnings, 2);
	expect_diag("d.cnf:1: error: tos_media 9 is out of range 0..5");
	expect_diag("d.cnf:2: warning: unknown parameter \"no_such_thing\"");
	expect_diag("d.cnf:4: warning: dtmf_avt_payload 200 is above 127; "
		    "using 101");
	expect_diag("d.cnf:5: error: missing end quote");
	expect_diag("d.cnf:6: error: invalid value \"est\" for time_zone");
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 1); /* flash kept */
	assert_int_equal(cnf_int(c, CNF_SIP_RETX), 3);
	assert_int_equal(cnf_int(c, CNF_DTMF_AVT_PAYLOAD), 101);
	assert_int_equal(cnf_int(c, CNF_CALLERID_BLOCKING), 1);
	assert_string_equal(cnf_str(c, CNF_TIME_ZONE), "PST");
	cnf_free(c);
}

/* "Only one value can be associated with a variable." */
static void test_duplicate(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf_stats st;
	struct cnf *c;

	st = load(l, CNF_LAYER_PHONE, "p.cnf",
		  "tos_media: 1\nTOS_MEDIA: 2\ntos_media: 77\n");
	assert_int_equal(st.warnings, 2);
	assert_int_equal(st.errors, 1);
	assert_int_equal(st.assigned, 1);
	expect_diag("p.cnf:2: warning: tos_media is already set on line 1");
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 2);
	cnf_free(c);
}

/* timer_t2 "greater than timer_t1"; the RTP range start < end. */
static void test_orderings(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf_stats st;
	struct cnf *c;
	char why[CNF_DIAG_MAX];

	st = load(l, CNF_LAYER_DEFAULT, "d.cnf",
		  "timer_t2: 400\ntimer_t1: 500\n");
	assert_int_equal(st.errors, 1);
	/* Undoing the later line (t1: 500, the default anyway) would not
	 * help; t2's line is the one that breaks the rule. */
	expect_diag("d.cnf:1: error: timer_t2 must be greater than timer_t1 "
		    "(500, 400); ignored");
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TIMER_T1), 500);
	assert_int_equal(cnf_int(c, CNF_TIMER_T2), 4000);
	cnf_free(c);
	st = load(l, CNF_LAYER_DEFAULT, "d.cnf",
		  "timer_t2: 800\ntimer_t1: 900\n");
	expect_diag("d.cnf:2: error: timer_t2 must be greater");
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TIMER_T1), 500);
	assert_int_equal(cnf_int(c, CNF_TIMER_T2), 800);
	cnf_free(c);

	/* Against a lower layer: only this file's line is blamed. */
	load(l, CNF_LAYER_DEFAULT, "d.cnf", "timer_t2: 1000\n");
	st = load(l, CNF_LAYER_PHONE, "p.cnf", "timer_t1: 1000\n");
	assert_int_equal(st.errors, 1);
	expect_diag("p.cnf:1: error: timer_t2 must be greater than timer_t1");
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TIMER_T1), 500);
	assert_int_equal(cnf_int(c, CNF_TIMER_T2), 1000);
	cnf_free(c);

	st = load(l, CNF_LAYER_PHONE, "p.cnf",
		  "end_media_port: 20000\nstart_media_port: 20000\n");
	assert_int_equal(st.errors, 1);
	expect_diag("p.cnf:2: error: end_media_port must be greater");

	/* Local entry is checked the same way. */
	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL, CNF_TIMER_T1,
				       "1000", why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "timer_t2 must be greater"));
	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL, CNF_TIMER_T1,
				       "999", why, sizeof(why)),
			 0);
}

/* Loading replaces the layer; a load that fails changes nothing. */
static void test_reload_and_failed_load(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf_stats st;
	struct cnf *c;
	uint8_t *big;

	load(l, CNF_LAYER_DEFAULT, "d.cnf", "tos_media: 1\nsip_retx: 3\n");
	load(l, CNF_LAYER_DEFAULT, "d.cnf", "sip_retx: 4\n");
	big = calloc(1, CNF_FILE_MAX + 1);
	assert_non_null(big);
	diags[0] = '\0';
	assert_int_equal(cnf_layer_load(l, CNF_LAYER_DEFAULT, "big.cnf", big,
					CNF_FILE_MAX + 1, collect, NULL, &st),
			 -EFBIG);
	free(big);
	expect_diag("big.cnf: error: file is 262145 bytes; at most 262144");
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 5);
	assert_int_equal(cnf_int(c, CNF_SIP_RETX), 4);
	cnf_free(c);
}

static void test_local_set(void **state)
{
	struct cnf_layers *l = *state;
	char why[CNF_DIAG_MAX];
	struct cnf *c;

	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL, CNF_PHONE_LABEL,
				       "123456789012", why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "at most 11"));
	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL, CNF_DTMF_AVT_PAYLOAD,
				       "300", why, sizeof(why)),
			 CNF_VALID_FALLBACK);
	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL,
				       CNF_LINE1_DISPLAYNAME, "O'Neil \"Bob\"",
				       why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL, CNF_PHONE_LABEL,
				       "Bob's", why, sizeof(why)),
			 0);
	c = snap(l);
	assert_string_equal(cnf_str(c, CNF_PHONE_LABEL), "Bob's");
	assert_int_equal(cnf_int(c, CNF_DTMF_AVT_PAYLOAD), 101);
	cnf_free(c);
	assert_int_equal(cnf_layer_set(l, CNF_LAYER_LOCAL, CNF_PHONE_LABEL, "",
				       why, sizeof(why)),
			 0);
	c = snap(l);
	assert_string_equal(cnf_str(c, CNF_PHONE_LABEL), "");
	cnf_free(c);
}

/* A snapshot is immutable: later changes do not reach it. */
static void test_snapshot_immutable(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf *before, *after;

	load(l, CNF_LAYER_PHONE, "p.cnf", "phone_label: one\n");
	before = snap(l);
	load(l, CNF_LAYER_PHONE, "p.cnf", "phone_label: two\n");
	after = snap(l);
	assert_string_equal(cnf_str(before, CNF_PHONE_LABEL), "one");
	assert_string_equal(cnf_str(after, CNF_PHONE_LABEL), "two");
	cnf_free(before);
	cnf_free(after);
}

/* "Erasing the Locally Defined Network Settings ... reenables DHCP";
 * erase protflash forgets every SIP setting. */
static void test_erase(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf *c;

	load(l, CNF_LAYER_FLASH, "flash",
	     "dhcp_enabled: 0\nip_address: 10.0.0.9\ntos_media: 1\n");
	cnf_layer_erase(l, CNF_LAYER_FLASH, CNF_F_NET);
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_DHCP_ENABLED), 1);
	assert_string_equal(cnf_str(c, CNF_IP_ADDRESS), "");
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 1);
	cnf_free(c);
	cnf_layer_erase(l, CNF_LAYER_FLASH, 0);
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 5);
	cnf_free(c);
}

/* "reads the parameters defined in the file and stores those parameters
 * that differ in Flash memory" */
static void test_commit_flash(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf *c;

	load(l, CNF_LAYER_FLASH, "flash",
	     "tos_media: 1\nsip_retx: 3\nenable_vad: 1\n");
	load(l, CNF_LAYER_DEFAULT, "d.cnf",
	     "tos_media: 2\nsip_retx: 3\nenable_vad: \"\"\n"
	     "dyn_tftp_addr: 10.0.0.2\n");
	load(l, CNF_LAYER_PHONE, "p.cnf", "tos_media: 4\nline1_name: 43\n");
	assert_int_equal(cnf_layers_commit_flash(l), 3);
	assert_int_equal(cnf_layers_commit_flash(l), 0);
	cnf_layer_erase(l, CNF_LAYER_DEFAULT, 0);
	cnf_layer_erase(l, CNF_LAYER_PHONE, 0);
	c = snap(l);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 4);
	assert_int_equal(cnf_origin(c, CNF_TOS_MEDIA), CNF_ORIGIN_FLASH);
	assert_int_equal(cnf_int(c, CNF_ENABLE_VAD), 0);
	assert_string_equal(cnf_str(c, CNF_LINE1_NAME), "43");
	/* "The dynamic TFTP server is not stored in Flash memory." */
	assert_string_equal(cnf_str(c, CNF_DYN_TFTP_ADDR), "");
	cnf_free(c);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(CNF_FILE_MAX + 1);
	size_t n;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_non_null(buf);
	n = fread(buf, 1, CNF_FILE_MAX, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* "the guide's sample files load with no error" */
static void test_guide_samples(void **state)
{
	static const struct {
		const char *file;
		enum cnf_layer_id layer;
		unsigned warnings;
	} samples[] = {
		{"guide-2-5-default.cnf", CNF_LAYER_DEFAULT, 0},
		{"guide-2-6-phone.cnf", CNF_LAYER_PHONE, 0},
		/* four comment lines the PDF folded, and one line of stars */
		{"guide-3-9-SIPDefault.cnf", CNF_LAYER_DEFAULT, 5},
		{"guide-3-25-SIP00503EFFF842.cnf", CNF_LAYER_PHONE, 0},
		{"guide-3-34-dst-absolute.cnf", CNF_LAYER_DEFAULT, 0},
		{"guide-3-34-dst-relative.cnf", CNF_LAYER_DEFAULT, 0},
	};
	struct cnf_layers *l = *state;
	unsigned i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char path[256];
		char *text;
		struct cnf_stats st;

		snprintf(path, sizeof(path), "tests/data/cnf/%s",
			 samples[i].file);
		text = slurp(path);
		st = load(l, samples[i].layer, path, text);
		free(text);
		if (st.errors || st.warnings != samples[i].warnings)
			fail_msg("%s: %u errors, %u warnings:\n%s", path,
				 st.errors, st.warnings, diags);
		assert_true(st.assigned > 0);
	}
}

static void test_guide_default_then_phone(void **state)
{
	struct cnf_layers *l = *state;
	struct cnf *c;
	char *d = slurp("tests/data/cnf/guide-3-9-SIPDefault.cnf");
	char *p = slurp("tests/data/cnf/guide-3-25-SIP00503EFFF842.cnf");

	load(l, CNF_LAYER_DEFAULT, "SIPDefault.cnf", d);
	load(l, CNF_LAYER_PHONE, "SIP00503EFFF842.cnf", p);
	free(d);
	free(p);
	c = snap(l);
	assert_string_equal(cnf_str(c, CNF_PROXY1_ADDRESS), "1.2.3.4");
	assert_string_equal(cnf_str(c, CNF_LINE3_NAME), "duval");
	assert_string_equal(cnf_str(c, CNF_LINE3_DISPLAYNAME), "pgatour");
	assert_string_equal(cnf_str(c, CNF_PHONE_PROMPT), "John-43");
	assert_string_equal(cnf_str(c, CNF_TIME_ZONE), "EST");
	assert_int_equal(cnf_int(c, CNF_TIME_ZONE), -300);
	assert_int_equal(cnf_int(c, CNF_TIMER_REGISTER_EXPIRES), 180);
	assert_int_equal(cnf_int(c, CNF_DST_STOP_MONTH), 10);
	assert_int_equal(cnf_int(c, CNF_DST_START_TIME), 120);
	assert_string_equal(cnf_str(c, CNF_SNTP_SERVER), "172.16.10.150");
	assert_string_equal(cnf_str(c, CNF_TFTP_CFG_DIR), "./");
	assert_int_equal(cnf_int(c, CNF_PROXY_REGISTER), 1);
	cnf_free(c);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_precedence),
		T(test_deletion),
		T(test_derived),
		T(test_line1_fallback_unprovisioned),
		T(test_where_parameters_may_be_set),
		T(test_bad_lines_skipped),
		T(test_duplicate),
		T(test_orderings),
		T(test_reload_and_failed_load),
		T(test_local_set),
		T(test_snapshot_immutable),
		T(test_erase),
		T(test_commit_flash),
		T(test_guide_samples),
		T(test_guide_default_then_phone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
