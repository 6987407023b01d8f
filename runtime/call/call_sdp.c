/*
 * call_sdp.c - the phone's side of RFC 3264 offer/answer.
 *
 * The guide: preferred_codec is offered first, the other codecs follow
 * ("Supported Features": G.711 mu-law and A-law, G.729a); telephone-event
 * with dtmf_avt_payload unless dtmf_outofband is "none"; a hold is
 * "c=IN IP4 0.0.0.0" (RFC 2543 style, as the guide's flows show), and a
 * peer's a=sendonly / a=inactive is understood as well.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "call/call.h"
#include "net/net_addr.h"

static const struct {
	uint8_t pt;
	const char *enc;
} codecs[] = {
	{0, "PCMU"},
	{8, "PCMA"},
	{18, "G729"},
};

static const char *codec_name(uint8_t pt)
{
	unsigned i;

	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (codecs[i].pt == pt)
			return codecs[i].enc;
	return NULL;
}

void call_codecs_from_cnf(struct call_codecs *k, const struct cnf *c)
{
	int32_t pref = cnf_int(c, CNF_PREFERRED_CODEC);
	unsigned i;

	memset(k, 0, sizeof(*k));
	if (pref >= 0 && codec_name((uint8_t)pref))
		k->pt[k->n++] = (uint8_t)pref;
	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if ((int32_t)codecs[i].pt != pref)
			k->pt[k->n++] = codecs[i].pt;
	if (cnf_int(c, CNF_DTMF_OUTOFBAND) != 0)
		k->dtmf_pt = (uint8_t)cnf_int(c, CNF_DTMF_AVT_PAYLOAD);
}

int call_sdp_write(char *buf, size_t cap, const struct call_sdp_local *l,
		   const struct call_codecs *k, const struct call_media *chosen)
{
	char fmts[64] = "";
	size_t fl = 0;
	unsigned i;
	int n, len;
	const char *addr = l->hold ? "0.0.0.0" : l->addr;

	/* An answer names the chosen codec (and telephone-event when both
	 * sides have it); an offer every codec we have. */
	if (chosen) {
		n = snprintf(fmts, sizeof(fmts), " %u", chosen->pt);
		fl = (size_t)n;
		if (chosen->dtmf_pt)
			fl += (size_t)snprintf(fmts + fl, sizeof(fmts) - fl, " %u",
					       chosen->dtmf_pt);
	} else {
		for (i = 0; i < k->n; i++)
			fl += (size_t)snprintf(fmts + fl, sizeof(fmts) - fl,
					       " %u", k->pt[i]);
		if (k->dtmf_pt)
			fl += (size_t)snprintf(fmts + fl, sizeof(fmts) - fl,
					       " %u", k->dtmf_pt);
	}
	len = snprintf(buf, cap,
		       "v=0\r\n"
		       "o=sipphone %" PRIu32 " %" PRIu32 " IN IP4 %s\r\n"
		       "s=SIP Call\r\n"
		       "c=IN IP4 %s\r\n"
		       "t=0 0\r\n"
		       "m=audio %u RTP/AVP%s\r\n",
		       l->sess_id, l->sess_ver, l->addr, addr, l->port, fmts);
	if (len < 0 || (size_t)len >= cap)
		return -ENOBUFS;
	for (i = 0; i < (chosen ? 1 : k->n); i++) {
		uint8_t pt = chosen ? chosen->pt : k->pt[i];

		n = snprintf(buf + len, cap - (size_t)len,
			     "a=rtpmap:%u %s/8000\r\n", pt, codec_name(pt));
		if (n < 0 || (size_t)n >= cap - (size_t)len)
			return -ENOBUFS;
		len += n;
	}
	if (chosen ? chosen->dtmf_pt : k->dtmf_pt) {
		uint8_t pt = chosen ? chosen->dtmf_pt : k->dtmf_pt;

		n = snprintf(buf + len, cap - (size_t)len,
			     "a=rtpmap:%u telephone-event/8000\r\n"
			     "a=fmtp:%u 0-15\r\n", pt, pt);
		if (n < 0 || (size_t)n >= cap - (size_t)len)
			return -ENOBUFS;
		len += n;
	}
	n = snprintf(buf + len, cap - (size_t)len, "a=ptime:20\r\n");
	if (n < 0 || (size_t)n >= cap - (size_t)len)
		return -ENOBUFS;
	return len + n;
}

/* The payload type M's format list uses for encoding ENC at 8000 Hz:
 * the static number when there is no rtpmap, the rtpmap's otherwise. */
static int fmt_pt(const struct sdp_media *m, unsigned i)
{
	uint32_t v;

	if (sip_pl_u32(&m->fmt[i], 127, &v))
		return -1;
	return (int)v;
}

static bool fmt_is(const struct sdp_media *m, unsigned pt, const char *enc)
{
	const struct sdp_rtpmap *r = sdp_media_rtpmap(m, pt);

	if (r)
		return sip_pl_caseeq(&r->enc, enc) && r->clock == 8000;
	/* RFC 3551 static types need no rtpmap */
	return codec_name((uint8_t)pt) && strcmp(codec_name((uint8_t)pt), enc) == 0;
}

int call_sdp_choose(const struct sdp_sess *remote,
		    const struct call_codecs *k, struct call_media *m)
{
	const struct sdp_media *am = NULL;
	const struct sdp_conn *conn;
	enum sdp_dir dir;
	unsigned i, j;
	uint32_t ip = 0;

	for (i = 0; i < remote->nmedia; i++)
		if (sip_pl_eq(&remote->media[i].media, "audio") &&
		    remote->media[i].port != 0) {
			am = &remote->media[i];
			break;
		}
	if (!am)
		return -EBADMSG;
	conn = sdp_media_conn(remote, am);
	if (!conn || !sip_pl_caseeq(&conn->addrtype, "IP4"))
		return -EBADMSG;
	{
		/* "addr[/ttl]" */
		size_t l = 0;

		while (l < conn->addr.l && conn->addr.p[l] != '/')
			l++;
		if (net_addr_parse_ip(conn->addr.p, l, &ip))
			return -EBADMSG;
	}
	m->pt = 0xff;
	m->dtmf_pt = 0;
	/* The offerer's order decides among the codecs we have (RFC 3264
	 * 6.1: the answerer SHOULD keep it). */
	for (i = 0; i < am->nfmt && m->pt == 0xff; i++) {
		int pt = fmt_pt(am, i);

		if (pt < 0)
			continue;
		for (j = 0; j < k->n; j++)
			if (fmt_is(am, (unsigned)pt, codec_name(k->pt[j]))) {
				m->pt = k->pt[j];
				break;
			}
	}
	if (m->pt == 0xff)
		return -ENOTSUP;
	if (k->dtmf_pt)
		for (i = 0; i < am->nfmt; i++) {
			int pt = fmt_pt(am, i);

			if (pt >= 96 && fmt_is(am, (unsigned)pt, "telephone-event")) {
				m->dtmf_pt = (uint8_t)pt;
				break;
			}
		}
	dir = sdp_media_dir(remote, am);
	m->remote_ip = ip;
	m->remote_port = am->port;
	/* What the far end does is the mirror of what we may do. */
	m->send = !sdp_conn_is_hold(conn) &&
		  (dir == SDP_DIR_UNSET || dir == SDP_DIR_SENDRECV ||
		   dir == SDP_DIR_RECVONLY);
	m->recv = !sdp_conn_is_hold(conn) &&
		  (dir == SDP_DIR_UNSET || dir == SDP_DIR_SENDRECV ||
		   dir == SDP_DIR_SENDONLY);
	return 0;
}
