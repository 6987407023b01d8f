/*
 * phone_call.h - the phone's calls (runtime/call) wired to the keys, the
 * dial plan, the screen, the media and the SIP requests that start them.
 *
 * Two live calls at most (PHONE_CALLS_LIVE_MAX): the one the handset
 * talks to and one more, ringing (call waiting), held, or the other leg
 * of a transfer or a three-way call; PHONE_CALLS_MAX also counts calls
 * that only wait for a transfer's last NOTIFY or BYE.  The guide:
 *   - off hook or a line key: dial tone, the dial plan collects keys and
 *     says when and what to dial (Route=emergency goes to proxy_emergency);
 *   - an INVITE for us rings (Alert-Info picks the ring type); while a
 *     call is up it is call waiting when call_waiting is 1, else 486 Busy
 *     Here; dnd_control 1 answers 480; anonymous_call_block 1 refuses an
 *     anonymous caller (433 Anonymity Disallowed);
 *   - soft keys by state (Table 2-2 era 7960): idle "Redial NewCall CFwd
 *     more", dialing "Redial EndCall", ringing "Answer", connected "Hold
 *     EndCall", held "Resume EndCall NewCall";
 *   - keys in a connected call are DTMF (dtmf_inband, dtmf_outofband);
 *   - Trnsfer holds the call and dials the target; Trnsfer again while
 *     dialing is a blind transfer, while it rings a semi-attended one
 *     (semi_attended_transfer), once answered an attended one (REFER with
 *     Replaces); Confrn instead bridges the two calls (three-way calling,
 *     mixed here); the bridge hanging up joins them (cnf_join_enable);
 *   - a REFER or BYE/Also for a call, or an INVITE with Replaces, makes
 *     the new call the handset's.
 * --auto-answer SECONDS (a host option, like baresip's) answers a ringing
 * call by itself.
 */
#ifndef PHONE_CALL_H
#define PHONE_CALL_H

#include <stdbool.h>
#include <stddef.h>

#include "net/net_addr.h"
#include "sip/sip_msg.h"
#include "txn/txn.h"

struct phone;

enum {
	PHONE_CALLS_MAX = 4,
	PHONE_CALLS_LIVE_MAX = 2,
	PHONE_CALLS_DTMF_MS = 100,     /* one key's tone or event */
	PHONE_CALLS_END_MS = 2000,     /* shutdown: calls get this long to end */
	PHONE_CALLS_END_POLL_MS = 20,
};

int  phone_calls_open(struct phone *p);
void phone_calls_close(struct phone *p);
/* Shutdown: every call is hung up (BYE, CANCEL; a ringing one gets 480),
 * then DONE runs once they ended or PHONE_CALLS_END_MS passed. */
void phone_calls_end_all(struct phone *p, void (*done)(void *arg),
			 void *arg);

/* The person (hook switch, key pad, soft keys sk1..sk4).  0, or -ENOTCONN
 * (nothing to do it to), -EAGAIN (every call slot in use). */
int phone_calls_offhook(struct phone *p);
int phone_calls_onhook(struct phone *p);
int phone_calls_key(struct phone *p, char key);
int phone_calls_softkey(struct phone *p, unsigned n);
/* URL dialing: whether typed characters are keys of the number being
 * dialed (a host keyboard sends them through phone_calls_text). */
bool phone_calls_text_entry(const struct phone *p);
int phone_calls_text(struct phone *p, char c);
/* The hook switch of a host keyboard: off hook when on, on when off. */
int phone_calls_hook(struct phone *p);
/* The Messages key: off hook and dial messages_uri (-ENOENT if unset). */
int phone_calls_messages(struct phone *p);

/* Off hook (unless dialing already) and dial TARGET ("1234" or
 * "user@host") at once: the directories' Dial.  -EBUSY in a call. */
int phone_calls_dial(struct phone *p, const char *target);

/* Before the ring files are freed (a new RINGLIST.DAT). */
void phone_calls_rings_gone(struct phone *p);

/* A request from the transaction layer: true when a call took it. */
bool phone_calls_request(struct phone *p, struct txn *t,
			 const struct sip_msg *req);
/* An ACK matching no transaction (the ACK of a 2xx after Timer L). */
void phone_calls_stray(struct phone *p, const struct sip_msg *m);

/* The CLI's views of the calls (Table 4-1 "show"): the text into BUF, its
 * length, or -ENOSPC when it does not fit (never cut). */
enum phone_calls_view {
	PHONE_CALLS_FSMDEF, PHONE_CALLS_RTP, PHONE_CALLS_LSM, PHONE_CALLS_GSM,
	PHONE_CALLS_FIM, PHONE_CALLS_DSP, PHONE_CALLS_FSMXFR, PHONE_CALLS_FSMCNF,
};
int phone_calls_show(const struct phone *p, enum phone_calls_view v,
		     char *buf, size_t size);

#endif
