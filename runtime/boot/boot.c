/*
 * boot.c - the actions of the boot chart, and its event queue.
 *
 * Events are queued and run from a 0 ms timer: an action never runs inside
 * the call that caused it (a fetch callback, boot_start), so the chart
 * never runs inside itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot/boot_int.h"
#include "log/log.h"

/* One fetch in flight; the boot may be reset or freed before it ends. */
struct boot_fetch_ctx {
	struct boot *b;
};

/* ---------------------------------------------------------------- events */

static void on_kick(struct rt_timer *t, void *arg)
{
	struct boot *b = arg;

	(void)t;
	while (b->evq_n) {
		int ev = b->evq[0];

		memmove(b->evq, b->evq + 1, --b->evq_n * sizeof(b->evq[0]));
		boot__exec(b, ev);
	}
}

static void post(struct boot *b, int ev)
{
	if (b->evq_n == BOOT_EVQ_MAX) {
		log_printf(LOG_ERR, LOG_CAT_CFG, "boot: event queue full, %s lost",
			   boot_ev_name(ev));
		return;
	}
	b->evq[b->evq_n++] = ev;
	if (!rt_timer_armed(&b->kick) &&
	    rt_timer_start(b->timers, &b->kick, 0, on_kick, b))
		log_printf(LOG_ERR, LOG_CAT_CFG, "boot: no timer");
}

/* ---------------------------------------------------------------- life */

int boot_alloc(struct boot **bp, struct cnf_layers *layers,
	       struct rt_timers *timers, const struct boot_fetcher *fetcher,
	       const struct boot_ops *ops, void *arg)
{
	struct boot *b;

	if (!layers || !timers || !fetcher || !fetcher->get || !ops)
		return -EINVAL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->layers = layers;
	b->timers = timers;
	b->fetcher = *fetcher;
	b->ops = ops;
	b->arg = arg;
	snprintf(b->mac, sizeof(b->mac), "000000000000");
	boot__init(b);
	*bp = b;
	return 0;
}

void boot_free(struct boot *b)
{
	struct boot_fetch_ctx *c;

	if (!b)
		return;
	c = b->inflight;
	if (c)
		c->b = NULL; /* the fetch ends unheard */
	rt_timer_stop(b->timers, &b->kick);
	free(b);
}

int boot_set_mac(struct boot *b, const char *mac)
{
	unsigned i;

	if (!mac || strlen(mac) != 12)
		return -EINVAL;
	for (i = 0; i < 12; i++) {
		char c = mac[i];

		if (c >= 'a' && c <= 'f')
			c = (char)(c - 'a' + 'A');
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')))
			return -EINVAL;
		/* "The MAC address must be in uppercase" */
		b->mac[i] = c;
	}
	b->mac[12] = '\0';
	return 0;
}

void boot_start(struct boot *b)
{
	b->st.boots++;
	post(b, BOOT_EV_POWER_ON);
}

void boot_reset(struct boot *b)
{
	post(b, BOOT_EV_RESET);
}

const char *boot_state(const struct boot *b)
{
	return boot__state(b->cs);
}

const struct boot_stats *boot_stats(const struct boot *b)
{
	return &b->st;
}

/* ---------------------------------------------------------------- fetching */

static void cnf_report(void *arg, const struct cnf_diag *d)
{
	char line[CNF_DIAG_MAX + 320];

	(void)arg;
	cnf_diag_format(d, line, sizeof(line));
	log_printf(d->sev == CNF_ERROR ? LOG_WARN : LOG_INFO, LOG_CAT_CFG,
		   "%s", line);
}

static void fetched(void *arg, int err, const uint8_t *data, size_t len)
{
	struct boot_fetch_ctx *c = arg;
	struct boot *b = c->b;
	enum cnf_layer_id layer;

	free(c);
	if (!b)
		return; /* the boot went away, or started over */
	b->inflight = NULL;
	if (err == -ENOENT) {
		b->st.missing++;
		post(b, BOOT_EV_NOT_FOUND);
		return;
	}
	if (err) {
		b->st.failed++;
		log_printf(LOG_WARN, LOG_CAT_CFG, "%s: %s", b->name,
			   strerror(-err));
		post(b, BOOT_EV_FAILED);
		return;
	}
	b->st.fetched++;
	switch (b->fetching) {
	case BOOT_FILE_DEFAULT:
	case BOOT_FILE_PHONE:
		layer = b->fetching == BOOT_FILE_DEFAULT ? CNF_LAYER_DEFAULT
							 : CNF_LAYER_PHONE;
		if (cnf_layer_load(b->layers, layer, b->name, data, len,
				   cnf_report, NULL, NULL)) {
			post(b, BOOT_EV_FAILED);
			return;
		}
		break;
	case BOOT_FILE_RINGLIST:
		if (ringlist_parse(&b->rings, data, len) == 0) {
			unsigned i;

			for (i = 0; i < b->rings.nbad && i < RINGLIST_BAD_MAX; i++)
				log_printf(LOG_WARN, LOG_CAT_CFG,
					   "%s:%u: warning: not \"name<TAB>file\"; "
					   "ignored",
					   b->name, b->rings.bad_line[i]);
		}
		break;
	case BOOT_FILE_DIALPLAN:
	case BOOT_FILE_RING:
		break;
	}
	/* The phone sees every file but the configuration's. */
	if (b->fetching != BOOT_FILE_DEFAULT &&
	    b->fetching != BOOT_FILE_PHONE && b->ops->file)
		b->ops->file(b->arg, b->fetching, b->name, data, len);
	post(b, BOOT_EV_DONE);
}

static void start_fetch(struct boot *b, enum boot_file f, size_t max)
{
	struct boot_fetch_ctx *c = calloc(1, sizeof(*c));
	int err;

	b->fetching = f;
	if (!c) {
		post(b, BOOT_EV_FAILED);
		return;
	}
	c->b = b;
	b->inflight = c;
	log_printf(LOG_DEBUG, LOG_CAT_CFG, "requesting %s", b->name);
	err = b->fetcher.get(b->fetcher.arg, &b->server, b->name, max, fetched,
			     c);
	if (err) {
		b->inflight = NULL;
		free(c);
		b->st.failed++;
		post(b, err == -ENOENT ? BOOT_EV_NOT_FOUND : BOOT_EV_FAILED);
	}
}

/* tftp_cfg_dir and dial_template come from the layers loaded so far. */
static int snapshot_str(struct boot *b, enum cnf_param p, char *out,
			size_t size)
{
	struct cnf *c;
	int n;

	if (cnf_snapshot(b->layers, &c))
		return -ENOMEM;
	n = snprintf(out, size, "%s", cnf_str(c, p));
	cnf_free(c);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

void boot__fetch(struct boot *b, enum boot_file f)
{
	char v[CNF_STR_MAX + 1];
	size_t max = BOOT_TEXT_FILE_MAX;
	int n = 0;

	switch (f) {
	case BOOT_FILE_DEFAULT:
		b->ops->status(b->arg, "Requesting Configuration");
		n = snprintf(b->name, sizeof(b->name), "SIPDefault.cnf");
		break;
	case BOOT_FILE_PHONE: {
		/* tftp_cfg_dir: "./", "/tftpboot/configs/sipphone"... */
		size_t l;

		if (snapshot_str(b, CNF_TFTP_CFG_DIR, v, sizeof(v)))
			v[0] = '\0';
		l = strlen(v);
		while (l > 0 && v[l - 1] == '/')
			v[--l] = '\0';
		if (strcmp(v, ".") == 0)
			v[0] = '\0';
		n = snprintf(b->name, sizeof(b->name), "%s%sSIP%s.cnf", v,
			     v[0] ? "/" : "", b->mac);
		break;
	}
	case BOOT_FILE_DIALPLAN:
		if (snapshot_str(b, CNF_DIAL_TEMPLATE, v, sizeof(v)) || !v[0]) {
			post(b, BOOT_EV_NOT_FOUND);
			return;
		}
		n = snprintf(b->name, sizeof(b->name), "%s.xml", v);
		break;
	case BOOT_FILE_RINGLIST:
		memset(&b->rings, 0, sizeof(b->rings));
		b->next_ring = 0;
		n = snprintf(b->name, sizeof(b->name), "RINGLIST.DAT");
		break;
	case BOOT_FILE_RING:
		return; /* boot__fetch_next_ring */
	}
	if (n < 0 || (size_t)n >= sizeof(b->name)) {
		post(b, BOOT_EV_FAILED);
		return;
	}
	start_fetch(b, f, max);
}

void boot__fetch_next_ring(struct boot *b)
{
	int n;

	if (b->next_ring >= b->rings.n) {
		post(b, BOOT_EV_NONE_LEFT);
		return;
	}
	n = snprintf(b->name, sizeof(b->name), "%s",
		     b->rings.e[b->next_ring++].file);
	if (n < 0 || (size_t)n >= sizeof(b->name)) {
		post(b, BOOT_EV_FAILED);
		return;
	}
	start_fetch(b, BOOT_FILE_RING, BOOT_RING_FILE_MAX);
}

/* ---------------------------------------------------------------- steps */

void boot__load_flash(struct boot *b)
{
	/* A new run: TFTP layers are refilled from the server. */
	cnf_layer_erase(b->layers, CNF_LAYER_DEFAULT, 0);
	cnf_layer_erase(b->layers, CNF_LAYER_PHONE, 0);
	b->ops->load_flash(b->arg);
	post(b, BOOT_EV_DONE);
}

void boot__identity(struct boot *b)
{
	int err;

	b->ops->status(b->arg, "Configuring IP");
	err = b->ops->identity(b->arg);
	if (err != -EINPROGRESS)
		post(b, err ? BOOT_EV_FAILED : BOOT_EV_DONE);
}

void boot_identity_done(struct boot *b, int err)
{
	post(b, err ? BOOT_EV_FAILED : BOOT_EV_DONE);
}

void boot_set_server(struct boot *b, const char *host)
{
	int n = snprintf(b->initial.host, sizeof(b->initial.host), "%s", host);

	if (n < 0 || (size_t)n >= sizeof(b->initial.host))
		b->initial.host[0] = '\0';
	b->server = b->initial;
}

/* Optional files may be missing; SIP<MAC>.cnf is required: without it
 * the phone runs on what flash holds, and says so. */
void boot__missing(struct boot *b)
{
	char msg[BOOT_NAME_MAX + 40];

	log_printf(LOG_INFO, LOG_CAT_CFG, "%s: not on the server", b->name);
	if (b->fetching == BOOT_FILE_DEFAULT)
		cnf_layer_erase(b->layers, CNF_LAYER_DEFAULT, 0);
	if (b->fetching == BOOT_FILE_PHONE) {
		cnf_layer_erase(b->layers, CNF_LAYER_PHONE, 0);
		snprintf(msg, sizeof(msg), "%s not found; using flash", b->name);
		b->ops->status(b->arg, msg);
	}
}

void boot__bad(struct boot *b)
{
	char msg[BOOT_NAME_MAX + 40];

	snprintf(msg, sizeof(msg), "%s: bad or unreachable", b->name);
	b->ops->status(b->arg, msg);
}

void boot__check_dyn_tftp(struct boot *b)
{
	char dyn[CNF_STR_MAX + 1] = "";

	if (snapshot_str(b, CNF_DYN_TFTP_ADDR, dyn, sizeof(dyn)) == 0 &&
	    dyn[0] && strcmp(dyn, b->server.host) != 0 &&
	    b->st.dyn_hops < BOOT_DYN_TFTP_MAX) {
		post(b, BOOT_EV_DYN_TFTP);
		return;
	}
	if (dyn[0] && strcmp(dyn, b->server.host) != 0)
		log_printf(LOG_WARN, LOG_CAT_CFG,
			   "dyn_tftp_addr %s ignored: %d servers already", dyn,
			   BOOT_DYN_TFTP_MAX);
	post(b, BOOT_EV_DONE);
}

void boot__switch_tftp(struct boot *b)
{
	char dyn[CNF_STR_MAX + 1];

	int n;

	if (snapshot_str(b, CNF_DYN_TFTP_ADDR, dyn, sizeof(dyn)))
		return;
	b->st.dyn_hops++;
	/* A dotted address (the registry checked it) always fits. */
	n = snprintf(b->server.host, sizeof(b->server.host), "%s", dyn);
	if (n < 0 || (size_t)n >= sizeof(b->server.host))
		b->server.host[0] = '\0';
	log_printf(LOG_INFO, LOG_CAT_CFG, "dynamic TFTP server %s", dyn);
}

void boot__apply(struct boot *b)
{
	b->ops->apply(b->arg);
	post(b, BOOT_EV_DONE);
}

void boot__running(struct boot *b)
{
	b->ops->running(b->arg);
}

void boot__restart(struct boot *b)
{
	struct boot_fetch_ctx *c = b->inflight;

	if (c)
		c->b = NULL;
	b->inflight = NULL;
	b->server = b->initial; /* dyn_tftp_addr hops start over */
	b->st.dyn_hops = 0;
	b->st.boots++;
}

void boot__unexpected(struct boot *b, int ev)
{
	b->st.unexpected++;
	log_printf(LOG_WARN, LOG_CAT_CFG, "boot (%s): unexpected %s; ignored",
		   boot_state(b), boot_ev_name(ev));
}
