/*
 * auth.h - digest authentication of the phone's own requests (RFC 2617 as
 * RFC 3261 s.22 uses it): answering 401 (WWW-Authenticate ->
 * Authorization) and 407 (Proxy-Authenticate -> Proxy-Authorization).
 *
 * The guide: Appendix A, 401 "the phone accepts the response and sends a
 * new request that contains the user's authentication information in the
 * format of the HTTP digest as modified by RFC 3261"; 407 "the phone may
 * repeat the INVITE request with a suitable Proxy-Authorization field";
 * 403 "notifies the user" (the attempt ends); "SIP Security
 * Authentication": Digest yes, Basic no.  Appendix B "Authentication
 * Error": INVITE, 407, ACK, INVITE with credentials.
 *
 * Supported: algorithm MD5 (also when absent) and MD5-sess; qop=auth,
 * qop=auth-int (over the body the caller gives; used only when auth is not
 * offered), and no qop at all (RFC 2069).  Other schemes (Basic, ...) and
 * algorithms (SHA-256, AKAv1-MD5, ...) are skipped; the first usable
 * Digest challenge in the response is answered.
 *
 * MD5-sess: H(A1) = MD5(hex(MD5(user:realm:password)):nonce:cnonce), the
 * hex form of RFC 2617 s.3.2.2.2's text, RFC 7616 s.3.4.2 and most clients.
 * (RFC 2617's sample code, and Kamailio's auth module after it, hash the 16
 * binary bytes instead; Kamailio does not offer MD5-sess by default.)
 *
 * Two objects:
 *   struct auth_session  one per line: the challenge last answered per
 *                        kind (401 / 407): realm, nonce, opaque,
 *                        algorithm, qop, cnonce and the nonce count, so
 *                        later requests carry credentials before being
 *                        challenged (auth_preempt) and nc goes up;
 *   struct auth_try      one per logical request (a REGISTER and its
 *                        retries, an INVITE and its retries...): how many
 *                        challenges it answered, so a wrong password ends
 *                        in an error instead of a loop.
 *
 * Credentials never appear in logs: only the realm and the user name are
 * ever logged, never the password, H(A1), the response or the nonce.
 *
 * No OS here: MD5 and the cnonce's random bytes come through struct
 * auth_ops; auth_host.c (hosted builds only) gives nettle's MD5 and the
 * kernel's random bytes in auth_ops_host.
 *
 * Errors are negative errno values; 0 is success.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sip/sip_build.h"
#include "sip/sip_msg.h"

/* Limits (named, tested at and past the edge).  A challenge whose realm,
 * nonce or opaque (unquoted) is longer is not used (-E2BIG); a header that
 * does not fit AUTH_HDR_MAX is -ENOBUFS, never cut. */
enum {
	AUTH_REALM_MAX  = 255,  /* bytes of a realm (a host name, RFC 1035) */
	AUTH_NONCE_MAX  = 256,  /* bytes of a nonce */
	AUTH_OPAQUE_MAX = 256,  /* bytes of an opaque */
	AUTH_HDR_MAX    = 3072, /* bytes of one credentials value */
	AUTH_CNONCE_LEN = 16,   /* hex digits of our cnonce (64 random bits) */
	AUTH_MD5_LEN    = 16,
	AUTH_STALE_MAX  = 1,    /* stale=true rounds per request and kind */
	AUTH_ROUNDS_MAX = 3,    /* challenges of one kind answered per request */
};

/* Which header pair: 401 / WWW-Authenticate / Authorization, or 407 /
 * Proxy-Authenticate / Proxy-Authorization. */
enum auth_kind { AUTH_WWW, AUTH_PROXY, AUTH_KINDS };

enum auth_alg { AUTH_ALG_MD5, AUTH_ALG_MD5_SESS };
enum auth_qop { AUTH_QOP_NONE, AUTH_QOP_AUTH, AUTH_QOP_AUTH_INT };

/* MD5 over the concatenation of N slices (no copy needed to hash
 * "user:realm:password"). */
typedef void auth_md5_fn(const struct sip_pl *parts, unsigned n,
			 uint8_t out[AUTH_MD5_LEN]);
/* N unpredictable bytes: 0, or a negative errno (no cnonce, no answer). */
typedef int auth_rand_fn(void *arg, uint8_t *buf, size_t n);

struct auth_ops {
	auth_md5_fn *md5;
	auth_rand_fn *rand;
	void *rand_arg;
};

/* Hosted builds (auth_host.c, nettle and getrandom): not in the bare-metal
 * core, which brings its own. */
extern const struct auth_ops auth_ops_host;
auth_md5_fn auth_md5_nettle;
auth_rand_fn auth_rand_os;

/* The challenge in force for one kind. */
struct auth_chal {
	uint8_t set;             /* a challenge has been adopted */
	uint8_t alg;             /* enum auth_alg */
	uint8_t qop;             /* enum auth_qop we answer with */
	uint8_t has_opaque;      /* echoed, even when empty */
	uint32_t nc;             /* the last nonce count sent with NONCE */
	char realm[AUTH_REALM_MAX + 1];
	char nonce[AUTH_NONCE_MAX + 1];
	char opaque[AUTH_OPAQUE_MAX + 1];
	char cnonce[AUTH_CNONCE_LEN + 1]; /* one per nonce */
};

struct auth_session {
	struct auth_ops ops;
	unsigned line;           /* for the log only */
	struct auth_chal chal[AUTH_KINDS];
};

/* One logical request: zero it (or AUTH_TRY_INIT) before its first send. */
struct auth_try {
	uint8_t answered[AUTH_KINDS]; /* challenges answered, per kind */
	uint8_t stale[AUTH_KINDS];    /* stale=true rounds used, per kind */
	uint8_t done;                 /* gave up: nothing more to answer */
	int err;                      /* why, when DONE */
};
#define AUTH_TRY_INIT { { 0, 0 }, { 0, 0 }, 0, 0 }

/* Who we are for one line: lineN_authname / lineN_password.  The pointers
 * are borrowed (from the cnf snapshot) and never copied or logged. */
struct auth_cred {
	const char *user;
	const char *password;
};

/* The request being (re)sent: digest-uri is its Request-URI exactly as it
 * is written on the request line (RFC 3261 s.22.4); BODY (may be unset)
 * only matters for qop=auth-int. */
struct auth_req {
	const char *method;      /* "REGISTER", "INVITE", "BYE"... */
	struct sip_pl uri;
	struct sip_pl body;
};

/* Credentials headers to add to the request, one per kind in force. */
struct auth_hdr {
	const char *name;        /* "Authorization" / "Proxy-Authorization" */
	size_t len;
	char val[AUTH_HDR_MAX];  /* LEN bytes, NUL-terminated */
};
struct auth_out {
	unsigned n;
	struct auth_hdr h[AUTH_KINDS];
};

/* As a sip_build.h extra header (points into H: keep H alive). */
static inline struct sip_xhdr auth_xhdr(const struct auth_hdr *h)
{
	struct sip_xhdr x = { h->name, { h->val, h->len } };
	return x;
}

/* OPS must give md5 and rand.  LINE (1..6) only names the line in logs. */
void auth_session_init(struct auth_session *s, const struct auth_ops *ops,
		       unsigned line);
/* Forget every challenge (the configuration changed, the line is
 * unregistered): the next request goes without credentials. */
void auth_session_reset(struct auth_session *s);

/* LINE's credentials from a configuration snapshot, with the guide's
 * fallbacks (Table 3-4: line N, else line 1, else UNPROVISIONED) already
 * applied by cnf_snapshot.  -EINVAL for a line outside 1..CNF_LINES. */
struct cnf;
int auth_cred_from_cnf(struct auth_cred *c, const struct cnf *cnf,
		       unsigned line);

/*
 * Whether RESP is a response auth_answer() can do something about: a 401
 * with WWW-Authenticate, or a 407 with Proxy-Authenticate, while T has not
 * given up.  False for 403 (it ends the attempt: the caller shows it,
 * Appendix A) and everything else.  When true, call auth_answer() and
 * resend (new CSeq, new branch, OUT's headers) only if it returns 0.
 */
bool auth_should_retry(const struct auth_try *t, const struct sip_msg *resp);

/*
 * Answer the challenge in RESP, a final response to REQ.  Writes into OUT
 * the credentials headers the resent request carries (every kind in force:
 * a request challenged by a proxy and then by the registrar carries both).
 *
 *   0            resend REQ with OUT's headers;
 *   -EACCES      the realm challenged again after we answered it: wrong
 *                user name or password (Appendix B "Authentication
 *                Error"); that challenge is forgotten;
 *   -ELOOP       stale=true again after the stale retry (AUTH_STALE_MAX),
 *                or more than AUTH_ROUNDS_MAX challenges in one request;
 *   -EPERM       403 Forbidden: the attempt ends; the challenges are
 *                forgotten so the next request starts afresh;
 *   -ENOTSUP     no usable challenge: only Basic or other schemes, other
 *                algorithms, or qop options we do not know;
 *   -E2BIG       the only Digest challenge has a realm, nonce or opaque
 *                past its limit;
 *   -EBADMSG     no challenge header, or none that parses;
 *   -ENOBUFS     a credentials value does not fit AUTH_HDR_MAX;
 *   -EOVERFLOW   the nonce count would pass ffffffff (never wraps);
 *   -EINVAL      a control character (CR, LF...) in the method, the URI
 *                or the user name, or an empty one;
 *   the rand callback's error.
 * After any of these T is done: later calls return the same error.  Only
 * -EACCES (that challenge) and -EPERM (all) forget anything in S.
 * RESP not 401/403/407, or a NULL argument: -EINVAL, T untouched.
 */
int auth_answer(struct auth_session *s, struct auth_try *t,
		const struct sip_msg *resp, const struct auth_req *req,
		const struct auth_cred *cred, struct auth_out *out);

/*
 * Credentials for a new request before any challenge (RFC 3261 s.22.1
 * "preemptively"), from the challenges S remembers, each with the next
 * nonce count.  OUT->n is 0 when S remembers none.  0, -ENOBUFS, -EINVAL.
 */
int auth_preempt(struct auth_session *s, const struct auth_req *req,
		 const struct auth_cred *cred, struct auth_out *out);

/* A short text for an auth_answer() error, for the LCD and the log. */
const char *auth_strerror(int err);

/* The RFC 2617 s.3.2.2 response for one set of inputs (32 lowercase hex
 * digits and a NUL into HEX): what auth_answer() puts in response=.  NC and
 * CNONCE are ignored when QOP is AUTH_QOP_NONE; BODY only for auth-int. */
struct auth_calc {
	enum auth_alg alg;
	enum auth_qop qop;
	struct sip_pl user, realm, password, nonce, cnonce, method, uri, body;
	uint32_t nc;
};
void auth_response(auth_md5_fn *md5, const struct auth_calc *c,
		   char hex[2 * AUTH_MD5_LEN + 1]);

#endif
