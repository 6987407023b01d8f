/*
 * phone_cli.c - the facts behind the telnet CLI (Table 4-1): what each
 * "show" prints, and what "debug", "reset", "erase protflash" and "test"
 * do on this phone.  What the phone does not have yet answers "not
 * available on this phone" (-ENOTSUP), never made-up figures.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "log/log.h"
#include "phone/phone.h"
#include "phone/phone_call.h"
#include "phone/phone_lines.h"

static void show_config(struct phone *p, struct cli_out *out)
{
	unsigned i;

	/* The registry is in name order; passwords are the guide's to show
	 * ("phone label and password"), this is the phone's own console. */
	for (i = 0; i < CNF_PARAM_COUNT; i++)
		cli_printf(out, "%s: %s\n", cnf_param_info(i)->name,
			   cnf_str(p->cnf, i));
}

static void show_network(struct phone *p, struct cli_out *out)
{
	static const enum cnf_param rows[] = {
		CNF_HOST_NAME,    CNF_MAC_ADDRESS,  CNF_IP_ADDRESS,
		CNF_SUBNET_MASK,  CNF_DEFAULT_ROUTER_1, CNF_DHCP_ENABLED,
		CNF_DHCP_SERVER,  CNF_TFTP_SERVER,  CNF_DOMAIN_NAME,
		CNF_DNS_SERVER_1, CNF_DYN_DNS_ADDR_1, CNF_DYN_TFTP_ADDR,
	};
	unsigned i;

	cli_printf(out, "platform: host (Linux, libuv)\n");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		cli_printf(out, "%s: %s\n", cnf_param_info(rows[i])->name,
			   cnf_str(p->cnf, rows[i]));
	cli_printf(out, "tftp source: %s\n",
		   p->opt.tftp ? p->opt.tftp
			       : p->opt.tftp_root ? p->opt.tftp_root : "-");
}

static void show_status(struct phone *p, struct cli_out *out)
{
	const struct boot_stats *bs = boot_stats(p->boot);
	const struct txn_stats *ts = txn_layer_stats(p->txn);

	cli_printf(out, "boot: %s (boots %u, files %u, missing %u, failed %u, "
			"dyn tftp %u)\n",
		   boot_state(p->boot), bs->boots, bs->fetched, bs->missing,
		   bs->failed, bs->dyn_hops);
	cli_printf(out, "sip: %s:%u/udp, transactions %u, rx %lu (bad %lu, "
			"stray %lu), tx %lu, retransmissions %lu\n",
		   p->opt.ip, p->udp_open ? p->udp.local.port : 0,
		   txn_layer_count(p->txn), ts->rx, ts->rx_bad, ts->rx_stray,
		   ts->tx, ts->retransmissions);
	cli_printf(out, "screen: %s\n", p->lcd.prompt[0] ? p->lcd.prompt : "idle");
}

/* The calls' view behind a "show" of theirs. */
static enum phone_calls_view call_view(enum cli_show what)
{
	switch (what) {
	case CLI_SHOW_RTP:
		return PHONE_CALLS_RTP;
	case CLI_SHOW_LSM:
		return PHONE_CALLS_LSM;
	case CLI_SHOW_GSM:
		return PHONE_CALLS_GSM;
	case CLI_SHOW_FIM:
		return PHONE_CALLS_FIM;
	case CLI_SHOW_DSPSTATE:
		return PHONE_CALLS_DSP;
	case CLI_SHOW_FSMXFR:
		return PHONE_CALLS_FSMXFR;
	case CLI_SHOW_FSMCNF:
		return PHONE_CALLS_FSMCNF;
	default:
		return PHONE_CALLS_FSMDEF;
	}
}

static int show(void *arg, enum cli_show what, struct cli_out *out)
{
	struct phone *p = arg;
	unsigned i;

	switch (what) {
	case CLI_SHOW_CONFIG:
		show_config(p, out);
		return 0;
	case CLI_SHOW_NETWORK:
		show_network(p, out);
		return 0;
	case CLI_SHOW_STATUS:
		show_status(p, out);
		return 0;
	case CLI_SHOW_DEBUG:
		for (i = 0; i < LOG_CAT__COUNT; i++)
			cli_printf(out, "%s: %s\n", log_cat_name(i),
				   log_enabled(i) ? "on" : "off");
		return 0;
	case CLI_SHOW_DIALPLAN:
		cli_printf(out, "dial_template: %s.xml, %u templates\n",
			   cnf_str(p->cnf, CNF_DIAL_TEMPLATE),
			   p->plan ? dialplan_count(p->plan) : 0);
		return 0;
	case CLI_SHOW_TIMERS:
		cli_printf(out, "timers armed: %u, next in %lld ms\n",
			   p->loop.timers.n,
			   p->loop.timers.n
				   ? (long long)rt_timers_timeout(&p->loop.timers)
				   : -1LL);
		return 0;
	case CLI_SHOW_REGISTER: {
		char text[2048];

		if (phone_lines_show(p, text, sizeof(text)) < 0)
			return -ENOSPC;
		cli_out_str(out, text);
		return 0;
	}
	case CLI_SHOW_IP:
		/* the phone's one SIP socket; the host's IP stack is the OS's */
		cli_printf(out, "sip udp %s:%u: rx %lu (truncated %lu), tx %lu "
				"(errors %lu)\n",
			   p->opt.ip[0] ? p->opt.ip : "-",
			   p->udp_open ? p->udp.local.port : 0,
			   p->udp_open ? p->udp.rx : 0,
			   p->udp_open ? p->udp.rx_truncated : 0,
			   p->udp_open ? p->udp.tx : 0,
			   p->udp_open ? p->udp.tx_errors : 0);
		return 0;
	case CLI_SHOW_TCP:
		cli_printf(out, "telnet %s:%u %s, sessions %u, accepted %lu, "
				"refused %lu, logins %lu, bad passwords %lu\n",
			   p->opt.ip[0] ? p->opt.ip : "0.0.0.0",
			   p->telnet.local.port,
			   p->telnet.local.port ? "listen" : "closed",
			   p->telnet.nsessions, p->telnet.accepted,
			   p->telnet.refused, p->telnet.logins,
			   p->telnet.bad_passwords);
		return 0;
	case CLI_SHOW_FSMDEF:
	case CLI_SHOW_RTP:
	case CLI_SHOW_LSM:
	case CLI_SHOW_GSM:
	case CLI_SHOW_FIM:
	case CLI_SHOW_FSMXFR:
	case CLI_SHOW_FSMCNF:
	case CLI_SHOW_DSPSTATE: {
		char text[2048];
		int n = phone_calls_show(p, call_view(what), text, sizeof(text));

		if (n < 0)
			return -ENOSPC;
		cli_out_str(out, text);
		return 0;
	}
	case CLI_SHOW_FLASH:
		cli_printf(out, "flash: %s\n", p->opt.flash ? p->opt.flash
							    : "(none kept)");
		return 0;
	default:
		return -ENOTSUP;
	}
}

static int debug(void *arg, enum cli_debug cat, bool on, struct cli_out *out)
{
	int c = cli_debug_log_cat(cat);
	unsigned i;

	(void)arg;
	(void)out;
	if (cat == CLI_DEBUG_ALL) {
		for (i = 0; i < LOG_CAT__COUNT; i++)
			log_enable(i, on);
		return 0;
	}
	if (c < 0)
		return -ENOTSUP;
	log_enable((enum log_cat)c, on);
	return 0;
}

/* "Erases the protocol area of Flash memory. Forces the phone to reset
 * its IP stack and request its configuration files again." */
static int erase_protflash(void *arg, struct cli_out *out)
{
	struct phone *p = arg;
	int err = 0;

	cnf_layer_erase(p->layers, CNF_LAYER_FLASH, 0);
	if (p->opt.flash)
		err = cnf_layer_save(p->layers, CNF_LAYER_FLASH, p->opt.flash);
	if (err)
		return err;
	cli_printf(out, "flash erased; requesting the configuration again\n");
	boot_reset(p->boot);
	return 0;
}

/* register 0|1 <line>|backup */
static int reg(void *arg, unsigned option, unsigned line, struct cli_out *out)
{
	struct phone *p = arg;

	(void)out;
	return phone_lines_register(p, (int)option,
				    line == CLI_REG_BACKUP ? PHONE_LINES_BACKUP
							   : (int)line);
}

static int reset(void *arg, struct cli_out *out)
{
	struct phone *p = arg;

	cli_printf(out, "resetting\n");
	boot_reset(p->boot);
	return 0;
}

/* ---------------------------------------------------------------- test */

/* "test" drives the phone as its hardware would: the hook switch, the
 * key pad and the soft keys go to the calls (runtime/phone/phone_call.c). */
static int test(void *arg, enum cli_test op, struct cli_out *out)
{
	struct phone *p = arg;
	char text[LCD_TEXT_MAX];

	switch (op) {
	case CLI_TEST_OPEN:
		p->test_open = 1;
		return 0;
	case CLI_TEST_CLOSE:
		p->test_open = 0;
		return 0;
	case CLI_TEST_SHOW:
		if (lcd_render(&p->lcd, text, sizeof(text)) < 0)
			return -ENOSPC;
		cli_out_str(out, text);
		return 0;
	case CLI_TEST_HIDE:
		return 0;
	case CLI_TEST_OFFHOOK:
		if (!p->test_open)
			return -ENOTCONN;
		return phone_calls_offhook(p);
	case CLI_TEST_ONHOOK:
		if (!p->test_open)
			return -ENOTCONN;
		return phone_calls_onhook(p);
	default:
		return -ENOTSUP;
	}
}

static int test_key(void *arg, enum cli_key key, struct cli_out *out)
{
	struct phone *p = arg;

	(void)out;
	if (!p->test_open)
		return -ENOTCONN;
	if (key <= CLI_KEY_9)
		return phone_calls_key(p, (char)('0' + (int)(key - CLI_KEY_0)));
	if (key == CLI_KEY_STAR)
		return phone_calls_key(p, '*');
	if (key == CLI_KEY_POUND)
		return phone_calls_key(p, '#');
	if (key >= CLI_KEY_SK1 && key <= CLI_KEY_SK4)
		return phone_calls_softkey(p, (unsigned)(key - CLI_KEY_SK1));
	if (key == CLI_KEY_LINE1)
		return phone_calls_offhook(p);
	if (key == CLI_KEY_MSGS)
		return phone_calls_messages(p);
	return -ENOTSUP; /* menus and the other keys: the front end's */
}

const struct cli_backend phone_cli_backend = {
	.show = show,
	.debug = debug,
	.erase_protflash = erase_protflash,
	.reg = reg,
	.reset = reset,
	.test = test,
	.test_key = test_key,
};
