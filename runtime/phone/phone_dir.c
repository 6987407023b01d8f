/*
 * phone_dir.c - runtime/dir wired to the phone: directory_url and
 * services_url from the configuration, a card fetched by HTTP/1.0 (the
 * host by DNS when it is a name) and read by runtime/cmxml, Dial through
 * the calls, the call history from the calls.
 *
 * The first card of a key carries the phone's name ("A parameter is sent
 * along with the initial request for a Services or Directory URL"; the
 * guide does not say which: name=SIP<MAC>, as CallManager phones send
 * name=SEP<MAC>).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock/clock.h"
#include "cmxml/cmxml.h"
#include "dir/dir.h"
#include "dns/dns.h"
#include "http/http.h"
#include "log/log.h"
#include "phone/phone.h"
#include "phone/phone_call.h"
#include "phone/phone_dir.h"

struct phone_dir {
	struct dir d;
	struct phone *p;
	struct http_url url;
	struct http_req *req;
	struct dns_req *dns;
	struct cmxml_obj card;
};

struct dir *phone_dir(const struct phone *p)
{
	return p->dir ? &p->dir->d : NULL;
}

static const char *op_url(void *arg, enum dir_url which)
{
	struct phone_dir *pd = arg;

	if (!pd->p->cnf)
		return "";
	return cnf_str(pd->p->cnf, which == DIR_URL_SERVICES
					   ? CNF_SERVICES_URL
					   : CNF_DIRECTORY_URL);
}

static void on_http(void *arg, int err, const struct http_resp *r,
		    const char *body, size_t len, const char *why)
{
	struct phone_dir *pd = arg;
	char msg[CMXML_WHY_MAX];

	(void)r;
	pd->req = NULL;
	if (err) {
		dir_failed(&pd->d, why);
		return;
	}
	err = cmxml_parse(body, len, &pd->card, msg, sizeof(msg));
	if (err) {
		dir_failed(&pd->d, msg);
		return;
	}
	dir_loaded(&pd->d, &pd->card);
}

static int get(struct phone_dir *pd, const struct net_addr *dst, char *why,
	       size_t size)
{
	int err = http_get(pd->p->uv, &pd->p->loop.timers, dst, &pd->url,
			   HTTP_TIMEOUT_MS, on_http, pd, &pd->req);

	if (err)
		snprintf(why, size, "cannot fetch: %s", strerror(-err));
	return err;
}

static void on_dns(void *arg, int err, const struct dns_targets *t)
{
	struct phone_dir *pd = arg;
	char why[HTTP_WHY_MAX];
	struct net_addr dst;
	const uint8_t *b;

	pd->dns = NULL;
	if (err || !t || !t->n) {
		snprintf(why, sizeof(why), "cannot resolve %s: %s",
			 pd->url.host, dns_strerror(err ? err : -ENOENT));
		dir_failed(&pd->d, why);
		return;
	}
	b = (const uint8_t *)&t->t[0].addr; /* network byte order */
	dst.ip = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		 (uint32_t)b[2] << 8 | b[3];
	dst.port = pd->url.port;
	if (get(pd, &dst, why, sizeof(why)))
		dir_failed(&pd->d, why);
}

static int op_fetch(void *arg, const char *url, bool first, char *why,
		    size_t size)
{
	struct phone_dir *pd = arg;
	struct net_addr dst;
	size_t n;
	int err;

	err = http_url_parse(url, strlen(url), &pd->url, why, size);
	if (err)
		return err;
	if (first) {
		n = strlen(pd->url.path);
		if (n + 18 > HTTP_PATH_MAX) {
			snprintf(why, size, "URL too long");
			return -ENAMETOOLONG;
		}
		snprintf(pd->url.path + n, sizeof(pd->url.path) - n,
			 "%cname=SIP%s", strchr(pd->url.path, '?') ? '&' : '?',
			 pd->p->opt.mac);
	}
	log_printf(LOG_INFO, LOG_CAT_CFG, "GET http://%s:%u%s", pd->url.host,
		   (unsigned)pd->url.port, pd->url.path);
	dst.port = pd->url.port;
	if (net_addr_parse_ip(pd->url.host, strlen(pd->url.host), &dst.ip) ==
	    0)
		return get(pd, &dst, why, size);
	if (!pd->p->dns) {
		snprintf(why, size, "cannot resolve %s: no DNS server",
			 pd->url.host);
		return -EHOSTUNREACH;
	}
	err = dns_resolve_a(pd->p->dns, pd->url.host, pd->url.port, on_dns, pd,
			    &pd->dns);
	if (err)
		snprintf(why, size, "cannot resolve %s: %s", pd->url.host,
			 dns_strerror(err));
	return err;
}

static void op_cancel(void *arg)
{
	struct phone_dir *pd = arg;

	http_cancel(pd->req);
	pd->req = NULL;
	if (pd->dns)
		dns_cancel(pd->dns);
	pd->dns = NULL;
}

static int op_dial(void *arg, const char *number)
{
	struct phone_dir *pd = arg;

	return phone_calls_dial(pd->p, number);
}

static void op_redraw(void *arg)
{
	struct phone_dir *pd = arg;

	if (pd->p->screen_hook)
		pd->p->screen_hook(pd->p->screen_arg, &pd->p->lcd);
}

static void op_message(void *arg, const char *msg)
{
	struct phone_dir *pd = arg;

	LCD_SET(pd->p->lcd.prompt, msg);
	op_redraw(arg);
}

/* "14:02 03/14" in the phone's time zone. */
static int op_time(void *arg, int64_t when, char *buf, size_t size)
{
	struct phone_dir *pd = arg;
	struct clock_zone z;
	struct clock_tm tm;

	if (!pd->p->cnf)
		return -EINVAL;
	clock_zone_from_cnf(&z, pd->p->cnf);
	clock_local(&z, when, &tm);
	return snprintf(buf, size, "%02d:%02d %02d/%02d", tm.hour, tm.min,
			tm.month, tm.day);
}

static const struct dir_ops ops = {
	.url = op_url,
	.fetch = op_fetch,
	.cancel = op_cancel,
	.dial = op_dial,
	.redraw = op_redraw,
	.message = op_message,
	.time_text = op_time,
};

int phone_dir_open(struct phone *p)
{
	struct phone_dir *pd = calloc(1, sizeof(*pd));

	if (!pd)
		return -ENOMEM;
	pd->p = p;
	dir_init(&pd->d, &ops, pd);
	p->dir = pd;
	return 0;
}

void phone_dir_close(struct phone *p)
{
	if (!p->dir)
		return;
	op_cancel(p->dir);
	free(p->dir);
	p->dir = NULL;
}

/* ---------------------------------------------------------------- history */

static void record(struct phone *p, enum dir_list l, const char *name,
		   const char *number)
{
	int err;

	if (!p->dir)
		return;
	err = dir_call(&p->dir->d, l, name, number, (int64_t)time(NULL));
	if (err)
		log_printf(LOG_INFO, LOG_CAT_CALL, "%s: %s not kept: %s",
			   dir_list_name(l), number, strerror(-err));
}

/* "sip:101@10.0.0.1:5060;transport=udp" -> "101@10.0.0.1:5060" */
static void uri_number(const char *uri, char *buf, size_t size)
{
	const char *s = uri;
	size_t n;

	if (!strncmp(s, "sip:", 4))
		s += 4;
	else if (!strncmp(s, "sips:", 5))
		s += 5;
	n = strcspn(s, ";?>");
	snprintf(buf, size, "%.*s", (int)n, s);
}

void phone_history_placed(struct phone *p, const char *target)
{
	record(p, DIR_PLACED, "", target);
}

void phone_history_answered(struct phone *p, const struct call *c)
{
	struct call_info ci;
	char number[CALL_URI_MAX];

	call_get_info(c, &ci);
	uri_number(ci.peer, number, sizeof(number));
	record(p, DIR_RECEIVED, ci.peer_name, number);
}

void phone_history_missed(struct phone *p, const struct call_info *ci)
{
	char number[CALL_URI_MAX];

	if (ci->outgoing)
		return;
	uri_number(ci->peer, number, sizeof(number));
	record(p, DIR_MISSED, ci->peer_name, number);
}

void phone_history_refused(struct phone *p, const struct sip_msg *req)
{
	const struct sip_uri *u = &req->from.uri;
	char name[DIR_NAME_MAX * 2], number[DIR_NUMBER_MAX * 2];

	snprintf(name, sizeof(name), "%.*s",
		 sip_pl_isset(&req->from.dname) ? (int)req->from.dname.l : 0,
		 req->from.dname.p ? req->from.dname.p : "");
	snprintf(number, sizeof(number), "%.*s%s%.*s", (int)u->user.l,
		 u->user.p ? u->user.p : "", u->user.l ? "@" : "",
		 (int)u->host.l, u->host.p ? u->host.p : "");
	record(p, DIR_MISSED, name, number);
}
