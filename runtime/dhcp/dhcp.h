/*
 * dhcp.h - the DHCP client (RFC 2131/2132) of the boot sequence (issue 6):
 * the guide's "Configuring Network Parameters Using a DHCP Server" --
 * options 1 (subnet mask), 3 (router), 6 (DNS servers), 15 (domain name),
 * 50 (requested IP), 66 (TFTP server; 150 too) -- and Table 3-1 (DHCP
 * Enabled, DHCP Server, DHCP Address Released).
 *
 * Three parts:
 *   - the codec (dhcp_msg_parse, dhcp_msg_build): BOOTP/DHCP messages
 *     byte by byte, no host byte order or alignment assumed; every
 *     malformed message is -EBADMSG with a reason, never an over-read;
 *   - the client (dhcp_client_*): the state chart of spec/dhcp/
 *     dhcp_client.rl on a struct rt_timers (fake clock in tests), sending
 *     through a struct dhcp_io, fed received datagrams by its owner;
 *     no OS: part of the bare-metal core;
 *   - the socket (dhcp_sock_*, hosted, dhcp_sock.c): UDP port 68 on the
 *     libuv loop, broadcast to 255.255.255.255:67.
 *
 * Addresses are uint32_t values in host order: a.b.c.d is
 * a << 24 | b << 16 | c << 8 | d.
 */
#ifndef DHCP_H
#define DHCP_H

#include <stddef.h>
#include <stdint.h>

#include "rt/rt_timer.h"

enum {
	DHCP_FIXED_LEN   = 236,  /* the BOOTP header, before the cookie */
	DHCP_MIN_LEN     = 240,  /* header + magic cookie */
	DHCP_PKT_MAX     = 1500, /* the largest datagram parsed (an Ethernet MTU) */
	DHCP_BUILD_LEN   = 300,  /* messages we build are padded to this (BOOTP) */
	DHCP_DNS_MAX     = 5,    /* DNS servers kept: Table 3-1 DNS Server 1-5 */
	DHCP_ROUTER_MAX  = 1,    /* routers kept: default_router_1 */
	DHCP_NAME_MAX    = 255,  /* domain (15), TFTP server (66), host name (12) */
	DHCP_MESSAGE_MAX = 127,  /* option 56, a server's message (kept for logs) */
	DHCP_PRL_MAX     = 16,   /* parameter request list entries we send */
	DHCP_SERVER_PORT = 67,
	DHCP_CLIENT_PORT = 68,
};

#define DHCP_MAGIC      0x63825363UL
#define DHCP_BROADCAST  0xffffffffUL
#define DHCP_INFINITE   0xffffffffUL /* lease time: never expires */

/* Message types (option 53). */
enum dhcp_type {
	DHCP_DISCOVER = 1, DHCP_OFFER = 2, DHCP_REQUEST = 3, DHCP_DECLINE = 4,
	DHCP_ACK = 5, DHCP_NAK = 6, DHCP_RELEASE = 7, DHCP_INFORM = 8,
};

/* Option codes the codec knows. */
enum dhcp_opt {
	DHCP_OPT_PAD = 0, DHCP_OPT_MASK = 1, DHCP_OPT_ROUTER = 3,
	DHCP_OPT_DNS = 6, DHCP_OPT_HOSTNAME = 12, DHCP_OPT_DOMAIN = 15,
	DHCP_OPT_REQ_IP = 50, DHCP_OPT_LEASE = 51, DHCP_OPT_OVERLOAD = 52,
	DHCP_OPT_TYPE = 53, DHCP_OPT_SERVER_ID = 54, DHCP_OPT_PRL = 55,
	DHCP_OPT_MESSAGE = 56, DHCP_OPT_MAX_SIZE = 57, DHCP_OPT_T1 = 58,
	DHCP_OPT_T2 = 59, DHCP_OPT_CLIENT_ID = 61, DHCP_OPT_TFTP = 66,
	DHCP_OPT_TFTP150 = 150, DHCP_OPT_END = 255,
};

/* Which options a message carries (struct dhcp_msg.have). */
enum {
	DHCP_HAVE_MASK = 1u << 0, DHCP_HAVE_ROUTER = 1u << 1,
	DHCP_HAVE_DNS = 1u << 2, DHCP_HAVE_DOMAIN = 1u << 3,
	DHCP_HAVE_REQ_IP = 1u << 4, DHCP_HAVE_LEASE = 1u << 5,
	DHCP_HAVE_SERVER_ID = 1u << 6, DHCP_HAVE_T1 = 1u << 7,
	DHCP_HAVE_T2 = 1u << 8, DHCP_HAVE_TFTP = 1u << 9,
	DHCP_HAVE_TFTP150 = 1u << 10, DHCP_HAVE_HOSTNAME = 1u << 11,
	DHCP_HAVE_MESSAGE = 1u << 12, DHCP_HAVE_CLIENT_ID = 1u << 13,
};

/*
 * One message, decoded.  Text options are NUL-terminated (a trailing NUL
 * some servers send is dropped; one inside is -EBADMSG).  An option that
 * appears more than once is concatenated (RFC 3396): lists append, text
 * joins; past DHCP_NAME_MAX a text option is -EBADMSG (never cut).  DNS
 * servers past DHCP_DNS_MAX are counted in n_dns_seen, not kept.
 */
struct dhcp_msg {
	uint8_t op, htype, hlen, hops;
	uint32_t xid;
	uint16_t secs, flags;
	uint32_t ciaddr, yiaddr, siaddr, giaddr;
	uint8_t chaddr[16];

	uint8_t type;                  /* option 53; 0: plain BOOTP */
	uint32_t have;                 /* DHCP_HAVE_* */
	uint32_t mask, router, req_ip, server_id, tftp150;
	uint32_t lease_s, t1_s, t2_s;
	uint32_t dns[DHCP_DNS_MAX];
	uint8_t n_dns, n_dns_seen, n_router_seen;
	char domain[DHCP_NAME_MAX + 1];
	char tftp[DHCP_NAME_MAX + 1];
	char hostname[DHCP_NAME_MAX + 1];
	char message[DHCP_MESSAGE_MAX + 1];
	/* Building only: the client identifier and the parameter request
	 * list (what we ask the server for). */
	uint8_t client_id[1 + 16];
	uint8_t client_id_len;
	uint8_t prl[DHCP_PRL_MAX];
	uint8_t n_prl;
};

/* Decode LEN bytes.  0, or -EBADMSG with *WHY (static text) set. */
int dhcp_msg_parse(struct dhcp_msg *m, const uint8_t *buf, size_t len,
		   const char **why);
/* Encode M (the options named in m->have, plus type, client id and
 * parameter request list) into BUF; *LEN its length (at least
 * DHCP_BUILD_LEN, padded).  0, -EINVAL (a text option too long), or
 * -ENOSPC (CAP too small). */
int dhcp_msg_build(const struct dhcp_msg *m, uint8_t *buf, size_t cap,
		   size_t *len);

const char *dhcp_type_name(int type);
/* "a.b.c.d" into OUT (at least 16 bytes). */
char *dhcp_ip_str(uint32_t ip, char out[16]);

/* ------------------------------------------------------------ the client */

/* What the client sends through (the socket, or a test's script).
 * DST is DHCP_BROADCAST or the server's address (renewing, release).
 * 0, or a negative errno (the chart treats it as an I/O failure). */
struct dhcp_io {
	int (*send)(void *arg, const uint8_t *buf, size_t len, uint32_t dst);
};

/* The lease, as the boot sequence puts it into the configuration. */
struct dhcp_lease {
	uint32_t ip;                   /* yiaddr */
	uint32_t mask;                 /* option 1; 0: none given */
	uint32_t router;               /* option 3, the first; 0: none */
	uint32_t dns[DHCP_DNS_MAX];    /* option 6 */
	unsigned n_dns;
	char domain[DHCP_NAME_MAX + 1];  /* option 15; "" none */
	/* Option 66 as given (a dotted address or a name), else option 150's
	 * first address in dotted form; "" none. */
	char tftp[DHCP_NAME_MAX + 1];
	uint32_t server_id;            /* option 54: Table 3-1 DHCP Server */
	uint32_t lease_s, t1_s, t2_s;  /* seconds; lease_s DHCP_INFINITE: never */
	uint64_t start_ms;             /* rt_timers time the lease counts from */
};

enum dhcp_status {
	DHCP_BOUND = 1,   /* a lease (first or changed) is in force */
	DHCP_RENEWED,     /* the same address, lease extended */
	DHCP_LOST,        /* the lease expired or was NAKed: stop using it */
	DHCP_RELEASED,    /* DHCPRELEASE sent (Table 3-1 DHCP Address Released) */
	DHCP_FAILED,      /* no server answered DISCOVER: err -ETIMEDOUT, or
			     a send/timer failed: err negative errno */
};

struct dhcp_client;
typedef void dhcp_event_fn(void *arg, enum dhcp_status st, int err,
			   const struct dhcp_lease *lease);

struct dhcp_cfg {
	uint8_t mac[6];
	const char *hostname;   /* option 12 (e.g. SIP<MAC>); NULL: none */
	/* xid and back-off jitter; NULL: a fixed sequence (tests). */
	uint32_t (*random)(void *arg);
	void *random_arg;
	/* Retransmission (RFC 2131 4.1): first wait base_ms (default
	 * DHCP_RETX_BASE_MS), doubling to cap_ms (DHCP_RETX_CAP_MS), each
	 * +/- DHCP_RETX_JITTER_MS; tries retransmissions (DHCP_TRIES) before
	 * giving up (DISCOVER: DHCP_FAILED; REQUEST: back to DISCOVER). */
	uint32_t base_ms, cap_ms;
	unsigned tries;
	uint32_t restart_ms;    /* after a NAK, before DISCOVER again */
};

enum {
	DHCP_RETX_BASE_MS = 4000, DHCP_RETX_CAP_MS = 64000,
	DHCP_RETX_JITTER_MS = 1000, DHCP_TRIES = 5,
	DHCP_RESTART_MS = 2000,
	DHCP_RENEW_MIN_MS = 60000, /* RFC 2131 4.4.5: retransmit no sooner */
};

/* NULL when out of memory.  Nothing is sent before dhcp_client_acquire. */
struct dhcp_client *dhcp_client_new(struct rt_timers *ts,
				    const struct dhcp_io *io, void *io_arg,
				    const struct dhcp_cfg *cfg,
				    dhcp_event_fn *cb, void *arg);
/* DISCOVER (from init or released). */
void dhcp_client_acquire(struct dhcp_client *c);
/* A datagram received on port 68. */
void dhcp_client_input(struct dhcp_client *c, const uint8_t *buf, size_t len);
/* DHCPRELEASE the lease if there is one; stop in any case. */
void dhcp_client_release(struct dhcp_client *c);
/* Stops the timers; C may be NULL.  Never from inside the callback. */
void dhcp_client_free(struct dhcp_client *c);

const char *dhcp_client_state(const struct dhcp_client *c);
const struct dhcp_lease *dhcp_client_lease(const struct dhcp_client *c);
/* Counters for tests and the CLI. */
struct dhcp_stats {
	unsigned tx, rx, rx_bad, rx_stray, unexpected;
};
const struct dhcp_stats *dhcp_client_stats(const struct dhcp_client *c);

/* ------------------------------------------------------------ the
 * configuration (dhcp_cnf.c) */
struct cnf_layers;
/* Put LEASE into the SYSTEM layer: ip_address, subnet_mask,
 * default_router_1, dhcp_server, domain_name, dns_server_1..5 and
 * tftp_server (option 66 when a dotted address, else option 150).  What
 * the lease does not give is deleted from the layer (a new lease keeps
 * nothing of an old one).  0, or cnf_layer_set's error (-EINVAL: WHY
 * names the parameter and the reason, e.g. a domain longer than
 * CNF_HOST_MAX). */
int dhcp_lease_to_cnf(struct cnf_layers *l, const struct dhcp_lease *lease,
		      char *why, size_t whysz);
/* Non-zero when the lease's TFTP server (option 66) is a host name, not
 * a dotted address: tftp_server is then left unset, the name is to be
 * resolved (or used as the boot server's host) by the caller. */
int dhcp_lease_tftp_is_name(const struct dhcp_lease *lease);

/* ------------------------------------------------------------ the socket
 * (hosted: runtime/dhcp/dhcp_sock.c, libuv) */
struct uv_loop_s;
struct dhcp_sock;
typedef void dhcp_rx_fn(void *arg, const uint8_t *buf, size_t len);
/* UDP 0.0.0.0:68 with SO_BROADCAST (and SO_BINDTODEVICE IFNAME unless
 * NULL), reading into RX.  Port 68 needs root (CAP_NET_BIND_SERVICE).
 * 0 or a negative errno. */
int dhcp_sock_open(struct dhcp_sock **out, struct uv_loop_s *loop,
		   const char *ifname, dhcp_rx_fn *rx, void *arg);
/* Closes asynchronously (run the loop once more); S may be NULL. */
void dhcp_sock_close(struct dhcp_sock *s);
/* The struct dhcp_io over a socket: io_arg is the struct dhcp_sock *. */
extern const struct dhcp_io dhcp_sock_io;

#endif
