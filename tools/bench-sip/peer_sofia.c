/*
 * peer_sofia.c - sofia-sip (libsofia-sip-ua), benchmark only.
 */
#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_protos.h>

#include "bench.h"

static msg_t *m;

static int s_init(void)
{
	return 0;
}

static int s_parse(const char *buf, size_t len, struct bfields *f)
{
	sip_t *sip;

	m = msg_make(sip_default_mclass(), 0, buf, (ssize_t)len);
	if (!m)
		return -1;
	sip = sip_object(m);
	if (!sip)
		return -1;
	f->is_req = sip->sip_request != NULL;
	if (sip->sip_request) {
		f->start = bs_c(sip->sip_request->rq_method_name);
		f->ruri_user = bs_c(sip->sip_request->rq_url->url_user);
		f->ruri_host = bs_c(sip->sip_request->rq_url->url_host);
	} else if (sip->sip_status) {
		f->status = (unsigned)sip->sip_status->st_status;
	}
	if (sip->sip_via)
		f->branch = bs_c(sip->sip_via->v_branch);
	if (sip->sip_from)
		f->ftag = bs_c(sip->sip_from->a_tag);
	if (sip->sip_to)
		f->ttag = bs_c(sip->sip_to->a_tag);
	if (sip->sip_call_id)
		f->callid = bs_c(sip->sip_call_id->i_id);
	if (sip->sip_cseq) {
		f->cseq = sip->sip_cseq->cs_seq;
		f->cmeth = bs_c(sip->sip_cseq->cs_method_name);
	}
	if (sip->sip_contact) {
		f->ct_user = bs_c(sip->sip_contact->m_url->url_user);
		f->ct_host = bs_c(sip->sip_contact->m_url->url_host);
	}
	if (sip->sip_content_length)
		f->clen = sip->sip_content_length->l_length;
	if (sip->sip_payload)
		f->body_len = sip->sip_payload->pl_len;
	return 0;
}

static void s_done(void)
{
	if (m)
		msg_destroy(m);
	m = NULL;
}

const struct peer peer_sofia = {"sofia-sip", s_init, s_parse, s_done};
