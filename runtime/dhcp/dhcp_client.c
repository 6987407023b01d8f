/*
 * dhcp_client.c - the DHCP client without any OS: every datagram and
 * timer is classified into one event of spec/dhcp/_dhcp_events.rl, fed to
 * the state chart of spec/dhcp/dhcp_client.rl, whose actions are below.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp/dhcp_int.h"
#include "log/log.h"

/* ---------------------------------------------------------------- feeding */

static void post(struct dhcp_client *c, int ev)
{
	if (c->evq_n == DHCP_EVQ_MAX) {
		log_printf(LOG_ERR, LOG_CAT_CFG, "dhcp: event queue full, %s dropped",
			   dhcp_ev_name(ev));
		return;
	}
	c->evq[c->evq_n++] = ev;
}

static void report(struct dhcp_client *c, enum dhcp_status st, int err)
{
	if (c->n_reports == DHCP_REPORTS_MAX) {
		log_printf(LOG_ERR, LOG_CAT_CFG, "dhcp: report queue full, status %d dropped",
			   (int)st);
		return;
	}
	c->reports[c->n_reports].st = st;
	c->reports[c->n_reports].err = err;
	c->n_reports++;
}

/*
 * Feed EV to C's machine.  Actions may post events of their own (a failed
 * send): they run in order once the current event is done, so the machine
 * never runs inside itself.  The owner hears of the outcome only when the
 * machine is at rest.
 */
static void feed(struct dhcp_client *c, int ev)
{
	unsigned i, n;
	struct dhcp_report r[DHCP_REPORTS_MAX];

	if (c->feeding) {
		post(c, ev);
		return;
	}
	c->feeding = 1;
	dhcp__client_feed(c, ev);
	while (c->evq_n) {
		int next = c->evq[0];

		memmove(c->evq, c->evq + 1, --c->evq_n * sizeof(c->evq[0]));
		dhcp__client_feed(c, next);
	}
	c->feeding = 0;
	n = c->n_reports;
	memcpy(r, c->reports, n * sizeof(r[0]));
	c->n_reports = 0;
	for (i = 0; i < n; i++)
		if (c->cb)
			c->cb(c->arg, r[i].st, r[i].err,
			      r[i].st == DHCP_FAILED ? NULL : &c->lease);
}

static void on_retx(struct rt_timer *t, void *arg)
{
	struct dhcp_client *c = arg;

	(void)t;
	feed(c, c->retx_ev);
}

static void on_lease(struct rt_timer *t, void *arg)
{
	struct dhcp_client *c = arg;

	(void)t;
	feed(c, c->lease_ev);
}

static void arm(struct dhcp_client *c, struct rt_timer *t, int *slot, int ev,
		uint64_t delay)
{
	int err;

	*slot = ev;
	err = rt_timer_start(c->timers, t, delay,
			     t == &c->retx ? on_retx : on_lease, c);
	if (err) {
		c->io_err = err;
		post(c, DHCP_EV_IO_FAIL);
	}
}

static uint32_t rnd(struct dhcp_client *c)
{
	if (c->cfg.random)
		return c->cfg.random(c->cfg.random_arg);
	/* a fixed sequence (tests without a source): an LCG */
	c->rand_state = c->rand_state * 1103515245u + 12345u;
	return c->rand_state;
}

/* ---------------------------------------------------------------- sending */

static void base_msg(struct dhcp_client *c, struct dhcp_msg *m, uint8_t type)
{
	uint64_t secs = (rt_timers_now(c->timers) - c->began_ms) / 1000;

	memset(m, 0, sizeof(*m));
	m->op = 1;
	m->htype = 1;
	m->hlen = 6;
	m->xid = c->xid;
	m->secs = secs > UINT16_MAX ? UINT16_MAX : (uint16_t)secs;
	memcpy(m->chaddr, c->cfg.mac, 6);
	m->type = type;
	m->client_id[0] = 1;
	memcpy(m->client_id + 1, c->cfg.mac, 6);
	m->client_id_len = 7;
	if (c->hostname[0]) {
		memcpy(m->hostname, c->hostname, sizeof(m->hostname));
		m->have |= DHCP_HAVE_HOSTNAME;
	}
	if (type == DHCP_DISCOVER || type == DHCP_REQUEST) {
		static const uint8_t prl[] = {
			DHCP_OPT_MASK, DHCP_OPT_ROUTER, DHCP_OPT_DNS,
			DHCP_OPT_HOSTNAME, DHCP_OPT_DOMAIN, DHCP_OPT_LEASE,
			DHCP_OPT_T1, DHCP_OPT_T2, DHCP_OPT_TFTP,
			DHCP_OPT_TFTP150,
		};

		memcpy(m->prl, prl, sizeof(prl));
		m->n_prl = sizeof(prl);
	}
}

static void transmit(struct dhcp_client *c)
{
	int err = c->io->send(c->io_arg, c->tx, c->tx_len, c->tx_dst);

	c->stats.tx++;
	if (err) {
		log_printf(LOG_WARN, LOG_CAT_CFG, "dhcp: send failed (%d)", err);
		c->io_err = err;
		post(c, DHCP_EV_IO_FAIL);
	}
}

static void send_msg(struct dhcp_client *c, const struct dhcp_msg *m,
		     uint32_t dst)
{
	int err = dhcp_msg_build(m, c->tx, sizeof(c->tx), &c->tx_len);

	if (err) { /* cannot happen with the sizes above; never send junk */
		c->tx_len = 0;
		c->io_err = err;
		post(c, DHCP_EV_IO_FAIL);
		return;
	}
	c->tx_dst = dst;
	log_printf(LOG_DEBUG, LOG_CAT_CFG, "dhcp: %s xid %08" PRIx32 " sent",
		   dhcp_type_name(m->type), c->xid);
	transmit(c);
}

void dhcp__send_discover(struct dhcp_client *c)
{
	struct dhcp_msg m;

	rt_timer_stop(c->timers, &c->lease_t);
	c->xid = rnd(c);
	c->began_ms = rt_timers_now(c->timers);
	c->tries = 0;
	c->interval = c->cfg.base_ms;
	base_msg(c, &m, DHCP_DISCOVER);
	m.flags = 0x8000; /* no address yet: answer by broadcast */
	send_msg(c, &m, DHCP_BROADCAST);
}

void dhcp__choose(struct dhcp_client *c)
{
	char a[16], s[16];

	c->offer_ip = c->rx.yiaddr;
	c->offer_server = c->rx.server_id;
	log_printf(LOG_INFO, LOG_CAT_CFG, "dhcp: OFFER of %s from %s",
		   dhcp_ip_str(c->offer_ip, a), dhcp_ip_str(c->offer_server, s));
}

void dhcp__send_request(struct dhcp_client *c)
{
	struct dhcp_msg m;

	c->tries = 0;
	c->interval = c->cfg.base_ms;
	c->req_ms = rt_timers_now(c->timers);
	base_msg(c, &m, DHCP_REQUEST);
	m.flags = 0x8000;
	m.req_ip = c->offer_ip;
	m.server_id = c->offer_server;
	m.have |= DHCP_HAVE_REQ_IP | DHCP_HAVE_SERVER_ID;
	send_msg(c, &m, DHCP_BROADCAST);
}

/* RFC 2131 4.4.5: REQUEST with ciaddr, no option 50 nor 54. */
static void send_extend(struct dhcp_client *c, uint32_t dst)
{
	struct dhcp_msg m;

	c->xid = rnd(c);
	c->began_ms = c->req_ms = rt_timers_now(c->timers);
	base_msg(c, &m, DHCP_REQUEST);
	m.ciaddr = c->lease.ip;
	send_msg(c, &m, dst);
}

void dhcp__send_renew(struct dhcp_client *c)
{
	send_extend(c, c->lease.server_id);
}

void dhcp__send_rebind(struct dhcp_client *c)
{
	send_extend(c, DHCP_BROADCAST);
}

void dhcp__retransmit(struct dhcp_client *c)
{
	if (!c->tx_len)
		return;
	c->tries++;
	if (c->tx_len >= DHCP_MIN_LEN) { /* secs: time since the exchange began */
		uint64_t secs = (rt_timers_now(c->timers) - c->began_ms) / 1000;

		if (secs > UINT16_MAX)
			secs = UINT16_MAX;
		c->tx[8] = (uint8_t)(secs >> 8);
		c->tx[9] = (uint8_t)secs;
	}
	log_printf(LOG_DEBUG, LOG_CAT_CFG, "dhcp: retransmission %u", c->tries);
	transmit(c);
}

/* RFC 2131 4.1: 4 s, 8 s ... 64 s, each randomized by +/- 1 s. */
void dhcp__arm_retx(struct dhcp_client *c)
{
	int64_t d = c->interval;

	if (c->tries >= c->cfg.tries) {
		arm(c, &c->retx, &c->retx_ev, DHCP_EV_GIVE_UP, c->interval);
		return;
	}
	d += (int64_t)(rnd(c) % (2u * DHCP_RETX_JITTER_MS + 1)) -
	     DHCP_RETX_JITTER_MS;
	if (d < 0)
		d = 0;
	arm(c, &c->retx, &c->retx_ev, DHCP_EV_RETX, (uint64_t)d);
	c->interval = c->interval > c->cfg.cap_ms / 2 ? c->cfg.cap_ms
						      : c->interval * 2;
}

/* ---------------------------------------------------------------- lease */

static uint64_t lease_at(const struct dhcp_client *c, uint32_t s)
{
	return c->lease.start_ms + (uint64_t)s * 1000u;
}

static void arm_lease(struct dhcp_client *c, int ev, uint32_t s)
{
	uint64_t now = rt_timers_now(c->timers), at = lease_at(c, s);

	arm(c, &c->lease_t, &c->lease_ev, ev, at > now ? at - now : 0);
}

void dhcp__bind(struct dhcp_client *c)
{
	const struct dhcp_msg *m = &c->rx;
	struct dhcp_lease *l = &c->lease;
	uint32_t L = m->lease_s, t1, t2;
	int same = c->have_lease && l->ip == m->yiaddr;
	char a[16];

	rt_timer_stop(c->timers, &c->retx);
	memset(l, 0, sizeof(*l));
	l->ip = m->yiaddr;
	if (m->have & DHCP_HAVE_MASK)
		l->mask = m->mask;
	if (m->have & DHCP_HAVE_ROUTER)
		l->router = m->router;
	memcpy(l->dns, m->dns, sizeof(l->dns));
	l->n_dns = m->n_dns;
	memcpy(l->domain, m->domain, sizeof(l->domain));
	if (m->have & DHCP_HAVE_TFTP)
		memcpy(l->tftp, m->tftp, sizeof(l->tftp));
	else if (m->have & DHCP_HAVE_TFTP150)
		dhcp_ip_str(m->tftp150, l->tftp);
	l->server_id = (m->have & DHCP_HAVE_SERVER_ID) ? m->server_id
						       : c->lease.server_id;
	if (!l->server_id)
		l->server_id = c->offer_server;
	/* T1 and T2 from the server when they make sense (T1 < T2 < lease),
	 * else RFC 2131 4.4.5's 0.5 and 0.875 of the lease. */
	t1 = L / 2;
	t2 = (uint32_t)((uint64_t)L * 7 / 8);
	if ((m->have & DHCP_HAVE_T2) && m->t2_s < L)
		t2 = m->t2_s;
	if ((m->have & DHCP_HAVE_T1) && m->t1_s < t2)
		t1 = m->t1_s;
	if (t1 > t2)
		t1 = t2;
	l->lease_s = L;
	l->t1_s = t1;
	l->t2_s = t2;
	l->start_ms = c->req_ms;
	c->have_lease = 1;
	log_printf(LOG_INFO, LOG_CAT_CFG, "dhcp: bound to %s, lease %" PRIu32 " s",
		   dhcp_ip_str(l->ip, a), L);
	if (L == DHCP_INFINITE)
		rt_timer_stop(c->timers, &c->lease_t);
	else
		arm_lease(c, DHCP_EV_T1, t1);
	report(c, same ? DHCP_RENEWED : DHCP_BOUND, 0);
}

void dhcp__arm_t2(struct dhcp_client *c)
{
	arm_lease(c, DHCP_EV_T2, c->lease.t2_s);
}

void dhcp__arm_expiry(struct dhcp_client *c)
{
	arm_lease(c, DHCP_EV_EXPIRE, c->lease.lease_s);
}

/* RFC 2131 4.4.5: half the time left (to T2, to expiry), at least 60 s. */
static void arm_half(struct dhcp_client *c, uint32_t until_s)
{
	uint64_t now = rt_timers_now(c->timers), at = lease_at(c, until_s);
	uint64_t d = at > now ? (at - now) / 2 : 0;

	if (d < DHCP_RENEW_MIN_MS)
		d = DHCP_RENEW_MIN_MS;
	arm(c, &c->retx, &c->retx_ev, DHCP_EV_RETX, d);
}

void dhcp__arm_renew(struct dhcp_client *c)
{
	arm_half(c, c->lease.t2_s);
}

void dhcp__arm_rebind(struct dhcp_client *c)
{
	arm_half(c, c->lease.lease_s);
}

void dhcp__lose(struct dhcp_client *c)
{
	log_printf(LOG_WARN, LOG_CAT_CFG, "dhcp: lease lost (%s)",
		   c->rx.type == DHCP_NAK ? "NAK" : "expired");
	c->have_lease = 0;
	report(c, DHCP_LOST, 0);
}

static void stop_timers(struct dhcp_client *c)
{
	rt_timer_stop(c->timers, &c->retx);
	rt_timer_stop(c->timers, &c->lease_t);
}

void dhcp__restart(struct dhcp_client *c)
{
	stop_timers(c);
	c->tx_len = 0;
	arm(c, &c->retx, &c->retx_ev, DHCP_EV_START, c->cfg.restart_ms);
}

void dhcp__give_up(struct dhcp_client *c)
{
	log_printf(LOG_WARN, LOG_CAT_CFG, "dhcp: no answer to DISCOVER");
	stop_timers(c);
	c->tx_len = 0;
	report(c, DHCP_FAILED, -ETIMEDOUT);
}

void dhcp__release(struct dhcp_client *c)
{
	struct dhcp_msg m;

	stop_timers(c);
	c->xid = rnd(c);
	c->began_ms = rt_timers_now(c->timers);
	base_msg(c, &m, DHCP_RELEASE);
	m.ciaddr = c->lease.ip;
	m.server_id = c->lease.server_id;
	m.have |= DHCP_HAVE_SERVER_ID;
	send_msg(c, &m, c->lease.server_id);
	c->tx_len = 0; /* never retransmitted (RFC 2131 4.4.6) */
	c->have_lease = 0;
	report(c, DHCP_RELEASED, 0);
}

void dhcp__stop(struct dhcp_client *c)
{
	stop_timers(c);
	c->tx_len = 0;
}

void dhcp__fail_io(struct dhcp_client *c)
{
	stop_timers(c);
	c->tx_len = 0;
	report(c, DHCP_FAILED, c->io_err ? c->io_err : -EIO);
}

void dhcp__ignore(struct dhcp_client *c, int ev)
{
	log_printf(LOG_DEBUG, LOG_CAT_CFG, "dhcp: %s ignored in %s",
		   dhcp_ev_name(ev), dhcp__client_state(c->cs));
}

void dhcp__unexpected(struct dhcp_client *c, int ev)
{
	c->stats.unexpected++;
	log_printf(LOG_WARN, LOG_CAT_CFG, "dhcp: unexpected %s in %s",
		   dhcp_ev_name(ev), dhcp__client_state(c->cs));
}

/* ---------------------------------------------------------------- input */

static int classify(struct dhcp_client *c, const uint8_t *buf, size_t len)
{
	struct dhcp_msg *m = &c->rx;
	const char *why = NULL;
	int requesting = c->cs == dhcp__client_requesting_cs();

	if (dhcp_msg_parse(m, buf, len, &why)) {
		log_printf(LOG_WARN, LOG_CAT_CFG, "dhcp: bad message: %s", why);
		c->stats.rx_bad++;
		return DHCP_EV_RX_BAD;
	}
	if (m->op != 2 || m->xid != c->xid || m->htype != 1 || m->hlen != 6 ||
	    memcmp(m->chaddr, c->cfg.mac, 6) != 0)
		goto stray;
	switch (m->type) {
	case DHCP_OFFER:
		if (!m->yiaddr || !(m->have & DHCP_HAVE_SERVER_ID))
			goto bad;
		return DHCP_EV_RX_OFFER;
	case DHCP_ACK:
		if (requesting && (m->have & DHCP_HAVE_SERVER_ID) &&
		    m->server_id != c->offer_server)
			goto stray;
		if (!m->yiaddr || !(m->have & DHCP_HAVE_LEASE))
			goto bad;
		return DHCP_EV_RX_ACK;
	case DHCP_NAK:
		if (requesting && (m->have & DHCP_HAVE_SERVER_ID) &&
		    m->server_id != c->offer_server)
			goto stray;
		return DHCP_EV_RX_NAK;
	default:
		goto stray;
	}
bad:
	log_printf(LOG_WARN, LOG_CAT_CFG, "dhcp: %s without address, server id or lease",
		   dhcp_type_name(m->type));
	c->stats.rx_bad++;
	return DHCP_EV_RX_BAD;
stray:
	c->stats.rx_stray++;
	return DHCP_EV_RX_STRAY;
}

void dhcp_client_input(struct dhcp_client *c, const uint8_t *buf, size_t len)
{
	c->stats.rx++;
	feed(c, classify(c, buf, len));
}

/* ---------------------------------------------------------------- API */

struct dhcp_client *dhcp_client_new(struct rt_timers *ts,
				    const struct dhcp_io *io, void *io_arg,
				    const struct dhcp_cfg *cfg,
				    dhcp_event_fn *cb, void *arg)
{
	struct dhcp_client *c;

	if (cfg->hostname && strlen(cfg->hostname) > DHCP_NAME_MAX)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->timers = ts;
	c->io = io;
	c->io_arg = io_arg;
	c->cb = cb;
	c->arg = arg;
	c->cfg = *cfg;
	c->cfg.hostname = NULL;
	if (cfg->hostname)
		strcpy(c->hostname, cfg->hostname);
	if (!c->cfg.base_ms)
		c->cfg.base_ms = DHCP_RETX_BASE_MS;
	if (!c->cfg.cap_ms)
		c->cfg.cap_ms = DHCP_RETX_CAP_MS;
	if (c->cfg.cap_ms < c->cfg.base_ms)
		c->cfg.cap_ms = c->cfg.base_ms;
	if (!c->cfg.tries)
		c->cfg.tries = DHCP_TRIES;
	if (!c->cfg.restart_ms)
		c->cfg.restart_ms = DHCP_RESTART_MS;
	c->rand_state = 1;
	dhcp__client_init(c);
	return c;
}

void dhcp_client_acquire(struct dhcp_client *c)
{
	feed(c, DHCP_EV_START);
}

void dhcp_client_release(struct dhcp_client *c)
{
	feed(c, DHCP_EV_RELEASE);
}

void dhcp_client_free(struct dhcp_client *c)
{
	if (!c)
		return;
	stop_timers(c);
	free(c);
}

const char *dhcp_client_state(const struct dhcp_client *c)
{
	return dhcp__client_state(c->cs);
}

const struct dhcp_lease *dhcp_client_lease(const struct dhcp_client *c)
{
	return c->have_lease ? &c->lease : NULL;
}

const struct dhcp_stats *dhcp_client_stats(const struct dhcp_client *c)
{
	return &c->stats;
}
