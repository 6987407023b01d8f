/*
 * dhcp_msg.c - the BOOTP/DHCP codec (RFC 951, 2131, 2132, 3396), byte by
 * byte: no host byte order, no alignment, every read bounded by the
 * datagram's length.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dhcp/dhcp.h"

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

const char *dhcp_type_name(int type)
{
	switch (type) {
	case DHCP_DISCOVER: return "DISCOVER";
	case DHCP_OFFER: return "OFFER";
	case DHCP_REQUEST: return "REQUEST";
	case DHCP_DECLINE: return "DECLINE";
	case DHCP_ACK: return "ACK";
	case DHCP_NAK: return "NAK";
	case DHCP_RELEASE: return "RELEASE";
	case DHCP_INFORM: return "INFORM";
	}
	return "?";
}

char *dhcp_ip_str(uint32_t ip, char out[16])
{
	snprintf(out, 16, "%u.%u.%u.%u", (unsigned)(ip >> 24 & 0xff),
		 (unsigned)(ip >> 16 & 0xff), (unsigned)(ip >> 8 & 0xff),
		 (unsigned)(ip & 0xff));
	return out;
}

/* ---------------------------------------------------------------- parse */

/* Append a text option's LEN bytes to DST (cap DHCP_NAME_MAX or
 * DHCP_MESSAGE_MAX).  Trailing NULs are dropped, one inside is an error. */
static int add_text(char *dst, size_t max, const uint8_t *v, size_t len,
		    const char **why, const char *too_long)
{
	size_t have = strlen(dst), i;

	while (len && v[len - 1] == 0)
		len--;
	for (i = 0; i < len; i++)
		if (v[i] == 0) {
			*why = "NUL inside a text option";
			return -EBADMSG;
		}
	if (len > max - have) {
		*why = too_long;
		return -EBADMSG;
	}
	memcpy(dst + have, v, len);
	dst[have + len] = 0;
	return 0;
}

static int fixed(size_t len, size_t want, const char **why, const char *msg)
{
	if (len != want) {
		*why = msg;
		return -EBADMSG;
	}
	return 0;
}

static int option(struct dhcp_msg *m, uint8_t code, const uint8_t *v,
		  size_t len, uint8_t *overload, const char **why)
{
	size_t i;
	int err = 0;

	switch (code) {
	case DHCP_OPT_MASK:
		if (!(err = fixed(len, 4, why, "option 1 (subnet mask): length not 4"))) {
			m->mask = get32(v);
			m->have |= DHCP_HAVE_MASK;
		}
		break;
	case DHCP_OPT_ROUTER:
		if (len == 0 || len % 4) {
			*why = "option 3 (router): length not a multiple of 4";
			return -EBADMSG;
		}
		if (!(m->have & DHCP_HAVE_ROUTER))
			m->router = get32(v);
		m->have |= DHCP_HAVE_ROUTER;
		for (i = 0; i < len; i += 4)
			if (m->n_router_seen < UINT8_MAX)
				m->n_router_seen++;
		break;
	case DHCP_OPT_DNS:
		if (len == 0 || len % 4) {
			*why = "option 6 (DNS servers): length not a multiple of 4";
			return -EBADMSG;
		}
		m->have |= DHCP_HAVE_DNS;
		for (i = 0; i < len; i += 4) {
			if (m->n_dns < DHCP_DNS_MAX)
				m->dns[m->n_dns++] = get32(v + i);
			if (m->n_dns_seen < UINT8_MAX)
				m->n_dns_seen++;
		}
		break;
	case DHCP_OPT_HOSTNAME:
		m->have |= DHCP_HAVE_HOSTNAME;
		err = add_text(m->hostname, DHCP_NAME_MAX, v, len, why,
			       "option 12 (host name) longer than DHCP_NAME_MAX");
		break;
	case DHCP_OPT_DOMAIN:
		m->have |= DHCP_HAVE_DOMAIN;
		err = add_text(m->domain, DHCP_NAME_MAX, v, len, why,
			       "option 15 (domain name) longer than DHCP_NAME_MAX");
		break;
	case DHCP_OPT_TFTP:
		m->have |= DHCP_HAVE_TFTP;
		err = add_text(m->tftp, DHCP_NAME_MAX, v, len, why,
			       "option 66 (TFTP server) longer than DHCP_NAME_MAX");
		break;
	case DHCP_OPT_MESSAGE:
		m->have |= DHCP_HAVE_MESSAGE;
		err = add_text(m->message, DHCP_MESSAGE_MAX, v, len, why,
			       "option 56 (message) longer than DHCP_MESSAGE_MAX");
		break;
	case DHCP_OPT_TFTP150:
		if (len == 0 || len % 4) {
			*why = "option 150 (TFTP servers): length not a multiple of 4";
			return -EBADMSG;
		}
		if (!(m->have & DHCP_HAVE_TFTP150))
			m->tftp150 = get32(v);
		m->have |= DHCP_HAVE_TFTP150;
		break;
	case DHCP_OPT_REQ_IP:
		if (!(err = fixed(len, 4, why, "option 50 (requested IP): length not 4"))) {
			m->req_ip = get32(v);
			m->have |= DHCP_HAVE_REQ_IP;
		}
		break;
	case DHCP_OPT_LEASE:
		if (!(err = fixed(len, 4, why, "option 51 (lease time): length not 4"))) {
			m->lease_s = get32(v);
			m->have |= DHCP_HAVE_LEASE;
		}
		break;
	case DHCP_OPT_SERVER_ID:
		if (!(err = fixed(len, 4, why, "option 54 (server id): length not 4"))) {
			m->server_id = get32(v);
			m->have |= DHCP_HAVE_SERVER_ID;
		}
		break;
	case DHCP_OPT_T1:
		if (!(err = fixed(len, 4, why, "option 58 (T1): length not 4"))) {
			m->t1_s = get32(v);
			m->have |= DHCP_HAVE_T1;
		}
		break;
	case DHCP_OPT_T2:
		if (!(err = fixed(len, 4, why, "option 59 (T2): length not 4"))) {
			m->t2_s = get32(v);
			m->have |= DHCP_HAVE_T2;
		}
		break;
	case DHCP_OPT_TYPE:
		if ((err = fixed(len, 1, why, "option 53 (message type): length not 1")))
			break;
		if (v[0] < DHCP_DISCOVER || v[0] > DHCP_INFORM) {
			*why = "option 53: unknown message type";
			return -EBADMSG;
		}
		if (m->type && m->type != v[0]) {
			*why = "option 53 twice with different types";
			return -EBADMSG;
		}
		m->type = v[0];
		break;
	case DHCP_OPT_OVERLOAD:
		if ((err = fixed(len, 1, why, "option 52 (overload): length not 1")))
			break;
		if (v[0] < 1 || v[0] > 3) {
			*why = "option 52 (overload): value not 1, 2 or 3";
			return -EBADMSG;
		}
		*overload = v[0];
		break;
	case DHCP_OPT_CLIENT_ID:
		if (len < 2 || len > sizeof(m->client_id)) {
			*why = "option 61 (client id): length out of range";
			return -EBADMSG;
		}
		memcpy(m->client_id, v, len);
		m->client_id_len = (uint8_t)len;
		m->have |= DHCP_HAVE_CLIENT_ID;
		break;
	default:
		break; /* not ours: skipped */
	}
	return err;
}

/* The options in P[0..LEN): code, length, value ... END.  FIELD names the
 * area for errors.  An area must end with END (the options area) or may
 * simply run out of PAD (sname and file). */
static int options(struct dhcp_msg *m, const uint8_t *p, size_t len,
		   int need_end, uint8_t *overload, const char **why)
{
	size_t i = 0;

	while (i < len) {
		uint8_t code = p[i++], olen;
		int err;

		if (code == DHCP_OPT_PAD)
			continue;
		if (code == DHCP_OPT_END)
			return 0;
		if (i >= len) {
			*why = "option length past the end of the message";
			return -EBADMSG;
		}
		olen = p[i++];
		if (olen > len - i) {
			*why = "option value past the end of the message";
			return -EBADMSG;
		}
		err = option(m, code, p + i, olen, overload, why);
		if (err)
			return err;
		i += olen;
	}
	if (need_end) {
		*why = "options without an END option";
		return -EBADMSG;
	}
	return 0;
}

int dhcp_msg_parse(struct dhcp_msg *m, const uint8_t *buf, size_t len,
		   const char **why)
{
	const char *dummy;
	uint8_t overload = 0, ignored = 0;
	int err;

	if (!why)
		why = &dummy;
	*why = NULL;
	memset(m, 0, sizeof(*m));
	if (len < DHCP_MIN_LEN) {
		*why = "shorter than the BOOTP header and magic cookie";
		return -EBADMSG;
	}
	if (len > DHCP_PKT_MAX) {
		*why = "longer than DHCP_PKT_MAX";
		return -EBADMSG;
	}
	m->op = buf[0];
	m->htype = buf[1];
	m->hlen = buf[2];
	m->hops = buf[3];
	if (m->op != 1 && m->op != 2) {
		*why = "op neither BOOTREQUEST nor BOOTREPLY";
		return -EBADMSG;
	}
	if (m->hlen > sizeof(m->chaddr)) {
		*why = "hlen larger than chaddr";
		return -EBADMSG;
	}
	m->xid = get32(buf + 4);
	m->secs = (uint16_t)(buf[8] << 8 | buf[9]);
	m->flags = (uint16_t)(buf[10] << 8 | buf[11]);
	m->ciaddr = get32(buf + 12);
	m->yiaddr = get32(buf + 16);
	m->siaddr = get32(buf + 20);
	m->giaddr = get32(buf + 24);
	memcpy(m->chaddr, buf + 28, sizeof(m->chaddr));
	if (get32(buf + DHCP_FIXED_LEN) != DHCP_MAGIC) {
		*why = "no DHCP magic cookie";
		return -EBADMSG;
	}
	err = options(m, buf + DHCP_MIN_LEN, len - DHCP_MIN_LEN, 1, &overload,
		      why);
	if (err)
		return err;
	/* RFC 2131 4.1: file first, then sname; option 52 only counts in
	 * the options area. */
	if (overload & 1) {
		err = options(m, buf + 108, 128, 0, &ignored, why);
		if (err)
			return err;
	}
	if (overload & 2) {
		err = options(m, buf + 44, 64, 0, &ignored, why);
		if (err)
			return err;
	}
	if (ignored) {
		*why = "option 52 (overload) inside an overloaded field";
		return -EBADMSG;
	}
	return 0;
}

/* ---------------------------------------------------------------- build */

struct out {
	uint8_t *p;
	size_t cap, n;
	int err;
};

static void put_opt(struct out *o, uint8_t code, const void *v, size_t len)
{
	if (o->err)
		return;
	if (len > UINT8_MAX) {
		o->err = -EINVAL;
		return;
	}
	if (o->cap - o->n < len + 2) {
		o->err = -ENOSPC;
		return;
	}
	o->p[o->n++] = code;
	o->p[o->n++] = (uint8_t)len;
	if (len)
		memcpy(o->p + o->n, v, len);
	o->n += len;
}

static void put_ip(struct out *o, uint8_t code, uint32_t ip)
{
	uint8_t b[4];

	put32(b, ip);
	put_opt(o, code, b, 4);
}

static void put_text(struct out *o, uint8_t code, const char *s)
{
	put_opt(o, code, s, strlen(s));
}

int dhcp_msg_build(const struct dhcp_msg *m, uint8_t *buf, size_t cap,
		   size_t *len)
{
	struct out o = { buf, cap, DHCP_MIN_LEN, 0 };
	uint8_t b[4 * DHCP_DNS_MAX];
	unsigned i;

	if (cap < DHCP_BUILD_LEN)
		return -ENOSPC;
	if (m->hlen > sizeof(m->chaddr) || m->n_dns > DHCP_DNS_MAX ||
	    m->n_prl > DHCP_PRL_MAX || m->client_id_len > sizeof(m->client_id))
		return -EINVAL;
	memset(buf, 0, DHCP_MIN_LEN);
	buf[0] = m->op;
	buf[1] = m->htype;
	buf[2] = m->hlen;
	buf[3] = m->hops;
	put32(buf + 4, m->xid);
	buf[8] = (uint8_t)(m->secs >> 8);
	buf[9] = (uint8_t)m->secs;
	buf[10] = (uint8_t)(m->flags >> 8);
	buf[11] = (uint8_t)m->flags;
	put32(buf + 12, m->ciaddr);
	put32(buf + 16, m->yiaddr);
	put32(buf + 20, m->siaddr);
	put32(buf + 24, m->giaddr);
	memcpy(buf + 28, m->chaddr, sizeof(m->chaddr));
	put32(buf + DHCP_FIXED_LEN, DHCP_MAGIC);

	if (m->type)
		put_opt(&o, DHCP_OPT_TYPE, &m->type, 1);
	if (m->client_id_len)
		put_opt(&o, DHCP_OPT_CLIENT_ID, m->client_id, m->client_id_len);
	if (m->have & DHCP_HAVE_REQ_IP)
		put_ip(&o, DHCP_OPT_REQ_IP, m->req_ip);
	if (m->have & DHCP_HAVE_SERVER_ID)
		put_ip(&o, DHCP_OPT_SERVER_ID, m->server_id);
	if (m->have & DHCP_HAVE_LEASE)
		put_ip(&o, DHCP_OPT_LEASE, m->lease_s);
	if (m->have & DHCP_HAVE_T1)
		put_ip(&o, DHCP_OPT_T1, m->t1_s);
	if (m->have & DHCP_HAVE_T2)
		put_ip(&o, DHCP_OPT_T2, m->t2_s);
	if (m->have & DHCP_HAVE_MASK)
		put_ip(&o, DHCP_OPT_MASK, m->mask);
	if (m->have & DHCP_HAVE_ROUTER)
		put_ip(&o, DHCP_OPT_ROUTER, m->router);
	if ((m->have & DHCP_HAVE_DNS) && m->n_dns) {
		for (i = 0; i < m->n_dns; i++)
			put32(b + 4 * i, m->dns[i]);
		put_opt(&o, DHCP_OPT_DNS, b, 4u * m->n_dns);
	}
	if (m->have & DHCP_HAVE_HOSTNAME)
		put_text(&o, DHCP_OPT_HOSTNAME, m->hostname);
	if (m->have & DHCP_HAVE_DOMAIN)
		put_text(&o, DHCP_OPT_DOMAIN, m->domain);
	if (m->have & DHCP_HAVE_TFTP)
		put_text(&o, DHCP_OPT_TFTP, m->tftp);
	if (m->have & DHCP_HAVE_TFTP150)
		put_ip(&o, DHCP_OPT_TFTP150, m->tftp150);
	if (m->have & DHCP_HAVE_MESSAGE)
		put_text(&o, DHCP_OPT_MESSAGE, m->message);
	if (m->n_prl)
		put_opt(&o, DHCP_OPT_PRL, m->prl, m->n_prl);
	if (o.err)
		return o.err;
	if (o.n >= cap)
		return -ENOSPC;
	buf[o.n++] = DHCP_OPT_END;
	if (o.n < DHCP_BUILD_LEN) {
		memset(buf + o.n, 0, DHCP_BUILD_LEN - o.n);
		o.n = DHCP_BUILD_LEN;
	}
	*len = o.n;
	return 0;
}
