/*
 * phone_cli.c - the facts behind the telnet CLI (Table 4-1): what each
 * "show" prints, and what "debug", "reset", "erase protflash" and "test"
 * do on this phone.  What the phone does not have yet answers "not
 * available on this phone" (-ENOTSUP), never made-up figures.
 */
#define _DEFAULT_SOURCE /* getifaddrs */
#include <errno.h>
#include <ifaddrs.h>
#include <malloc.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <uv.h>

#include "cli/cli.h"
#include "log/log.h"
#include "phone/phone.h"
#include "phone/phone_call.h"
#include "phone/phone_lines.h"
#include "phone/phone_dir.h"
#include "dir/dir.h"
#include "http/http.h"

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

/* ---- show arp, ethernet, stacks, memorymap, personaldir: the host's and
 * the runtime's real figures, each line saying where it comes from. */

enum { PROC_LINE_MAX = 512 };

/* "Displays contents of the ARP cache": on a Linux host the kernel's
 * neighbour table is the phone's ARP cache. */
static int show_arp(struct cli_out *out)
{
	FILE *f = fopen("/proc/net/arp", "r");
	char line[PROC_LINE_MAX];
	unsigned n = 0;

	if (!f)
		return -ENOTSUP;
	cli_printf(out, "ARP cache (/proc/net/arp):\n");
	cli_printf(out, "%-16s %-18s %-6s %s\n", "IP address", "HW address",
		   "Flags", "Device");
	if (fgets(line, sizeof(line), f)) { /* the kernel's own header */
		while (fgets(line, sizeof(line), f)) {
			char ip[64], hw_type[16], flags[16], mac[64], mask[16],
				dev[32];

			if (sscanf(line, "%63s %15s %15s %63s %15s %31s", ip,
				   hw_type, flags, mac, mask, dev) != 6)
				continue;
			cli_printf(out, "%-16s %-18s %-6s %s\n", ip, mac, flags,
				   dev);
			n++;
		}
	}
	fclose(f);
	cli_printf(out, "%u entries\n", n);
	return 0;
}

/* The interface that holds IP (dotted), or whose subnet holds it (a
 * 127.0.0.0/8 address is lo's), into NAME. */
static int iface_of(const char *ip, char *name, size_t size)
{
	struct ifaddrs *ifs, *i;
	uint32_t want;
	int err = -ENOENT, exact = 0;

	if (net_addr_parse_ip(ip, strlen(ip), &want) || getifaddrs(&ifs))
		return -ENOENT;
	for (i = ifs; i && !exact; i = i->ifa_next) {
		const struct sockaddr_in *sin =
			(const struct sockaddr_in *)(const void *)i->ifa_addr;
		const struct sockaddr_in *mask =
			(const struct sockaddr_in *)(const void *)i->ifa_netmask;
		uint32_t a, m;

		if (!sin || !mask || sin->sin_family != AF_INET)
			continue;
		a = ntohl(sin->sin_addr.s_addr);
		m = ntohl(mask->sin_addr.s_addr);
		exact = a == want;
		if (exact || (a & m) == (want & m)) {
			snprintf(name, size, "%s", i->ifa_name);
			err = 0;
		}
	}
	freeifaddrs(ifs);
	return err;
}

/* "Shows the network statistics": what the phone's own sockets counted,
 * then the interface of its address as the kernel counts it. */
static int show_ethernet(struct phone *p, struct cli_out *out)
{
	const struct http_stats *hs = http_stats();
	char dev[32], line[PROC_LINE_MAX];
	FILE *f;

	cli_printf(out, "phone sockets:\n");
	cli_printf(out, "  sip udp %s:%u: rx %lu packets %lu bytes, tx %lu "
			"packets %lu bytes, errors %lu\n",
		   p->opt.ip[0] ? p->opt.ip : "-",
		   p->udp_open ? p->udp.local.port : 0,
		   p->udp_open ? p->udp.rx : 0,
		   p->udp_open ? p->udp.rx_bytes : 0,
		   p->udp_open ? p->udp.tx : 0,
		   p->udp_open ? p->udp.tx_bytes : 0,
		   p->udp_open ? p->udp.tx_errors : 0);
	cli_printf(out, "  http: %lu requests (%lu ok, %lu failed), rx %lu "
			"bytes, tx %lu bytes\n",
		   hs->requests, hs->ok, hs->failed, hs->bytes_rx,
		   hs->bytes_tx);
	if (iface_of(p->opt.ip, dev, sizeof(dev))) {
		cli_printf(out, "interface: none holds %s\n",
			   p->opt.ip[0] ? p->opt.ip : "(no address)");
		return 0;
	}
	f = fopen("/proc/net/dev", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char name[32];
		unsigned long long v[16];
		char *colon = strchr(line, ':');

		if (!colon)
			continue;
		*colon = ' ';
		if (sscanf(line, " %31s %llu %llu %llu %llu %llu %llu %llu %llu "
				 "%llu %llu %llu %llu",
			   name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
			   &v[7], &v[8], &v[9], &v[10], &v[11]) != 13 ||
		    strcmp(name, dev))
			continue;
		cli_printf(out, "interface %s (/proc/net/dev): rx %llu packets "
				"%llu bytes %llu errors %llu dropped, tx %llu "
				"packets %llu bytes %llu errors %llu dropped\n",
			   dev, v[1], v[0], v[2], v[3], v[9], v[8], v[10],
			   v[11]);
	}
	fclose(f);
	return 0;
}

struct handle_count {
	unsigned n[UV_HANDLE_TYPE_MAX], active, total;
};

static void count_handle(uv_handle_t *h, void *arg)
{
	struct handle_count *c = arg;

	if ((unsigned)h->type < UV_HANDLE_TYPE_MAX)
		c->n[h->type]++;
	c->active += uv_is_active(h) != 0;
	c->total++;
}

/* "Shows tasks and buffer lists": one task (the libuv loop) and what it
 * serves; the buffers the runtime holds. */
static int show_stacks(struct phone *p, struct cli_out *out)
{
	struct handle_count c;
	const struct http_stats *hs = http_stats();
	unsigned i;

	memset(&c, 0, sizeof(c));
	uv_walk(p->uv, count_handle, &c);
	cli_printf(out, "task: libuv loop (pid %ld), %u handles (%u active)\n",
		   (long)getpid(), c.total, c.active);
	for (i = 0; i < UV_HANDLE_TYPE_MAX; i++)
		if (c.n[i])
			cli_printf(out, "  %-8s %u\n",
				   uv_handle_type_name((uv_handle_type)i),
				   c.n[i]);
	cli_printf(out, "timers: %u armed (heap of %u)\n", p->loop.timers.n,
		   p->loop.timers.cap);
	cli_printf(out, "sip transactions: %u\n", txn_layer_count(p->txn));
	cli_printf(out, "telnet sessions: %u\n", p->telnet.nsessions);
	cli_printf(out, "http requests in flight: %lu\n", hs->active);
	cli_printf(out, "buffers: sip udp receive 1 x %u bytes, http "
			"responses %lu x %u bytes\n",
		   (unsigned)sizeof(p->udp.rbuf), hs->active,
		   (unsigned)HTTP_RESP_MAX);
	if (p->dir)
		cli_printf(out, "directories: %s, cards fetched %lu (read %lu, "
				"failed %lu)\n",
			   dir_state_name(dir_state(phone_dir(p))),
			   phone_dir(p)->fetches, phone_dir(p)->loaded,
			   phone_dir(p)->failed);
	return 0;
}

/* "Shows the memory mapping table, including free, used, and wasted
 * blocks": the C heap (mallinfo2), the process (/proc/self/statm) and
 * the runtime's own blocks. */
static int show_memorymap(struct phone *p, struct cli_out *out)
{
	struct mallinfo2 mi = mallinfo2();
	const struct http_stats *hs = http_stats();
	unsigned long size, res, shared, text, lib, data, dt;
	long page = sysconf(_SC_PAGESIZE);
	FILE *f;

	cli_printf(out, "heap (mallinfo2): arena %zu bytes, used %zu, free "
			"%zu, releasable %zu, mmap %zu in %zu blocks\n",
		   mi.arena, mi.uordblks, mi.fordblks, mi.keepcost,
		   mi.hblkhd, mi.hblks);
	f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%lu %lu %lu %lu %lu %lu %lu", &size, &res,
			   &shared, &text, &lib, &data, &dt) == 7)
			cli_printf(out, "process (/proc/self/statm): size %lu "
					"kB, resident %lu kB, text %lu kB, "
					"data+stack %lu kB\n",
				   size * (unsigned long)page / 1024,
				   res * (unsigned long)page / 1024,
				   text * (unsigned long)page / 1024,
				   data * (unsigned long)page / 1024);
		fclose(f);
	}
	cli_printf(out, "runtime: phone %zu bytes, menus %zu, directories "
			"%zu, http %lu in use, timer heap %u slots\n",
		   sizeof(*p), p->menu ? sizeof(*p->menu) : (size_t)0,
		   p->dir ? sizeof(struct dir) : (size_t)0, hs->mem_in_use,
		   p->loop.timers.cap);
	return 0;
}

/* "Displays the current contents of the personal directory". */
static int show_personaldir(struct phone *p, struct cli_out *out)
{
	const struct dir_hlist *h;
	unsigned i;

	if (!p->dir)
		return -ENOTSUP;
	h = dir_list_get(phone_dir(p), DIR_PERSONAL);
	cli_printf(out, "personal directory: %u of %d entries, %s\n", h->n,
		   DIR_PERSONAL_MAX, "newest first");
	for (i = 0; i < h->n; i++)
		cli_printf(out, "%2u %s%s%s%s uses %u%s\n", i + 1,
			   h->e[i].name, h->e[i].name_cut ? "~" : "",
			   h->e[i].name[0] ? " " : "", h->e[i].number,
			   h->e[i].uses, h->e[i].locked ? " locked" : "");
	return 0;
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
	case CLI_SHOW_ARP:
		return show_arp(out);
	case CLI_SHOW_ETHERNET:
		return show_ethernet(p, out);
	case CLI_SHOW_STACKS:
		return show_stacks(p, out);
	case CLI_SHOW_MEMORYMAP:
		return show_memorymap(p, out);
	case CLI_SHOW_PERSONALDIR:
		return show_personaldir(p, out);
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
		/* what the screen shows, an open menu included */
		if (phone_screen_text(p, text, sizeof(text)) < 0)
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
	/* the keys as the front end's: menus and directories first */
	if (key <= CLI_KEY_9)
		return phone_key(p, (enum menu_key)(MENU_KEY_0 +
						    (key - CLI_KEY_0)));
	switch (key) {
	case CLI_KEY_STAR:
		return phone_key(p, MENU_KEY_STAR);
	case CLI_KEY_POUND:
		return phone_key(p, MENU_KEY_POUND);
	case CLI_KEY_SK1:
	case CLI_KEY_SK2:
	case CLI_KEY_SK3:
	case CLI_KEY_SK4:
		return phone_key(p, (enum menu_key)(MENU_KEY_SK1 +
						    (key - CLI_KEY_SK1)));
	case CLI_KEY_LINE1:
		return phone_calls_offhook(p);
	case CLI_KEY_MSGS:
		return phone_key(p, MENU_KEY_MSGS);
	case CLI_KEY_DIR:
		return phone_key(p, MENU_KEY_DIR);
	case CLI_KEY_SERV:
		return phone_key(p, MENU_KEY_SERV);
	case CLI_KEY_SET:
		return phone_key(p, MENU_KEY_SETTINGS);
	case CLI_KEY_NAVUP:
		return phone_key(p, MENU_KEY_UP);
	case CLI_KEY_NAVDN:
		return phone_key(p, MENU_KEY_DOWN);
	default:
		return -ENOTSUP; /* volume, headset, speaker, mute, info */
	}
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
