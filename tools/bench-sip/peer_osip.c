/*
 * peer_osip.c - GNU oSIP2 (libosip2), benchmark only.
 */
#include <stdio.h>
#include <stdlib.h>

#include <osip2/osip.h>
#include <osipparser2/osip_parser.h>

#include "bench.h"

static osip_message_t *m;

static int o_init(void)
{
	return parser_init() == 0 ? 0 : -1;
}

static int o_parse(const char *buf, size_t len, struct bfields *f)
{
	osip_via_t *via = NULL;
	osip_generic_param_t *br = NULL, *tag = NULL;
	osip_contact_t *ct = NULL;

	if (osip_message_init(&m) != 0)
		return -1;
	if (osip_message_parse(m, buf, len) != 0)
		return -1;
	f->is_req = MSG_IS_REQUEST(m);
	if (f->is_req) {
		f->start = bs_c(m->sip_method);
		if (m->req_uri) {
			f->ruri_user = bs_c(m->req_uri->username);
			f->ruri_host = bs_c(m->req_uri->host);
		}
	} else {
		f->status = (unsigned)m->status_code;
	}
	if (osip_message_get_via(m, 0, &via) >= 0 && via &&
	    osip_via_param_get_byname(via, "branch", &br) >= 0 && br)
		f->branch = bs_c(br->gvalue);
	if (m->from && osip_from_get_tag(m->from, &tag) >= 0 && tag)
		f->ftag = bs_c(tag->gvalue);
	tag = NULL;
	if (m->to && osip_to_get_tag(m->to, &tag) >= 0 && tag)
		f->ttag = bs_c(tag->gvalue);
	if (m->call_id) {
		/* oSIP splits number@host; put them back together. */
		static char cid[256];
		int n = snprintf(cid, sizeof(cid), "%s%s%s", m->call_id->number,
				 m->call_id->host ? "@" : "",
				 m->call_id->host ? m->call_id->host : "");

		if (n > 0 && (size_t)n < sizeof(cid))
			f->callid = bs_c(cid);
	}
	if (m->cseq) {
		f->cseq = strtoul(m->cseq->number, NULL, 10);
		f->cmeth = bs_c(m->cseq->method);
	}
	if (osip_message_get_contact(m, 0, &ct) >= 0 && ct && ct->url) {
		f->ct_user = bs_c(ct->url->username);
		f->ct_host = bs_c(ct->url->host);
	}
	if (m->content_length)
		f->clen = strtoul(m->content_length->value, NULL, 10);
	return 0;
}

static void o_done(void)
{
	if (m)
		osip_message_free(m);
	m = NULL;
}

const struct peer peer_osip = {"libosip2", o_init, o_parse, o_done};
