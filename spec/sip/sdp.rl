/*
 * sdp.rl - SDP (RFC 4566 s.5, s.9) as a phone reads it.
 *
 * Order: v= o= s= first (s.5), then session lines, then media sections.
 * Unknown attributes are kept; the ones a phone acts on (rtpmap, fmtp,
 * ptime, sendrecv/sendonly/recvonly/inactive) are parsed by their own
 * rules, so "a=rtpmap:x" is an error, not an unknown attribute.
 * Lines the phone ignores (u e p z k r) are checked for shape only.
 */
#include <errno.h>
#include <string.h>

#include "sdp/sdp.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))

struct sdp_st {
	struct sdp_sess *s;
	int err;
};

static struct sdp_media *cur(struct sdp_sess *s)
{
	return s->nmedia ? &s->media[s->nmedia - 1] : NULL;
}

static int u32_of(struct sip_pl pl, uint32_t max, uint32_t *v)
{
	return sip_pl_u32(&pl, max, v) < 0 ? -EBADMSG : 0;
}

%%{
	machine sdp;
	alphtype unsigned char;

	action mk      { mk = p; }
	action mk2     { mk2 = p; }
	action err_out { fbreak; }
	action e_v     { if ((st.err = u32_of(PL(mk, p), 0xffffffffu, &s->version))) fbreak; }
	action e_ouser { s->o_user = PL(mk, p); }
	action e_osid  { s->o_sess_id = PL(mk, p); }
	action e_over  { s->o_sess_ver = PL(mk, p); }
	action e_onet  { s->o_addr.nettype = PL(mk, p); }
	action e_oat   { s->o_addr.addrtype = PL(mk, p); }
	action e_oaddr { s->o_addr.addr = PL(mk, p); }
	action e_s     { s->name = PL(mk, p); }
	action e_i     { if (!s->nmedia) s->info = PL(mk, p); }
	action e_cnet  { conn.nettype = PL(mk, p); }
	action e_cat   { conn.addrtype = PL(mk, p); }
	action e_caddr {
		conn.addr = PL(mk, p);
		if (s->nmedia) {
			cur(s)->conn = conn;
			cur(s)->has_conn = 1;
		} else {
			s->conn = conn;
			s->has_conn = 1;
		}
	}
	action e_btype { btype = PL(mk, p); }
	action e_bw {
		uint32_t bw;

		if ((st.err = u32_of(PL(mk, p), 0xffffffffu, &bw)))
			fbreak;
		if (s->nmedia) {
			cur(s)->bw_type = btype;
			cur(s)->bw = bw;
		} else {
			s->bw_type = btype;
			s->bw = bw;
		}
	}
	action e_tstart { s->t_start = PL(mk, p); }
	action e_tstop  { s->t_stop = PL(mk, p); }
	action m_new {
		if (s->nmedia >= SDP_MAX_MEDIA) {
			st.err = -ENOBUFS;
			fbreak;
		}
		s->nmedia++;
	}
	action e_mmedia { cur(s)->media = PL(mk, p); }
	action e_mport {
		uint32_t v;

		if ((st.err = u32_of(PL(mk, p), 65535, &v)))
			fbreak;
		cur(s)->port = (uint16_t)v;
	}
	action e_mnports {
		uint32_t v;

		if ((st.err = u32_of(PL(mk, p), 65535, &v)))
			fbreak;
		cur(s)->nports = (uint16_t)v;
	}
	action e_mproto { cur(s)->proto = PL(mk, p); }
	action mk_fmts  { cur(s)->fmts.p = (const char *)p; }
	action e_fmt {
		struct sdp_media *m = cur(s);

		if (m->nfmt >= SDP_MAX_FMT) {
			st.err = -ENOBUFS;
			fbreak;
		}
		m->fmt[m->nfmt++] = PL(mk, p);
		m->fmts.l = (size_t)((const char *)p - m->fmts.p);
	}
	# Every a= line goes to the attribute list.
	action mk_an   { an = p; av = NULL; }
	action e_an    { ane = p; }
	action mk_av   { ane = p; av = p + 1; }
	action e_attr {
		struct sdp_attr *a;

		if (s->nattr >= SDP_MAX_ATTR) {
			st.err = -ENOBUFS;
			fbreak;
		}
		if (!av)
			ane = p;
		a = &s->attr[s->nattr++];
		a->name = PL(an, ane);
		a->val = av ? PL(av, p) : sip_pl_mk(NULL, 0);
		a->media = (uint8_t)s->nmedia;
	}
	action dir_sr { dir = SDP_DIR_SENDRECV; }
	action dir_so { dir = SDP_DIR_SENDONLY; }
	action dir_ro { dir = SDP_DIR_RECVONLY; }
	action dir_in { dir = SDP_DIR_INACTIVE; }
	action e_dir {
		if (s->nmedia)
			cur(s)->dir = dir;
		else
			s->dir = dir;
	}
	action e_ptime {
		uint32_t v;

		if ((st.err = u32_of(PL(mk, p), 0xffffffffu, &v)))
			fbreak;
		if (s->nmedia)
			cur(s)->ptime = v;
	}
	action e_rpt   { rpt = PL(mk, p); rpar = sip_pl_mk(NULL, 0); }
	action e_renc  { renc = PL(mk, p); }
	action e_rclk  { rclk = PL(mk, p); }
	action mk_rpar { rp = p; }
	action e_rpar  { rpar = PL(rp, p); }
	action e_rtpmap {
		struct sdp_media *m = cur(s);
		uint32_t pt, clk;

		if ((st.err = u32_of(rpt, 127, &pt)) ||
		    (st.err = u32_of(rclk, 0xffffffffu, &clk)))
			fbreak;
		if (m) {
			struct sdp_rtpmap *r;

			if (m->nrtpmap >= SDP_MAX_FMT) {
				st.err = -ENOBUFS;
				fbreak;
			}
			r = &m->rtpmap[m->nrtpmap++];
			r->pt = (uint8_t)pt;
			r->clock = clk;
			r->enc = renc;
			r->params = rpar;
		}
	}
	action e_ffmt  { ffmt = PL(mk, p); }
	action e_fmtp {
		struct sdp_media *m = cur(s);

		if (m) {
			if (m->nfmtp >= SDP_MAX_FMT) {
				st.err = -ENOBUFS;
				fbreak;
			}
			m->fmtp[m->nfmtp].fmt = ffmt;
			m->fmtp[m->nfmtp].params = PL(mk2, p);
			m->nfmtp++;
		}
	}

	EOL    = '\r'? '\n';
	text   = (any - [\r\n\0])*;
	ntext  = (any - [\r\n\0])+;
	tok    = (any - [ \r\n\0])+;
	num    = digit+;

	v_line = 'v=' (num >mk %e_v) EOL;
	o_line = 'o=' (tok >mk %e_ouser) ' ' (num >mk %e_osid) ' '
		 (num >mk %e_over) ' ' (tok >mk %e_onet) ' ' (tok >mk %e_oat)
		 ' ' (tok >mk %e_oaddr) EOL;
	# s= must not be empty (s.5.3); a single space is the usual "none".
	s_line = 's=' (ntext >mk %e_s) EOL;
	i_line = 'i=' (text >mk %e_i) EOL;
	c_line = 'c=' (tok >mk %e_cnet) ' ' (tok >mk %e_cat) ' '
		 (tok >mk %e_caddr) EOL;
	b_line = 'b=' ((alnum | [\-_.])+ >mk %e_btype) ':' (num >mk %e_bw) EOL;
	t_line = 't=' (num >mk %e_tstart) ' ' (num >mk %e_tstop) EOL;
	x_line = [uepzkr] '=' text EOL;

	dir_att = 'sendrecv' @dir_sr | 'sendonly' @dir_so |
		  'recvonly' @dir_ro | 'inactive' @dir_in;
	rtpmap  = 'rtpmap:' @mk_av (num >mk %e_rpt) ' '+
		  ((any - [/ \r\n\0])+ >mk %e_renc) '/' (num >mk %e_rclk)
		  ('/' (ntext >mk_rpar %e_rpar))?;
	fmtp    = 'fmtp:' @mk_av (tok >mk %e_ffmt) ' ' @{ mk2 = p + 1; } text;
	ptime   = 'ptime:' @mk_av (num >mk %e_ptime);
	aname   = (alnum | [\-_.])+;
	known   = 'rtpmap' | 'fmtp' | 'ptime' | 'sendrecv' | 'sendonly' |
		  'recvonly' | 'inactive';
	other_a = (aname - known) (':' @mk_av text)?;
	a_body  = (dir_att %e_dir) | (rtpmap %e_rtpmap) | (fmtp %e_fmtp) |
		  ptime | other_a;
	a_line  = 'a=' (a_body >mk_an %e_attr) EOL;

	m_line = 'm=' @m_new (tok >mk %e_mmedia) ' ' (num >mk %e_mport)
		 ('/' (num >mk %e_mnports))? ' ' ((any - [ \r\n\0])+ >mk %e_mproto)
		 (' ' >mk_fmts (tok >mk %e_fmt))+ EOL;

	sess_line = i_line | c_line | b_line | t_line | x_line | a_line;
	media_line = i_line | c_line | b_line | x_line | a_line;

	main := v_line o_line s_line sess_line* (m_line media_line*)*;
}%%

%% write data noerror noentry;

int sdp_parse(struct sdp_sess *s, const char *buf, size_t len)
{
	struct sdp_st st = {.s = s};
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	const unsigned char *eof = pe, *mk = p, *mk2 = p, *rp = p;
	const unsigned char *an = p, *ane = p, *av = NULL;
	struct sdp_conn conn;
	struct sip_pl btype = {0}, rpt = {0}, renc = {0}, rclk = {0},
		rpar = {0}, ffmt = {0};
	enum sdp_dir dir = SDP_DIR_UNSET;
	int cs;

	memset(s, 0, sizeof(*s));
	memset(&conn, 0, sizeof(conn));
	%% write init;
	%% write exec;

	if (st.err)
		goto out;
	if (cs < sdp_first_final || p != pe) {
		st.err = -EBADMSG;
		goto out;
	}
out:
	if (st.err)
		memset(s, 0, sizeof(*s));
	return st.err;
}

enum sdp_dir sdp_media_dir(const struct sdp_sess *s, const struct sdp_media *m)
{
	if (m && m->dir != SDP_DIR_UNSET)
		return m->dir;
	return s->dir != SDP_DIR_UNSET ? s->dir : SDP_DIR_SENDRECV;
}

const struct sdp_conn *sdp_media_conn(const struct sdp_sess *s,
				      const struct sdp_media *m)
{
	if (m && m->has_conn)
		return &m->conn;
	return s->has_conn ? &s->conn : NULL;
}

bool sdp_conn_is_hold(const struct sdp_conn *c)
{
	return c && sip_pl_eq(&c->addrtype, "IP4") &&
	       sip_pl_eq(&c->addr, "0.0.0.0");
}

const struct sdp_rtpmap *sdp_media_rtpmap(const struct sdp_media *m,
					  unsigned pt)
{
	unsigned i;

	for (i = 0; i < m->nrtpmap; i++)
		if (m->rtpmap[i].pt == pt)
			return &m->rtpmap[i];
	return NULL;
}
