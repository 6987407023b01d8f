/*
 * tftp_xfer.c - one TFTP read transfer without any OS: every datagram and
 * timer is classified into one event of spec/tftp/_tftp_events.rl, fed to
 * the state chart of spec/tftp/tftp_xfer.rl, whose actions are below.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "tftp/tftp_int.h"

/* ---------------------------------------------------------------- feeding */

static void post(struct tftp_xfer *x, int ev)
{
	if (x->evq_n == TFTP_EVQ_MAX) {
		log_printf(LOG_ERR, LOG_CAT_CFG, "tftp %s: event queue full, %s dropped",
			   x->file, tftp_ev_name(ev));
		return;
	}
	x->evq[x->evq_n++] = ev;
}

static void report(struct tftp_xfer *x)
{
	struct tftp_result *r = &x->r;

	r->data = NULL;
	if (!r->err && !x->o.data && x->buf) {
		r->data = x->buf;
		r->data[r->len] = 0;
		x->buf = NULL;
		x->cap = 0;
	}
	x->cb(x->arg, r);
	free(r->data);
	r->data = NULL;
}

/*
 * Feed EV to X's machine.  Actions may post events of their own (the
 * outcome of storing a block, a failed send): they run in order once the
 * current event is done, so the machine never runs inside itself.  The
 * owner hears of the end only when the machine is at rest.
 */
static void feed(struct tftp_xfer *x, int ev)
{
	if (x->feeding) {
		post(x, ev);
		return;
	}
	x->feeding = 1;
	tftp__xfer_feed(x, ev);
	while (x->evq_n) {
		int next = x->evq[0];

		memmove(x->evq, x->evq + 1, --x->evq_n * sizeof(x->evq[0]));
		tftp__xfer_feed(x, next);
	}
	x->feeding = 0;
	if (x->report_pending) {
		x->report_pending = 0;
		x->reported = 1;
		report(x);
	}
	if (x->closed_pending && !x->closed_notified) {
		x->closed_notified = 1;
		if (x->io->closed)
			x->io->closed(x->io_arg, x); /* X may go soon after */
	}
}

static void on_timer(struct rt_timer *t, void *arg)
{
	struct tftp_xfer *x = arg;

	(void)t;
	feed(x, x->timer_ev);
}

static void arm(struct tftp_xfer *x, int ev, uint64_t delay)
{
	int err;

	x->timer_ev = ev;
	err = rt_timer_start(x->timers, &x->timer, delay, on_timer, x);
	if (err) {
		x->io_err = err;
		post(x, TFTP_EV_IO_FAIL);
	}
}

/* ---------------------------------------------------------------- classifying */

static int ascii_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;

		if (ca >= 'A' && ca <= 'Z')
			ca = (unsigned char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (unsigned char)(cb - 'A' + 'a');
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

/* A decimal option value: digits only, at most TFTP_OPTVAL_MAX. */
static int parse_num(const char *s, uint64_t *v)
{
	size_t n = 0;

	*v = 0;
	if (!*s)
		return -1;
	for (; *s; s++, n++) {
		if (*s < '0' || *s > '9' || n == TFTP_OPTVAL_MAX ||
		    *v > (UINT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(*s - '0');
	}
	return 0;
}

static int oack_bad(struct tftp_xfer *x, const char *why)
{
	x->bad_err = -EPROTO;
	x->bad_why = why;
	return TFTP_EV_RX_OACK_BAD;
}

/* RFC 2347 §3: the server acknowledges a subset of what we asked for;
 * anything else ends the transfer with ERROR 8. */
static int classify_oack(struct tftp_xfer *x)
{
	uint8_t seen_blk = 0, seen_tsize = 0, seen_timeout = 0;
	unsigned i;

	x->oack_blksize = TFTP_BLKSIZE_RFC1350;
	x->oack_tsize = TFTP_TSIZE_NONE;
	x->oack_timeout = 0;
	for (i = 0; i < x->pkt.nopts; i++) {
		const struct tftp_opt *o = &x->pkt.opt[i];
		uint64_t v;

		if (parse_num(o->value, &v))
			return oack_bad(x, "option value not a number");
		if (ascii_eq(o->name, "blksize")) {
			/* RFC 2348: at most what was asked, at least 8 */
			if (!x->req_blksize || seen_blk++)
				return oack_bad(x, "blksize not asked for");
			if (v < TFTP_BLKSIZE_MIN || v > x->req_blksize)
				return oack_bad(x, "blksize out of range");
			x->oack_blksize = (uint16_t)v;
		} else if (ascii_eq(o->name, "tsize")) {
			if (!x->req_tsize || seen_tsize++)
				return oack_bad(x, "tsize not asked for");
			x->oack_tsize = v;
		} else if (ascii_eq(o->name, "timeout")) {
			/* RFC 2349: the value must be the one asked for */
			if (!x->req_timeout || seen_timeout++)
				return oack_bad(x, "timeout not asked for");
			if (v != x->req_timeout)
				return oack_bad(x, "timeout not the one asked for");
			x->oack_timeout = (uint8_t)v;
		} else {
			return oack_bad(x, "option not asked for");
		}
	}
	if (x->oack_tsize != TFTP_TSIZE_NONE && x->oack_tsize > x->o.max_size)
		return TFTP_EV_RX_TOO_BIG;
	return TFTP_EV_RX_OACK;
}

static int rx_bad(struct tftp_xfer *x, int err, const char *why)
{
	x->bad_err = err;
	x->bad_why = why;
	return TFTP_EV_RX_BAD;
}

static int classify_data(struct tftp_xfer *x)
{
	const struct tftp_pkt *p = &x->pkt;
	uint16_t next = (uint16_t)(x->r.blocks + 1);

	if (p->data_len > x->blksize)
		return rx_bad(x, -EBADMSG, "DATA longer than the block size");
	if (p->block != next) {
		/* 16-bit block numbers wrap: compare by distance */
		int16_t d = (int16_t)(uint16_t)(p->block - next);

		if (x->r.blocks == 0 || d > 0)
			return rx_bad(x, -EPROTO, "DATA block out of sequence");
		return d == -1 ? TFTP_EV_RX_DATA_DUP : TFTP_EV_RX_DATA_OLD;
	}
	if (p->data_len > x->o.max_size - x->r.len)
		return TFTP_EV_RX_TOO_BIG;
	return p->data_len < x->blksize ? TFTP_EV_RX_DATA_LAST
					: TFTP_EV_RX_DATA;
}

/* Before the TID is known, any port of the server's address may answer
 * (RFC 1350 §4); then only that port. */
static int classify(struct tftp_xfer *x, const void *buf, size_t len)
{
	x->bad_err = 0;
	x->bad_why = NULL;
	if (x->src.ip != x->server.ip ||
	    (x->locked && x->src.port != x->peer.port))
		return TFTP_EV_RX_STRAY;
	if (tftp_pkt_parse(&x->pkt, buf, len))
		return rx_bad(x, -EBADMSG, x->pkt.why);
	switch (x->pkt.op) {
	case TFTP_OP_DATA:
		return classify_data(x);
	case TFTP_OP_OACK:
		return classify_oack(x);
	case TFTP_OP_ERROR:
		/* RFC 2347 §2: 8 refuses options; a server predating them
		 * may call them an illegal operation (4) */
		return x->pkt.code == TFTP_ERR_OPTION ||
				       x->pkt.code == TFTP_ERR_ILLEGAL
			       ? TFTP_EV_RX_ERROR_OPT
			       : TFTP_EV_RX_ERROR;
	default:
		return rx_bad(x, -EPROTO, "opcode a client does not take");
	}
}

/* ---------------------------------------------------------------- actions */

static void send_pkt(struct tftp_xfer *x, const struct net_addr *dst,
		     const void *buf, size_t len)
{
	int err = x->io->send(x->io_arg, dst, buf, len);

	if (err) {
		x->io_err = err;
		post(x, TFTP_EV_IO_FAIL);
	}
}

/* The last packet, to the server's TID once known, else its port. */
static void send_tx(struct tftp_xfer *x)
{
	send_pkt(x, x->locked ? &x->peer : &x->server, x->tx, x->tx_len);
}

/* Copy a message for the result: printable bytes, "..." marks a cut. */
static void set_msg(struct tftp_xfer *x, const char *msg, size_t len)
{
	char *d = x->r.err_msg;
	size_t i, n = len > TFTP_ERRMSG_MAX ? TFTP_ERRMSG_MAX : len;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)msg[i];

		d[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	if (n < len)
		memcpy(d + n, "...", 3), n += 3;
	d[n] = 0;
}

/* Our ERROR to the server's TID (never acknowledged, RFC 1350 §7); a
 * failure to send it changes nothing: we end anyway. */
static void send_error(struct tftp_xfer *x, uint16_t code, const char *msg)
{
	uint8_t b[TFTP_HDR + TFTP_ERRMSG_MAX + 1];
	int n = tftp_pkt_error(b, sizeof(b), code, msg);

	x->r.err_code = code;
	x->r.remote = 0;
	x->error_sent = 1;
	set_msg(x, msg, strlen(msg));
	if (n > 0 && x->locked &&
	    x->io->send(x->io_arg, &x->peer, b, (size_t)n))
		log_printf(LOG_WARN, LOG_CAT_CFG, "tftp %s: ERROR %u not sent",
			   x->file, code);
}

/* The end: nothing more is sent or timed; ERR reported unless cancelled. */
static void end(struct tftp_xfer *x, int err, int report_it)
{
	rt_timer_stop(x->timers, &x->timer);
	x->r.err = err;
	x->closed_pending = 1;
	x->report_pending = (uint8_t)report_it;
	if (err && report_it) {
		char a[NET_ADDR_STR_MAX];

		net_addr_fmt(&x->server, a, sizeof(a));
		if (x->r.remote || x->error_sent)
			log_printf(LOG_WARN, LOG_CAT_CFG,
				   "tftp %s from %s: %s (ERROR %u %s: %s)",
				   x->file, a, tftp_strerror(err),
				   x->r.err_code,
				   x->r.remote ? "received" : "sent",
				   x->r.err_msg);
		else
			log_printf(LOG_WARN, LOG_CAT_CFG, "tftp %s from %s: %s",
				   x->file, a, tftp_strerror(err));
	}
}

void tftp__send_rrq(struct tftp_xfer *x)
{
	x->tries = 0;
	x->interval = 0;
	send_tx(x);
}

/* RFC 2347 §2: refused options; the same request without them. */
void tftp__send_plain_rrq(struct tftp_xfer *x)
{
	int n = tftp_pkt_rrq(x->tx, sizeof(x->tx), x->file, NULL, 0);

	log_printf(LOG_INFO, LOG_CAT_CFG,
		   "tftp %s: server refused options (ERROR %u), asking without",
		   x->file, x->pkt.code);
	x->req_blksize = 0;
	x->req_tsize = x->req_timeout = 0;
	x->blksize = TFTP_BLKSIZE_RFC1350;
	x->locked = 0;
	x->r.fallback = 1;
	x->r.blksize = x->blksize;
	if (n < 0) { /* cannot be: it fitted with options */
		x->io_err = n;
		post(x, TFTP_EV_IO_FAIL);
		return;
	}
	x->tx_len = (size_t)n;
	tftp__send_rrq(x);
}

void tftp__retransmit(struct tftp_xfer *x)
{
	x->tries++;
	x->r.retransmissions++;
	send_tx(x);
}

void tftp__reack(struct tftp_xfer *x)
{
	x->r.duplicates++;
	send_tx(x);
}

void tftp__arm_retx(struct tftp_xfer *x)
{
	if (x->tries == 0)
		x->interval = x->base_ms;
	else
		x->interval = x->interval > x->cap_ms / 2 ? x->cap_ms
							   : x->interval * 2;
	arm(x, x->tries < x->o.retries ? TFTP_EV_RETX : TFTP_EV_GIVE_UP,
	    x->interval);
}

void tftp__arm_dally(struct tftp_xfer *x)
{
	arm(x, TFTP_EV_DALLY_END, 2ull * x->base_ms);
}

void tftp__lock(struct tftp_xfer *x)
{
	x->locked = 1;
	x->peer = x->src;
	x->r.server = x->src;
}

void tftp__accept_oack(struct tftp_xfer *x)
{
	x->r.options = 1;
	x->blksize = x->oack_blksize;
	x->r.blksize = x->blksize;
	x->r.tsize = x->oack_tsize;
	if (x->oack_timeout) {
		/* RFC 2349: both sides now wait this long */
		x->base_ms = 1000u * x->oack_timeout;
		if (x->cap_ms < x->base_ms)
			x->cap_ms = x->base_ms;
	}
}

/* Room for NEED bytes: the announced size at once when it covers them
 * (tsize <= max_size, classify checked), else doubling; never past
 * max_size + 1 (classify checked NEED), so a server that lies about tsize
 * costs at most the doubling. */
static int reserve(struct tftp_xfer *x, size_t need)
{
	size_t cap;
	uint8_t *p;

	if (need <= x->cap)
		return 0;
	if (x->r.tsize != TFTP_TSIZE_NONE && need <= x->r.tsize + 1) {
		cap = (size_t)x->r.tsize + 1;
	} else {
		cap = x->cap > SIZE_MAX / 2 ? SIZE_MAX : x->cap * 2;
		if (cap < need)
			cap = need;
		if (cap < 4096)
			cap = 4096;
	}
	if (cap > x->o.max_size + 1)
		cap = x->o.max_size + 1;
	p = realloc(x->buf, cap);
	if (!p)
		return -ENOMEM;
	x->buf = p;
	x->cap = cap;
	return 0;
}

void tftp__deliver(struct tftp_xfer *x)
{
	const struct tftp_pkt *p = &x->pkt;
	int err = 0;

	if (x->o.data) {
		if (p->data_len)
			err = x->o.data(x->o.data_arg, p->data, p->data_len,
					x->r.len);
		if (err > 0)
			err = -EIO;
	} else {
		err = reserve(x, x->r.len + p->data_len + 1);
		if (!err && p->data_len)
			memcpy(x->buf + x->r.len, p->data, p->data_len);
	}
	if (err) {
		x->sink_err = err;
		post(x, TFTP_EV_SINK_FAIL);
		return;
	}
	x->r.len += p->data_len;
	x->r.blocks++;
	post(x, TFTP_EV_STORED);
}

void tftp__send_ack(struct tftp_xfer *x)
{
	int n = tftp_pkt_ack(x->tx, sizeof(x->tx), (uint16_t)x->r.blocks);

	x->tx_len = (size_t)n; /* 4: tx has room */
	x->tries = 0;
	x->interval = 0;
	send_tx(x);
}

void tftp__finish(struct tftp_xfer *x)
{
	rt_timer_stop(x->timers, &x->timer);
	x->r.err = 0;
	x->report_pending = 1;
	log_printf(LOG_INFO, LOG_CAT_CFG,
		   "tftp %s: %zu bytes, %" PRIu32 " blocks of %u%s",
		   x->file, x->r.len, x->r.blocks, x->blksize,
		   x->r.options ? " (options)" : "");
}

/* RFC 1350 §4: a packet from another TID gets ERROR 5 and changes
 * nothing. */
void tftp__stray(struct tftp_xfer *x)
{
	uint8_t b[TFTP_HDR + 32];
	int n = tftp_pkt_error(b, sizeof(b), TFTP_ERR_BADTID,
			       "Unknown transfer ID");
	char a[NET_ADDR_STR_MAX];

	x->r.strays++;
	log_printf(LOG_DEBUG, LOG_CAT_CFG, "tftp %s: packet from %s, not the server's TID",
		   x->file, net_addr_fmt(&x->src, a, sizeof(a)));
	if (n > 0 && x->io->send(x->io_arg, &x->src, b, (size_t)n))
		log_printf(LOG_DEBUG, LOG_CAT_CFG, "tftp %s: ERROR 5 not sent",
			   x->file);
}

static int errno_of(uint16_t code)
{
	switch (code) {
	case TFTP_ERR_NOTFOUND: return -ENOENT;
	case TFTP_ERR_ACCESS: return -EACCES;
	default: return -ECONNREFUSED;
	}
}

void tftp__fail_remote(struct tftp_xfer *x)
{
	x->r.remote = 1;
	x->r.err_code = x->pkt.code;
	set_msg(x, x->pkt.msg, x->pkt.msg_len);
	end(x, errno_of(x->pkt.code), 1);
}

void tftp__fail_bad(struct tftp_xfer *x)
{
	send_error(x, TFTP_ERR_ILLEGAL, x->bad_why);
	end(x, x->bad_err, 1);
}

void tftp__fail_oack(struct tftp_xfer *x)
{
	send_error(x, TFTP_ERR_OPTION,
		   x->bad_why ? x->bad_why : "options not asked for");
	end(x, -EPROTO, 1);
}

void tftp__fail_too_big(struct tftp_xfer *x)
{
	send_error(x, TFTP_ERR_DISKFULL, "File too large");
	end(x, -EFBIG, 1);
}

void tftp__fail_sink(struct tftp_xfer *x)
{
	int e = x->sink_err;

	if (e == -ENOMEM || e == -ENOSPC || e == -EFBIG)
		send_error(x, TFTP_ERR_DISKFULL, tftp_errcode_text(TFTP_ERR_DISKFULL));
	else
		send_error(x, TFTP_ERR_UNDEF, "Transfer aborted by the client");
	end(x, e, 1);
}

void tftp__fail_io(struct tftp_xfer *x)
{
	end(x, x->io_err, 1);
}

void tftp__give_up(struct tftp_xfer *x)
{
	end(x, -ETIMEDOUT, 1);
}

void tftp__cancel(struct tftp_xfer *x)
{
	if (!x->reported)
		send_error(x, TFTP_ERR_UNDEF, "Transfer cancelled");
	end(x, -ECANCELED, 0);
}

void tftp__close(struct tftp_xfer *x)
{
	rt_timer_stop(x->timers, &x->timer);
	x->closed_pending = 1;
}

void tftp__ignore(struct tftp_xfer *x, int ev)
{
	log_printf(LOG_DEBUG, LOG_CAT_CFG, "tftp %s: %s ignored in %s",
		   x->file, tftp_ev_name(ev), tftp__xfer_state(x->cs));
}

void tftp__unexpected(struct tftp_xfer *x, int ev)
{
	log_printf(LOG_WARN, LOG_CAT_CFG, "tftp %s: unexpected %s in %s",
		   x->file, tftp_ev_name(ev), tftp__xfer_state(x->cs));
}

/* ---------------------------------------------------------------- API */

static int fill_opts(struct tftp_opts *o, const struct tftp_opts *in)
{
	if (in)
		*o = *in;
	else
		memset(o, 0, sizeof(*o));
	if (!o->max_size)
		o->max_size = TFTP_FILE_MAX;
	if (!o->blksize)
		o->blksize = TFTP_BLKSIZE_DEFAULT;
	if (!o->retries)
		o->retries = TFTP_RETRIES_DEFAULT;
	if (!o->retx_ms)
		o->retx_ms = TFTP_RETX_MS_DEFAULT;
	if (!o->retx_cap_ms)
		o->retx_cap_ms = TFTP_RETX_CAP_MS_DEFAULT;
	if (o->retx_cap_ms < o->retx_ms)
		o->retx_cap_ms = o->retx_ms;
	if (o->max_size >= SIZE_MAX || o->blksize < TFTP_BLKSIZE_MIN ||
	    o->blksize > TFTP_BLKSIZE_MAX || o->retries > TFTP_RETRIES_MAX ||
	    o->retx_ms > TFTP_RETX_MS_MAX || o->retx_cap_ms > TFTP_RETX_MS_MAX)
		return -EINVAL;
	return 0;
}

/* The RRQ with the options asked for (RFC 2347 §2, 2348, 2349). */
static int build_rrq(struct tftp_xfer *x)
{
	struct tftp_opt opt[3];
	char blk[8], tmo[4];
	unsigned n = 0;
	int len;

	if (x->req_blksize) {
		unsigned v = x->req_blksize, i = sizeof(blk) - 1;

		blk[i] = 0;
		do
			blk[--i] = (char)('0' + v % 10);
		while ((v /= 10) && i);
		opt[n].name = "blksize";
		opt[n++].value = blk + i;
	}
	if (x->req_tsize) {
		opt[n].name = "tsize";
		opt[n++].value = "0";
	}
	if (x->req_timeout) {
		unsigned v = x->req_timeout, i = sizeof(tmo) - 1;

		tmo[i] = 0;
		do
			tmo[--i] = (char)('0' + v % 10);
		while ((v /= 10) && i);
		opt[n].name = "timeout";
		opt[n++].value = tmo + i;
	}
	len = tftp_pkt_rrq(x->tx, sizeof(x->tx), x->file, opt, n);
	if (len < 0)
		return len;
	x->tx_len = (size_t)len;
	return 0;
}

int tftp_xfer_new(struct tftp_xfer **xp, struct rt_timers *timers,
		  const struct tftp_io *io, void *io_arg,
		  const struct net_addr *server, const char *filename,
		  const struct tftp_opts *opts, tftp_done_fn *cb, void *arg)
{
	struct tftp_xfer *x;
	size_t flen;
	int err;

	if (!xp || !timers || !io || !io->send || !server || !server->ip ||
	    !filename || !cb)
		return -EINVAL;
	flen = strlen(filename);
	if (flen > TFTP_FILENAME_MAX)
		return -ENAMETOOLONG;
	x = calloc(1, sizeof(*x));
	if (!x)
		return -ENOMEM;
	err = fill_opts(&x->o, opts);
	if (err)
		goto out;
	memcpy(x->file, filename, flen + 1);
	x->timers = timers;
	x->io = io;
	x->io_arg = io_arg;
	x->cb = cb;
	x->arg = arg;
	x->server = *server;
	if (!x->server.port)
		x->server.port = TFTP_PORT;
	if (!x->o.no_options) {
		if (x->o.blksize != TFTP_BLKSIZE_RFC1350)
			x->req_blksize = x->o.blksize;
		x->req_tsize = !x->o.no_tsize;
		x->req_timeout = x->o.timeout_s;
	}
	x->blksize = TFTP_BLKSIZE_RFC1350;
	x->base_ms = x->o.retx_ms;
	x->cap_ms = x->o.retx_cap_ms;
	x->r.tsize = TFTP_TSIZE_NONE;
	x->r.blksize = TFTP_BLKSIZE_RFC1350;
	err = build_rrq(x);
	if (err)
		goto out;
	tftp__xfer_init(x);
	/* The request leaves from the timers: the callback then never runs
	 * inside this call. */
	x->timer_ev = x->req_blksize || x->req_tsize || x->req_timeout
			      ? TFTP_EV_START_OPT
			      : TFTP_EV_START_PLAIN;
	err = rt_timer_start(timers, &x->timer, 0, on_timer, x);
out:
	if (err) {
		free(x);
		return err;
	}
	*xp = x;
	return 0;
}

void tftp_xfer_input(struct tftp_xfer *x, const void *buf, size_t len,
		     const struct net_addr *src)
{
	int ev;

	if (!x || !src || x->closed_notified)
		return;
	x->src = *src;
	ev = classify(x, buf, len);
	if (ev == TFTP_EV_RX_BAD)
		log_printf(LOG_DEBUG, LOG_CAT_CFG, "tftp %s: bad packet: %s",
			   x->file, x->bad_why);
	feed(x, ev);
}

size_t tftp_xfer_rx_size(const struct tftp_xfer *x)
{
	size_t blk = x->req_blksize > TFTP_BLKSIZE_RFC1350
			     ? x->req_blksize
			     : TFTP_BLKSIZE_RFC1350;

	return TFTP_HDR + blk + 1;
}

const char *tftp_xfer_state(const struct tftp_xfer *x)
{
	return x ? tftp__xfer_state(x->cs) : "?";
}

void tftp_cancel(struct tftp_xfer *x)
{
	if (!x || x->closed_pending)
		return; /* already ended */
	feed(x, TFTP_EV_CANCEL);
}

void tftp_xfer_free(struct tftp_xfer *x)
{
	if (!x)
		return;
	rt_timer_stop(x->timers, &x->timer);
	free(x->buf);
	free(x);
}
