/*
 * test_cnf_param.c - the parameter registry and value validation
 * (runtime/cnf/cnf_param.c), at and past every limit the guide sets.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cnf/cnf.h"

static enum cnf_param P(const char *name)
{
	enum cnf_param p;

	if (cnf_param_lookup(name, strlen(name), &p))
		fail_msg("no parameter %s", name);
	return p;
}

/* Validate; return the verdict, leave the stored form in OUT. */
static int check(const char *name, const char *value, char *out,
		 int32_t *num)
{
	char why[CNF_DIAG_MAX];
	static char sink[CNF_STR_MAX + 1];
	int32_t n;

	return cnf_param_validate(P(name), value, strlen(value),
				  out ? out : sink, CNF_STR_MAX + 1,
				  num ? num : &n, why, sizeof(why));
}

#define OK(name, v) assert_int_equal(check(name, v, NULL, NULL), CNF_VALID_OK)
#define BAD(name, v) assert_int_equal(check(name, v, NULL, NULL), -EINVAL)

/* Lookup is a binary search: the table must stay in byte order. */
static void test_registry_sorted_unique(void **state)
{
	unsigned p;

	(void)state;
	for (p = 1; p < CNF_PARAM_COUNT; p++)
		if (strcmp(cnf_param_info(p - 1)->name,
			   cnf_param_info(p)->name) >= 0)
			fail_msg("%s is not before %s",
				 cnf_param_info(p - 1)->name,
				 cnf_param_info(p)->name);
	assert_null(cnf_param_info(CNF_PARAM_COUNT));
}

/* Every default is a valid value, stored as written. */
static void test_defaults_valid(void **state)
{
	unsigned p;

	(void)state;
	for (p = 0; p < CNF_PARAM_COUNT; p++) {
		const struct cnf_param_info *pi = cnf_param_info(p);
		char out[CNF_STR_MAX + 1], why[CNF_DIAG_MAX];
		int32_t n;

		if (!pi->def[0])
			continue;
		if (cnf_param_validate(p, pi->def, strlen(pi->def), out,
				       sizeof(out), &n, why, sizeof(why)) != 0)
			fail_msg("default of %s: %s", pi->name, why);
		assert_string_equal(out, pi->def);
	}
}

/* Every parameter of Tables 3-1 to 3-6 and the date/time section. */
static void test_guide_parameters_present(void **state)
{
	static const char *const names[] = {
		"anonymous_call_block", "autocomplete", "call_hold_ringback",
		"call_waiting", "callerid_blocking", "cnf_join_enable",
		"date_format", "dial_template", "directory_url", "dnd_control",
		"dst_auto_adjust", "dst_offset", "dst_start_day",
		"dst_start_day_of_week", "dst_start_month", "dst_start_time",
		"dst_start_week_of_month", "dst_stop_day",
		"dst_stop_day_of_week", "dst_stop_month", "dst_stop_time",
		"dst_stop_week_of_month", "dtmf_avt_payload", "dtmf_db_level",
		"dtmf_inband", "dtmf_outofband", "dyn_dns_addr_1",
		"dyn_dns_addr_2", "dyn_tftp_addr", "enable_vad",
		"end_media_port", "http_proxy_addr", "http_proxy_port",
		"image_version", "language", "logo_url", "messages_uri",
		"nat_address", "nat_enable", "nat_received_processing",
		"network_media_type", "network_port2_type", "outbound_proxy",
		"outbound_proxy_port", "phone_label", "phone_password",
		"phone_prompt", "preferred_codec", "proxy_backup",
		"proxy_backup_port", "proxy_emergency", "proxy_emergency_port",
		"proxy_register", "remote_party_id", "semi_attended_transfer",
		"services_url", "sip_invite_retx", "sip_retx", "sntp_mode",
		"sntp_server", "start_media_port", "sync", "telnet_level",
		"tftp_cfg_dir", "time_format_24hr", "time_zone",
		"timer_invite_expires", "timer_register_expires", "timer_t1",
		"timer_t2", "tos_media", "user_info", "voip_control_port",
		/* Table 3-1 (names ours) */
		"dhcp_enabled", "ip_address", "subnet_mask", "tftp_server",
		"alternate_tftp", "domain_name", "host_name", "mac_address",
		"admin_vlan_id", "operational_vlan_id", "dhcp_server",
		"dhcp_address_released", "default_router_1",
		"default_router_5", "dns_server_1", "dns_server_5",
	};
	unsigned i, n;
	enum cnf_param p;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		(void)P(names[i]);
	for (n = 1; n <= CNF_LINES; n++) {
		static const char *const f[] = {"authname", "displayname",
						"name", "password",
						"shortcode"};
		char name[32];

		for (i = 0; i < 5; i++) {
			snprintf(name, sizeof(name), "line%u_%s", n, f[i]);
			assert_int_equal(P(name), cnf_line_param(i, n));
		}
		snprintf(name, sizeof(name), "proxy%u_address", n);
		assert_int_equal(P(name), cnf_proxy_param(CNF_PROXY_ADDRESS, n));
		snprintf(name, sizeof(name), "proxy%u_port", n);
		assert_int_equal(P(name), cnf_proxy_param(CNF_PROXY_PORT, n));
	}
	assert_int_equal(cnf_param_lookup("line7_name", 10, &p), -ENOENT);
	assert_int_equal(cnf_param_lookup("proxy0_port", 11, &p), -ENOENT);
}

/* "Variable names are not case sensitive."  The guide's other spellings. */
static void test_lookup(void **state)
{
	enum cnf_param p;
	char longname[CNF_NAME_MAX + 2];

	(void)state;
	assert_int_equal(P("Proxy1_ADDRESS"), CNF_PROXY1_ADDRESS);
	assert_int_equal(P("TIMER_T1"), CNF_TIMER_T1);
	assert_int_equal(P("dst_stop_autoadjust"), CNF_DST_AUTO_ADJUST);
	assert_int_equal(P("telnet_enable"), CNF_TELNET_LEVEL);
	assert_int_equal(P("LINE3_shortname"), CNF_LINE3_SHORTCODE);
	assert_int_equal(cnf_param_lookup("timer_t", 7, &p), -ENOENT);
	assert_int_equal(cnf_param_lookup("timer_t12", 9, &p), -ENOENT);
	assert_int_equal(cnf_param_lookup("", 0, &p), -ENOENT);
	/* Only LEN bytes count. */
	assert_int_equal(cnf_param_lookup("timer_t1xyz", 8, &p), 0);
	assert_int_equal(p, CNF_TIMER_T1);
	memset(longname, 'a', sizeof(longname));
	assert_int_equal(cnf_param_lookup(longname, sizeof(longname), &p),
			 -ENOENT);
	assert_string_equal(cnf_param_info(CNF_DTMF_OUTOFBAND)->label,
			    "Out of Band DTMF");
	assert_int_equal(cnf_param_info(CNF_CALL_WAITING)->menu,
			 CNF_MENU_CALLPREF);
	assert_true(cnf_param_info(CNF_LINE1_NAME)->flags & CNF_F_PHONE);
	assert_true(cnf_param_info(CNF_PHONE_LABEL)->flags & CNF_F_PHONE);
	assert_true(cnf_param_info(CNF_DYN_TFTP_ADDR)->flags & CNF_F_NOFLASH);
	assert_true(cnf_param_info(CNF_IP_ADDRESS)->flags & CNF_F_NET);
}

static void test_integers(void **state)
{
	char out[CNF_STR_MAX + 1];
	int32_t n;

	(void)state;
	/* "Valid values are from 16,384 to 32,766." */
	OK("start_media_port", "16384");
	OK("start_media_port", "32766");
	BAD("start_media_port", "16383");
	BAD("end_media_port", "32767");
	/* "Valid values are from 1025 to 65,535." */
	OK("voip_control_port", "1025");
	OK("voip_control_port", "65535");
	BAD("voip_control_port", "1024");
	BAD("voip_control_port", "65536");
	/* the 0-3 family */
	OK("dnd_control", "3");
	BAD("dnd_control", "4");
	OK("call_waiting", "0");
	BAD("call_hold_ringback", "-1");
	OK("callerid_blocking", "2");
	BAD("anonymous_call_block", "4");
	OK("tos_media", "5");
	BAD("tos_media", "6");
	OK("telnet_level", "2");
	BAD("telnet_level", "3");
	OK("dtmf_db_level", "1");
	BAD("dtmf_db_level", "0");
	BAD("dtmf_db_level", "6");
	OK("proxy_register", "1");
	BAD("proxy_register", "2");
	OK("time_format_24hr", "3");
	BAD("time_format_24hr", "4");
	/* "any positive integer" */
	BAD("timer_t1", "0");
	OK("timer_t1", "2147483647");
	BAD("timer_t1", "2147483648");
	BAD("sip_retx", "99999999999999999999");
	BAD("sip_retx", "1.5");
	BAD("sip_retx", "+3");
	BAD("sip_retx", " 3");
	OK("timer_register_expires", "3932100");
	BAD("timer_register_expires", "3932101");
	/* stored in canonical decimal */
	assert_int_equal(check("tos_media", "05", out, &n), 0);
	assert_string_equal(out, "5");
	assert_int_equal(n, 5);
}

/* Table 3-3: "Range is from 96 to 127.  If the value specified exceeds
 * 127, the phone defaults to 101." */
static void test_dtmf_avt_payload(void **state)
{
	char out[CNF_STR_MAX + 1];
	int32_t n;

	(void)state;
	OK("dtmf_avt_payload", "96");
	OK("dtmf_avt_payload", "127");
	BAD("dtmf_avt_payload", "95");
	assert_int_equal(check("dtmf_avt_payload", "128", out, &n),
			 CNF_VALID_FALLBACK);
	assert_string_equal(out, "101");
	assert_int_equal(n, 101);
	assert_int_equal(check("dtmf_avt_payload", "99999999999", out, &n),
			 CNF_VALID_FALLBACK);
	assert_int_equal(n, 101);
	BAD("dtmf_avt_payload", "abc");
}

static void test_strings(void **state)
{
	(void)state;
	/* "Up to 11 characters can be used to specify the phone label." */
	OK("phone_label", "12345678901");
	BAD("phone_label", "123456789012");
	/* sync: "a character string up to 32 characters long" */
	OK("sync", "12345678901234567890123456789012");
	BAD("sync", "123456789012345678901234567890123");
	OK("image_version", "P0S3-05-1-00");
}

static void test_enums(void **state)
{
	char out[CNF_STR_MAX + 1];
	int32_t n;

	(void)state;
	/* Stored in the guide's spelling, matched in any case. */
	assert_int_equal(check("preferred_codec", "G711ALAW", out, &n), 0);
	assert_string_equal(out, "g711alaw");
	assert_int_equal(n, 8);
	assert_int_equal(check("preferred_codec", "g729", out, &n), 0);
	assert_int_equal(n, 18);
	OK("preferred_codec", "none");
	BAD("preferred_codec", "g722");
	OK("dtmf_outofband", "avt_always");
	BAD("dtmf_outofband", "rfc2833");
	OK("user_info", "phone");
	OK("user_info", "IP");
	BAD("user_info", "tel");
	assert_int_equal(check("network_media_type", "auto", out, &n), 0);
	assert_string_equal(out, "Auto");
	OK("network_media_type", "Full-100");
	BAD("network_media_type", "Full1000");
	OK("network_port2_type", "pc");
	OK("sntp_mode", "directedbroadcast");
	BAD("sntp_mode", "broadcast");
	OK("date_format", "YY-M-D");
	BAD("date_format", "D-M-Y");
	OK("language", "english");
	BAD("language", "French");
	/* Table 3-9: "case sensitive and must be in all capital letters" */
	assert_int_equal(check("time_zone", "IST", out, &n), 0);
	assert_int_equal(n, 330);
	OK("time_zone", "NZST");
	OK("time_zone", "IMT");
	BAD("time_zone", "est");
	BAD("time_zone", "UTC");
}

/* "Setting the Date, Time, and Daylight Saving Time" */
static void test_dst(void **state)
{
	int32_t n;

	(void)state;
	OK("dst_start_month", "April");
	OK("dst_start_month", "april");
	OK("dst_stop_month", "Oct");
	OK("dst_stop_month", "12");
	BAD("dst_stop_month", "13");
	BAD("dst_stop_month", "0");
	OK("dst_start_day", "31");
	OK("dst_start_day", "0");
	BAD("dst_start_day", "32");
	OK("dst_start_day_of_week", "Sun");
	OK("dst_start_day_of_week", "SATURDAY");
	OK("dst_start_day_of_week", "7");
	BAD("dst_start_day_of_week", "8");
	BAD("dst_start_day_of_week", "Sunny");
	/* "1 through 6 and 8" */
	OK("dst_start_week_of_month", "6");
	OK("dst_stop_week_of_month", "8");
	BAD("dst_stop_week_of_month", "7");
	BAD("dst_stop_week_of_month", "9");
	/* "hour/minute, -hour/minute, +hour/minute, hour, -hour, +hour" */
	assert_int_equal(check("dst_offset", "01/00", NULL, &n), 0);
	assert_int_equal(n, 60);
	assert_int_equal(check("dst_offset", "-1/30", NULL, &n), 0);
	assert_int_equal(n, -90);
	assert_int_equal(check("dst_offset", "+2", NULL, &n), 0);
	assert_int_equal(n, 120);
	BAD("dst_offset", "1/60");
	BAD("dst_offset", "1/5");
	BAD("dst_offset", "13");
	BAD("dst_offset", "x");
	/* "hour/minute (02/00) or hour (02:00)" */
	assert_int_equal(check("dst_start_time", "02/00", NULL, &n), 0);
	assert_int_equal(n, 120);
	assert_int_equal(check("dst_stop_time", "23:59", NULL, &n), 0);
	assert_int_equal(n, 23 * 60 + 59);
	OK("dst_stop_time", "2");
	BAD("dst_stop_time", "24");
	BAD("dst_stop_time", "-2");
}

static void test_addresses(void **state)
{
	char host[CNF_HOST_MAX + 2];

	(void)state;
	/* dyn_*: "Only dotted IP addresses are accepted." */
	OK("dyn_tftp_addr", "10.0.0.1");
	OK("dyn_dns_addr_1", "255.255.255.255");
	BAD("dyn_tftp_addr", "256.0.0.1");
	BAD("dyn_tftp_addr", "10.0.0");
	BAD("dyn_tftp_addr", "10.0.0.1.");
	BAD("dyn_tftp_addr", "tftp.example.com");
	BAD("proxy_backup", "1.2.3.4:5060");
	/* proxyN_address: dotted IP or DNS name */
	OK("proxy1_address", "proxy.company.com");
	OK("proxy1_address", "proxy.company.com.");
	OK("proxy2_address", "10.1.1.1");
	OK("outbound_proxy", "a-b.c1");
	BAD("proxy1_address", "-a.com");
	BAD("proxy1_address", "a-.com");
	BAD("proxy1_address", "a..com");
	BAD("proxy1_address", "a_b.com");
	BAD("proxy1_address", "10.1.1");
	BAD("nat_address", "sip:proxy.com");
	memset(host, 'a', sizeof(host));
	host[63] = '.';
	host[127] = '.';
	host[191] = '.';
	host[CNF_HOST_MAX] = '\0';
	OK("proxy1_address", host);
	host[CNF_HOST_MAX] = 'a';
	host[CNF_HOST_MAX + 1] = '\0';
	BAD("proxy1_address", host);
	host[63] = 'a'; /* a 64-byte label */
	host[CNF_HOST_MAX] = '\0';
	BAD("proxy1_address", host);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_sorted_unique),
		cmocka_unit_test(test_defaults_valid),
		cmocka_unit_test(test_guide_parameters_present),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_dtmf_avt_payload),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_dst),
		cmocka_unit_test(test_addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
