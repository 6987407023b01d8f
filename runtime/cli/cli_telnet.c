/*
 * cli_telnet.c - accept, log in, read lines, run them; tty commands.
 *
 * Telnet here is the minimum RFC 854 asks of a server that echoes
 * (RFC 857) and suppresses go-ahead (RFC 858): every IAC sequence from
 * the client is answered or dropped in this file, so the CLI parser only
 * ever sees the bytes of a line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_telnet.h"
#include "cnf/cnf.h"
#include "transport/sip_udp.h" /* net_addr <-> sockaddr */

/* RFC 854 */
enum {
	TN_SE = 240, TN_NOP = 241, TN_DM = 242, TN_BRK = 243, TN_IP = 244,
	TN_AO = 245, TN_AYT = 246, TN_EC = 247, TN_EL = 248, TN_GA = 249,
	TN_SB = 250, TN_WILL = 251, TN_WONT = 252, TN_DO = 253, TN_DONT = 254,
	TN_IAC = 255,
	TNO_ECHO = 1, TNO_SGA = 3, TNO_LINEMODE = 34,
};

enum tn_state { TS_DATA, TS_IAC, TS_OPT, TS_SB, TS_SB_IAC };
enum sess_state { SS_PASSWORD, SS_CMD, SS_CLOSING };

enum { RBUF = 512, ENCODE_CHUNK = 256 };

struct cli__listener {
	uv_tcp_t h;
	struct cli_telnet *owner;
};

struct cli_telnet_session {
	uv_tcp_t h;
	struct cli_telnet *owner;
	struct cli_telnet_session *next;
	unsigned id;
	struct net_addr peer;
	enum sess_state state;
	unsigned tries;
	bool echo;         /* tty echo */
	bool mon;          /* tty mon */
	bool will_echo;    /* we do the echoing (the client agreed) */
	bool saw_cr;
	bool too_long;     /* this line passed CLI_LINE_MAX: drop it */
	uint8_t tn;        /* enum tn_state */
	uint8_t tn_cmd;
	uint8_t answered[32]; /* options refused once already (bitmap) */
	uint32_t timeout;  /* tty timeout, in CLI_TTY_TIMEOUT_UNIT_MS */
	struct rt_timer idle;
	struct cli_out out;
	size_t len;
	char line[CLI_LINE_MAX + 1];
	char rbuf[RBUF];
};

struct wreq {
	uv_write_t req;
	struct cli_telnet_session *s;
	char data[];
};

static void sess_close(struct cli_telnet_session *s);

/* ---------------------------------------------------------- configuration */

void cli_telnet_cfg_default(struct cli_telnet_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->level = CLI_LEVEL_OFF;
	memcpy(cfg->password, "cisco", sizeof("cisco"));
	memcpy(cfg->prompt, "SIP Phone", sizeof("SIP Phone"));
}

int cli_telnet_cfg_from_cnf(struct cli_telnet_cfg *cfg, const struct cnf *c)
{
	const char *pw = cnf_str(c, CNF_PHONE_PASSWORD);
	const char *pr = cnf_str(c, CNF_PHONE_PROMPT);
	int32_t level = cnf_int(c, CNF_TELNET_LEVEL);
	size_t npw = strlen(pw), npr = strlen(pr);

	if (npw > CLI_TELNET_PASSWORD_MAX || npr > CLI_TELNET_PROMPT_MAX)
		return -ENAMETOOLONG;
	cfg->level = level <= 0   ? CLI_LEVEL_OFF
		     : level == 1 ? CLI_LEVEL_USER
				  : CLI_LEVEL_PRIV;
	memcpy(cfg->password, pw, npw + 1);
	memcpy(cfg->prompt, pr, npr + 1);
	return 0;
}

/* ------------------------------------------------------------------ output */

static void on_written(uv_write_t *req, int status)
{
	struct wreq *w = (struct wreq *)req;

	if (status < 0 && status != UV_ECANCELED)
		sess_close(w->s);
	free(w);
}

/* Raw bytes (already telnet-encoded) to the client.  A client that does
 * not read gets CLI_TELNET_OUTQ_MAX bytes queued, then is hung up on. */
static int sess_send(struct cli_telnet_session *s, const char *buf,
		     size_t len)
{
	uv_stream_t *st = (uv_stream_t *)&s->h;
	uv_buf_t b;
	struct wreq *w;
	int n;

	if (s->state == SS_CLOSING)
		return -EPIPE;
	if (!len)
		return 0;
	if (uv_stream_get_write_queue_size(st) + len > CLI_TELNET_OUTQ_MAX) {
		sess_close(s);
		return -ENOBUFS;
	}
	if (uv_stream_get_write_queue_size(st) == 0) {
		b = uv_buf_init((char *)buf, (unsigned)len);
		n = uv_try_write(st, &b, 1);
		if (n == (int)len)
			return 0;
		if (n < 0 && n != UV_EAGAIN && n != UV_ENOSYS) {
			sess_close(s);
			return n;
		}
		if (n > 0) {
			buf += n;
			len -= (size_t)n;
		}
	}
	w = malloc(sizeof(*w) + len); /* len <= CLI_TELNET_OUTQ_MAX */
	if (!w) {
		sess_close(s);
		return -ENOMEM;
	}
	w->s = s;
	memcpy(w->data, buf, len);
	b = uv_buf_init(w->data, (unsigned)len);
	n = uv_write(&w->req, st, &b, 1, on_written);
	if (n < 0) {
		free(w);
		sess_close(s);
		return n;
	}
	return 0;
}

/* Text to the client: "\n" becomes CR LF, a 255 byte IAC IAC. */
static int sess_write(void *arg, const char *buf, size_t len)
{
	struct cli_telnet_session *s = arg;
	char enc[ENCODE_CHUNK + 2];
	size_t i, o = 0;
	int err;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n')
			enc[o++] = '\r';
		else if (c == TN_IAC)
			enc[o++] = (char)TN_IAC;
		enc[o++] = (char)c;
		if (o >= ENCODE_CHUNK) {
			err = sess_send(s, enc, o);
			if (err)
				return err;
			o = 0;
		}
	}
	return sess_send(s, enc, o);
}

static void prompt(struct cli_telnet_session *s)
{
	if (s->state == SS_CMD)
		cli_printf(&s->out, "%s> ", s->owner->cfg.prompt);
	else if (s->state == SS_PASSWORD)
		cli_out_str(&s->out, "Password: ");
}

static void tn_cmd(struct cli_telnet_session *s, uint8_t cmd, uint8_t opt)
{
	char b[3] = {(char)TN_IAC, (char)cmd, (char)opt};

	sess_send(s, b, sizeof(b));
}

/* ------------------------------------------------------------ idle timer */

static void on_idle(struct rt_timer *tm, void *arg)
{
	struct cli_telnet_session *s = arg;

	(void)tm;
	s->owner->timeouts++;
	cli_out_str(&s->out, "\n% Session timed out\n");
	sess_close(s);
}

/* Restart the idle timer: CLI_TELNET_LOGIN_TIMEOUT_MS to log in, then
 * the tty timeout (0: none). */
static int idle_restart(struct cli_telnet_session *s)
{
	uint64_t ms;

	if (s->state == SS_CLOSING)
		return 0;
	if (s->state == SS_PASSWORD)
		ms = CLI_TELNET_LOGIN_TIMEOUT_MS;
	else if (s->timeout == 0) {
		rt_timer_stop(s->owner->timers, &s->idle);
		return 0;
	} else
		ms = (uint64_t)s->timeout * CLI_TTY_TIMEOUT_UNIT_MS;
	return rt_timer_start(s->owner->timers, &s->idle, ms, on_idle, s);
}

/* ------------------------------------------------------------- sessions */

static void maybe_closed(struct cli_telnet *t)
{
	if (t->closing && t->nhandles == 0 && t->close_cb) {
		void (*cb)(struct cli_telnet *) = t->close_cb;

		t->close_cb = NULL;
		cb(t);
	}
}

static void on_sess_closed(uv_handle_t *h)
{
	struct cli_telnet_session *s = h->data;
	struct cli_telnet *t = s->owner;
	struct cli_telnet_session **pp;

	for (pp = &t->sessions; *pp; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	t->nhandles--;
	free(s);
	maybe_closed(t);
}

static void sess_close(struct cli_telnet_session *s)
{
	if (s->state == SS_CLOSING)
		return;
	s->state = SS_CLOSING;
	s->owner->nsessions--;
	rt_timer_stop(s->owner->timers, &s->idle);
	uv_close((uv_handle_t *)&s->h, on_sess_closed);
}

static struct cli_telnet_session *find_session(struct cli_telnet *t,
					       uint32_t id)
{
	struct cli_telnet_session *s;

	for (s = t->sessions; s; s = s->next)
		if (s->id == id && s->state != SS_CLOSING)
			return s;
	return NULL;
}

/* ---- the tty command (Table 4-1) on this server's sessions */

static int tty_list(void *arg, struct cli_out *out)
{
	struct cli_telnet_session *me = arg, *s;
	char peer[NET_ADDR_STR_MAX];

	cli_out_str(out, "  session  peer                   state    mon  "
			 "timeout\n");
	for (s = me->owner->sessions; s; s = s->next) {
		if (s->state == SS_CLOSING)
			continue;
		cli_printf(out, "%c %-7u  %-21s  %-7s  %-3s  %lu\n",
			   s == me ? '*' : ' ', s->id,
			   net_addr_fmt(&s->peer, peer, sizeof(peer)),
			   s->state == SS_CMD ? "login" : "password",
			   s->mon ? "on" : "off", (unsigned long)s->timeout);
	}
	return 0;
}

static int tty_echo(void *arg, bool on)
{
	((struct cli_telnet_session *)arg)->echo = on;
	return 0;
}

static int tty_mon(void *arg, bool on)
{
	((struct cli_telnet_session *)arg)->mon = on;
	return 0;
}

static int tty_timeout(void *arg, uint32_t value)
{
	struct cli_telnet_session *s = arg;

	s->timeout = value;
	return idle_restart(s);
}

static int tty_kill(void *arg, uint32_t id)
{
	struct cli_telnet_session *me = arg;
	struct cli_telnet_session *s = find_session(me->owner, id);

	if (!s)
		return -ENOENT;
	if (s != me) {
		cli_printf(&s->out, "\n%% Session killed by session %u\n",
			   me->id);
		cli_printf(&me->out, "Session %u killed\n", s->id);
	}
	sess_close(s);
	return 0;
}

/* Redraw what the user was typing after a message came in. */
static void redraw(struct cli_telnet_session *s)
{
	prompt(s);
	if (s->state == SS_CMD && s->echo && s->will_echo && !s->too_long)
		cli_out_write(&s->out, s->line, s->len);
}

static int tty_msg(void *arg, const char *text)
{
	struct cli_telnet_session *me = arg, *s;
	unsigned n = 0;

	for (s = me->owner->sessions; s; s = s->next) {
		if (s == me || s->state != SS_CMD)
			continue;
		cli_printf(&s->out, "\n%% Message from session %u: ", me->id);
		cli_out_str(&s->out, text);
		cli_out_str(&s->out, "\n");
		redraw(s);
		n++;
	}
	cli_printf(&me->out, "Message sent to %u session%s\n", n,
		   n == 1 ? "" : "s");
	return 0;
}

static const struct cli_tty_ops tty_ops = {
	.list = tty_list,
	.echo = tty_echo,
	.mon = tty_mon,
	.timeout = tty_timeout,
	.kill = tty_kill,
	.msg = tty_msg,
};

/* ---- lines */

/* Compare without stopping at the first difference. */
static bool password_ok(const char *want, const char *got, size_t glen)
{
	size_t wlen = strlen(want), i;
	unsigned diff = wlen != glen;

	for (i = 0; i < glen; i++)
		diff |= (unsigned)(unsigned char)got[i] ^
			(unsigned)(unsigned char)want[i < wlen ? i : 0];
	return diff == 0;
}

static void login_line(struct cli_telnet_session *s)
{
	struct cli_telnet *t = s->owner;

	cli_out_str(&s->out, "\n");
	if (!s->too_long && password_ok(t->cfg.password, s->line, s->len)) {
		s->state = SS_CMD;
		t->logins++;
		return;
	}
	t->bad_passwords++;
	if (++s->tries >= CLI_TELNET_PASSWORD_TRIES) {
		cli_out_str(&s->out, "% Too many wrong passwords\n");
		sess_close(s);
		return;
	}
	cli_out_str(&s->out, "% Wrong password\n");
}

static void command_line(struct cli_telnet_session *s)
{
	struct cli_telnet *t = s->owner;
	struct cli_env env = {
		.be = t->be, .be_arg = t->be_arg,
		.tty = &tty_ops, .tty_arg = s,
		.out = &s->out, .level = t->cfg.level,
	};

	if (s->will_echo && s->echo)
		cli_out_str(&s->out, "\n");
	if (s->too_long) {
		cli_printf(&s->out, "%% Line too long (more than %d characters)\n",
			   CLI_LINE_MAX);
		return;
	}
	if (cli_run(&env, s->line, s->len) == CLI_EXIT)
		sess_close(s);
}

static void end_line(struct cli_telnet_session *s)
{
	if (s->state == SS_PASSWORD)
		login_line(s);
	else
		command_line(s);
	s->len = 0;
	s->too_long = false;
	if (s->state != SS_CLOSING) {
		prompt(s);
		if (idle_restart(s))
			sess_close(s);
	}
}

static void erase_char(struct cli_telnet_session *s)
{
	if (!s->len || s->too_long)
		return;
	s->len--;
	if (s->state == SS_CMD && s->echo && s->will_echo)
		sess_send(s, "\b \b", 3);
}

static void erase_line(struct cli_telnet_session *s, const char *show)
{
	s->len = 0;
	s->too_long = false;
	cli_out_str(&s->out, show);
	prompt(s);
}

static void data_byte(struct cli_telnet_session *s, unsigned char c)
{
	if (s->saw_cr) {
		s->saw_cr = false;
		if (c == '\n' || c == '\0')
			return; /* CR LF, CR NUL */
	}
	switch (c) {
	case '\r':
		s->saw_cr = true;
		end_line(s);
		return;
	case '\n':
		end_line(s);
		return;
	case 0x08: /* BS */
	case 0x7f: /* DEL */
		erase_char(s);
		return;
	case 0x03: /* ^C */
		erase_line(s, "^C\n");
		return;
	case 0x15: /* ^U */
		erase_line(s, "\n");
		return;
	default:
		break;
	}
	if (c < 0x20 && c != '\t')
		return; /* other control bytes never reach the parser */
	if (s->len >= CLI_LINE_MAX) {
		s->too_long = true;
		return;
	}
	s->line[s->len++] = (char)c;
	if (s->state == SS_CMD && s->echo && s->will_echo && !s->too_long) {
		char e = (char)c;

		sess_write(s, &e, 1);
	}
}

/* RFC 854 option negotiation: we will ECHO and SGA; anything else is
 * refused once (so two refusing peers cannot loop). */
static void negotiate(struct cli_telnet_session *s, uint8_t cmd, uint8_t opt)
{
	bool ours = opt == TNO_ECHO || opt == TNO_SGA;
	uint8_t bit = (uint8_t)(1u << (opt & 7));

	switch (cmd) {
	case TN_DO:
		if (opt == TNO_ECHO && !s->will_echo) {
			s->will_echo = true;
			tn_cmd(s, TN_WILL, opt);
		} else if (!ours && !(s->answered[opt >> 3] & bit)) {
			s->answered[opt >> 3] |= bit;
			tn_cmd(s, TN_WONT, opt);
		}
		break;
	case TN_DONT:
		if (opt == TNO_ECHO && s->will_echo) {
			s->will_echo = false; /* the client echoes itself */
			tn_cmd(s, TN_WONT, opt);
		}
		break;
	case TN_WILL:
		if (!(s->answered[opt >> 3] & bit)) {
			s->answered[opt >> 3] |= bit;
			tn_cmd(s, TN_DONT, opt);
		}
		break;
	default: /* WONT: nothing to do */
		break;
	}
}

static void input(struct cli_telnet_session *s, const unsigned char *p,
		  size_t n)
{
	size_t i;

	for (i = 0; i < n && s->state != SS_CLOSING; i++) {
		unsigned char c = p[i];

		switch (s->tn) {
		case TS_DATA:
			if (c == TN_IAC)
				s->tn = TS_IAC;
			else
				data_byte(s, c);
			break;
		case TS_IAC:
			s->tn = TS_DATA;
			switch (c) {
			case TN_IAC:
				data_byte(s, c); /* a literal 255 */
				break;
			case TN_WILL:
			case TN_WONT:
			case TN_DO:
			case TN_DONT:
				s->tn_cmd = c;
				s->tn = TS_OPT;
				break;
			case TN_SB:
				s->tn = TS_SB;
				break;
			case TN_IP:
			case TN_BRK:
				erase_line(s, "^C\n");
				break;
			case TN_EC:
				erase_char(s);
				break;
			case TN_EL:
				erase_line(s, "\n");
				break;
			case TN_AYT:
				cli_out_str(&s->out, "\n[yes]\n");
				redraw(s);
				break;
			default: /* NOP, DM, AO, GA, SE */
				break;
			}
			break;
		case TS_OPT:
			s->tn = TS_DATA;
			negotiate(s, s->tn_cmd, c);
			break;
		case TS_SB: /* subnegotiation: nothing we asked for */
			if (c == TN_IAC)
				s->tn = TS_SB_IAC;
			break;
		case TS_SB_IAC:
			s->tn = c == TN_SE ? TS_DATA : TS_SB;
			break;
		}
	}
}

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct cli_telnet_session *s = h->data;

	(void)hint;
	buf->base = s->rbuf;
	buf->len = sizeof(s->rbuf);
}

static void on_read(uv_stream_t *st, ssize_t n, const uv_buf_t *buf)
{
	struct cli_telnet_session *s = st->data;

	if (n < 0) {
		sess_close(s); /* EOF or error */
		return;
	}
	if (n == 0)
		return;
	input(s, (const unsigned char *)buf->base, (size_t)n);
	if (s->state != SS_CLOSING && idle_restart(s))
		sess_close(s);
}

static void on_connection(uv_stream_t *server, int status)
{
	struct cli__listener *l = server->data;
	struct cli_telnet *t = l->owner;
	struct cli_telnet_session *s, **pp;
	struct sockaddr_storage ss;
	int len = sizeof(ss);
	/* IAC WILL ECHO, IAC WILL SGA, IAC DONT LINEMODE */
	static const char hello[] = {
		(char)TN_IAC, (char)TN_WILL, TNO_ECHO,
		(char)TN_IAC, (char)TN_WILL, TNO_SGA,
		(char)TN_IAC, (char)TN_DONT, TNO_LINEMODE,
	};

	if (status < 0)
		return;
	s = calloc(1, sizeof(*s));
	if (!s || uv_tcp_init(t->uv, &s->h)) {
		free(s);
		return;
	}
	s->h.data = s;
	s->owner = t;
	for (pp = &t->sessions; *pp; pp = &(*pp)->next)
		; /* in the order they came: "tty" lists them so */
	*pp = s;
	t->nhandles++;
	t->nsessions++;
	s->id = ++t->next_id;
	s->state = SS_PASSWORD;
	s->echo = true;
	s->will_echo = true;
	s->timeout = CLI_TTY_TIMEOUT_DEFAULT;
	s->out = (struct cli_out){.write = sess_write, .arg = s};
	s->answered[TNO_LINEMODE >> 3] |= 1u << (TNO_LINEMODE & 7);
	if (uv_accept(server, (uv_stream_t *)&s->h) ||
	    uv_tcp_getpeername(&s->h, (struct sockaddr *)&ss, &len) ||
	    ss.ss_family != AF_INET) {
		t->refused++;
		sess_close(s);
		return;
	}
	net_addr_from_sockaddr(&s->peer, (const struct sockaddr_in *)&ss);
	if (t->nsessions > CLI_TELNET_SESSIONS_MAX) {
		t->refused++;
		cli_printf(&s->out, "%% Too many telnet sessions (%d); try "
				    "again later\n",
			   CLI_TELNET_SESSIONS_MAX);
		sess_close(s);
		return;
	}
	t->accepted++;
	uv_tcp_nodelay(&s->h, 1);
	sess_send(s, hello, sizeof(hello));
	prompt(s);
	if (s->state == SS_CLOSING)
		return;
	if (idle_restart(s) ||
	    uv_read_start((uv_stream_t *)&s->h, on_alloc, on_read))
		sess_close(s);
}

/* ------------------------------------------------------------- listener */

static void on_listener_closed(uv_handle_t *h)
{
	struct cli__listener *l = h->data;
	struct cli_telnet *t = l->owner;

	free(l);
	t->nhandles--;
	maybe_closed(t);
}

static void listen_stop(struct cli_telnet *t)
{
	if (!t->listener)
		return;
	uv_close((uv_handle_t *)&t->listener->h, on_listener_closed);
	t->listener = NULL;
}

static int listen_start(struct cli_telnet *t)
{
	struct cli__listener *l;
	struct sockaddr_in sin;
	struct sockaddr_storage bound;
	int err, len = sizeof(bound);

	if (t->listener)
		return 0;
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	err = uv_tcp_init(t->uv, &l->h);
	if (err) {
		free(l);
		return err;
	}
	l->owner = t;
	l->h.data = l;
	t->nhandles++;
	t->listener = l;
	net_addr_to_sockaddr(&t->want, &sin);
	err = uv_tcp_bind(&l->h, (const struct sockaddr *)&sin, 0);
	if (!err)
		err = uv_listen((uv_stream_t *)&l->h, CLI_TELNET_SESSIONS_MAX,
				on_connection);
	if (!err)
		err = uv_tcp_getsockname(&l->h, (struct sockaddr *)&bound,
					 &len);
	if (err) {
		listen_stop(t);
		return err;
	}
	net_addr_from_sockaddr(&t->local, (const struct sockaddr_in *)&bound);
	/* Listen again on the same port after telnet_level 0. */
	t->want.port = t->local.port;
	return 0;
}

int cli_telnet_open(struct cli_telnet *t, uv_loop_t *uv,
		    struct rt_timers *timers, const struct net_addr *local,
		    const struct cli_backend *be, void *be_arg,
		    const struct cli_telnet_cfg *cfg)
{
	memset(t, 0, sizeof(*t));
	t->uv = uv;
	t->timers = timers;
	t->be = be;
	t->be_arg = be_arg;
	t->want = *local;
	t->local = *local;
	t->local.port = 0;
	return cli_telnet_configure(t, cfg);
}

int cli_telnet_configure(struct cli_telnet *t,
			 const struct cli_telnet_cfg *cfg)
{
	struct cli_telnet_session *s;

	if (t->closing)
		return -ESHUTDOWN;
	if (cfg != &t->cfg)
		t->cfg = *cfg;
	if (t->cfg.level > CLI_LEVEL_OFF)
		return listen_start(t);
	/* "0 -- Telnet is disabled" */
	for (s = t->sessions; s; s = s->next) {
		if (s->state == SS_CLOSING)
			continue;
		cli_out_str(&s->out, "\n% Telnet is disabled (telnet_level 0)\n");
		sess_close(s);
	}
	listen_stop(t);
	t->local.port = 0;
	return 0;
}

void cli_telnet_close(struct cli_telnet *t, void (*cb)(struct cli_telnet *t))
{
	struct cli_telnet_session *s;

	if (t->closing)
		return;
	t->closing = 1;
	t->close_cb = cb;
	for (s = t->sessions; s; s = s->next)
		sess_close(s);
	listen_stop(t);
	maybe_closed(t);
}

void cli_telnet_broadcast(struct cli_telnet *t, const char *msg)
{
	struct cli_telnet_session *s;

	for (s = t->sessions; s; s = s->next) {
		if (s->state != SS_CMD)
			continue;
		cli_out_str(&s->out, "\n");
		cli_out_str(&s->out, msg);
		cli_out_str(&s->out, "\n");
		redraw(s);
	}
}

/* Table 4-1, tty mon: "Sends all debug output to both the console and
 * Telnet sessions". */
void cli_telnet_log(void *arg, enum log_level level, enum log_cat cat,
		    const char *msg)
{
	struct cli_telnet *t = arg;
	struct cli_telnet_session *s;

	if (!t || t->in_log)
		return; /* a write that fails and logs must not loop */
	t->in_log = 1;
	for (s = t->sessions; s; s = s->next) {
		if (s->state != SS_CMD || !s->mon)
			continue;
		cli_printf(&s->out, "%s %s: ", log_level_name(level),
			   log_cat_name(cat));
		cli_out_str(&s->out, msg);
		cli_out_str(&s->out, "\n");
	}
	t->in_log = 0;
}
