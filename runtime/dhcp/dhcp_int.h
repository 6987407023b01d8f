/*
 * dhcp_int.h - client internals shared by runtime/dhcp/dhcp_client.c and
 * the state chart generated from spec/dhcp/dhcp_client.rl.
 */
#ifndef DHCP_INT_H
#define DHCP_INT_H

#include "dhcp/dhcp.h"
#include "dhcp/dhcp_events.h"

enum { DHCP_EVQ_MAX = 4, DHCP_REPORTS_MAX = 2 };

struct dhcp_report {
	enum dhcp_status st;
	int err;
};

struct dhcp_client {
	int cs;                        /* the machine's state */
	struct rt_timers *timers;
	const struct dhcp_io *io;
	void *io_arg;
	dhcp_event_fn *cb;
	void *arg;
	struct dhcp_cfg cfg;           /* defaults filled in */
	char hostname[DHCP_NAME_MAX + 1];
	uint32_t rand_state;

	uint32_t xid;
	uint64_t began_ms;             /* this exchange began (secs field) */
	uint64_t req_ms;               /* the REQUEST went out: lease start */
	uint32_t offer_ip, offer_server;

	/* The last message sent, to send again. */
	uint8_t tx[DHCP_BUILD_LEN + 2 * DHCP_NAME_MAX];
	size_t tx_len;
	uint32_t tx_dst;

	/* Retransmission / restart timer, and the lease timer. */
	struct rt_timer retx;
	int retx_ev;
	uint32_t interval;
	unsigned tries;
	struct rt_timer lease_t;
	int lease_ev;

	struct dhcp_msg rx;            /* the datagram being handled */
	struct dhcp_lease lease;
	uint8_t have_lease;
	int io_err;

	struct dhcp_stats stats;
	int evq[DHCP_EVQ_MAX];
	unsigned evq_n;
	struct dhcp_report reports[DHCP_REPORTS_MAX];
	unsigned n_reports;
	uint8_t feeding;
};

/* The machine (gen/dhcp/dhcp_client.c). */
void dhcp__client_init(struct dhcp_client *c);
void dhcp__client_feed(struct dhcp_client *c, int ev);
const char *dhcp__client_state(int cs);
int dhcp__client_requesting_cs(void);

/* Its actions (dhcp_client.c). */
void dhcp__send_discover(struct dhcp_client *c);
void dhcp__choose(struct dhcp_client *c);
void dhcp__send_request(struct dhcp_client *c);
void dhcp__retransmit(struct dhcp_client *c);
void dhcp__arm_retx(struct dhcp_client *c);
void dhcp__bind(struct dhcp_client *c);
void dhcp__arm_t2(struct dhcp_client *c);
void dhcp__arm_expiry(struct dhcp_client *c);
void dhcp__send_renew(struct dhcp_client *c);
void dhcp__send_rebind(struct dhcp_client *c);
void dhcp__arm_renew(struct dhcp_client *c);
void dhcp__arm_rebind(struct dhcp_client *c);
void dhcp__lose(struct dhcp_client *c);
void dhcp__restart(struct dhcp_client *c);
void dhcp__give_up(struct dhcp_client *c);
void dhcp__release(struct dhcp_client *c);
void dhcp__stop(struct dhcp_client *c);
void dhcp__fail_io(struct dhcp_client *c);
void dhcp__ignore(struct dhcp_client *c, int ev);
void dhcp__unexpected(struct dhcp_client *c, int ev);

#endif
