/*
 * fetch_tftp.c - where each boot file comes from: a dyn_tftp_addr server
 * when the configuration named one, else --tftp, else the folder.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fetch_tftp.h"

int fetch_parse_server(const char *s, struct net_addr *a)
{
	const char *colon = strchr(s, ':');
	size_t len = colon ? (size_t)(colon - s) : strlen(s);
	char *end;
	long port = TFTP_PORT;

	if (net_addr_parse_ip(s, len, &a->ip))
		return -EINVAL;
	if (colon) {
		port = strtol(colon + 1, &end, 10);
		if (*end || port < 1 || port > 65535)
			return -EINVAL;
	}
	a->port = (uint16_t)port;
	return 0;
}

static void done(void *arg, struct tftp_result *r)
{
	struct fetch_host *f = arg;
	boot_fetch_cb *cb = f->cb;

	f->cb = NULL;
	f->xfer = NULL;
	if (cb)
		cb(f->cbarg, r->err, r->data, r->len);
}

static int get(void *arg, const struct boot_server *srv, const char *name,
	       size_t max, boot_fetch_cb *cb, void *cbarg)
{
	struct fetch_host *f = arg;
	struct tftp_opts o = {.max_size = max};
	struct net_addr server = f->server;
	int err;

	if (srv->host[0]) {
		if (net_addr_parse_ip(srv->host, strlen(srv->host), &server.ip))
			return -EINVAL;
		server.port = TFTP_PORT;
	} else if (!server.ip && f->dir) {
		struct boot_fetcher d = fetch_dir_fetcher(f->dir);

		return d.get(d.arg, srv, name, max, cb, cbarg);
	}
	if (!f->tftp || !server.ip)
		return -EHOSTUNREACH;
	if (f->cb)
		return -EBUSY;
	f->cb = cb;
	f->cbarg = cbarg;
	err = tftp_get(f->tftp, &server, name, &o, done, f, &f->xfer);
	if (err)
		f->cb = NULL;
	return err;
}

struct boot_fetcher fetch_host_fetcher(struct fetch_host *f)
{
	struct boot_fetcher bf = {get, f};

	return bf;
}

void fetch_host_cancel(struct fetch_host *f)
{
	boot_fetch_cb *cb = f->cb;

	if (!cb)
		return;
	f->cb = NULL;
	if (f->xfer)
		tftp_cancel(f->xfer);
	f->xfer = NULL;
	cb(f->cbarg, -ECANCELED, NULL, 0);
}
