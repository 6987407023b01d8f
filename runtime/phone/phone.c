/*
 * phone.c - wiring: the boot sequence's steps, the configuration applied
 * to the SIP stack and the screen, and requests the phone answers itself.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "call/call.h"
#include "clock/clock.h"
#include "dhcp/dhcp.h"
#include "log/log.h"
#include "menu/menu.h"
#include "phone/phone.h"
#include "platform.h"
#include "phone/phone_call.h"
#include "phone/phone_dir.h"
#include "dir/dir.h"
#include "phone/phone_lines.h"
#include "phone/phone_mwi.h"
#include "uac/uac_dns.h"
#include "sip/sip_build.h"

/* ---------------------------------------------------------------- screen */

static void screen_changed(struct phone *p)
{
	if (p->screen_hook)
		p->screen_hook(p->screen_arg, &p->lcd);
}

void phone_set_screen_hook(struct phone *p,
			   void (*hook)(void *arg, const struct lcd *l),
			   void *arg)
{
	p->screen_hook = hook;
	p->screen_arg = arg;
}

int phone_screen_text(const struct phone *p, char *buf, size_t size)
{
	/* An open menu draws over the phone's screen. */
	if (p->menu && menu_active(p->menu)) {
		struct lcd l = p->lcd;

		menu_render(p->menu, &l);
		return lcd_render(&l, buf, size);
	}
	if (p->dir && dir_active(phone_dir(p))) {
		struct lcd l = p->lcd;

		dir_render(phone_dir(p), &l);
		return lcd_render(&l, buf, size);
	}
	return lcd_render(&p->lcd, buf, size);
}

int phone_key(struct phone *p, enum menu_key k)
{
	struct dir *d = phone_dir(p);
	int err;

	if ((unsigned)k >= MENU_KEY__COUNT)
		return -EINVAL;
	if (k == MENU_KEY_SETTINGS) {
		if (d)
			dir_close(d);
		return p->menu ? menu_key(p->menu, k) : -ENOTSUP;
	}
	if (k == MENU_KEY_DIR || k == MENU_KEY_SERV) {
		if (p->menu && menu_active(p->menu))
			menu_key(p->menu, MENU_KEY_SETTINGS); /* leaves */
		return d ? dir_key(d, k) : -ENOTSUP;
	}
	if (p->menu && menu_active(p->menu))
		return menu_key(p->menu, k);
	if (d && dir_active(d) && (err = dir_key(d, k)) != -ENOENT)
		return err;
	if (k <= MENU_KEY_9)
		return phone_calls_key(p, (char)('0' + (int)(k - MENU_KEY_0)));
	switch (k) {
	case MENU_KEY_STAR:
		return phone_calls_key(p, '*');
	case MENU_KEY_POUND:
		return phone_calls_key(p, '#');
	case MENU_KEY_SK1:
	case MENU_KEY_SK2:
	case MENU_KEY_SK3:
	case MENU_KEY_SK4:
		return phone_calls_softkey(p, (unsigned)(k - MENU_KEY_SK1));
	case MENU_KEY_HOOK:
		return phone_calls_hook(p);
	case MENU_KEY_MSGS:
		return phone_calls_messages(p);
	default:
		return -ENOTSUP; /* the arrows on the phone's own screen */
	}
}

/* Line keys from the configuration: shortcode (falls back to the name),
 * the E.164 icon for a number, the URL icon for a name. */
static void screen_from_cnf(struct phone *p)
{
	unsigned n;

	LCD_SET(p->lcd.label, cnf_str(p->cnf, CNF_PHONE_LABEL));
	for (n = 1; n <= LCD_LINES; n++) {
		struct lcd_line *ln = &p->lcd.line[n - 1];
		const char *name = cnf_str(p->cnf, cnf_line_param(CNF_LINE_NAME, n));
		const char *shown =
			cnf_str(p->cnf, cnf_line_param(CNF_LINE_SHORTCODE, n));
		const char *c;
		int digits = 1;

		if (strcmp(name, "UNPROVISIONED") == 0) {
			memset(ln, 0, sizeof(*ln));
			continue;
		}
		for (c = name; *c; c++)
			if (!(*c >= '0' && *c <= '9') && *c != '*' && *c != '#')
				digits = 0;
		LCD_SET(ln->label, shown);
		ln->icon = digits ? LCD_ICON_E164 : LCD_ICON_URL;
	}
}

/* The date and time on the top line, per time_zone, DST, date_format
 * and time_format_24hr; redrawn at each new minute. */
static void clock_tick(struct rt_timer *t, void *arg)
{
	struct phone *p = arg;
	struct clock_zone z;
	struct clock_tm tm;
	int64_t now = (int64_t)time(NULL);

	(void)t;
	clock_zone_from_cnf(&z, p->cnf);
	clock_local(&z, now, &tm);
	if (clock_format(&tm, p->cnf, p->lcd.clock, sizeof(p->lcd.clock)) < 0)
		p->lcd.clock[0] = '\0';
	screen_changed(p);
	rt_timer_start(&p->loop.timers, &p->clock_timer,
		       (uint64_t)(60 - now % 60) * 1000, clock_tick, p);
}

/* ---------------------------------------------------------------- SIP */

/* "debug sip": the first line of every message, each way (the demo's
 * ladder is drawn from these). */
static void log_msg(const char *dir, const struct net_addr *peer,
		    const char *buf, size_t len)
{
	char at[NET_ADDR_STR_MAX];
	size_t n = 0;

	if (!log_enabled(LOG_CAT_SIP))
		return;
	while (n < len && n < 160 && buf[n] != '\r' && buf[n] != '\n')
		n++;
	log_printf(LOG_DEBUG, LOG_CAT_SIP, "%s %s: %.*s", dir,
		   net_addr_fmt(peer, at, sizeof(at)), (int)n, buf);
}

int phone_sip_send(struct phone *p, const struct net_addr *dst,
		   const char *buf, size_t len)
{
	if (!p->udp_open)
		return -ENOTCONN;
	log_msg("sent to", dst, buf, len);
	return sip_udp_send(&p->udp, dst, buf, len);
}

static int udp_send(void *arg, const struct net_addr *dst, const char *buf,
		    size_t len)
{
	return phone_sip_send(arg, dst, buf, len);
}

static void udp_recv(void *arg, const char *buf, size_t len,
		     const struct net_addr *src)
{
	struct phone *p = arg;

	log_msg("received from", src, buf, len);
	txn_layer_recv(p->txn, buf, len, src);
}

/* Requests no feature has taken yet: OPTIONS is answered with what the
 * phone accepts (RFC 3261 11.2); the rest with 501 until a module claims
 * it. */
static void on_request(void *arg, struct txn *t, const struct sip_msg *req,
		       const struct net_addr *src)
{
	static const struct sip_xhdr options_hdrs[] = {
		{"Allow", SIP_PL_INIT(CALL_ALLOW)},
		{"Accept", SIP_PL_INIT("application/sdp")},
		{"Accept-Language", SIP_PL_INIT("en")},
		{"Supported", SIP_PL_INIT("replaces")},
	};
	struct phone *p = arg;
	struct sip_resp r = {.status = 501};
	char buf[2048];
	struct sip_mbuf b;

	(void)src;
	if (phone_calls_request(p, t, req) || phone_mwi_request(p, t, req))
		return;
	if (req->mid == SIP_METHOD_OPTIONS) {
		r.status = 200;
		r.xhdr = options_hdrs;
		r.nxhdr = sizeof(options_hdrs) / sizeof(options_hdrs[0]);
	}
	r.to_tag = sip_pl_mk("sipphone1", 9);
	sip_mbuf_init(&b, buf, sizeof(buf));
	if (sip_build_response(&b, req, &r) == 0)
		txn_respond(t, b.p, b.len);
}

static void on_stray(void *arg, const struct sip_msg *m,
		     const struct net_addr *src)
{
	(void)src;
	phone_calls_stray(arg, m);
}

static const struct txn_layer_ops layer_ops = {
	.send = udp_send,
	.request = on_request,
	.stray = on_stray,
};

static void txn_cfg_from_cnf(struct txn_cfg *tc, const struct cnf *c)
{
	tc->t1 = (uint32_t)cnf_int(c, CNF_TIMER_T1);
	tc->t2 = (uint32_t)cnf_int(c, CNF_TIMER_T2);
	tc->invite_retx = (uint32_t)cnf_int(c, CNF_SIP_INVITE_RETX);
	tc->retx = (uint32_t)cnf_int(c, CNF_SIP_RETX);
}

/* Bind the phone's address and voip_control_port (again when the port
 * changed). */
static int open_sip(struct phone *p)
{
	struct net_addr local;
	uint16_t port = (uint16_t)cnf_int(p->cnf, CNF_VOIP_CONTROL_PORT);
	int err;

	if (net_addr_parse_ip(p->opt.ip, strlen(p->opt.ip), &local.ip))
		return -EINVAL;
	local.port = port;
	if (p->udp_open) {
		/* As on the real phone, a new port takes a reset. */
		if (p->udp.local.port != port)
			log_printf(LOG_INFO, LOG_CAT_SIP,
				   "voip_control_port %u from the next reset",
				   port);
		return 0;
	}
	err = sip_udp_open(&p->udp, p->uv, &local, udp_recv, p);
	if (err) {
		log_printf(LOG_ERR, LOG_CAT_SIP, "cannot bind %s:%u: %s",
			   p->opt.ip, port, uv_strerror(err));
		return err;
	}
	p->udp_open = 1;
	log_printf(LOG_INFO, LOG_CAT_SIP, "SIP on %s:%u/udp", p->opt.ip, port);
	return 0;
}

/* Names (proxies, registrars) resolve through the DNS servers of the
 * configuration, in the guide's order; a phone configured with dotted
 * addresses only needs none.  The servers are read once: new ones take
 * a reset, as on the real phone. */
static void open_dns(struct phone *p)
{
	struct dns_config dc = {0};
	struct uac_resolver res;
	int err;

	if (p->dns)
		return;
	dc.dyn_dns_addr[0] = cnf_str(p->cnf, CNF_DYN_DNS_ADDR_1);
	dc.dyn_dns_addr[1] = cnf_str(p->cnf, CNF_DYN_DNS_ADDR_2);
	dc.dns_server[0] = cnf_str(p->cnf, CNF_DNS_SERVER_1);
	dc.dns_server[1] = cnf_str(p->cnf, CNF_DNS_SERVER_2);
	dc.dns_server[2] = cnf_str(p->cnf, CNF_DNS_SERVER_3);
	dc.dns_server[3] = cnf_str(p->cnf, CNF_DNS_SERVER_4);
	dc.dns_server[4] = cnf_str(p->cnf, CNF_DNS_SERVER_5);
	err = dns_resolver_open(p->uv, &dc, &p->dns);
	if (err) {
		log_printf(LOG_WARN, LOG_CAT_DNS, "no resolver: %s",
			   dns_strerror(err));
		p->dns = NULL;
		return;
	}
	res = uac_dns_resolver(p->dns);
	uac_set_resolver(p->uac, &res);
}

/* ---------------------------------------------------------------- boot */

static void cnf_log(void *arg, const struct cnf_diag *d)
{
	char line[CNF_DIAG_MAX + 320];

	(void)arg;
	cnf_diag_format(d, line, sizeof(line));
	log_printf(d->sev == CNF_ERROR ? LOG_WARN : LOG_INFO, LOG_CAT_CFG,
		   "%s", line);
}

static void op_load_flash(void *arg)
{
	struct phone *p = arg;
	int err;

	if (!p->opt.flash)
		return;
	err = cnf_layer_load_file(p->layers, CNF_LAYER_FLASH, p->opt.flash,
				  cnf_log, NULL, NULL);
	if (err == -ENOENT)
		log_printf(LOG_INFO, LOG_CAT_CFG, "%s: new flash", p->opt.flash);
	else if (err)
		log_printf(LOG_WARN, LOG_CAT_CFG, "%s: %s", p->opt.flash,
			   strerror(-err));
}

/* "Configuring Network Parameters Using a DHCP Server": the lease goes
 * into the SYSTEM layer, its address is the phone's, option 66 names the
 * TFTP server unless the command line gave one. */
static void on_dhcp(void *arg, enum dhcp_status st, int err,
		    const struct dhcp_lease *lease)
{
	struct phone *p = arg;
	char why[CNF_DIAG_MAX], ip[16];

	switch (st) {
	case DHCP_BOUND:
		if (dhcp_lease_to_cnf(p->layers, lease, why, sizeof(why)))
			log_printf(LOG_WARN, LOG_CAT_CFG, "DHCP lease: %s", why);
		net_addr_fmt_ip(lease->ip, ip, sizeof(ip));
		log_printf(LOG_INFO, LOG_CAT_CFG, "DHCP: %s from %s", ip,
			   lease->tftp[0] ? lease->tftp : "(no TFTP server)");
		if (p->dhcp_bound && strcmp(ip, p->opt.ip) != 0) {
			/* a new address: everything again */
			snprintf(p->opt.ip, sizeof(p->opt.ip), "%s", ip);
			boot_reset(p->boot);
			return;
		}
		snprintf(p->opt.ip, sizeof(p->opt.ip), "%s", ip);
		err = platform_net_configure(p->opt.dhcp_if, lease->ip,
					     lease->mask, lease->router);
		if (err)
			log_printf(LOG_WARN, LOG_CAT_CFG,
				   "cannot configure %s: %s",
				   p->opt.dhcp_if ? p->opt.dhcp_if : "?",
				   strerror(-err));
		if (!p->opt.tftp && !p->opt.tftp_root &&
		    !dhcp_lease_tftp_is_name(lease))
			boot_set_server(p->boot, lease->tftp);
		if (!p->dhcp_bound) {
			p->dhcp_bound = 1;
			boot_identity_done(p->boot, 0);
		}
		break;
	case DHCP_FAILED:
		log_printf(LOG_WARN, LOG_CAT_CFG, "DHCP: no lease (%s)",
			   strerror(-err));
		if (!p->dhcp_bound)
			boot_identity_done(p->boot, err);
		break;
	case DHCP_LOST:
		LCD_SET(p->lcd.prompt, "DHCP lease lost");
		screen_changed(p);
		break;
	case DHCP_RENEWED:
	case DHCP_RELEASED:
		break;
	}
}

static void dhcp_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct phone *p = arg;

	if (p->dhcp)
		dhcp_client_input(p->dhcp, buf, len);
}

static int start_dhcp(struct phone *p, const char *host)
{
	struct dhcp_cfg cfg = {.hostname = host};
	unsigned i;
	int err;

	for (i = 0; i < 6; i++) {
		unsigned v;

		sscanf(p->opt.mac + 2 * i, "%2x", &v);
		cfg.mac[i] = (uint8_t)v;
	}
	err = dhcp_sock_open(&p->dhcp_sock, p->uv, p->opt.dhcp_if, dhcp_rx, p);
	if (err) {
		log_printf(LOG_ERR, LOG_CAT_CFG, "DHCP socket: %s",
			   strerror(-err));
		return err;
	}
	p->dhcp = dhcp_client_new(&p->loop.timers, &dhcp_sock_io,
				  p->dhcp_sock, &cfg, on_dhcp, p);
	if (!p->dhcp)
		return -ENOMEM;
	dhcp_client_acquire(p->dhcp);
	return -EINPROGRESS;
}

/* On a host: --ip and --mac, or DHCP without --ip; the facts go into
 * the SYSTEM layer. */
static int op_identity(void *arg)
{
	struct phone *p = arg;
	char why[CNF_DIAG_MAX], host[24];
	uint32_t ip;

	snprintf(host, sizeof(host), "SIP%s", p->opt.mac);
	if (!p->opt.ip[0]) {
		if (cnf_layer_set(p->layers, CNF_LAYER_SYSTEM, CNF_MAC_ADDRESS,
				  p->opt.mac, why, sizeof(why)) < 0 ||
		    cnf_layer_set(p->layers, CNF_LAYER_SYSTEM, CNF_HOST_NAME,
				  host, why, sizeof(why)) < 0)
			return -EINVAL;
		if (p->dhcp)
			return p->dhcp_bound ? 0 : -EINPROGRESS;
		return start_dhcp(p, host);
	}
	if (net_addr_parse_ip(p->opt.ip, strlen(p->opt.ip), &ip))
		return -EINVAL;
	if (cnf_layer_set(p->layers, CNF_LAYER_SYSTEM, CNF_MAC_ADDRESS,
			  p->opt.mac, why, sizeof(why)) < 0 ||
	    cnf_layer_set(p->layers, CNF_LAYER_SYSTEM, CNF_HOST_NAME, host, why,
			  sizeof(why)) < 0 ||
	    cnf_layer_set(p->layers, CNF_LAYER_SYSTEM, CNF_IP_ADDRESS,
			  p->opt.ip, why, sizeof(why)) < 0) {
		log_printf(LOG_ERR, LOG_CAT_CFG, "identity: %s", why);
		return -EINVAL;
	}
	return 0;
}

static void op_status(void *arg, const char *msg)
{
	struct phone *p = arg;

	log_printf(LOG_INFO, LOG_CAT_CFG, "%s", msg);
	if (p->menu) /* Status > Status Messages */
		menu_status_message(p->menu, msg);
	LCD_SET(p->lcd.prompt, msg);
	screen_changed(p);
}

static void plan_log(void *arg, const struct dialplan_diag *d)
{
	char line[512];

	(void)arg;
	dialplan_diag_format(d, line, sizeof(line));
	log_printf(LOG_INFO, LOG_CAT_CFG, "%s", line);
}

static void rings_free(struct phone *p)
{
	unsigned i;

	phone_calls_rings_gone(p);
	for (i = 0; i < p->nrings; i++)
		free(p->ring[i].pcm);
	memset(p->ring, 0, sizeof(p->ring));
	p->nrings = 0;
}

static void op_file(void *arg, enum boot_file f, const char *name,
		    const uint8_t *data, size_t len)
{
	struct phone *p = arg;
	struct dialplan *plan;

	switch (f) {
	case BOOT_FILE_DIALPLAN:
		if (dialplan_load(name, data, len, plan_log, NULL, NULL,
				  &plan) == 0) {
			dialplan_free(p->plan);
			p->plan = plan;
			log_printf(LOG_INFO, LOG_CAT_CFG, "%s: %u templates",
				   name, dialplan_count(plan));
		}
		break;
	case BOOT_FILE_RINGLIST:
		log_printf(LOG_INFO, LOG_CAT_CFG, "%s: %zu bytes", name, len);
		rings_free(p);
		break;
	case BOOT_FILE_RING:
		log_printf(LOG_INFO, LOG_CAT_CFG, "%s: %zu bytes", name, len);
		if (p->nrings < PHONE_RINGS_MAX && len) {
			struct phone_ring *r = &p->ring[p->nrings];

			r->pcm = malloc(len);
			if (!r->pcm)
				break;
			memcpy(r->pcm, data, len);
			r->len = len;
			snprintf(r->file, sizeof(r->file), "%s", name);
			p->nrings++;
		}
		break;
	case BOOT_FILE_DEFAULT:
	case BOOT_FILE_PHONE:
		break;
	}
}

/* "reads the parameters defined in the file and stores those parameters
 * that differ in Flash memory" -- then everything runs on the new
 * snapshot. */
static void op_apply(void *arg)
{
	struct phone *p = arg;
	struct cnf *c;
	struct txn_cfg tc;
	unsigned changed;
	int err;

	changed = cnf_layers_commit_flash(p->layers);
	if (changed && p->opt.flash) {
		err = cnf_layer_save(p->layers, CNF_LAYER_FLASH, p->opt.flash);
		if (err)
			log_printf(LOG_ERR, LOG_CAT_CFG, "%s: cannot save: %s",
				   p->opt.flash, strerror(-err));
		else
			log_printf(LOG_INFO, LOG_CAT_CFG,
				   "%u parameters stored in flash", changed);
	}
	if (cnf_snapshot(p->layers, &c)) {
		log_printf(LOG_ERR, LOG_CAT_CFG, "no memory for the snapshot");
		return;
	}
	cnf_free(p->cnf);
	p->cnf = c;
	txn_cfg_from_cnf(&tc, c);
	txn_layer_set_cfg(p->txn, &tc);
	open_sip(p);
	open_dns(p);
	if (p->telnet_open) {
		struct cli_telnet_cfg tc_cfg;

		if (cli_telnet_cfg_from_cnf(&tc_cfg, c) == 0)
			cli_telnet_configure(&p->telnet, &tc_cfg);
	}
	screen_from_cnf(p);
	clock_tick(NULL, p);
	phone_lines_apply(p);
}

static void op_running(void *arg)
{
	struct phone *p = arg;
	static const char *const keys[LCD_SOFTKEYS] = {"Redial", "NewCall",
						       "CFwd", "more"};
	unsigned i;

	LCD_SET(p->lcd.prompt, "");
	for (i = 0; i < LCD_SOFTKEYS; i++)
		LCD_SET(p->lcd.softkey[i], keys[i]);
	log_printf(LOG_INFO, LOG_CAT_CFG, "running");
	screen_changed(p);
	if (phone_lines_start(p))
		log_printf(LOG_ERR, LOG_CAT_CFG, "cannot start the lines");
	if (phone_calls_open(p))
		log_printf(LOG_ERR, LOG_CAT_CFG, "cannot open the calls");
}

static const struct boot_ops boot_ops = {
	.load_flash = op_load_flash,
	.identity = op_identity,
	.status = op_status,
	.file = op_file,
	.apply = op_apply,
	.running = op_running,
};

/* ---------------------------------------------------------------- menu */
/* The Settings menus change the configuration layers; the phone takes a
 * new snapshot, saves flash, redraws. */
static const struct cnf *menu_cnf(void *arg)
{
	struct phone *p = arg;

	return p->cnf;
}

static int menu_changed(void *arg, enum cnf_layer_id layer)
{
	struct phone *p = arg;
	struct cnf *c;
	int err;

	if (layer == CNF_LAYER_FLASH && p->opt.flash) {
		err = cnf_layer_save(p->layers, CNF_LAYER_FLASH, p->opt.flash);
		if (err) {
			log_printf(LOG_ERR, LOG_CAT_CFG, "%s: cannot save: %s",
				   p->opt.flash, strerror(-err));
			return err;
		}
	}
	err = cnf_snapshot(p->layers, &c);
	if (err)
		return err;
	cnf_free(p->cnf);
	p->cnf = c;
	screen_from_cnf(p);
	return 0;
}

static void menu_redraw(void *arg)
{
	screen_changed(arg);
}

/* Network Configuration > Save: flash is stored; the phone resets. */
static void menu_reset(void *arg)
{
	struct phone *p = arg;

	log_printf(LOG_INFO, LOG_CAT_CFG, "network settings saved: resetting");
	boot_reset(p->boot);
}

/* Network settings left unsaved: the flash layer as stored (without a
 * flash file there is nothing to go back to: they stay until reboot). */
static int menu_revert(void *arg)
{
	struct phone *p = arg;
	int err;

	if (!p->opt.flash)
		return 0;
	cnf_layer_erase(p->layers, CNF_LAYER_FLASH, 0);
	err = cnf_layer_load_file(p->layers, CNF_LAYER_FLASH, p->opt.flash,
				  cnf_log, NULL, NULL);
	if (err && err != -ENOENT)
		log_printf(LOG_WARN, LOG_CAT_CFG, "%s: %s", p->opt.flash,
			   strerror(-err));
	return menu_changed(p, CNF_LAYER_LOCAL);
}

static const struct menu_ops menu_ops = {
	.cnf = menu_cnf,
	.changed = menu_changed,
	.redraw = menu_redraw,
	.reset = menu_reset,
	.revert = menu_revert,
};

/* ---------------------------------------------------------------- life */

int phone_open(struct phone *p, uv_loop_t *uv, const struct phone_opts *o,
	       const struct boot_fetcher *fetcher)
{
	struct txn_cfg tc = TXN_CFG_DEFAULT;
	int err;

	memset(p, 0, sizeof(*p));
	p->opt = *o;
	p->uv = uv;
	p->fetcher = *fetcher;
	err = rt_loop_init(&p->loop, uv);
	if (err)
		return err;
	if ((err = cnf_layers_alloc(&p->layers)) ||
	    (err = cnf_snapshot(p->layers, &p->cnf)) ||
	    (err = txn_layer_alloc(&p->txn, &p->loop.timers, &tc, &layer_ops,
				   p)) ||
	    (err = uac_alloc(&p->uac, p->txn, &p->loop.timers, NULL)) ||
	    (err = boot_alloc(&p->boot, p->layers, &p->loop.timers,
			      &p->fetcher, &boot_ops, p)) ||
	    (err = boot_set_mac(p->boot, o->mac)))
		goto out;
	{
		/* The CLI listens once telnet_level (in the configuration)
		 * allows it. */
		struct net_addr at = {0, o->telnet_port};
		struct cli_telnet_cfg cfg;

		cli_telnet_cfg_default(&cfg);
		net_addr_parse_ip(o->ip, strlen(o->ip), &at.ip);
		err = cli_telnet_open(&p->telnet, uv, &p->loop.timers, &at,
				      &phone_cli_backend, p, &cfg);
		if (err)
			goto out;
		p->telnet_open = 1;
	}
	/* The Settings menus (keys come from a front end). */
	p->menu = malloc(sizeof(*p->menu));
	if (!p->menu) {
		err = -ENOMEM;
		goto out;
	}
	menu_init(p->menu, p->layers, &menu_ops, p);
	err = phone_dir_open(p);
	if (err)
		goto out;
	phone_mwi_load(p);
	LCD_SET(p->lcd.prompt, "Configuring VLAN");
out:
	if (err)
		phone_close(p, NULL, NULL);
	return err;
}

void phone_start(struct phone *p)
{
	boot_start(p->boot);
}

/* One handle less to wait for; the last one ends phone_close(). */
static void close_done(struct phone *p)
{
	if (--p->pending_closes == 0 && p->closed_cb)
		p->closed_cb(p->closed_arg);
}

static void telnet_closed(struct cli_telnet *t)
{
	close_done((struct phone *)(void *)((char *)t -
					    offsetof(struct phone, telnet)));
}

static void one_closed(uv_handle_t *h)
{
	close_done((struct phone *)(void *)((char *)h -
					    offsetof(struct phone, udp.h)));
}

static void dns_closed(void *arg)
{
	close_done(arg);
}

/* After the lines unregistered (answered, or timed out): close the rest. */
static void close_rest(void *arg)
{
	struct phone *p = arg;

	uac_free(p->uac);
	p->uac = NULL;
	txn_layer_free(p->txn);
	p->txn = NULL;
	dialplan_free(p->plan);
	p->plan = NULL;
	cnf_free(p->cnf);
	p->cnf = NULL;
	cnf_layers_free(p->layers);
	p->layers = NULL;
	free(p->menu);
	p->menu = NULL;
	phone_dir_close(p);
	rings_free(p);
	p->pending_closes = 1;
	if (p->dns) {
		p->pending_closes++;
		dns_resolver_close(p->dns, dns_closed, p);
		p->dns = NULL;
	}
	if (p->telnet_open) {
		p->pending_closes++;
		p->telnet_open = 0;
		cli_telnet_close(&p->telnet, telnet_closed);
	}
	if (p->udp_open) {
		p->pending_closes++;
		sip_udp_close(&p->udp, one_closed);
		p->udp_open = 0;
	}
	/* the tick handle closes without a callback: done at once */
	rt_loop_close(&p->loop);
	close_done(p);
}

static void close_lines(void *arg);

/* End the calls, unregister the lines (SIGTERM: "unregisters, flushes
 * flash, closes every handle"), then close everything.  Flash was written when the
 * configuration was applied: writes are atomic, nothing is pending. */
void phone_close(struct phone *p, void (*cb)(void *arg), void *arg)
{
	if (p->closing)
		return;
	p->closing = 1;
	p->closed_cb = cb;
	p->closed_arg = arg;
	rt_timer_stop(&p->loop.timers, &p->clock_timer);
	/* the calls end first (BYE, CANCEL, 480), as the person would */
	phone_calls_end_all(p, close_lines, p);
}

static void close_lines(void *arg)
{
	struct phone *p = arg;

	phone_calls_close(p);
	/* No RELEASE: the lease outlives a restart. */
	dhcp_client_free(p->dhcp);
	p->dhcp = NULL;
	dhcp_sock_close(p->dhcp_sock);
	p->dhcp_sock = NULL;
	boot_free(p->boot);
	p->boot = NULL;
	phone_lines_stop(p, close_rest, p);
}
