/*
 * phone_call_int.h - internals shared by runtime/phone/phone_call.c and
 * the handset chart generated from spec/phone/gsm.rl.
 */
#ifndef PHONE_CALL_INT_H
#define PHONE_CALL_INT_H

#include <stdbool.h>
#include <uv.h>

#include "call/call.h"
#include "media_chan.h"
#include "phone/phone.h"
#include "phone/phone_call.h"
#include "phone/gsm_events.h"
#include "tones.h"
#include "transport/rtp_udp.h"

struct pc_slot {
	struct phone_calls *pcs;
	struct call *call;
	struct rtp_udp *rtp;            /* open from the SDP on */
	struct media_chan *mc;
	struct net_addr rtp_dst, rtcp_dst;
	enum call_tone tone;
	enum call_state last;           /* for HELD / RESUMED */
	int key_tone;                   /* the dial plan's secondary tone, -1 */
	unsigned long dtmf_rx;
	char dtmf_seen[32];             /* the last keys the far end sent */
	struct call *made_for;          /* the call whose REFER or Also this
					 * call was made for, NULL: none */
	bool reported;                  /* ... and it was told the outcome */
	struct call *partner;           /* our transfer's consultation, or
					 * the other leg we join this one to */
	bool joining;                   /* the bridge left: end PARTNER too
					 * when the join fails */
};

struct phone_calls {
	struct phone *p;
	struct pc_slot slot[PHONE_CALLS_MAX];
	int active;                     /* the handset's call, -1: none */
	int gsm_cs;                     /* spec/phone/gsm.rl */
	bool url_mode;                  /* dialing letters (URL dialing) */
	int err;                        /* the last action's, for the key */
	struct dialplan_session *session;
	struct rt_timer dial_timer;
	struct rt_timer auto_answer;
	uv_timer_t tick;                /* the 20 ms audio clock */
	uint8_t tick_open;
	struct media_tone tone;         /* dial, ringback, busy... */
	struct media_ring ring;         /* a RINGLIST.DAT ring type */
	enum media_tone_id playing;     /* MEDIA_TONE_COUNT: none */
	uint64_t now_ms;
	unsigned long frames;
	struct rt_timer end_tm;         /* shutdown: calls ending */
	unsigned end_left;              /* ... polls left */
	void (*end_done)(void *arg);
	void *end_arg;
	/* Transfer and conference (the CLI's fsmxfr and fsmcnf). */
	int first;                      /* the held call being transferred or
					 * conferenced; in a conference, the
					 * first leg (the active one is the
					 * second); -1 */
	int take;                       /* the call EV_TAKE makes active */
	char xfer_target[DIALPLAN_DIAL_MAX + DIALPLAN_HOST_MAX + 2];
	int xfer_user;                  /* ... dialed for a blind transfer */
	int16_t leg_rx[2][MEDIA_FRAME]; /* what each leg heard last frame */
	unsigned long mixed;            /* frames mixed (show fsmcnf) */
};

void gsm__init(struct phone_calls *pcs);
void gsm__exec(struct phone_calls *pcs, int ev);
const char *gsm__state_name(int cs);
bool gsm__offhook(int cs);
bool gsm__consulting(int cs);
bool gsm__bridged(int cs);

/* The chart's actions (phone_call.c). */
void gsm__new_call(struct phone_calls *pcs);
void gsm__answer(struct phone_calls *pcs);
void gsm__hold(struct phone_calls *pcs);
void gsm__resume(struct phone_calls *pcs);
void gsm__hang_up(struct phone_calls *pcs);
void gsm__select_held(struct phone_calls *pcs);
void gsm__unselect(struct phone_calls *pcs);
void gsm__consult(struct phone_calls *pcs);
void gsm__xfer_blind(struct phone_calls *pcs);
void gsm__xfer_semi(struct phone_calls *pcs);
void gsm__xfer_denied(struct phone_calls *pcs);
void gsm__xfer_attended(struct phone_calls *pcs);
void gsm__conference(struct phone_calls *pcs);
void gsm__cnf_hang_up(struct phone_calls *pcs);
void gsm__cnf_hold(struct phone_calls *pcs);
void gsm__cnf_resume(struct phone_calls *pcs);
void gsm__cnf_party_gone(struct phone_calls *pcs);
void gsm__take(struct phone_calls *pcs);
void gsm__ignore(struct phone_calls *pcs, int ev);
void gsm__unexpected(struct phone_calls *pcs, int ev);

#endif
