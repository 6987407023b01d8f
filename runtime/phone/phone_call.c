/*
 * phone_call.c - the phone's calls: keys and hook switch into runtime/call,
 * incoming INVITEs into new calls, each call's media (an RTP socket pair
 * and a media channel) and what the handset hears every 20 ms.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "mix.h"
#include "phone/phone_call_int.h"
#include "phone/phone_dir.h"
#include "sip/sip_hval.h"

static struct pc_slot *slot_of(struct phone_calls *pcs, const struct call *c)
{
	unsigned i;

	for (i = 0; i < PHONE_CALLS_MAX; i++)
		if (pcs->slot[i].call == c)
			return &pcs->slot[i];
	return NULL;
}

static struct pc_slot *active_slot(struct phone_calls *pcs)
{
	return pcs->active >= 0 && pcs->slot[pcs->active].call
		       ? &pcs->slot[pcs->active]
		       : NULL;
}

/* ---------------------------------------------------------------- screen */

static void set_softkeys(struct phone *p, const char *a, const char *b,
			 const char *c, const char *d)
{
	LCD_SET(p->lcd.softkey[0], a);
	LCD_SET(p->lcd.softkey[1], b);
	LCD_SET(p->lcd.softkey[2], c);
	LCD_SET(p->lcd.softkey[3], d);
}

/* The first call in state ST, -1 if none. */
static int slot_in(const struct phone_calls *pcs, enum call_state st)
{
	unsigned i;

	for (i = 0; i < PHONE_CALLS_MAX; i++)
		if (pcs->slot[i].call && call_state(pcs->slot[i].call) == st)
			return (int)i;
	return -1;
}

/* The call area, the line icon, the prompt and the soft keys from the
 * calls' states. */
static void redraw(struct phone_calls *pcs)
{
	struct phone *p = pcs->p;
	struct pc_slot *a = active_slot(pcs);
	struct call_info ci;
	unsigned i, row = 0;
	enum lcd_icon icon = LCD_ICON_NONE;

	memset(p->lcd.call, 0, sizeof(p->lcd.call));
	for (i = 0; i < PHONE_CALLS_MAX && row < LCD_CALL_ROWS; i++) {
		/* the screen cuts what is wider than it (LCD_SET) */
		char text[CALL_URI_MAX + 64];
		const char *who;

		if (!pcs->slot[i].call)
			continue;
		call_get_info(pcs->slot[i].call, &ci);
		who = ci.peer_name[0] ? ci.peer_name : ci.peer;
		if (!strncmp(who, "sip:", 4))
			who += 4;
		if (ci.state == CALL_ST_dialing) {
			/* the keys entered so far */
			size_t klen = 0;
			const char *k = pcs->session
				? dialplan_session_keys(pcs->session, &klen)
				: "";

			snprintf(text, sizeof(text), "%c%u %-9s %.*s",
				 a == &pcs->slot[i] ? '>' : ' ', ci.line,
				 ci.state_name, (int)klen, k);
		} else {
			snprintf(text, sizeof(text), "%c%u %-9s %s",
				 a == &pcs->slot[i] ? '>' : ' ', ci.line,
				 ci.state_name, who);
		}
		LCD_SET(p->lcd.call[row++], text);
		if (ci.diversion[0] && row < LCD_CALL_ROWS) {
			snprintf(text, sizeof(text), "   forwarded by %s",
				 ci.diversion);
			LCD_SET(p->lcd.call[row++], text);
		}
	}
	if (a) {
		call_get_info(a->call, &ci);
		if (ci.state != CALL_ST_dialing)
			LCD_SET(p->lcd.prompt, ci.prompt);
		switch (ci.state) {
		case CALL_ST_dialing:
			/* Table 2-2: E.164 or URL dialing, switched by the
			 * URL / Number soft keys */
			if (pcs->url_mode) {
				set_softkeys(p, "Dial", "<<", "Number", "EndCall");
				icon = LCD_ICON_URL_READY;
			} else {
				/* a transfer's target: Trnsfer sends it blind */
				set_softkeys(p, gsm__consulting(pcs->gsm_cs)
							? "Trnsfer" : "Redial",
					     "EndCall", "URL", "Dial");
				icon = LCD_ICON_E164_READY;
			}
			break;
		case CALL_ST_ringing:
			set_softkeys(p, "Answer", "", "", "");
			break;
		case CALL_ST_connected:
		case CALL_ST_answering:
		case CALL_ST_answering_hold:
		case CALL_ST_resuming:
			/* a call waiting: Answer (holds this one) */
			if (gsm__bridged(pcs->gsm_cs))
				set_softkeys(p, "Hold", "EndCall", "", "");
			else if (gsm__consulting(pcs->gsm_cs))
				set_softkeys(p, "Trnsfer", "EndCall", "Confrn",
					     "");
			else if (slot_in(pcs, CALL_ST_ringing) >= 0)
				set_softkeys(p, "Answer", "EndCall", "Hold",
					     "more");
			else
				set_softkeys(p, "Hold", "EndCall", "Trnsfer",
					     "Confrn");
			icon = gsm__bridged(pcs->gsm_cs) ? LCD_ICON_CONF
							 : LCD_ICON_CONNECTED;
			break;
		case CALL_ST_held:
		case CALL_ST_holding:
			if (gsm__bridged(pcs->gsm_cs)) {
				set_softkeys(p, "Resume", "EndCall", "", "");
				icon = LCD_ICON_CONF_HOLD;
				break;
			}
			set_softkeys(p, "Resume", "EndCall", "NewCall", "more");
			icon = LCD_ICON_HOLD;
			break;
		case CALL_ST_calling:
		case CALL_ST_alerting:
		case CALL_ST_early:
			/* a consultation that rings: semi-attended transfer */
			set_softkeys(p, gsm__consulting(pcs->gsm_cs) ? "Trnsfer"
								     : "",
				     "EndCall", "", "");
			break;
		default:
			set_softkeys(p, "", "EndCall", "", "");
			break;
		}
	} else {
		/* a call ringing while nothing is active */
		int r = slot_in(pcs, CALL_ST_ringing);

		if (r >= 0) {
			call_get_info(pcs->slot[r].call, &ci);
			LCD_SET(p->lcd.prompt, ci.prompt);
		}
		if (r < 0) {
			set_softkeys(p, "Redial", "NewCall", "CFwd", "more");
			if (!gsm__offhook(pcs->gsm_cs))
				LCD_SET(p->lcd.prompt, "");
		} else {
			set_softkeys(p, "Answer", "", "", "");
		}
	}
	if (p->lcd.line[0].label[0] || p->lcd.line[0].icon != LCD_ICON_NONE) {
		if (icon == LCD_ICON_NONE)
			icon = p->lcd.line[0].icon == LCD_ICON_URL ||
				       p->lcd.line[0].icon == LCD_ICON_URL_READY
				       ? LCD_ICON_URL
				       : LCD_ICON_E164;
		p->lcd.line[0].icon = icon;
	}
	if (p->screen_hook)
		p->screen_hook(p->screen_arg, &p->lcd);
}

/* ---------------------------------------------------------------- tones */

/* The Alert-Info number of the ringing call (0: none). */
static unsigned ringing_alert(const struct phone_calls *pcs)
{
	struct call_info ci;
	int r = slot_in(pcs, CALL_ST_ringing);

	if (r < 0)
		return 0;
	call_get_info(pcs->slot[r].call, &ci);
	return ci.alert;
}

static enum media_tone_id tone_id(const struct phone_calls *pcs,
				  enum call_tone t)
{
	switch (t) {
	case CALL_TONE_DIAL:
		return MEDIA_TONE_DIAL;
	case CALL_TONE_RINGBACK:
		return MEDIA_TONE_RINGBACK;
	case CALL_TONE_BUSY:
		return MEDIA_TONE_BUSY;
	case CALL_TONE_REORDER:
		return MEDIA_TONE_REORDER;
	case CALL_TONE_RING: {
		/* talking on another call: the call-waiting tone, not the
		 * ringer; Alert-Info 2..5 without a ring file of that number:
		 * Bellcore's distinctive rings */
		static const enum media_tone_id dr[] = {
			MEDIA_TONE_BELLCORE_DR1, MEDIA_TONE_BELLCORE_DR2,
			MEDIA_TONE_BELLCORE_DR3, MEDIA_TONE_BELLCORE_DR4,
			MEDIA_TONE_BELLCORE_DR5,
		};
		unsigned alert = ringing_alert(pcs);

		if (gsm__offhook(pcs->gsm_cs) &&
		    active_slot((struct phone_calls *)pcs))
			/* the call-waiting form of distinctive ringing */
			return alert >= 2 && alert <= 4
				       ? (enum media_tone_id)(
						 MEDIA_TONE_BELLCORE_CALLWAITING2 +
						 (alert - 2))
				       : MEDIA_TONE_CALL_WAITING;
		return alert >= 1 && alert <= 5 ? dr[alert - 1]
						 : MEDIA_TONE_BELLCORE_DR1;
	}
	default:
		return MEDIA_TONE_COUNT; /* none */
	}
}

/* The ringer plays a RINGLIST.DAT file: the Alert-Info-th one, else the
 * first; -1 for a tone (no files, call waiting, not ringing). */
static int ring_file(const struct phone_calls *pcs, enum call_tone t)
{
	unsigned alert;

	if (t != CALL_TONE_RING || !pcs->p->nrings ||
	    (gsm__offhook(pcs->gsm_cs) && active_slot((struct phone_calls *)pcs)))
		return -1;
	alert = ringing_alert(pcs);
	if (alert == 0)
		return 0;
	return alert <= pcs->p->nrings ? (int)alert - 1 : -1;
}

/* The call on hold (or on its way there or back), -1 if none. */
static int held_slot(const struct phone_calls *pcs)
{
	unsigned i;

	for (i = 0; i < PHONE_CALLS_MAX; i++)
		if (pcs->slot[i].call) {
			enum call_state st = call_state(pcs->slot[i].call);

			if (st == CALL_ST_held || st == CALL_ST_holding ||
			    st == CALL_ST_resuming)
				return (int)i;
		}
	return -1;
}

/* What the handset hears from the phone itself: the active call's tone,
 * else a ringing call's. */
static void choose_tone(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	enum call_tone t = CALL_TONE_NONE;
	enum media_tone_id id;
	int ring;
	unsigned i;

	if (a)
		t = a->tone;
	if (!gsm__offhook(pcs->gsm_cs) && slot_in(pcs, CALL_ST_held) >= 0 &&
	    (cnf_int(pcs->p->cnf, CNF_CALL_HOLD_RINGBACK) & 1))
		t = CALL_TONE_RING; /* call_hold_ringback */
	for (i = 0; t == CALL_TONE_NONE && i < PHONE_CALLS_MAX; i++)
		if (pcs->slot[i].call && pcs->slot[i].tone == CALL_TONE_RING)
			t = CALL_TONE_RING;
	for (i = 0; a && i < PHONE_CALLS_MAX; i++)
		if (&pcs->slot[i] != a && pcs->slot[i].tone == CALL_TONE_RING)
			t = CALL_TONE_RING; /* call waiting over the talk */
	id = tone_id(pcs, t);
	if (a && t == CALL_TONE_NONE && a->key_tone >= 0 &&
	    call_state(a->call) == CALL_ST_dialing)
		id = (enum media_tone_id)a->key_tone; /* "9," then a tone */
	ring = ring_file(pcs, t);
	if (ring >= 0)
		id = (enum media_tone_id)(MEDIA_TONE_COUNT + 1 + ring);
	if (id == pcs->playing)
		return;
	pcs->playing = id;
	media_tone_stop(&pcs->tone);
	media_ring_stop(&pcs->ring);
	if (ring >= 0) {
		const struct phone_ring *r = &pcs->p->ring[ring];

		if (media_ring_start(&pcs->ring, r->pcm, r->len) == 0) {
			log_printf(LOG_DEBUG, LOG_CAT_MEDIA, "ring %s", r->file);
			return;
		}
		log_printf(LOG_WARN, LOG_CAT_MEDIA, "%s: %zu bytes is no ring "
			   "(%u..%u): the tone instead", r->file, r->len,
			   MEDIA_RING_MIN_BYTES, MEDIA_RING_MAX_BYTES);
		id = tone_id(pcs, t);
	}
	if (id == MEDIA_TONE_COUNT) {
		log_printf(LOG_DEBUG, LOG_CAT_MEDIA, "tone off");
		return;
	}
	media_tone_start(&pcs->tone, id);
	log_printf(LOG_DEBUG, LOG_CAT_MEDIA, "tone %s", media_tone_name(id));
}

/* ---------------------------------------------------------------- media */

static int rtp_send(void *arg, const uint8_t *buf, size_t len)
{
	struct pc_slot *s = arg;

	return s->rtp ? rtp_udp_send_rtp(s->rtp, &s->rtp_dst, buf, len)
		      : -ENOTCONN;
}

static int rtcp_send(void *arg, const uint8_t *buf, size_t len)
{
	struct pc_slot *s = arg;

	return s->rtp ? rtp_udp_send_rtcp(s->rtp, &s->rtcp_dst, buf, len)
		      : -ENOTCONN;
}

static void dtmf_heard(void *arg, char digit, bool rfc2833)
{
	struct pc_slot *s = arg;
	size_t n = strlen(s->dtmf_seen);

	s->dtmf_rx++;
	if (n + 1 >= sizeof(s->dtmf_seen)) {
		memmove(s->dtmf_seen, s->dtmf_seen + 1, n);
		n--;
	}
	s->dtmf_seen[n] = digit;
	s->dtmf_seen[n + 1] = '\0';
	log_printf(LOG_INFO, LOG_CAT_MEDIA, "DTMF %c received (%s)", digit,
		   rfc2833 ? "RFC 2833" : "in-band");
}

static const struct media_chan_ops chan_ops = {
	.send_rtp = rtp_send,
	.send_rtcp = rtcp_send,
	.dtmf = dtmf_heard,
};

static void rtp_rx(void *arg, const uint8_t *buf, size_t len,
		   const struct net_addr *src)
{
	struct pc_slot *s = arg;

	(void)src;
	if (s->mc)
		media_chan_rx_rtp(s->mc, buf, len, s->pcs->now_ms);
}

static void rtcp_rx(void *arg, const uint8_t *buf, size_t len,
		    const struct net_addr *src)
{
	struct pc_slot *s = arg;

	(void)src;
	if (s->mc)
		media_chan_rx_rtcp(s->mc, buf, len, s->pcs->now_ms);
}

static void rtp_closed(struct rtp_udp *u)
{
	free(u);
}

static int op_media_port(void *arg, struct call *c, uint16_t *port)
{
	struct phone_calls *pcs = arg;
	struct phone *p = pcs->p;
	struct pc_slot *s = slot_of(pcs, c);
	uint16_t lo = (uint16_t)cnf_int(p->cnf, CNF_START_MEDIA_PORT);
	uint16_t hi = (uint16_t)cnf_int(p->cnf, CNF_END_MEDIA_PORT);
	uint32_t ip;
	int err;

	if (!s)
		return -ENOENT;
	if (!s->rtp) {
		if (net_addr_parse_ip(p->opt.ip, strlen(p->opt.ip), &ip))
			return -EINVAL;
		s->rtp = calloc(1, sizeof(*s->rtp));
		if (!s->rtp)
			return -ENOMEM;
		err = rtp_udp_open(s->rtp, p->uv, ip, lo, hi,
				   cnf_int(p->cnf, CNF_TOS_MEDIA), rtp_rx,
				   rtcp_rx, s);
		if (err) {
			log_printf(LOG_WARN, LOG_CAT_MEDIA, "no RTP port in "
				   "%u..%u: %s", lo, hi, strerror(-err));
			free(s->rtp);
			s->rtp = NULL;
			return err;
		}
	}
	*port = s->rtp->local.port;
	return 0;
}

static void op_media(void *arg, struct call *c, const struct call_media *m)
{
	struct phone_calls *pcs = arg;
	struct phone *p = pcs->p;
	struct pc_slot *s = slot_of(pcs, c);
	struct media_chan_cfg cfg;
	int err;

	if (!s)
		return;
	s->rtp_dst.ip = m->remote_ip;
	s->rtp_dst.port = m->remote_port;
	s->rtcp_dst = s->rtp_dst;
	s->rtcp_dst.port = (uint16_t)(m->remote_port + 1);
	if (!s->mc) {
		memset(&cfg, 0, sizeof(cfg));
		cfg.pt = m->pt;
		cfg.dtmf_pt = m->dtmf_pt;
		cfg.dtmf_oob = (enum media_dtmf_oob)cnf_int(p->cnf,
							    CNF_DTMF_OUTOFBAND);
		cfg.dtmf_inband = cnf_int(p->cnf, CNF_DTMF_INBAND) != 0;
		cfg.dtmf_db_level = cnf_int(p->cnf, CNF_DTMF_DB_LEVEL);
		cfg.vad = cnf_int(p->cnf, CNF_ENABLE_VAD) != 0;
		cfg.ssrc = (uint32_t)rand() ^ (uint32_t)(uintptr_t)s;
		cfg.dtmf_avt_payload = (uint8_t)cnf_int(p->cnf,
							CNF_DTMF_AVT_PAYLOAD);
		cfg.cname = p->opt.ip;
		err = media_chan_alloc(&s->mc, &cfg, &chan_ops, s);
		if (err) {
			log_printf(LOG_ERR, LOG_CAT_MEDIA, "no media channel: %s",
				   strerror(-err));
			s->mc = NULL;
			return;
		}
	}
	media_chan_set_dir(s->mc, m->send && m->remote_port,
			   m->recv);
	log_printf(LOG_INFO, LOG_CAT_MEDIA, "media pt %u dtmf %u to %u.%u.%u.%u:%u "
		   "%s%s", m->pt, m->dtmf_pt, (unsigned)(m->remote_ip >> 24) & 255,
		   (unsigned)(m->remote_ip >> 16) & 255,
		   (unsigned)(m->remote_ip >> 8) & 255,
		   (unsigned)m->remote_ip & 255, m->remote_port,
		   m->send ? "send" : "", m->recv ? "recv" : "");
}

static void media_close(struct pc_slot *s)
{
	if (s->mc) {
		media_chan_free(s->mc);
		s->mc = NULL;
	}
	if (s->rtp) {
		rtp_udp_close(s->rtp, rtp_closed);
		s->rtp = NULL;
	}
}

static void op_media_stop(void *arg, struct call *c)
{
	struct pc_slot *s = slot_of(arg, c);

	if (s && s->mc)
		media_chan_set_dir(s->mc, false, false);
}

/* The two legs of a three-way call (the first one and the active one),
 * or false. */
static bool bridge_legs(const struct phone_calls *pcs,
			const struct pc_slot *leg[2])
{
	if (!gsm__bridged(pcs->gsm_cs) || pcs->first < 0 ||
	    !pcs->slot[pcs->first].call || pcs->active < 0 ||
	    !pcs->slot[pcs->active].call)
		return false;
	leg[0] = &pcs->slot[pcs->first];
	leg[1] = &pcs->slot[pcs->active];
	return leg[0] != leg[1];
}

/* Three-way calling, mixed here (the guide's "mixing on the initiating
 * phone"): each leg sends the microphone and what the other leg said,
 * the speaker plays both legs. */
static void bridge_tick(struct phone_calls *pcs,
			const struct pc_slot *leg[2], const int16_t *mic,
			int16_t *spk)
{
	const int16_t *rx[MEDIA_MIX_LEGS] = {pcs->leg_rx[0], pcs->leg_rx[1]};
	int16_t tx[MEDIA_FRAME];
	unsigned i;

	for (i = 0; i < MEDIA_MIX_LEGS; i++) {
		media_mix_leg(tx, mic, rx, i, MEDIA_FRAME);
		if (leg[i]->mc)
			media_chan_tick(leg[i]->mc, tx, pcs->leg_rx[i],
					pcs->now_ms);
		else
			memset(pcs->leg_rx[i], 0, sizeof(pcs->leg_rx[i]));
	}
	media_mix_add(spk, pcs->leg_rx[0], pcs->leg_rx[1], MEDIA_FRAME);
	pcs->mixed++;
}

/* 20 ms: the microphone frame to the active call, its audio (and the
 * phone's own tones) to the speaker; every other call ticks silent. */
static void on_tick(uv_timer_t *h)
{
	struct phone_calls *pcs = h->data;
	struct phone *p = pcs->p;
	int16_t mic[MEDIA_FRAME], spk[MEDIA_FRAME], other[MEDIA_FRAME];
	struct pc_slot *a = active_slot(pcs);
	const struct pc_slot *leg[2];
	unsigned i;

	pcs->now_ms += MEDIA_FRAME_MS;
	pcs->frames++;
	if (p->opt.audio && p->opt.audio->read)
		p->opt.audio->read(p->opt.audio->arg, mic, MEDIA_FRAME);
	else
		memset(mic, 0, sizeof(mic));
	memset(spk, 0, sizeof(spk));
	if (bridge_legs(pcs, leg))
		bridge_tick(pcs, leg, mic, spk);
	else
		leg[0] = leg[1] = NULL;
	for (i = 0; i < PHONE_CALLS_MAX; i++) {
		struct pc_slot *s = &pcs->slot[i];

		if (!s->mc || s == leg[0] || s == leg[1])
			continue;
		if (s == a)
			media_chan_tick(s->mc, mic, spk, pcs->now_ms);
		else
			media_chan_tick(s->mc, NULL, other, pcs->now_ms);
	}
	if (media_tone_active(&pcs->tone))
		media_tone_fill(&pcs->tone, spk, MEDIA_FRAME);
	media_ring_fill(&pcs->ring, spk, MEDIA_FRAME);
	if (p->opt.audio && p->opt.audio->write)
		p->opt.audio->write(p->opt.audio->arg, spk, MEDIA_FRAME);
}

/* ---------------------------------------------------------------- calls */

/* Run one event through the handset chart, then the tones and the screen
 * follow. */
static void gsm_post(struct phone_calls *pcs, int ev)
{
	log_printf(LOG_DEBUG, LOG_CAT_CALL, "gsm %s: %s",
		   gsm__state_name(pcs->gsm_cs), gsm_ev_name(ev));
	pcs->err = 0;
	gsm__exec(pcs, ev);
	choose_tone(pcs);
	redraw(pcs);
}

/* The call that asked for S (its REFER or Also), if it is still ours. */
static struct call *asked_by(struct phone_calls *pcs, struct pc_slot *s)
{
	return s->made_for && slot_of(pcs, s->made_for) ? s->made_for : NULL;
}

/* Tell the transferor's dialog how the call made for it went (the final
 * NOTIFY): 200 when answered, else its failure. */
static void report_refer(struct phone_calls *pcs, struct pc_slot *s,
			 uint16_t status)
{
	struct call *x = asked_by(pcs, s);

	if (s->reported || !s->made_for)
		return;
	s->reported = true;
	if (x)
		call_refer_done(x, status);
}

static uint16_t failure_of(const struct call *c)
{
	struct call_info ci;

	call_get_info(c, &ci);
	return ci.last_status >= 300 ? ci.last_status : 487;
}

static void op_changed(void *arg, struct call *c)
{
	struct phone_calls *pcs = arg;
	struct pc_slot *s = slot_of(pcs, c);
	enum call_state now = call_state(c), was;

	if (s && now == CALL_ST_connected)
		report_refer(pcs, s, 200);
	else if (s && now == CALL_ST_failed)
		report_refer(pcs, s, failure_of(c));
	if (s) {
		was = s->last;
		s->last = now;
		if (s == active_slot(pcs) && now != was) {
			/* gsm_post redraws */
			if (now == CALL_ST_held) {
				gsm_post(pcs, GSM_EV_HELD);
				return;
			}
			if (now == CALL_ST_connected &&
			    (was == CALL_ST_resuming || was == CALL_ST_held ||
			     was == CALL_ST_holding)) {
				gsm_post(pcs, GSM_EV_RESUMED);
				return;
			}
		}
	}
	choose_tone(pcs);
	redraw(pcs);
}

static void op_tone(void *arg, struct call *c, enum call_tone t)
{
	struct phone_calls *pcs = arg;
	struct pc_slot *s = slot_of(pcs, c);

	if (!s)
		return;
	s->tone = t;
	choose_tone(pcs);
}

static void op_ended(void *arg, struct call *c)
{
	struct phone_calls *pcs = arg;
	struct pc_slot *s = slot_of(pcs, c);
	const struct pc_slot *legs[2];
	struct call_info ci;
	bool was_active, was_ringing, held, leg;
	unsigned i;

	if (!s)
		return;
	call_get_info(c, &ci);
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s on line %u ended (%s)",
		   ci.call_id, ci.line, ci.prompt[0] ? ci.prompt : "done");
	report_refer(pcs, s, failure_of(c));
	was_active = s == active_slot(pcs);
	was_ringing = s->last == CALL_ST_ringing;
	leg = bridge_legs(pcs, legs) && (s == legs[0] || s == legs[1]);
	if (was_ringing)
		phone_history_missed(pcs->p, &ci);
	media_close(s);
	call_free(c);
	s->call = NULL;
	s->tone = CALL_TONE_NONE;
	for (i = 0; i < PHONE_CALLS_MAX; i++) {
		/* nobody asks for or partners with a call that is gone */
		if (pcs->slot[i].made_for == c)
			pcs->slot[i].made_for = NULL;
		if (pcs->slot[i].partner == c)
			pcs->slot[i].partner = NULL;
	}
	if (pcs->first == s - pcs->slot && !leg)
		pcs->first = -1;
	held = held_slot(pcs) >= 0;
	if (leg) {
		/* the other leg of the three-way call goes on alone */
		pcs->take = (int)((s == legs[0] ? legs[1] : legs[0]) - pcs->slot);
		gsm_post(pcs, GSM_EV_PARTY_GONE);
	} else if (was_active) {
		pcs->active = -1;
		/* the far end hung up: the handset goes back to idle */
		LCD_SET(pcs->p->lcd.prompt, ci.prompt);
		gsm_post(pcs, held ? GSM_EV_GONE_HELD : GSM_EV_GONE);
	} else if (was_ringing) {
		gsm_post(pcs, held && pcs->active < 0 ? GSM_EV_RING_GONE_HELD
						      : GSM_EV_RING_GONE);
	} else {
		choose_tone(pcs);
		redraw(pcs);
	}
}

static struct pc_slot *new_call(struct phone_calls *pcs, unsigned line);

/* The far end of C transfers us (its REFER, or BYE with Also): the new
 * call goes out at once and, when C was the handset's, takes its place. */
static void op_refer(void *arg, struct call *c, const struct call_refer *r)
{
	struct phone_calls *pcs = arg;
	struct pc_slot *x = slot_of(pcs, c), *y;
	struct call_info ci;
	int err;

	if (!x)
		return;
	call_get_info(c, &ci);
	y = new_call(pcs, ci.line);
	if (!y) {
		log_printf(LOG_WARN, LOG_CAT_CALL, "transfer to %s: no call slot",
			   r->target);
		call_refer_done(c, 503);
		return;
	}
	y->made_for = c;
	call_offhook(y->call);
	err = call_dial_refer(y->call, r);
	if (err) {
		log_printf(LOG_WARN, LOG_CAT_CALL, "transfer to %s: %s",
			   r->target, strerror(-err));
		call_free(y->call);
		y->call = NULL;
		call_refer_done(c, 400);
		return;
	}
	log_printf(LOG_INFO, LOG_CAT_CALL, "transferred to %s by %s", r->target,
		   r->referred_by[0] ? r->referred_by : r->requested_by);
	if (x == active_slot(pcs)) {
		pcs->take = (int)(y - pcs->slot);
		gsm_post(pcs, GSM_EV_TAKE);
	}
}

/* How our transfer of C ended. */
static void op_xfer(void *arg, struct call *c, enum call_xfer_result res)
{
	struct phone_calls *pcs = arg;
	struct pc_slot *x = slot_of(pcs, c);
	struct call *partner;

	if (!x)
		return;
	partner = x->partner && slot_of(pcs, x->partner) ? x->partner : NULL;
	if (pcs->first == x - pcs->slot)
		pcs->first = -1;
	switch (res) {
	case CALL_XFER_DONE:
		LCD_SET(pcs->p->lcd.prompt, "Transferred");
		/* the target ends the consultation (Replaces); a joined leg
		 * that it kept is ended here */
		if (x->joining && partner)
			call_onhook(partner);
		break;
	case CALL_XFER_FAILOVER:
		/* the guide's "with Consultation Using Failover", step 21:
		 * BYE to the target too */
		if (partner)
			call_onhook(partner);
		LCD_SET(pcs->p->lcd.prompt, "Transferred");
		break;
	case CALL_XFER_FAILED:
		if (x->joining) {
			if (partner)
				call_onhook(partner);
			break;
		}
		LCD_SET(pcs->p->lcd.prompt, "Transfer failed");
		gsm_post(pcs, GSM_EV_XFER_FAILED);
		break;
	}
	x->partner = NULL;
	x->joining = false;
	redraw(pcs);
}

static const struct call_ops call_ops = {
	.refer = op_refer,
	.xfer = op_xfer,
	.changed = op_changed,
	.media_port = op_media_port,
	.media = op_media,
	.media_stop = op_media_stop,
	.tone = op_tone,
	.ended = op_ended,
};

static int phone_send(void *arg, const struct net_addr *dst, const char *buf,
		      size_t len)
{
	return phone_sip_send(arg, dst, buf, len);
}

static struct pc_slot *new_call(struct phone_calls *pcs, unsigned line)
{
	struct phone *p = pcs->p;
	struct call_env env;
	unsigned i;

	for (i = 0; i < PHONE_CALLS_MAX; i++)
		if (!pcs->slot[i].call)
			break;
	if (i == PHONE_CALLS_MAX)
		return NULL;
	memset(&env, 0, sizeof(env));
	env.uac = p->uac;
	env.txn = p->txn;
	env.timers = &p->loop.timers;
	env.auth = auth_ops_host;
	env.send = phone_send;
	env.send_arg = p;
	env.phone_ip = p->opt.ip;
	env.seed = (uint32_t)rand();
	memset(&pcs->slot[i], 0, sizeof(pcs->slot[i]));
	pcs->slot[i].pcs = pcs;
	pcs->slot[i].key_tone = -1;
	pcs->slot[i].made_for = NULL;
	if (call_alloc(&pcs->slot[i].call, &env, p->cnf, line, &call_ops, pcs))
		return NULL;
	return &pcs->slot[i];
}

/* ---------------------------------------------------------------- keys */

/* What the dial plan's answer R calls: TARGET for call_dial() (the
 * number, "number@route" for a Route FQDN), its FLAGS and User=.
 * 0 or -ENAMETOOLONG. */
static int plan_target(const struct dialplan_result *r, char *target,
		       size_t size, unsigned *flags, int *user)
{
	int n;

	if (r->route == DIALPLAN_ROUTE_FQDN && r->route_host)
		n = snprintf(target, size, "%s@%s", r->dial, r->route_host);
	else
		n = snprintf(target, size, "%s", r->dial);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	if (flags)
		*flags = r->route == DIALPLAN_ROUTE_EMERGENCY ? UAC_EMERGENCY : 0;
	*user = r->user == DIALPLAN_USER_NONE ? CALL_USER_LINE : (int)r->user;
	return 0;
}

static void dial(struct phone_calls *pcs, const struct dialplan_result *r)
{
	struct pc_slot *a = active_slot(pcs);
	char target[DIALPLAN_DIAL_MAX + DIALPLAN_HOST_MAX + 2];
	unsigned flags = 0;
	int err, user;

	if (!a)
		return;
	rt_timer_stop(&pcs->p->loop.timers, &pcs->dial_timer);
	err = plan_target(r, target, sizeof(target), &flags, &user);
	if (!err) {
		log_printf(LOG_INFO, LOG_CAT_CALL, "dial %s", target);
		err = call_dial(a->call, target, flags, user);
	}
	if (!err)
		phone_history_placed(pcs->p, target);
	if (err) {
		log_printf(LOG_WARN, LOG_CAT_CALL, "cannot dial %s: %s", target,
			   strerror(-err));
		LCD_SET(pcs->p->lcd.prompt, "Cannot dial");
		redraw(pcs);
	}
}

static void on_dial_timeout(struct rt_timer *t, void *arg)
{
	struct phone_calls *pcs = arg;
	struct dialplan_result r;

	(void)t;
	if (pcs->session && dialplan_timeout(pcs->session, &r) == 0)
		dial(pcs, &r);
}

static void on_auto_answer(struct rt_timer *t, void *arg)
{
	struct phone_calls *pcs = arg;

	(void)t;
	if (pcs->gsm_cs >= 0)
		gsm_post(pcs, GSM_EV_ANSWER);
}

/* ---------------------------------------------------------------- gsm */

void gsm__new_call(struct phone_calls *pcs)
{
	struct phone *p = pcs->p;
	struct pc_slot *s = new_call(pcs, 1);

	if (!s) {
		pcs->err = -EAGAIN;
		log_printf(LOG_WARN, LOG_CAT_CALL, "no call slot free");
		return;
	}
	pcs->active = (int)(s - pcs->slot);
	/* a line named by a URL starts in URL dialing (Table 2-2) */
	pcs->url_mode = p->lcd.line[0].icon == LCD_ICON_URL ||
			p->lcd.line[0].icon == LCD_ICON_URL_READY;
	if (!pcs->session && dialplan_session_start(p->plan, &pcs->session)) {
		pcs->err = -ENOMEM;
		return;
	}
	dialplan_session_restart(pcs->session);
	call_offhook(s->call);
	LCD_SET(p->lcd.prompt, "Enter number");
}

void gsm__answer(struct phone_calls *pcs)
{
	int r = slot_in(pcs, CALL_ST_ringing);

	if (r < 0) {
		pcs->err = -ENOTCONN;
		return;
	}
	pcs->active = r;
	call_answer(pcs->slot[r].call);
	phone_history_answered(pcs->p, pcs->slot[r].call);
}

void gsm__hold(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);

	if (a)
		call_hold(a->call);
}

void gsm__resume(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);

	if (a)
		call_resume(a->call);
}

void gsm__hang_up(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);

	rt_timer_stop(&pcs->p->loop.timers, &pcs->dial_timer);
	if (a)
		call_onhook(a->call);
	pcs->active = -1;
}

void gsm__select_held(struct phone_calls *pcs)
{
	pcs->active = held_slot(pcs);
	pcs->first = -1; /* a consultation given up: a held call like any */
}

void gsm__unselect(struct phone_calls *pcs)
{
	pcs->active = -1;
}

/* ---------------------------------------------------------------- transfer, conference */

/* The first call and the consultation (the active one), or NULL. */
static struct call *first_call(struct phone_calls *pcs)
{
	return pcs->first >= 0 ? pcs->slot[pcs->first].call : NULL;
}

/* Trnsfer or Confrn in a call: it goes on hold, a new call gets dial
 * tone (Appendix B step 6: the hold re-INVITE comes first). */
void gsm__consult(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);

	if (!a) {
		pcs->err = -ENOTCONN;
		return;
	}
	pcs->first = (int)(a - pcs->slot);
	call_hold(a->call);
	gsm__new_call(pcs);
}

static void xfer_refer_err(struct phone_calls *pcs, int err)
{
	if (!err)
		return;
	log_printf(LOG_WARN, LOG_CAT_CALL, "transfer: %s", strerror(-err));
	pcs->err = err;
}

/* Trnsfer again before the number is dialed: REFER it (blind). */
void gsm__xfer_blind(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct call *x = first_call(pcs);

	rt_timer_stop(&pcs->p->loop.timers, &pcs->dial_timer);
	if (x)
		xfer_refer_err(pcs, call_transfer(x, pcs->xfer_target,
						  pcs->xfer_user));
	if (a)
		call_onhook(a->call); /* the consultation never went out */
	pcs->active = -1;
}

/* Trnsfer while the consultation rings (semi_attended_transfer 1): it
 * is cancelled and its target gets a blind REFER -- the target's early
 * dialog cannot be replaced (RFC 3891 s.3). */
void gsm__xfer_semi(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct call *x = first_call(pcs);
	struct call_info ci;

	if (a && x) {
		call_get_info(a->call, &ci);
		xfer_refer_err(pcs, call_transfer(x, ci.peer, CALL_USER_LINE));
	}
	if (a)
		call_onhook(a->call);
	pcs->active = -1;
}

void gsm__xfer_denied(struct phone_calls *pcs)
{
	log_printf(LOG_INFO, LOG_CAT_CALL, "transfer while ringing refused "
		   "(semi_attended_transfer 0)");
	pcs->err = -EPERM;
}

/* Trnsfer once the consultation is answered: REFER with Replaces; the
 * target ends the consultation (step 22), the handset stays on it. */
void gsm__xfer_attended(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct call *x = first_call(pcs);
	struct pc_slot *xs = x ? slot_of(pcs, x) : NULL;

	if (!a || !xs) {
		pcs->err = -ENOTCONN;
		return;
	}
	xs->partner = a->call;
	xs->joining = false;
	xfer_refer_err(pcs, call_transfer_replaces(x, a->call));
}

/* Confrn once the consultation is answered: the first call is resumed
 * (step 12) and both are mixed (on_tick). */
void gsm__conference(struct phone_calls *pcs)
{
	struct call *x = first_call(pcs);

	if (!x) {
		pcs->err = -ENOTCONN;
		return;
	}
	memset(pcs->leg_rx, 0, sizeof(pcs->leg_rx));
	call_resume(x);
}

/* The bridge hangs up: with cnf_join_enable the first leg is referred
 * to the second (Replaces), else both end. */
void gsm__cnf_hang_up(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct call *x = first_call(pcs);
	struct pc_slot *xs = x ? slot_of(pcs, x) : NULL;
	int err = -ENOTCONN;

	if (xs && a && (cnf_int(pcs->p->cnf, CNF_CNF_JOIN_ENABLE) & 1)) {
		xs->partner = a->call;
		xs->joining = true;
		err = call_join(x, a->call);
		if (err)
			log_printf(LOG_WARN, LOG_CAT_CALL, "join: %s",
				   strerror(-err));
	}
	if (err) {
		if (x)
			call_onhook(x);
		if (a)
			call_onhook(a->call);
	}
	pcs->active = -1;
	pcs->first = -1;
}

void gsm__cnf_hold(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct call *x = first_call(pcs);

	if (x)
		call_hold(x);
	if (a)
		call_hold(a->call);
}

void gsm__cnf_resume(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct call *x = first_call(pcs);

	if (x)
		call_resume(x);
	if (a)
		call_resume(a->call);
}

void gsm__cnf_party_gone(struct phone_calls *pcs)
{
	pcs->active = pcs->take;
	pcs->first = -1;
}

void gsm__take(struct phone_calls *pcs)
{
	pcs->active = pcs->take;
}

void gsm__ignore(struct phone_calls *pcs, int ev)
{
	log_printf(LOG_DEBUG, LOG_CAT_CALL, "gsm %s ignores %s",
		   gsm__state_name(pcs->gsm_cs), gsm_ev_name(ev));
}

void gsm__unexpected(struct phone_calls *pcs, int ev)
{
	log_printf(LOG_INFO, LOG_CAT_CALL, "gsm: %s unexpected in %s",
		   gsm_ev_name(ev), gsm__state_name(pcs->gsm_cs));
	pcs->err = -ENOTCONN;
}

/* ---------------------------------------------------------------- keys */

int phone_calls_offhook(struct phone *p)
{
	struct phone_calls *pcs = p->calls;

	if (!pcs)
		return -ENOTCONN;
	gsm_post(pcs, GSM_EV_OFFHOOK);
	return pcs->err;
}

int phone_calls_hook(struct phone *p)
{
	if (!p->calls)
		return -ENOTCONN;
	return gsm__offhook(p->calls->gsm_cs) ? phone_calls_onhook(p)
					      : phone_calls_offhook(p);
}

int phone_calls_messages(struct phone *p)
{
	const char *uri = p->cnf ? cnf_str(p->cnf, CNF_MESSAGES_URI) : "";

	if (!uri[0])
		return -ENOENT;
	return phone_calls_dial(p, uri);
}

int phone_calls_dial(struct phone *p, const char *target)
{
	struct phone_calls *pcs = p->calls;
	struct pc_slot *a;
	int err;

	if (!pcs)
		return -ENOTCONN;
	a = active_slot(pcs);
	if (a && call_state(a->call) != CALL_ST_dialing)
		return -EBUSY;
	if (!a && (err = phone_calls_offhook(p)))
		return err;
	a = active_slot(pcs);
	if (!a)
		return -ENOTCONN;
	rt_timer_stop(&p->loop.timers, &pcs->dial_timer);
	log_printf(LOG_INFO, LOG_CAT_CALL, "dial %s", target);
	/* the call's offhook event is queued before the dial: it sees both */
	err = call_dial(a->call, target, 0, CALL_USER_LINE);
	if (!err)
		phone_history_placed(p, target);
	return err;
}

int phone_calls_onhook(struct phone *p)
{
	struct phone_calls *pcs = p->calls;

	if (!pcs)
		return -ENOTCONN;
	gsm_post(pcs, GSM_EV_ONHOOK);
	return 0;
}

int phone_calls_key(struct phone *p, char key)
{
	struct phone_calls *pcs = p->calls;
	struct pc_slot *a;
	struct dialplan_result r;
	int err;

	if (!pcs)
		return -ENOTCONN;
	a = active_slot(pcs);
	if (!a)
		return -ENOTCONN; /* off hook first */
	switch (call_state(a->call)) {
	case CALL_ST_dialing:
		err = dialplan_feed_key(pcs->session, key, &r);
		if (err)
			return err;
		rt_timer_stop(&p->loop.timers, &pcs->dial_timer);
		if (r.action == DIALPLAN_DIAL) {
			dial(pcs, &r);
		} else {
			size_t klen;
			const char *k = dialplan_session_keys(pcs->session, &klen);
			char keys[LCD_WIDTH + 1];

			snprintf(keys, sizeof(keys), "%.*s", (int)klen, k);
			LCD_SET(p->lcd.prompt, keys);
			/* a key ends the dial tone; the template may start a
			 * secondary one (Bellcore-Outside after "9,") */
			if (a->tone == CALL_TONE_DIAL)
				a->tone = CALL_TONE_NONE;
			a->key_tone = r.tone == DIALPLAN_TONE_NONE
				? -1
				: media_tone_by_name(dialplan_tone_name(r.tone));
			choose_tone(pcs);
			if (r.timeout)
				rt_timer_start(&p->loop.timers,
					       &pcs->dial_timer,
					       (uint64_t)r.timeout * 1000,
					       on_dial_timeout, pcs);
			redraw(pcs);
		}
		return 0;
	case CALL_ST_connected:
	case CALL_ST_early:
	case CALL_ST_answering:
	case CALL_ST_answering_hold:
		if (!a->mc)
			return -ENOTCONN;
		return media_chan_send_dtmf(a->mc, key, PHONE_CALLS_DTMF_MS);
	default:
		return -ENOTCONN;
	}
}

/* The Dial soft key: what was entered goes out now. */
static int dial_now(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct dialplan_result r;
	int err;

	if (!a || call_state(a->call) != CALL_ST_dialing || !pcs->session)
		return -ENOTCONN;
	err = dialplan_dial_now(pcs->session, &r);
	if (err)
		return err;
	dial(pcs, &r);
	return 0;
}

/* "<<": the last key goes (the session collects the rest again). */
static int erase_key(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	char keys[DIALPLAN_KEYS_MAX];
	const char *k;
	size_t n, i;

	if (!a || call_state(a->call) != CALL_ST_dialing || !pcs->session)
		return -ENOTCONN;
	k = dialplan_session_keys(pcs->session, &n);
	if (!n)
		return 0;
	memcpy(keys, k, --n);
	dialplan_session_restart(pcs->session);
	for (i = 0; i < n; i++) {
		struct dialplan_result r;

		dialplan_feed_key(pcs->session, keys[i], &r);
	}
	redraw(pcs);
	return 0;
}

/* What Trnsfer means now: the first press holds the call and dials the
 * target; in the consultation it depends on how far that call got. */
static int transfer_event(struct phone_calls *pcs)
{
	struct pc_slot *a = active_slot(pcs);
	struct dialplan_result r;
	int err;

	if (!gsm__consulting(pcs->gsm_cs))
		return GSM_EV_TRANSFER;
	if (!a)
		return -ENOTCONN;
	switch (call_state(a->call)) {
	case CALL_ST_dialing:
		/* the number so far is the target (the dial plan's rules) */
		if (!pcs->session)
			return -ENOTCONN;
		err = dialplan_dial_now(pcs->session, &r);
		if (err)
			return err;
		err = plan_target(&r, pcs->xfer_target,
				  sizeof(pcs->xfer_target), NULL,
				  &pcs->xfer_user);
		return err ? err : GSM_EV_XFER_BLIND;
	case CALL_ST_calling:
	case CALL_ST_alerting:
	case CALL_ST_early:
		return cnf_int(pcs->p->cnf, CNF_SEMI_ATTENDED_TRANSFER) & 1
			       ? GSM_EV_XFER_SEMI
			       : GSM_EV_XFER_DENIED;
	case CALL_ST_connected:
		return GSM_EV_XFER_ATTENDED;
	default:
		return -ENOTCONN;
	}
}

int phone_calls_softkey(struct phone *p, unsigned n)
{
	static const struct {
		const char *label;
		int ev;
	} keys[] = {
		{"EndCall", GSM_EV_ONHOOK}, {"NewCall", GSM_EV_NEWCALL},
		{"Answer", GSM_EV_ANSWER},  {"Hold", GSM_EV_HOLD},
		{"Resume", GSM_EV_RESUME},  {"Confrn", GSM_EV_CONFERENCE},
	};
	struct phone_calls *pcs = p->calls;
	unsigned i;
	int ev;

	if (!pcs || n >= LCD_SOFTKEYS)
		return -EINVAL;
	if (!strcmp(p->lcd.softkey[n], "Trnsfer")) {
		ev = transfer_event(pcs);
		if (ev < 0)
			return ev;
		gsm_post(pcs, ev);
		return pcs->err;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(p->lcd.softkey[n], keys[i].label)) {
			gsm_post(pcs, keys[i].ev);
			return pcs->err;
		}
	if (!strcmp(p->lcd.softkey[n], "URL") ||
	    !strcmp(p->lcd.softkey[n], "Number")) {
		pcs->url_mode = !pcs->url_mode;
		redraw(pcs);
		return 0;
	}
	if (!strcmp(p->lcd.softkey[n], "Dial"))
		return dial_now(pcs);
	if (!strcmp(p->lcd.softkey[n], "<<"))
		return erase_key(pcs);
	return -ENOTSUP; /* Redial, CFwd, more: not on this phone yet */
}

bool phone_calls_text_entry(const struct phone *p)
{
	const struct pc_slot *a;

	if (!p->calls || !p->calls->url_mode)
		return false;
	a = active_slot(p->calls);
	return a && call_state(a->call) == CALL_ST_dialing;
}

int phone_calls_text(struct phone *p, char c)
{
	if (!phone_calls_text_entry(p))
		return -ENOTCONN;
	return phone_calls_key(p, c);
}

/* ---------------------------------------------------------------- SIP */

static bool cnf_on(const struct phone *p, enum cnf_param prm)
{
	return (cnf_int(p->cnf, prm) & 1) != 0; /* 1 and 3 are "on" */
}

static bool anonymous(const struct sip_msg *req)
{
	return sip_pl_caseeq(&req->from.uri.user, "anonymous") ||
	       (sip_pl_isset(&req->from.dname) &&
		sip_pl_caseeq(&req->from.dname, "Anonymous"));
}

/* A call that is only ending or waiting for a transfer's last word:
 * it does not make the phone busy. */
static bool lingering(const struct call *c)
{
	switch (call_state(c)) {
	case CALL_ST_transferred:
	case CALL_ST_notifying:
	case CALL_ST_handed_off:
	case CALL_ST_releasing:
	case CALL_ST_done:
		return true;
	default:
		return false;
	}
}

/* An INVITE with Replaces (RFC 3891): we are the transfer target.  It
 * takes the place of the call it names, answered at once; 481 when it
 * names none of our confirmed dialogs. */
static void replacing(struct phone_calls *pcs, struct txn *t,
		      const struct sip_msg *req, const struct sip_hdr *h)
{
	struct sip_replaces r;
	struct pc_slot *z = NULL, *w;
	struct call_info ci;
	unsigned i;
	int status;

	if (sip_replaces_parse(&r, h->val.p, h->val.l)) {
		txn_respond_status(t, 400, "bad");
		return;
	}
	for (i = 0; i < PHONE_CALLS_MAX && !z; i++)
		if (pcs->slot[i].call &&
		    call_replaces_match(pcs->slot[i].call, &r))
			z = &pcs->slot[i];
	if (!z) {
		txn_respond_status(t, 481, "none");
		return;
	}
	call_get_info(z->call, &ci);
	w = new_call(pcs, ci.line);
	if (!w) {
		txn_respond_status(t, 486, "busy");
		return;
	}
	status = call_incoming_replacing(w->call, t, req);
	if (status) {
		txn_respond_status(t, (uint16_t)status, "bad");
		call_free(w->call);
		w->call = NULL;
		return;
	}
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %.*s replaces %s",
		   (int)req->call_id.l, req->call_id.p, ci.call_id);
	call_replaced(z->call);
	if (z == active_slot(pcs)) {
		pcs->take = (int)(w - pcs->slot);
		gsm_post(pcs, GSM_EV_TAKE);
	}
}

static void incoming(struct phone_calls *pcs, struct txn *t,
		     const struct sip_msg *req)
{
	struct phone *p = pcs->p;
	const struct sip_hdr *rh = sip_msg_hdr(req, SIP_HDR_REPLACES);
	struct pc_slot *s;
	unsigned i, busy = 0;
	int status;

	if (rh) {
		replacing(pcs, t, req, rh);
		return;
	}
	for (i = 0; i < PHONE_CALLS_MAX; i++)
		if (pcs->slot[i].call && !lingering(pcs->slot[i].call))
			busy++;
	if (cnf_on(p, CNF_DND_CONTROL)) {
		/* "logs those calls in the Missed Calls directory" */
		phone_history_refused(p, req);
		txn_respond_status(t, 480, "dnd");
		return;
	}
	if (cnf_on(p, CNF_ANONYMOUS_CALL_BLOCK) && anonymous(req)) {
		txn_respond_status(t, 433, "anon");
		return;
	}
	if (busy && (!cnf_on(p, CNF_CALL_WAITING) ||
		     busy >= PHONE_CALLS_LIVE_MAX)) {
		txn_respond_status(t, 486, "busy");
		return;
	}
	s = new_call(pcs, 1);
	if (!s) {
		txn_respond_status(t, 500, "nomem");
		return;
	}
	status = call_incoming(s->call, t, req);
	if (status) {
		txn_respond_status(t, (uint16_t)status, "bad");
		call_free(s->call);
		s->call = NULL;
		return;
	}
	gsm_post(pcs, GSM_EV_RING);
	if (p->opt.auto_answer >= 0)
		rt_timer_start(&p->loop.timers, &pcs->auto_answer,
			       (uint64_t)p->opt.auto_answer * 1000,
			       on_auto_answer, pcs);
}

/* A NOTIFY of a refer subscription (RFC 3515), not of MWI or check-sync. */
static bool refer_notify(const struct sip_msg *req)
{
	const struct sip_hdr *h = sip_msg_hdr(req, SIP_HDR_EVENT);
	struct sip_event e;

	return req->mid == SIP_METHOD_NOTIFY && h &&
	       sip_event_parse(&e, h->val.p, h->val.l) == 0 &&
	       sip_pl_caseeq(&e.type, "refer");
}

bool phone_calls_request(struct phone *p, struct txn *t,
			 const struct sip_msg *req)
{
	struct phone_calls *pcs = p->calls;
	unsigned i;

	if (!pcs)
		return false;
	for (i = 0; i < PHONE_CALLS_MAX; i++) {
		struct call *c = pcs->slot[i].call;

		if (!c || !call_match(c, req))
			continue;
		if (req->mid == SIP_METHOD_CANCEL) {
			struct txn *inv = txn_find_cancelled(p->txn, req);

			txn_respond_status(t, inv ? 200 : 481, NULL);
			if (inv)
				call_cancelled(c);
			return true;
		}
		call_request(c, t, req);
		return true;
	}
	if (req->mid == SIP_METHOD_INVITE && !sip_pl_isset(&req->to.tag)) {
		incoming(pcs, t, req);
		return true;
	}
	if (req->mid == SIP_METHOD_BYE || req->mid == SIP_METHOD_CANCEL ||
	    (sip_pl_isset(&req->to.tag) &&
	     (req->mid == SIP_METHOD_INVITE || req->mid == SIP_METHOD_REFER ||
	      refer_notify(req)))) {
		/* RFC 3261 12.2.2 / 9.2: no such dialog or transaction */
		txn_respond_status(t, 481, NULL);
		return true;
	}
	return false;
}

void phone_calls_stray(struct phone *p, const struct sip_msg *m)
{
	struct phone_calls *pcs = p->calls;
	unsigned i;

	if (!pcs || !m->is_request || m->mid != SIP_METHOD_ACK)
		return;
	for (i = 0; i < PHONE_CALLS_MAX; i++)
		if (pcs->slot[i].call && call_match(pcs->slot[i].call, m)) {
			call_request(pcs->slot[i].call, NULL, m);
			return;
		}
}

/* ---------------------------------------------------------------- CLI */

/* "show fsmdef" (each call's chart), "show rtp" (each call's RTP), "show
 * lsm" (each line: its calls), "show gsm" (the hook, the call the keys
 * act on, what the speaker plays), "show fim" (the call features in
 * force) and "show dspstate" (each media channel). */
int phone_calls_show(const struct phone *p, enum phone_calls_view v,
		     char *buf, size_t size)
{
	const struct phone_calls *pcs = p->calls;
	struct call_info ci;
	size_t len = 0;
	unsigned i, n;
	int w = 0;

#define OUT(...)                                                              \
	do {                                                                  \
		w = snprintf(buf + len, size - len, __VA_ARGS__);             \
		if (w < 0 || (size_t)w >= size - len)                         \
			return -ENOSPC;                                       \
		len += (size_t)w;                                             \
	} while (0)
	buf[0] = '\0';
	switch (v) {
	case PHONE_CALLS_FSMDEF:
		for (i = 0, n = 0; pcs && i < PHONE_CALLS_MAX; i++) {
			if (!pcs->slot[i].call)
				continue;
			call_get_info(pcs->slot[i].call, &ci);
			OUT("call %u: line %u %s %s %s%s call-id %s%s\n", i + 1,
			    ci.line, ci.outgoing ? "out" : "in", ci.state_name,
			    ci.peer, ci.remote_hold ? " (held by peer)" : "",
			    ci.call_id, pcs->active == (int)i ? " active" : "");
			n++;
		}
		if (!n)
			OUT("no calls%s\n", pcs && gsm__offhook(pcs->gsm_cs)
						     ? " (off hook)" : "");
		break;
	case PHONE_CALLS_RTP:
		for (i = 0, n = 0; pcs && i < PHONE_CALLS_MAX; i++) {
			const struct pc_slot *sl = &pcs->slot[i];
			const struct media_chan_stats *st;

			if (!sl->mc)
				continue;
			st = media_chan_stats(sl->mc);
			OUT("call %u: rtp local %u remote %u tx %lu rx %lu lost %lu "
			    "late %lu jitter %lu dtmf sent %lu received %lu (%s)\n",
			    i + 1, sl->rtp ? sl->rtp->local.port : 0,
			    sl->rtp_dst.port, (unsigned long)st->tx_packets,
			    (unsigned long)st->rx_packets, (unsigned long)st->lost,
			    (unsigned long)st->late, (unsigned long)st->jitter,
			    (unsigned long)st->dtmf_sent,
			    (unsigned long)st->dtmf_detected, sl->dtmf_seen);
			n++;
		}
		if (!n)
			OUT("no media\n");
		break;
	case PHONE_CALLS_LSM:
		for (n = 1; n <= LCD_LINES; n++) {
			const char *name = cnf_str(p->cnf,
						   cnf_line_param(CNF_LINE_NAME, n));
			unsigned calls = 0;
			const char *st = "idle";

			if (!strcmp(name, "UNPROVISIONED"))
				continue;
			for (i = 0; pcs && i < PHONE_CALLS_MAX; i++) {
				if (!pcs->slot[i].call)
					continue;
				call_get_info(pcs->slot[i].call, &ci);
				if (ci.line != n)
					continue;
				calls++;
				st = ci.state_name;
			}
			OUT("line %u (%s): %s, %u call%s\n", n, name,
			    calls > 1 ? "busy" : st, calls, calls == 1 ? "" : "s");
		}
		break;
	case PHONE_CALLS_GSM:
		OUT("hook: %s\n", pcs && gsm__offhook(pcs->gsm_cs) ? "off"
								  : "on");
		OUT("state: %s\n", pcs ? gsm__state_name(pcs->gsm_cs) : "-");
		OUT("active call: %d\n", pcs ? pcs->active + 1 : 0);
		OUT("speaker: %s\n",
		    !pcs || pcs->playing == MEDIA_TONE_COUNT
			    ? "call audio"
			    : pcs->playing > MEDIA_TONE_COUNT
				      ? p->ring[pcs->playing - MEDIA_TONE_COUNT -
						1].file
				      : media_tone_name(pcs->playing));
		OUT("frames: %lu (20 ms)\n", pcs ? pcs->frames : 0);
		OUT("message waiting: %s\n", p->lcd.message_waiting ? "yes"
								   : "no");
		break;
	case PHONE_CALLS_FIM: {
		static const enum cnf_param feat[] = {
			CNF_CALL_WAITING, CNF_DND_CONTROL,
			CNF_ANONYMOUS_CALL_BLOCK, CNF_CALLERID_BLOCKING,
			CNF_CALL_HOLD_RINGBACK, CNF_REMOTE_PARTY_ID,
		};

		for (i = 0; i < sizeof(feat) / sizeof(feat[0]); i++)
			OUT("%s: %s\n", cnf_param_info(feat[i])->name,
			    cnf_int(p->cnf, feat[i]) & 1 ? "on" : "off");
		OUT("preferred_codec: %s\n",
		    cnf_str(p->cnf, CNF_PREFERRED_CODEC));
		OUT("dtmf: inband %s, outofband %s, payload %s\n",
		    cnf_int(p->cnf, CNF_DTMF_INBAND) ? "on" : "off",
		    cnf_str(p->cnf, CNF_DTMF_OUTOFBAND),
		    cnf_str(p->cnf, CNF_DTMF_AVT_PAYLOAD));
		OUT("ring types: %u\n", p->nrings);
		break;
	}
	case PHONE_CALLS_DSP:
		for (i = 0, n = 0; pcs && i < PHONE_CALLS_MAX; i++) {
			const struct pc_slot *sl = &pcs->slot[i];
			const struct media_chan_stats *st;

			if (!sl->mc)
				continue;
			call_get_info(sl->call, &ci);
			st = media_chan_stats(sl->mc);
			OUT("channel %u: pt %u, telephone-event %u, %s%s, "
			    "jitter buffer %u ms, cn sent %lu received %lu\n",
			    i + 1, ci.media.pt, ci.media.dtmf_pt,
			    ci.media.send ? "send" : "",
			    ci.media.recv ? "recv" : "", st->delay_ms,
			    (unsigned long)st->cn_sent,
			    (unsigned long)st->cn_received);
			n++;
		}
		if (!n)
			OUT("no channel open\n");
		break;
	case PHONE_CALLS_FSMXFR:
		/* each call in a transfer: its role, state and the other end */
		for (i = 0, n = 0; pcs && i < PHONE_CALLS_MAX; i++) {
			const struct pc_slot *sl = &pcs->slot[i];
			const char *role = NULL;

			if (!sl->call)
				continue;
			call_get_info(sl->call, &ci);
			switch (ci.state) {
			case CALL_ST_referring:
			case CALL_ST_transferred:
			case CALL_ST_consult_referring:
			case CALL_ST_transferring:
				role = "transferor";
				break;
			case CALL_ST_joining:
			case CALL_ST_joined:
				role = "bridge joining";
				break;
			case CALL_ST_referred:
			case CALL_ST_notifying:
			case CALL_ST_handed_off:
				role = "transferee";
				break;
			default:
				if (ci.made_for[0])
					role = "transfer call";
				else if ((int)i == pcs->first &&
					 gsm__consulting(pcs->gsm_cs))
					role = "consulting";
				break;
			}
			if (!role)
				continue;
			OUT("xfer %u: %s, call %s %s, to %s%s%s\n", i + 1, role,
			    ci.call_id, ci.state_name,
			    ci.xfer[0] ? ci.xfer : ci.peer,
			    ci.made_for[0] ? " for " : "", ci.made_for);
			n++;
		}
		if (!n)
			OUT("no transfers\n");
		OUT("semi_attended_transfer: %s\n",
		    cnf_int(p->cnf, CNF_SEMI_ATTENDED_TRANSFER) & 1 ? "on"
								    : "off");
		break;
	case PHONE_CALLS_FSMCNF: {
		const struct pc_slot *legs[2];

		if (pcs && bridge_legs(pcs, legs)) {
			OUT("conference: %s, mixing here, %lu frames mixed\n",
			    gsm__state_name(pcs->gsm_cs), pcs->mixed);
			for (i = 0; i < 2; i++) {
				call_get_info(legs[i]->call, &ci);
				OUT("leg %u: call %s %s %s\n", i + 1, ci.call_id,
				    ci.state_name, ci.peer);
			}
		} else {
			OUT("no conference\n");
		}
		OUT("cnf_join_enable: %s\n",
		    cnf_int(p->cnf, CNF_CNF_JOIN_ENABLE) & 1 ? "on" : "off");
		break;
	}
	}
#undef OUT
	return (int)len;
}

/* The ring files are about to go (a new RINGLIST.DAT): nothing may
 * play from them. */
void phone_calls_rings_gone(struct phone *p)
{
	struct phone_calls *pcs = p->calls;

	if (!pcs || pcs->playing <= MEDIA_TONE_COUNT)
		return;
	media_ring_stop(&pcs->ring);
	pcs->playing = MEDIA_TONE_COUNT;
}

/* ---------------------------------------------------------------- life */

int phone_calls_open(struct phone *p)
{
	struct phone_calls *pcs;
	int err;

	if (p->calls)
		return 0;
	pcs = calloc(1, sizeof(*pcs));
	if (!pcs)
		return -ENOMEM;
	pcs->p = p;
	pcs->active = -1;
	gsm__init(pcs);
	pcs->playing = MEDIA_TONE_COUNT;
	err = media_tone_init(&pcs->tone);
	if (err) {
		free(pcs);
		return err;
	}
	err = uv_timer_init(p->uv, &pcs->tick);
	if (err) {
		media_tone_fini(&pcs->tone);
		free(pcs);
		return err;
	}
	pcs->tick.data = pcs;
	pcs->tick_open = 1;
	uv_timer_start(&pcs->tick, on_tick, MEDIA_FRAME_MS, MEDIA_FRAME_MS);
	p->calls = pcs;
	redraw(pcs);
	return 0;
}

static bool any_call(const struct phone_calls *pcs)
{
	unsigned i;

	for (i = 0; i < PHONE_CALLS_MAX; i++)
		if (pcs->slot[i].call)
			return true;
	return false;
}

static void end_poll(struct rt_timer *t, void *arg)
{
	struct phone_calls *pcs = arg;
	void (*done)(void *) = pcs->end_done;

	(void)t;
	if (any_call(pcs) && pcs->end_left-- &&
	    rt_timer_start(&pcs->p->loop.timers, &pcs->end_tm,
			   PHONE_CALLS_END_POLL_MS, end_poll, pcs) == 0)
		return;
	if (any_call(pcs))
		log_printf(LOG_WARN, LOG_CAT_CALL, "shutdown: calls still ending "
			   "after %u ms", PHONE_CALLS_END_MS);
	pcs->end_done = NULL;
	if (done)
		done(pcs->end_arg);
}

void phone_calls_end_all(struct phone *p, void (*done)(void *arg), void *arg)
{
	struct phone_calls *pcs = p->calls;
	unsigned i;

	if (!pcs || !any_call(pcs)) {
		if (done)
			done(arg);
		return;
	}
	for (i = 0; i < PHONE_CALLS_MAX; i++) {
		struct call *c = pcs->slot[i].call;

		if (!c)
			continue;
		if (call_state(c) == CALL_ST_ringing)
			call_refuse(c, 480); /* Temporarily Unavailable */
		else
			call_onhook(c);
	}
	pcs->end_done = done;
	pcs->end_arg = arg;
	pcs->end_left = PHONE_CALLS_END_MS / PHONE_CALLS_END_POLL_MS;
	if (rt_timer_start(&p->loop.timers, &pcs->end_tm,
			   PHONE_CALLS_END_POLL_MS, end_poll, pcs)) {
		pcs->end_done = NULL;
		if (done)
			done(arg);
	}
}

static void tick_closed(uv_handle_t *h)
{
	free(h->data);
}

void phone_calls_close(struct phone *p)
{
	struct phone_calls *pcs = p->calls;
	unsigned i;

	if (!pcs)
		return;
	p->calls = NULL;
	rt_timer_stop(&p->loop.timers, &pcs->end_tm);
	rt_timer_stop(&p->loop.timers, &pcs->dial_timer);
	rt_timer_stop(&p->loop.timers, &pcs->auto_answer);
	for (i = 0; i < PHONE_CALLS_MAX; i++) {
		media_close(&pcs->slot[i]);
		call_free(pcs->slot[i].call);
		pcs->slot[i].call = NULL;
	}
	dialplan_session_free(pcs->session);
	media_tone_fini(&pcs->tone);
	uv_timer_stop(&pcs->tick);
	uv_close((uv_handle_t *)&pcs->tick, tick_closed);
}
