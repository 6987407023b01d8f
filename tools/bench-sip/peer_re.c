/*
 * peer_re.c - libre (baresip's library), benchmark only.  Its names clash
 * with ours (struct sip_msg...), so this file sees only re.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <re.h>

#include "bench.h"

static struct sip_msg *m;
static struct mbuf *mb;

static struct bs b(const struct pl *pl)
{
	struct bs r = { pl->p, pl->l };

	return r;
}

/* libre's sip_msg_hdr() has the same name as ours, and the static link
 * would bind it to ours: sip_msg_hdr_apply() reaches libre's table. */
static bool first_hdr(const struct sip_hdr *hdr, const struct sip_msg *msg,
		      void *arg)
{
	(void)msg;
	*(const struct sip_hdr **)arg = hdr;
	return true;
}

static int r_init(void)
{
	return libre_init() == 0 ? 0 : -1;
}

static int r_parse(const char *buf, size_t len, struct bfields *f)
{
	const struct sip_hdr *h;
	struct sip_addr addr;

	mb = mbuf_alloc(len);
	if (!mb || mbuf_write_mem(mb, (const uint8_t *)buf, len))
		return -1;
	mb->pos = 0;
	if (sip_msg_decode(&m, mb))
		return -1;
	f->is_req = m->req;
	if (m->req) {
		f->start = b(&m->met);
		f->ruri_user = b(&m->uri.user);
		f->ruri_host = b(&m->uri.host);
	} else {
		f->status = m->scode;
	}
	f->branch = b(&m->via.branch);
	f->ftag = b(&m->from.tag);
	f->ttag = b(&m->to.tag);
	f->callid = b(&m->callid);
	f->cseq = m->cseq.num;
	f->cmeth = b(&m->cseq.met);
	h = NULL;
	(void)sip_msg_hdr_apply(m, true, SIP_HDR_CONTACT, first_hdr, &h);
	if (h && !sip_addr_decode(&addr, &h->val)) {
		f->ct_user = b(&addr.uri.user);
		f->ct_host = b(&addr.uri.host);
	}
	f->clen = pl_u32(&m->clen);
	f->body_len = mbuf_get_left(m->mb);
	return 0;
}

static void r_done(void)
{
	m = mem_deref(m);
	mb = mem_deref(mb);
}

const struct peer peer_re = {"libre", r_init, r_parse, r_done};
