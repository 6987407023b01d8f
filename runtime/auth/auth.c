/*
 * auth.c - choosing a challenge, computing the digest, writing the
 * credentials (RFC 2617 s.3.2, RFC 3261 s.22).  No OS: MD5 and the random
 * bytes of the cnonce come in through struct auth_ops.
 */
#include <errno.h>
#include <string.h>

#include "auth/auth.h"
#include "cnf/cnf.h"
#include "log/log.h"
#include "sip/sip_auth.h"

static const char *const hdr_name[AUTH_KINDS] = {
	[AUTH_WWW] = "Authorization",
	[AUTH_PROXY] = "Proxy-Authorization",
};
static const uint16_t chal_status[AUTH_KINDS] = {
	[AUTH_WWW] = 401,
	[AUTH_PROXY] = 407,
};
static const char *const alg_name[] = {
	[AUTH_ALG_MD5] = "MD5",
	[AUTH_ALG_MD5_SESS] = "MD5-sess",
};
static const char *const qop_name[] = {
	[AUTH_QOP_NONE] = "",
	[AUTH_QOP_AUTH] = "auth",
	[AUTH_QOP_AUTH_INT] = "auth-int",
};

/* Secrets (H(A1)) must not linger on the stack; volatile keeps the
 * compiler from dropping the stores. */
static void wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}

static void hex(char *dst, const uint8_t *src, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		dst[2 * i] = digits[src[i] >> 4];
		dst[2 * i + 1] = digits[src[i] & 15];
	}
	dst[2 * n] = '\0';
}

/* MD5 of the parts, as 32 lowercase hex digits (RFC 2617 s.3.1.3). */
static void md5_hex(auth_md5_fn *md5, const struct sip_pl *parts, unsigned n,
		    char out[2 * AUTH_MD5_LEN + 1])
{
	uint8_t d[AUTH_MD5_LEN];

	md5(parts, n, d);
	hex(out, d, sizeof(d));
	wipe(d, sizeof(d));
}

/* s.3.2.2 nc-value: 8 lowercase hex digits. */
static const char *nc_hex(uint32_t nc, char buf[9])
{
	unsigned i;

	for (i = 0; i < 8; i++)
		buf[i] = "0123456789abcdef"[(nc >> (28 - 4 * i)) & 15];
	buf[8] = '\0';
	return buf;
}

static struct sip_pl pl_str(const char *s)
{
	return sip_pl_mk(s, strlen(s));
}

/* ---------------------------------------------------------------- digest */

void auth_response(auth_md5_fn *md5, const struct auth_calc *c,
		   char out[2 * AUTH_MD5_LEN + 1])
{
	static const struct sip_pl colon = SIP_PL_INIT(":");
	char ha1[2 * AUTH_MD5_LEN + 1], ha2[2 * AUTH_MD5_LEN + 1];
	char hbody[2 * AUTH_MD5_LEN + 1], nc[9];
	struct sip_pl v[11];
	unsigned n = 0;

	/* s.3.2.2.2: A1 = user:realm:password */
	v[0] = c->user; v[1] = colon; v[2] = c->realm; v[3] = colon;
	v[4] = c->password;
	md5_hex(md5, v, 5, ha1);
	if (c->alg == AUTH_ALG_MD5_SESS) {
		/* MD5-sess: H(A1) = H(H(user:realm:password):nonce:cnonce),
		 * the hex form (auth.h). */
		v[0] = sip_pl_mk(ha1, 2 * AUTH_MD5_LEN); v[1] = colon;
		v[2] = c->nonce; v[3] = colon; v[4] = c->cnonce;
		md5_hex(md5, v, 5, ha1);
	}
	/* s.3.2.2.3: A2 = method:digest-uri[:H(entity-body)] */
	v[0] = c->method; v[1] = colon; v[2] = c->uri;
	n = 3;
	if (c->qop == AUTH_QOP_AUTH_INT) {
		md5_hex(md5, &c->body, 1, hbody);
		v[3] = colon;
		v[4] = sip_pl_mk(hbody, 2 * AUTH_MD5_LEN);
		n = 5;
	}
	md5_hex(md5, v, n, ha2);
	/* s.3.2.2.1: KD(H(A1), nonce[:nc:cnonce:qop]:H(A2)); without qop
	 * the RFC 2069 form. */
	n = 0;
	v[n++] = sip_pl_mk(ha1, 2 * AUTH_MD5_LEN);
	v[n++] = colon;
	v[n++] = c->nonce;
	v[n++] = colon;
	if (c->qop != AUTH_QOP_NONE) {
		v[n++] = sip_pl_mk(nc_hex(c->nc, nc), 8);
		v[n++] = colon;
		v[n++] = c->cnonce;
		v[n++] = colon;
		v[n++] = pl_str(qop_name[c->qop]);
		v[n++] = colon;
	}
	v[n++] = sip_pl_mk(ha2, 2 * AUTH_MD5_LEN);
	md5_hex(md5, v, n, out);
	wipe(ha1, sizeof(ha1));
}

/* ---------------------------------------------------------------- challenges */

static int is_tchar(unsigned char c)
{
	/* RFC 3261 s.25.1 token */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("-.!%*_+`'~", c));
}

static size_t skip_lws(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
			 p[i] == '\n'))
		i++;
	return i;
}

/*
 * The next challenge of a header value (RFC 2617 s.1.2: a header may list
 * several, "Digest realm=..., Basic realm=..."; sip_auth_parse takes one).
 * A comma outside quotes followed by a token that is not a parameter name
 * (no '=' after it) starts the next one.  0, or -ENOENT at the end.
 */
static int chal_next(struct sip_pl *rest, struct sip_pl *one)
{
	const char *p = rest->p;
	size_t n = rest->l, i, j, k;
	int quoted = 0;

	if (!p || n == 0)
		return -ENOENT;
	for (i = 0; i < n; i++) {
		if (quoted) {
			if (p[i] == '\\')
				i++;
			else if (p[i] == '"')
				quoted = 0;
			continue;
		}
		if (p[i] == '"') {
			quoted = 1;
			continue;
		}
		if (p[i] != ',')
			continue;
		j = skip_lws(p, n, i + 1);
		for (k = j; k < n && is_tchar((unsigned char)p[k]); k++)
			;
		if (k == j)
			continue;
		k = skip_lws(p, n, k);
		if (k < n && p[k] == '=')
			continue;
		*one = sip_pl_mk(p, i);
		rest->p = p + j;
		rest->l = n - j;
		return 0;
	}
	*one = *rest;
	rest->p = p + n;
	rest->l = 0;
	return 0;
}

/* qop-options: a comma list; we answer auth, else auth-int. */
static int qop_choose(const struct sip_pl *v, uint8_t *qop)
{
	size_t i = 0, j;
	int any = 0, auth = 0, auth_int = 0;

	while (i < v->l) {
		struct sip_pl one;

		i = skip_lws(v->p, v->l, i);
		for (j = i; j < v->l && v->p[j] != ','; j++)
			;
		one = sip_pl_mk(v->p + i, j - i);
		while (one.l && (one.p[one.l - 1] == ' ' ||
				 one.p[one.l - 1] == '\t'))
			one.l--;
		if (one.l) {
			any = 1;
			auth |= sip_pl_caseeq(&one, "auth");
			auth_int |= sip_pl_caseeq(&one, "auth-int");
		}
		i = j + 1;
	}
	if (auth)
		*qop = AUTH_QOP_AUTH;
	else if (auth_int)
		*qop = AUTH_QOP_AUTH_INT;
	else if (!any) /* qop="": as if absent */
		*qop = AUTH_QOP_NONE;
	else
		return -ENOTSUP;
	return 0;
}

/* Control characters would end up on our request line by line. */
static int has_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 1;
	}
	return 0;
}

static int take_str(char *dst, size_t max, const struct sip_pl *v)
{
	size_t n;

	if (sip_pl_unquote(dst, max, v, &n))
		return -E2BIG;
	dst[n] = '\0';
	return has_ctl(dst, n) ? -EBADMSG : 0;
}

/* A parsed challenge into C if we can answer it. */
static int chal_take(struct auth_chal *c, const struct sip_auth *a)
{
	int err;

	memset(c, 0, sizeof(*c));
	/* Guide, "SIP Security Authentication": Digest only. */
	if (!a->digest)
		return -ENOTSUP;
	if (!sip_pl_isset(&a->algorithm) || sip_pl_caseeq(&a->algorithm, "MD5"))
		c->alg = AUTH_ALG_MD5;
	else if (sip_pl_caseeq(&a->algorithm, "MD5-sess"))
		c->alg = AUTH_ALG_MD5_SESS;
	else
		return -ENOTSUP;
	c->qop = AUTH_QOP_NONE;
	if (sip_pl_isset(&a->qop) && (err = qop_choose(&a->qop, &c->qop)))
		return err;
	/* MD5-sess hashes a cnonce, which s.3.2.2 forbids without qop. */
	if (c->alg == AUTH_ALG_MD5_SESS && c->qop == AUTH_QOP_NONE)
		return -ENOTSUP;
	/* s.3.2.1: realm and nonce are required. */
	if (!sip_pl_isset(&a->realm) || !sip_pl_isset(&a->nonce))
		return -EBADMSG;
	if ((err = take_str(c->realm, AUTH_REALM_MAX, &a->realm)) ||
	    (err = take_str(c->nonce, AUTH_NONCE_MAX, &a->nonce)))
		return err;
	if (sip_pl_isset(&a->opaque)) {
		if ((err = take_str(c->opaque, AUTH_OPAQUE_MAX, &a->opaque)))
			return err;
		c->has_opaque = 1;
	}
	return 0;
}

/* When nothing is usable, say the most useful thing: a Digest challenge
 * past our limits, then one we do not support, then garbage. */
static int err_rank(int err)
{
	return err == -E2BIG ? 3 : err == -ENOTSUP ? 2 : 1;
}

/* The first usable challenge of kind K in M into C. */
static int choose(const struct sip_msg *m, enum auth_kind k,
		  struct auth_chal *c, int *stale)
{
	enum sip_hdr_id id = k == AUTH_WWW ? SIP_HDR_WWW_AUTHENTICATE
					   : SIP_HDR_PROXY_AUTHENTICATE;
	const struct sip_hdr *h;
	int worst = -EBADMSG;

	for (h = sip_msg_hdr(m, id); h; h = sip_msg_hdr_next(m, h)) {
		struct sip_pl rest = h->val, one;

		while (chal_next(&rest, &one) == 0) {
			struct sip_auth a;
			int err = sip_auth_parse(&a, one.p, one.l);

			if (err == 0)
				err = chal_take(c, &a);
			if (err == 0) {
				*stale = a.stale;
				return 0;
			}
			if (err_rank(err) > err_rank(worst))
				worst = err;
		}
	}
	memset(c, 0, sizeof(*c));
	return worst;
}

/* ---------------------------------------------------------------- credentials */

/* RFC 3261 s.25.1 quoted-string: '"' and '\' become quoted-pairs. */
static void put_quoted(struct sip_mbuf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	sip_mbuf_put(b, "\"", 1);
	for (i = 0; i < n; i++) {
		if (s[i] != '"' && s[i] != '\\')
			continue;
		sip_mbuf_put(b, s + run, i - run);
		sip_mbuf_put(b, "\\", 1);
		run = i;
	}
	sip_mbuf_put(b, s + run, n - run);
	sip_mbuf_put(b, "\"", 1);
}

static int check_req(const struct auth_req *req, const struct auth_cred *cred)
{
	if (!req->method || !req->method[0] || !req->uri.p || !req->uri.l ||
	    !cred->user || !cred->password)
		return -EINVAL;
	/* A CR or LF here would write a header of its own. */
	if (has_ctl(req->method, strlen(req->method)) ||
	    has_ctl(req->uri.p, req->uri.l) ||
	    has_ctl(cred->user, strlen(cred->user)))
		return -EINVAL;
	return 0;
}

/* The credentials value for kind K (s.22.2, s.22.3), with the next nc. */
static int write_cred(struct auth_session *s, enum auth_kind k,
		      const struct auth_req *req, const struct auth_cred *cred,
		      struct auth_hdr *h)
{
	struct auth_chal *c = &s->chal[k];
	struct auth_calc calc;
	struct sip_mbuf b;
	char resp[2 * AUTH_MD5_LEN + 1], nc[9];
	int err = 0;

	/* s.3.2.2: nc counts requests with one nonce; it never wraps. */
	if (c->qop != AUTH_QOP_NONE && c->nc == UINT32_MAX) {
		err = -EOVERFLOW;
		goto out;
	}
	memset(&calc, 0, sizeof(calc));
	calc.alg = (enum auth_alg)c->alg;
	calc.qop = (enum auth_qop)c->qop;
	calc.user = pl_str(cred->user);
	calc.realm = pl_str(c->realm);
	calc.password = pl_str(cred->password);
	calc.nonce = pl_str(c->nonce);
	calc.cnonce = pl_str(c->cnonce);
	calc.method = pl_str(req->method);
	calc.uri = req->uri;
	calc.body = req->body.p ? req->body : sip_pl_mk("", 0);
	calc.nc = c->qop != AUTH_QOP_NONE ? c->nc + 1 : 0;
	auth_response(s->ops.md5, &calc, resp);

	h->name = hdr_name[k];
	sip_mbuf_init(&b, h->val, sizeof(h->val) - 1);
	sip_mbuf_puts(&b, "Digest username=");
	put_quoted(&b, cred->user, strlen(cred->user));
	sip_mbuf_puts(&b, ", realm=");
	put_quoted(&b, c->realm, strlen(c->realm));
	sip_mbuf_puts(&b, ", nonce=");
	put_quoted(&b, c->nonce, strlen(c->nonce));
	sip_mbuf_puts(&b, ", uri=");
	put_quoted(&b, req->uri.p, req->uri.l);
	/* puts, not printf: vsnprintf wants room for a NUL, which would
	 * make the last byte of VAL unusable depending on what came last. */
	sip_mbuf_puts(&b, ", response=\"");
	sip_mbuf_puts(&b, resp);
	sip_mbuf_puts(&b, "\", algorithm=");
	sip_mbuf_puts(&b, alg_name[c->alg]);
	if (c->qop != AUTH_QOP_NONE) {
		sip_mbuf_puts(&b, ", cnonce=\"");
		sip_mbuf_puts(&b, c->cnonce);
		sip_mbuf_puts(&b, "\", qop=");
		sip_mbuf_puts(&b, qop_name[c->qop]);
		sip_mbuf_puts(&b, ", nc=");
		sip_mbuf_puts(&b, nc_hex(calc.nc, nc));
	}
	if (c->has_opaque) {
		sip_mbuf_puts(&b, ", opaque=");
		put_quoted(&b, c->opaque, strlen(c->opaque));
	}
	wipe(resp, sizeof(resp));
	if (b.err) {
		err = -ENOBUFS;
		goto out;
	}
	h->len = b.len;
	h->val[b.len] = '\0';
	c->nc = (uint32_t)calc.nc;
out:
	if (err)
		h->len = 0;
	return err;
}

static int write_all(struct auth_session *s, const struct auth_req *req,
		     const struct auth_cred *cred, struct auth_out *out)
{
	unsigned k;
	int err = 0;

	out->n = 0;
	for (k = 0; k < AUTH_KINDS; k++) {
		if (!s->chal[k].set)
			continue;
		err = write_cred(s, (enum auth_kind)k, req, cred,
				 &out->h[out->n]);
		if (err)
			break;
		out->n++;
	}
	if (err)
		out->n = 0;
	return err;
}

/* ---------------------------------------------------------------- session */

void auth_session_init(struct auth_session *s, const struct auth_ops *ops,
		       unsigned line)
{
	memset(s, 0, sizeof(*s));
	if (ops)
		s->ops = *ops;
	s->line = line;
}

void auth_session_reset(struct auth_session *s)
{
	memset(s->chal, 0, sizeof(s->chal));
}

int auth_cred_from_cnf(struct auth_cred *c, const struct cnf *cnf,
		       unsigned line)
{
	if (!c || !cnf || line < 1 || line > CNF_LINES)
		return -EINVAL;
	/* Table 3-4: the snapshot already fell back to line 1, then to
	 * UNPROVISIONED, which the phone then uses as it is. */
	c->user = cnf_str(cnf, cnf_line_param(CNF_LINE_AUTHNAME, line));
	c->password = cnf_str(cnf, cnf_line_param(CNF_LINE_PASSWORD, line));
	return 0;
}

bool auth_should_retry(const struct auth_try *t, const struct sip_msg *resp)
{
	if (!t || !resp || t->done)
		return false;
	if (resp->status == 401)
		return sip_msg_hdr(resp, SIP_HDR_WWW_AUTHENTICATE) != NULL;
	if (resp->status == 407)
		return sip_msg_hdr(resp, SIP_HDR_PROXY_AUTHENTICATE) != NULL;
	return false;
}

/* A new nonce gets a new cnonce and starts counting at 1 again; the same
 * nonce again keeps counting (s.3.2.2 nonce-count). */
static int adopt(struct auth_session *s, enum auth_kind k,
		 struct auth_chal *cand)
{
	struct auth_chal *c = &s->chal[k];
	uint8_t rnd[AUTH_CNONCE_LEN / 2];
	int err;

	if (c->set && strcmp(c->realm, cand->realm) == 0 &&
	    strcmp(c->nonce, cand->nonce) == 0 && c->alg == cand->alg) {
		cand->nc = c->nc;
		memcpy(cand->cnonce, c->cnonce, sizeof(cand->cnonce));
	} else {
		err = s->ops.rand(s->ops.rand_arg, rnd, sizeof(rnd));
		if (err)
			return err < 0 ? err : -EIO;
		hex(cand->cnonce, rnd, sizeof(rnd));
		cand->nc = 0;
	}
	cand->set = 1;
	*c = *cand;
	return 0;
}

int auth_answer(struct auth_session *s, struct auth_try *t,
		const struct sip_msg *resp, const struct auth_req *req,
		const struct auth_cred *cred, struct auth_out *out)
{
	struct auth_chal cand;
	enum auth_kind k;
	int err, stale = 0;

	if (!s || !t || !resp || !req || !cred || !out || !s->ops.md5 ||
	    !s->ops.rand)
		return -EINVAL;
	out->n = 0;
	if (t->done)
		return t->err;
	switch (resp->status) {
	case 401:
		k = AUTH_WWW;
		break;
	case 407:
		k = AUTH_PROXY;
		break;
	case 403:
		/* Appendix A 403: the server will not serve us; the user is
		 * told (the caller) and the next request starts afresh. */
		auth_session_reset(s);
		err = -EPERM;
		goto out;
	default:
		return -EINVAL;
	}
	err = check_req(req, cred);
	if (err)
		goto out;
	err = choose(resp, k, &cand, &stale);
	if (err) {
		log_printf(LOG_WARN, LOG_CAT_SIP,
			   "auth: line %u: no usable challenge in %u (%s)",
			   s->line, (unsigned)resp->status, auth_strerror(err));
		goto out;
	}
	if (t->answered[k] && s->chal[k].set &&
	    strcmp(s->chal[k].realm, cand.realm) == 0) {
		/* The realm we just answered asks again.  stale=true: our
		 * nonce expired, not our password (s.3.2.1): once. */
		if (!stale) {
			log_printf(LOG_WARN, LOG_CAT_SIP,
				   "auth: line %u: realm \"%s\" rejected the "
				   "credentials of \"%s\"", s->line,
				   cand.realm, cred->user);
			memset(&s->chal[k], 0, sizeof(s->chal[k]));
			err = -EACCES;
			goto out;
		}
		if (t->stale[k] >= AUTH_STALE_MAX) {
			err = -ELOOP;
			goto out;
		}
		t->stale[k]++;
		log_printf(LOG_INFO, LOG_CAT_SIP,
			   "auth: line %u: stale nonce for realm \"%s\", "
			   "retrying", s->line, cand.realm);
	}
	/* Different realms one after another: bounded all the same. */
	if (t->answered[k] >= AUTH_ROUNDS_MAX) {
		err = -ELOOP;
		goto out;
	}
	err = adopt(s, k, &cand);
	if (err)
		goto out;
	t->answered[k]++;
	log_printf(LOG_INFO, LOG_CAT_SIP,
		   "auth: line %u: answering %u for realm \"%s\" as \"%s\"",
		   s->line, (unsigned)chal_status[k], cand.realm, cred->user);
	err = write_all(s, req, cred, out);
out:
	if (err) {
		t->done = 1;
		t->err = err;
		out->n = 0;
	}
	return err;
}

int auth_preempt(struct auth_session *s, const struct auth_req *req,
		 const struct auth_cred *cred, struct auth_out *out)
{
	int err;

	if (!s || !req || !cred || !out || !s->ops.md5)
		return -EINVAL;
	out->n = 0;
	err = check_req(req, cred);
	if (err)
		return err;
	return write_all(s, req, cred, out);
}

const char *auth_strerror(int err)
{
	switch (err) {
	case 0:
		return "ok";
	case -EACCES:
		return "Authentication failed";
	case -ELOOP:
		return "Authentication loop";
	case -EPERM:
		return "Forbidden";
	case -ENOTSUP:
		return "Unsupported authentication";
	case -E2BIG:
		return "Challenge too long";
	case -EBADMSG:
		return "Bad challenge";
	case -ENOBUFS:
		return "Credentials too long";
	case -EOVERFLOW:
		return "Nonce count exhausted";
	case -EINVAL:
		return "Invalid request";
	default:
		return "Authentication error";
	}
}
