/*
 * reg.c - the actions of the registration chart (spec/reg/reg.rl), its
 * event queue, the REGISTER it sends and how it reads the answers.
 *
 * Events are queued and run from a 0 ms timer: an action never runs inside
 * the call that caused it (a response callback, reg_start), so the chart
 * never runs inside itself.  An event born from a response carries the
 * attempt it answers; if another attempt started since, it is dropped.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "reg/reg_int.h"
#include "sip/sip_build.h"
#include "uac/uac_cnf.h"

/* ---------------------------------------------------------------- events */

static void notify(struct reg *r)
{
	enum reg_status s = reg_status(r);

	if (s != r->reported) {
		r->reported = s;
		if (r->ops && r->ops->changed)
			r->ops->changed(r->arg, r);
	}
}

static void on_kick(struct rt_timer *t, void *arg)
{
	struct reg *r = arg;

	(void)t;
	while (r->evq_n) {
		struct reg_qev e = r->evq[0];

		memmove(r->evq, r->evq + 1, --r->evq_n * sizeof(r->evq[0]));
		if (e.gen && e.gen != r->req_gen) {
			log_printf(LOG_DEBUG, LOG_CAT_REG,
				   "line %u: stale %s dropped", r->line,
				   reg_ev_name(e.ev));
			continue;
		}
		r->in_exec = 1;
		reg__exec(r, e.ev);
		r->in_exec = 0;
		notify(r);
	}
}

static void post(struct reg *r, int ev, uint32_t gen)
{
	if (r->evq_n == REG_EVQ_MAX) {
		log_printf(LOG_ERR, LOG_CAT_REG,
			   "line %u: event queue full, %s lost", r->line,
			   reg_ev_name(ev));
		return;
	}
	r->evq[r->evq_n].ev = (uint8_t)ev;
	r->evq[r->evq_n].gen = gen;
	r->evq_n++;
	if (!rt_timer_armed(&r->kick) &&
	    rt_timer_start(r->env.timers, &r->kick, 0, on_kick, r))
		log_printf(LOG_ERR, LOG_CAT_REG, "line %u: no timer", r->line);
}

static void on_timer(struct rt_timer *t, void *arg)
{
	struct reg *r = arg;

	(void)t;
	post(r, r->tm_ev, 0);
}

static void arm(struct reg *r, int ev, uint64_t ms)
{
	r->tm_ev = ev;
	if (rt_timer_start(r->env.timers, &r->tm, ms, on_timer, r))
		log_printf(LOG_ERR, LOG_CAT_REG, "line %u: no timer for %s",
			   r->line, reg_ev_name(ev));
}

/* ---------------------------------------------------------------- timing */

uint64_t reg_backoff_ms(unsigned failures)
{
	uint64_t ms = REG_RETRY_FIRST_MS;

	while (failures-- > 1 && ms < REG_RETRY_MAX_MS)
		ms *= 2;
	return ms < REG_RETRY_MAX_MS ? ms : REG_RETRY_MAX_MS;
}

uint64_t reg_refresh_ms(uint32_t granted)
{
	uint64_t full = (uint64_t)granted * 1000;
	uint64_t half = full / 2;

	if (full > REG_REFRESH_MARGIN_MS && full - REG_REFRESH_MARGIN_MS > half)
		return full - REG_REFRESH_MARGIN_MS;
	return half;
}

/* ---------------------------------------------------------------- config */

static void copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	/* Every source is a snapshot value of at most CNF_STR_MAX bytes. */
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static bool unprovisioned(const char *s)
{
	return s[0] == '\0' || strcmp(s, "UNPROVISIONED") == 0;
}

static void cfg_from_cnf(struct reg_cfg *g, const struct cnf *c,
			 unsigned line, const char *phone_ip)
{
	struct uac_local lo;
	struct auth_cred cred;

	memset(g, 0, sizeof(*g));
	copy(g->name, sizeof(g->name),
	     cnf_str(c, cnf_line_param(CNF_LINE_NAME, line)));
	if (auth_cred_from_cnf(&cred, c, line) == 0) {
		copy(g->authname, sizeof(g->authname), cred.user);
		copy(g->password, sizeof(g->password), cred.password);
	}
	copy(g->dname, sizeof(g->dname),
	     cnf_str(c, cnf_line_param(CNF_LINE_DISPLAYNAME, line)));
	uac_route_from_cnf(&g->route, c, line);
	uac_local_from_cnf(&lo, c, phone_ip);
	copy(g->local, sizeof(g->local), lo.host);
	g->local_port = lo.port;
	g->user_info = (uint8_t)cnf_int(c, CNF_USER_INFO);
	g->nat_received = cnf_int(c, CNF_NAT_RECEIVED_PROCESSING) != 0;
	g->expires = (uint32_t)cnf_int(c, CNF_TIMER_REGISTER_EXPIRES);
}

bool reg_provisioned(const struct cnf *c, unsigned line, unsigned flags)
{
	if (!c || line < 1 || line > CNF_LINES)
		return false;
	if (unprovisioned(cnf_str(c, cnf_line_param(CNF_LINE_NAME, line))))
		return false;
	if (flags & REG_F_BACKUP)
		return cnf_str(c, CNF_PROXY_BACKUP)[0] != '\0';
	return cnf_str(c, cnf_proxy_param(CNF_PROXY_ADDRESS, line))[0] != '\0';
}

bool reg_set_cnf(struct reg *r, const struct cnf *c)
{
	struct reg_cfg g;

	cfg_from_cnf(&g, c, r->line, r->phone_ip);
	if (!r->have_cfg) {
		r->cur = r->next = g;
		r->have_cfg = 1;
		return false;
	}
	/* The address the registrar saw stays while nothing it depends on
	 * changed. */
	if (g.nat_received && strcmp(g.local, r->next.local) == 0 &&
	    g.local_port == r->next.local_port)
		memcpy(g.nat, r->next.nat, sizeof(g.nat));
	if (memcmp(&g, &r->next, sizeof(g)) == 0)
		return false;
	r->next = g;
	r->next_pending = 1;
	log_printf(LOG_INFO, LOG_CAT_REG, "line %u%s: new settings", r->line,
		   r->flags & REG_F_BACKUP ? " (backup)" : "");
	post(r, REG_EV_RECONFIG, 0);
	return true;
}

/* ---------------------------------------------------------------- request */

static const struct uac_hop *registrar(const struct reg *r)
{
	return r->on_backup ? &r->cur.route.backup : &r->cur.route.proxy;
}

static const char *contact_host(const struct reg *r)
{
	return r->cur.nat[0] ? r->cur.nat : r->cur.local;
}

static const char *user_param(const struct reg *r)
{
	return uac_user_param(r->cur.user_info);
}

/* The Request-URI and the Call-ID of the current registrar. */
static void set_target(struct reg *r)
{
	const struct uac_hop *h = registrar(r);

	/* The port only when it is not the default: proxyN_port of a line
	 * that falls back to proxy1 comes as 5060 even when nobody set it. */
	if (h->port && h->port != REG_DEFAULT_PORT)
		snprintf(r->ruri, sizeof(r->ruri), "sip:%s:%u", h->host,
			 h->port);
	else
		snprintf(r->ruri, sizeof(r->ruri), "sip:%s", h->host);
	/* One Call-ID per line and registrar for the boot cycle (RFC 3261
	 * 10.2: "SHOULD use the same Call-ID for all registrations during a
	 * single boot cycle"). */
	snprintf(r->call_id, sizeof(r->call_id), "%08" PRIx32 "-reg%u%c@%s",
		 r->env.seed, r->line,
		 r->flags & REG_F_BACKUP ? 'B' : r->on_backup ? 'b' : 'p',
		 r->phone_ip);
}

static struct auth_req auth_req_of(const struct reg *r)
{
	struct auth_req q;

	memset(&q, 0, sizeof(q));
	q.method = "REGISTER";
	q.uri = sip_pl_mk(r->ruri, strlen(r->ruri));
	return q;
}

static struct auth_cred cred_of(const struct reg *r)
{
	struct auth_cred c = {r->cur.authname, r->cur.password};

	return c;
}

static int build(void *arg, struct sip_mbuf *b, const char *branch,
		 const struct net_addr *hop)
{
	struct reg *r = arg;
	const struct uac_hop *h = registrar(r);
	char aor[REG_URI_MAX], contact[REG_URI_MAX], sent_by[UAC_HOST_MAX + 8];
	char expires[16], ua[] = "sipphone";
	struct sip_xhdr x[3 + AUTH_KINDS];
	struct sip_req q;
	unsigned i, n = 0;
	int len;

	(void)hop;
	len = snprintf(aor, sizeof(aor), "sip:%s@%s%s", r->cur.name, h->host,
		       user_param(r));
	if (len < 0 || (size_t)len >= sizeof(aor))
		return -ENOBUFS;
	len = snprintf(contact, sizeof(contact), "<sip:%s@%s:%u%s>%s",
		       r->cur.name, contact_host(r), r->cur.local_port,
		       user_param(r), r->unreg ? ";expires=0" : "");
	if (len < 0 || (size_t)len >= sizeof(contact))
		return -ENOBUFS;
	snprintf(sent_by, sizeof(sent_by), "%s:%u", r->cur.local,
		 r->cur.local_port);
	snprintf(expires, sizeof(expires), "%" PRIu32,
		 r->unreg ? 0 : r->req_expires);
	x[n].name = "Contact";
	x[n++].val = sip_pl_mk(contact, (size_t)len);
	x[n].name = "Expires";
	x[n++].val = sip_pl_mk(expires, strlen(expires));
	x[n].name = "User-Agent";
	x[n++].val = sip_pl_mk(ua, strlen(ua));
	for (i = 0; i < r->out.n && i < AUTH_KINDS; i++)
		x[n++] = auth_xhdr(&r->out.h[i]);

	memset(&q, 0, sizeof(q));
	q.method = "REGISTER";
	q.ruri = sip_pl_mk(r->ruri, strlen(r->ruri));
	q.transport = "UDP";
	q.sent_by = sip_pl_mk(sent_by, strlen(sent_by));
	q.branch = sip_pl_mk(branch, strlen(branch));
	q.rport = 1;
	if (r->cur.dname[0])
		q.from_dname = sip_pl_mk(r->cur.dname, strlen(r->cur.dname));
	q.from_uri = sip_pl_mk(aor, strlen(aor));
	q.from_tag = sip_pl_mk(r->tag, strlen(r->tag));
	q.to_uri = q.from_uri;
	q.call_id = sip_pl_mk(r->call_id, strlen(r->call_id));
	q.cseq = ++r->cseq;
	q.max_forwards = 70;
	q.xhdr = x;
	q.nxhdr = n;
	return sip_build_request(b, &q);
}

/* ---------------------------------------------------------------- answers */

static void set_why(struct reg *r, unsigned status, const char *text)
{
	snprintf(r->why, sizeof(r->why), "%u %s", status, text);
}

/* The expires= of our Contact in the 2xx, else its Expires header, else
 * what we asked for. */
static uint32_t granted_of(const struct reg *r, const struct sip_msg *m)
{
	const struct sip_hdr *h;
	char host[UAC_HOST_MAX + 1];

	snprintf(host, sizeof(host), "%s", contact_host(r));
	for (h = sip_msg_hdr(m, SIP_HDR_CONTACT); h; h = sip_msg_hdr_next(m, h)) {
		struct sip_pl rest = h->val;
		struct sip_addr a;

		while (sip_addr_next(&rest, &a) == 0) {
			uint32_t v;

			if (!sip_pl_eq(&a.uri.user, r->cur.name) ||
			    !sip_pl_caseeq_pl(&a.uri.host,
					      &(struct sip_pl){host, strlen(host)}) ||
			    (a.uri.port ? a.uri.port : 5060) != r->cur.local_port)
				continue;
			if (sip_pl_isset(&a.expires) &&
			    sip_pl_u32(&a.expires, REG_EXPIRES_MAX, &v) == 0)
				return v;
			break;
		}
	}
	if (m->has_expires && m->expires > 0)
		return m->expires;
	return r->req_expires;
}

/* nat_received_processing: the top Via's received= of a 2xx, when it is
 * not the address our Contact carries. */
static bool moved(struct reg *r, const struct sip_msg *m)
{
	const struct sip_pl *rc = &m->via.received;
	char addr[UAC_HOST_MAX + 1];

	if (!r->cur.nat_received || !sip_pl_isset(rc) || rc->l == 0)
		return false;
	if (sip_pl_strcpy(addr, sizeof(addr), rc) ||
	    strcmp(addr, contact_host(r)) == 0)
		return false;
	if (!r->next_pending)
		r->next = r->cur;
	memset(r->next.nat, 0, sizeof(r->next.nat)); /* compared whole */
	memcpy(r->next.nat, addr, strlen(addr));
	r->next_pending = 1;
	log_printf(LOG_INFO, LOG_CAT_REG,
		   "line %u: the registrar sees us at %s, not %s: moving",
		   r->line, addr, contact_host(r));
	return true;
}

static int classify(struct reg *r, const struct sip_msg *m)
{
	struct auth_req q = auth_req_of(r);
	struct auth_cred c = cred_of(r);
	const struct sip_hdr *h;
	int err;

	r->last_status = m->status;
	r->retry_after = 0;
	if (m->status < 300) {
		if (r->unreg)
			return REG_EV_OK;
		r->granted_new = granted_of(r, m);
		return moved(r, m) ? REG_EV_MOVED : REG_EV_OK;
	}
	if (m->status == 401 || m->status == 407) {
		err = auth_answer(&r->auth, &r->try, m, &q, &c, &r->out);
		if (err == 0) {
			r->challenges++;
			return REG_EV_AGAIN;
		}
		r->last_err = err;
		set_why(r, m->status, auth_strerror(err));
		return REG_EV_DENIED;
	}
	if (m->status == 403) {
		/* Forgets the challenges: the next attempt starts afresh. */
		auth_answer(&r->auth, &r->try, m, &q, &c, &r->out);
		r->last_err = -EPERM;
		set_why(r, 403, "Forbidden");
		return REG_EV_FORBIDDEN;
	}
	/* 423 Interval Too Brief: ask again with Min-Expires (s.10.2.8). */
	h = sip_msg_hdr(m, SIP_HDR_MIN_EXPIRES);
	if (m->status == 423 && h && !r->unreg &&
	    r->interval_rounds < REG_INTERVAL_ROUNDS) {
		uint32_t min;

		if (sip_pl_u32(&h->val, REG_EXPIRES_MAX, &min) == 0 &&
		    min > r->req_expires) {
			r->interval_rounds++;
			r->min_expires = min;
			r->req_expires = min;
			if (auth_preempt(&r->auth, &q, &c, &r->out))
				r->out.n = 0;
			return REG_EV_AGAIN;
		}
	}
	h = sip_msg_hdr(m, SIP_HDR_RETRY_AFTER);
	if (h) {
		struct sip_retry_after ra;

		if (sip_retry_after_parse(&ra, h->val.p, h->val.l) == 0)
			r->retry_after = ra.secs < REG_RETRY_AFTER_MAX_S
						 ? ra.secs
						 : REG_RETRY_AFTER_MAX_S;
	}
	r->last_err = -EPROTO;
	set_why(r, m->status, sip_reason_phrase(m->status));
	return REG_EV_REJECTED;
}

static void on_response(void *arg, struct uac_req *q, const struct sip_msg *m)
{
	struct reg *r = arg;
	int ev;

	if (q != r->req || m->status < 200)
		return;
	r->req = NULL;
	uac_abandon(q); /* the rest of this transaction is not ours */
	ev = classify(r, m);
	log_printf(LOG_DEBUG, LOG_CAT_REG, "line %u: %u to REGISTER: %s",
		   r->line, m->status, reg_ev_name(ev));
	post(r, ev, r->req_gen);
}

static void on_failed(void *arg, struct uac_req *q, int err)
{
	struct reg *r = arg;
	bool backup = !r->on_backup && !r->unreg &&
		      r->cur.route.backup.host[0] != '\0';

	if (q != r->req)
		return;
	r->req = NULL;
	r->last_err = err;
	r->last_status = 0;
	r->retry_after = 0;
	snprintf(r->why, sizeof(r->why), "%s",
		 err == -ETIMEDOUT ? "No answer" : "Cannot reach registrar");
	post(r, backup ? REG_EV_PRIMARY_DOWN : REG_EV_TIMEOUT, r->req_gen);
}

static const struct uac_ops uac_ops = {
	.build = build,
	.response = on_response,
	.failed = on_failed,
};

static void start(struct reg *r)
{
	unsigned flags = r->on_backup ? UAC_BACKUP_ONLY : 0;
	int err;

	rt_timer_stop(r->env.timers, &r->tm);
	r->req_gen++;
	r->requests++;
	set_target(r);
	err = uac_send(r->env.uac, &r->cur.route, flags, &uac_ops, r, &r->req);
	if (err) {
		r->req = NULL;
		r->last_err = err;
		r->last_status = 0;
		snprintf(r->why, sizeof(r->why), "%s",
			 err == -EINVAL ? "No registrar configured"
					: "Cannot send");
		post(r, REG_EV_TIMEOUT, r->req_gen);
	}
}

/* ---------------------------------------------------------------- actions */

void reg__adopt(struct reg *r)
{
	if (!r->next_pending)
		return;
	if (strcmp(r->cur.authname, r->next.authname) ||
	    strcmp(r->cur.password, r->next.password))
		auth_session_reset(&r->auth);
	r->cur = r->next;
	r->next_pending = 0;
}

void reg__send(struct reg *r, int on)
{
	struct auth_req q;
	struct auth_cred c;

	if (r->req) {
		uac_abandon(r->req);
		r->req = NULL;
	}
	r->unreg = !on;
	memset(&r->try, 0, sizeof(r->try));
	r->interval_rounds = 0;
	r->req_expires = r->cur.expires > r->min_expires ? r->cur.expires
							  : r->min_expires;
	if (on && r->bound)
		r->refreshes++;
	set_target(r);
	q = auth_req_of(r);
	c = cred_of(r);
	/* Credentials before any challenge, from the last one answered
	 * (RFC 3261 22.1); none the first time. */
	if (auth_preempt(&r->auth, &q, &c, &r->out))
		r->out.n = 0;
	log_printf(LOG_DEBUG, LOG_CAT_REG, "line %u: REGISTER %s expires %s",
		   r->line, r->ruri, on ? "on" : "0");
	start(r);
}

void reg__resend(struct reg *r)
{
	start(r);
}

void reg__abandon(struct reg *r)
{
	if (r->req) {
		uac_abandon(r->req);
		r->req = NULL;
	}
	r->req_gen++; /* whatever is queued for it is stale now */
}

void reg__registered(struct reg *r)
{
	char hop[UAC_HOST_MAX + 8];
	const struct uac_hop *h = registrar(r);

	r->bound = 1;
	r->failures = 0;
	r->last_err = 0;
	r->why[0] = '\0';
	r->granted = r->granted_new ? r->granted_new : r->req_expires;
	r->registered++;
	snprintf(hop, sizeof(hop), "%s", h->host);
	log_printf(LOG_INFO, LOG_CAT_REG,
		   "line %u (%s) registered with %s%s for %" PRIu32 " s",
		   r->line, r->cur.name, hop,
		   r->on_backup ? " (backup)" : "", r->granted);
	arm(r, REG_EV_REFRESH, reg_refresh_ms(r->granted));
	if (r->ops && r->ops->changed && reg_status(r) == r->reported)
		r->ops->changed(r->arg, r); /* a new granted time */
}

void reg__failed(struct reg *r, int ev)
{
	uint64_t ms;

	r->bound = 0;
	r->failures++;
	ms = reg_backoff_ms(r->failures);
	if ((uint64_t)r->retry_after * 1000 > ms)
		ms = (uint64_t)r->retry_after * 1000;
	log_printf(LOG_WARN, LOG_CAT_REG,
		   "line %u (%s): registration failed (%s): %s; retry in %lu ms",
		   r->line, r->cur.name, reg_ev_name(ev),
		   r->why[0] ? r->why : "?", (unsigned long)ms);
	arm(r, REG_EV_RETRY, ms);
}

void reg__cancel(struct reg *r)
{
	rt_timer_stop(r->env.timers, &r->tm);
	r->bound = 0;
	r->failures = 0;
}

void reg__unregistered(struct reg *r)
{
	rt_timer_stop(r->env.timers, &r->tm);
	r->bound = 0;
	r->failures = 0;
	r->granted = 0;
	log_printf(LOG_INFO, LOG_CAT_REG, "line %u (%s) unregistered (%u)",
		   r->line, r->cur.name, r->last_status);
}

void reg__to_backup(struct reg *r)
{
	r->on_backup = 1;
	log_printf(LOG_INFO, LOG_CAT_REG,
		   "line %u: primary proxy does not answer; registering with "
		   "the backup %s",
		   r->line, r->cur.route.backup.host);
}

void reg__from_primary(struct reg *r)
{
	r->on_backup = (r->flags & REG_F_BACKUP) != 0;
}

void reg__ignore(struct reg *r, int ev)
{
	log_printf(LOG_DEBUG, LOG_CAT_REG, "line %u: %s in %s: nothing to do",
		   r->line, reg_ev_name(ev), reg__state(r->cs));
}

void reg__unexpected(struct reg *r, int ev)
{
	log_printf(LOG_WARN, LOG_CAT_REG, "line %u: unexpected %s in %s",
		   r->line, reg_ev_name(ev), reg__state(r->cs));
}

/* ---------------------------------------------------------------- life */

int reg_alloc(struct reg **rp, const struct reg_env *env, unsigned line,
	      unsigned flags, const struct reg_ops *ops, void *arg)
{
	struct reg *r;

	if (!rp || !env || !env->uac || !env->timers || !env->auth.md5 ||
	    !env->auth.rand || !env->phone_ip || line < 1 || line > CNF_LINES)
		return -EINVAL;
	if (strlen(env->phone_ip) >= sizeof(r->phone_ip))
		return -ENAMETOOLONG;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->env = *env;
	memcpy(r->phone_ip, env->phone_ip, strlen(env->phone_ip) + 1);
	r->env.phone_ip = r->phone_ip;
	r->line = line;
	r->flags = flags;
	r->ops = ops;
	r->arg = arg;
	r->on_backup = (flags & REG_F_BACKUP) != 0;
	snprintf(r->tag, sizeof(r->tag), "%08" PRIx32 "%u%c", env->seed, line,
		 r->on_backup ? 'B' : 'p');
	auth_session_init(&r->auth, &env->auth, line);
	reg__init(r);
	r->reported = REG_STATUS_OFF;
	*rp = r;
	return 0;
}

void reg_free(struct reg *r)
{
	if (!r)
		return;
	if (r->req)
		uac_abandon(r->req);
	rt_timer_stop(r->env.timers, &r->tm);
	rt_timer_stop(r->env.timers, &r->kick);
	/* The copy of the password goes with it. */
	memset(&r->cur, 0, sizeof(r->cur));
	memset(&r->next, 0, sizeof(r->next));
	memset(&r->auth, 0, sizeof(r->auth));
	free(r);
}

void reg_start(struct reg *r)
{
	post(r, REG_EV_REGISTER, 0);
}

void reg_stop(struct reg *r)
{
	post(r, REG_EV_UNREGISTER, 0);
}

enum reg_status reg_status(const struct reg *r)
{
	return reg__status(r->cs, r->bound);
}

const char *reg_status_name(enum reg_status s)
{
	switch (s) {
	case REG_STATUS_OFF:
		return "off";
	case REG_STATUS_REGISTERING:
		return "registering";
	case REG_STATUS_REGISTERED:
		return "registered";
	case REG_STATUS_FAILED:
		return "failed";
	case REG_STATUS_UNREGISTERING:
		return "unregistering";
	}
	return "?";
}

bool reg_idle(const struct reg *r)
{
	return reg_status(r) == REG_STATUS_OFF && !r->req && r->evq_n == 0;
}

unsigned reg_line(const struct reg *r)
{
	return r->line;
}

void reg_get_info(const struct reg *r, struct reg_info *i)
{
	const struct uac_hop *h = registrar(r);

	memset(i, 0, sizeof(*i));
	i->status = reg_status(r);
	i->state = reg__state(r->cs);
	i->line = r->line;
	i->backup = (r->flags & REG_F_BACKUP) != 0;
	i->on_backup = r->on_backup;
	if (h->port && h->port != REG_DEFAULT_PORT)
		snprintf(i->registrar, sizeof(i->registrar), "%s:%u", h->host,
			 h->port);
	else
		snprintf(i->registrar, sizeof(i->registrar), "%s", h->host);
	snprintf(i->contact, sizeof(i->contact), "sip:%s@%s:%u", r->cur.name,
		 contact_host(r), r->cur.local_port);
	i->granted = r->granted;
	if (rt_timer_armed(&r->tm)) {
		if (r->tm_ev == REG_EV_REFRESH)
			i->refresh_at = r->tm.due;
		else
			i->retry_at = r->tm.due;
	}
	i->last_status = r->last_status;
	i->last_err = r->last_err;
	i->why = r->why;
	i->failures = r->failures;
	i->requests = r->requests;
	i->registered = r->registered;
	i->refreshes = r->refreshes;
	i->challenges = r->challenges;
}
