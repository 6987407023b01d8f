/*
 * fetch_tftp.h - boot files from TFTP (--tftp HOST[:PORT], and any
 * dyn_tftp_addr server the configuration names), or from a folder
 * (--tftp-root) for the phone's own source.
 */
#ifndef FETCH_TFTP_H
#define FETCH_TFTP_H

#include "boot/boot.h"
#include "fetch_dir.h"
#include "net/net_addr.h"
#include "tftp/tftp.h"

struct fetch_host {
	struct fetch_dir *dir;         /* NULL: no folder */
	struct tftp_client *tftp;
	struct net_addr server;        /* --tftp; ip 0: none */
	struct tftp_xfer *xfer;
	boot_fetch_cb *cb;             /* the transfer's caller */
	void *cbarg;
};

/* "HOST[:PORT]" with a dotted HOST: 0 or -EINVAL. */
int fetch_parse_server(const char *s, struct net_addr *a);
struct boot_fetcher fetch_host_fetcher(struct fetch_host *f);
/* Shutting down: a transfer in flight ends with -ECANCELED. */
void fetch_host_cancel(struct fetch_host *f);

#endif
