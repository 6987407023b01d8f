/*
 * sdp_build.c - SDP text from a struct sdp_sess (RFC 4566 s.5 order).
 */
#include <errno.h>
#include <inttypes.h>

#include "sdp/sdp.h"
#include "sip/sip_build.h"

static void put_conn(struct sip_mbuf *b, const struct sdp_conn *c)
{
	sip_mbuf_puts(b, "c=");
	sip_mbuf_put_pl(b, &c->nettype);
	sip_mbuf_puts(b, " ");
	sip_mbuf_put_pl(b, &c->addrtype);
	sip_mbuf_puts(b, " ");
	sip_mbuf_put_pl(b, &c->addr);
	sip_mbuf_puts(b, "\r\n");
}

static void put_attrs(struct sip_mbuf *b, const struct sdp_sess *s,
		      unsigned media)
{
	unsigned i;

	for (i = 0; i < s->nattr; i++) {
		const struct sdp_attr *a = &s->attr[i];

		if (a->media != media)
			continue;
		sip_mbuf_puts(b, "a=");
		sip_mbuf_put_pl(b, &a->name);
		if (a->val.p) {
			sip_mbuf_puts(b, ":");
			sip_mbuf_put_pl(b, &a->val);
		}
		sip_mbuf_puts(b, "\r\n");
	}
}

int sdp_build(char *buf, size_t cap, const struct sdp_sess *s)
{
	struct sip_mbuf b;
	unsigned i, j;
	int err = 0;

	if (s->nmedia > SDP_MAX_MEDIA || s->nattr > SDP_MAX_ATTR) {
		err = -EINVAL;
		goto out;
	}
	sip_mbuf_init(&b, buf, cap);
	sip_mbuf_printf(&b, "v=%" PRIu32 "\r\no=", s->version);
	sip_mbuf_put_pl(&b, &s->o_user);
	sip_mbuf_puts(&b, " ");
	sip_mbuf_put_pl(&b, &s->o_sess_id);
	sip_mbuf_puts(&b, " ");
	sip_mbuf_put_pl(&b, &s->o_sess_ver);
	sip_mbuf_puts(&b, " ");
	sip_mbuf_put_pl(&b, &s->o_addr.nettype);
	sip_mbuf_puts(&b, " ");
	sip_mbuf_put_pl(&b, &s->o_addr.addrtype);
	sip_mbuf_puts(&b, " ");
	sip_mbuf_put_pl(&b, &s->o_addr.addr);
	sip_mbuf_puts(&b, "\r\ns=");
	sip_mbuf_put_pl(&b, &s->name);
	sip_mbuf_puts(&b, "\r\n");
	if (s->info.p) {
		sip_mbuf_puts(&b, "i=");
		sip_mbuf_put_pl(&b, &s->info);
		sip_mbuf_puts(&b, "\r\n");
	}
	if (s->has_conn)
		put_conn(&b, &s->conn);
	if (s->bw_type.p) {
		sip_mbuf_puts(&b, "b=");
		sip_mbuf_put_pl(&b, &s->bw_type);
		sip_mbuf_printf(&b, ":%" PRIu32 "\r\n", s->bw);
	}
	sip_mbuf_puts(&b, "t=");
	if (s->t_start.p) {
		sip_mbuf_put_pl(&b, &s->t_start);
		sip_mbuf_puts(&b, " ");
		sip_mbuf_put_pl(&b, &s->t_stop);
	} else {
		sip_mbuf_puts(&b, "0 0");
	}
	sip_mbuf_puts(&b, "\r\n");
	put_attrs(&b, s, 0);
	for (i = 0; i < s->nmedia; i++) {
		const struct sdp_media *m = &s->media[i];

		if (m->nfmt > SDP_MAX_FMT || m->nfmt == 0) {
			err = -EINVAL;
			goto out;
		}
		sip_mbuf_puts(&b, "m=");
		sip_mbuf_put_pl(&b, &m->media);
		sip_mbuf_printf(&b, " %u", m->port);
		if (m->nports)
			sip_mbuf_printf(&b, "/%u", m->nports);
		sip_mbuf_puts(&b, " ");
		sip_mbuf_put_pl(&b, &m->proto);
		for (j = 0; j < m->nfmt; j++) {
			sip_mbuf_puts(&b, " ");
			sip_mbuf_put_pl(&b, &m->fmt[j]);
		}
		sip_mbuf_puts(&b, "\r\n");
		if (m->has_conn)
			put_conn(&b, &m->conn);
		if (m->bw_type.p) {
			sip_mbuf_puts(&b, "b=");
			sip_mbuf_put_pl(&b, &m->bw_type);
			sip_mbuf_printf(&b, ":%" PRIu32 "\r\n", m->bw);
		}
		put_attrs(&b, s, i + 1);
	}
	err = b.err;
	if (!err)
		err = (int)b.len;
out:
	return err;
}
