/*
 * call.h - one call of the phone: the INVITE dialog (RFC 3261 s.12-15),
 * its SDP offer and answer (RFC 3264) and what the person hears.
 *
 * Its behaviour is the Ragel state chart spec/call/call.rl (the guide's
 * "fsmdef"); this module turns keys, responses and requests into the
 * chart's events, one at a time, and carries out its actions.
 *
 * What goes on the wire (the guide, Appendix A and B):
 *   INVITE sip:<dialed>@<proxyN_address>[:port][;user=phone|ip]
 *     (a dialed URL "user@host" is called as it is)
 *   From: "lineN_displayname" <sip:lineN_name@<proxy>>;tag=   (callerid_blocking:
 *         "Anonymous" <sip:anonymous@localhost>)
 *   Contact: <sip:lineN_name@<local>:<voip_control_port>>
 *   Remote-Party-ID when remote_party_id is 1; Allow, Supported, User-Agent
 *   SDP: preferred_codec first, then the others, telephone-event
 *        (dtmf_avt_payload) when dtmf_outofband is not "none"
 *   hold:   re-INVITE with c=IN IP4 0.0.0.0 ("Call Setup and Hold")
 *   end:    BYE; CANCEL while the INVITE has no final response
 * Incoming: 180 Ringing at once, 200 with our answer when answered, 488
 * when no codec is common, 486 / 480 decided by the owner (busy, DND).
 * Transfer (Appendix B "Call Transfer ...", RFC 3515, RFC 3891):
 *   REFER sip:<their Contact> / Refer-To: <target[?Replaces=...]>,
 *     Referred-By: <our From URI>; 202 then NOTIFY (Event: refer,
 *     message/sipfrag) both ways; 501 to REFER: BYE with Also: <target>
 *   a REFER or BYE/Also for us: the owner makes the new call, whose
 *     INVITE carries Referred-By (or Requested-By) and Replaces
 *
 * No OS here: requests go through runtime/uac and runtime/txn, time
 * through rt_timers, media through the owner's callbacks.
 * Errors are negative errno values; 0 is success.
 */
#ifndef CALL_H
#define CALL_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/auth.h"
#include "cnf/cnf.h"
#include "net/net_addr.h"
#include "rt/rt_timer.h"
#include "sdp/sdp.h"
#include "sip/sip_hval.h"
#include "txn/txn.h"
#include "uac/uac.h"

/* The methods the phone takes (Allow: in 2xx to INVITE and OPTIONS). */
#define CALL_ALLOW "INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER"

/* Limits (named; tested at and past the edge). */
enum {
	CALL_URI_MAX      = 256,  /* bytes of a URI we keep (target, peer) */
	CALL_NAME_MAX     = 64,   /* bytes of a display name we keep */
	CALL_CALLID_MAX   = 96,   /* bytes of a Call-ID (ours or theirs) */
	CALL_TAG_MAX      = 64,   /* bytes of a tag */
	CALL_ROUTES_MAX   = 4,    /* Record-Route entries kept */
	CALL_RR_HDRS_MAX  = 8,    /* Record-Route header fields copied into a
				   * response (each may hold several) */
	CALL_SDP_MAX      = 1024, /* bytes of the SDP we write */
	CALL_MSG_MAX      = 4096, /* bytes of a request or response we build */
	CALL_REDIRECTS_MAX = 5,   /* 3xx responses followed per call */
	CALL_ALT_MAX      = 4,    /* Contacts of one 3xx tried in turn */
	CALL_EVQ_MAX      = 8,    /* queued events */
	CALL_REPLACES_MAX = 256,  /* bytes of a Replaces value (unescaped) */
	CALL_REFER_TO_MAX = 3 * 256 + CALL_URI_MAX, /* Refer-To with an
				   * escaped Replaces in it */
	CALL_NOTIFY_WAIT_MS = 32000, /* a transfer's final NOTIFY (64*T1) */
	CALL_HANDOFF_WAIT_MS = 32000, /* the transferor's BYE after ours */
	CALL_DEFAULT_PORT = 5060,
	CALL_TELEPHONE_EVENT_DEFAULT = 101,
};

/* The chart's states (spec/call/call.rl names them the same). */
#define CALL_STATES(X)                                                        \
	X(start) X(dialing) X(calling) X(alerting) X(early) X(cancelling)     \
	X(failed) X(ringing) X(answering) X(answering_hold) X(connected)     \
	X(holding)                                                            \
	X(held) X(resuming) X(releasing) X(referring) X(transferred)   \
	X(consult_referring) X(transferring) X(joining) X(joined)           \
	X(referred) X(notifying) X(last_notify) X(handed_off) X(done)

enum call_state {
#define X(s) CALL_ST_##s,
	CALL_STATES(X)
#undef X
};

/* What the person hears from the phone itself. */
enum call_tone {
	CALL_TONE_NONE,
	CALL_TONE_DIAL,
	CALL_TONE_RINGBACK,
	CALL_TONE_BUSY,
	CALL_TONE_REORDER,
	CALL_TONE_RING,          /* the ringer (or call waiting: the owner) */
};

/* The media both ends agreed on (RFC 3264). */
struct call_media {
	uint32_t remote_ip;      /* network order as net_addr keeps it */
	uint16_t remote_port;    /* 0: the far end sends nothing to us */
	uint16_t local_port;
	uint8_t pt;              /* codec: 0 PCMU, 8 PCMA, 18 G729 */
	uint8_t dtmf_pt;         /* telephone-event, 0 if not agreed */
	bool send, recv;         /* directions in effect (hold: neither) */
};

struct call;

/* What the far end asks the owner to call (its REFER or its BYE/Also). */
struct call_refer {
	char target[CALL_URI_MAX];        /* the new call's Request-URI */
	char replaces[CALL_REPLACES_MAX]; /* Replaces for its INVITE, or "" */
	char referred_by[CALL_URI_MAX];   /* REFER: Referred-By, or "" */
	char requested_by[CALL_URI_MAX];  /* BYE/Also: Requested-By, or "" */
};

/* How a transfer of ours ended. */
enum call_xfer_result {
	CALL_XFER_DONE,          /* the far end took it (NOTIFY 2xx, or blind) */
	CALL_XFER_FAILED,        /* refused or failed: the call is held again */
	CALL_XFER_FAILOVER,      /* 501 to REFER: BYE with Also went instead */
};

/* Shared by every call: the SIP machinery and the phone's identity. */
struct call_env {
	struct uac *uac;
	struct txn_layer *txn;
	struct rt_timers *timers;
	struct auth_ops auth;
	/* ACK for a 2xx goes straight to the network (it has no transaction). */
	int (*send)(void *arg, const struct net_addr *dst, const char *buf,
		    size_t len);
	void *send_arg;
	const char *phone_ip;
	uint32_t seed;
};

struct call_ops {
	/* The state, the peer or the prompt changed (redraw). */
	void (*changed)(void *arg, struct call *c);
	/* A local RTP port for this call's SDP: 0 and *PORT, or an error
	 * (no port free: the call fails with 500 / reorder). */
	int (*media_port)(void *arg, struct call *c, uint16_t *port);
	/* Start (or change) the media; M is valid for the call only. */
	void (*media)(void *arg, struct call *c, const struct call_media *m);
	void (*media_stop)(void *arg, struct call *c);
	void (*tone)(void *arg, struct call *c, enum call_tone t);
	/* The far end asks for a new call: the owner makes it with
	 * call_dial_refer() and tells how it went with call_refer_done(). */
	void (*refer)(void *arg, struct call *c, const struct call_refer *r);
	/* Our transfer of C (call_transfer...) ended so. */
	void (*xfer)(void *arg, struct call *c, enum call_xfer_result res);
	/* The call is over: the last callback; the owner frees it. */
	void (*ended)(void *arg, struct call *c);
};

/* What the owner and the CLI ("show fsmdef") see. */
struct call_info {
	enum call_state state;
	const char *state_name;
	unsigned line;
	bool outgoing;
	bool remote_hold;        /* the far end put us on hold */
	char peer[CALL_URI_MAX]; /* the far end's URI */
	char peer_name[CALL_NAME_MAX]; /* its display name ("" if none) */
	char diversion[CALL_URI_MAX];  /* who forwarded the call, "" if nobody */
	char prompt[48];         /* for the LCD: "Ring Out", "Busy"... */
	char call_id[CALL_CALLID_MAX];
	uint16_t last_status;    /* the last final response to our INVITE */
	uint8_t alert;           /* Alert-Info ring type 1..N, 0: default */
	char xfer[CALL_URI_MAX]; /* the transfer in hand: our REFER's target,
				  * or theirs (REFER, Also); "" if none */
	char made_for[CALL_URI_MAX]; /* the transferor this call is made for
				  * (Referred-By / Requested-By), "" if none */
	struct call_media media;
};

/* A new call on LINE (1..6) with snapshot C (what it needs is copied). */
int call_alloc(struct call **cp, const struct call_env *env,
	       const struct cnf *c, unsigned line, const struct call_ops *ops,
	       void *arg);
/* No callbacks; whatever is in flight is abandoned (shutdown). */
void call_free(struct call *c);

/* The person: off hook (dial tone), the number to dial, on hook, answer,
 * hold and resume.  TARGET is what the dial plan gave ("1234", or a URL
 * "user@host"); FLAGS: UAC_EMERGENCY for Route=emergency; USER the dial
 * plan's User= (0 none, 1 phone, 2 ip), or CALL_USER_LINE for the line's
 * user_info.  0, -EINVAL (empty), -ENAMETOOLONG, -EHOSTUNREACH (a number
 * and no proxy). */
#define CALL_USER_LINE (-1)
void call_offhook(struct call *c);
int  call_dial(struct call *c, const char *target, unsigned flags, int user);
void call_onhook(struct call *c);
void call_answer(struct call *c);
/* Turn the ringing call down with STATUS (4xx-6xx; shutdown: 480). */
void call_refuse(struct call *c, uint16_t status);
void call_hold(struct call *c);
void call_resume(struct call *c);

/* Transfer this call (held) to TARGET, dialed as call_dial() takes it:
 * a blind transfer (REFER).  0, -EINVAL, -ENAMETOOLONG, -EHOSTUNREACH. */
int  call_transfer(struct call *c, const char *target, int user);
/* Transfer this call (held) to the far end of CONSULT, a confirmed call
 * of ours: Refer-To carries Replaces (attended transfer).  0, -ENOTCONN
 * (CONSULT has no dialog), -ENAMETOOLONG. */
int  call_transfer_replaces(struct call *c, const struct call *consult);
/* The conference bridge leaves: refer this leg to OTHER (as above), then
 * BYE whatever the answer. */
int  call_join(struct call *c, const struct call *other);
/* A new call the far end of another asked for (struct call_refer): the
 * INVITE carries Referred-By or Requested-By and Replaces.  As call_dial. */
int  call_dial_refer(struct call *c, const struct call_refer *r);
/* How the call made for this call's REFER or Also went: STATUS 200 when
 * answered, else its failure (the final NOTIFY's sipfrag). */
void call_refer_done(struct call *c, uint16_t status);
/* Whether R (an INVITE's Replaces) names this call's confirmed dialog
 * (RFC 3891 s.3: to-tag ours, from-tag theirs). */
bool call_replaces_match(const struct call *c, const struct sip_replaces *r);
/* An INVITE with Replaces for this new call: answered at once.  As
 * call_incoming. */
int  call_incoming_replacing(struct call *c, struct txn *t,
			     const struct sip_msg *req);
/* This call was replaced by another (RFC 3891): it ends with BYE. */
void call_replaced(struct call *c);

/* A new INVITE (no To tag) for this call: it rings.  T is its server
 * transaction.  0, or the status the caller must be answered with
 * (488 no common codec, 400 bad SDP) -- the owner answers it. */
int call_incoming(struct call *c, struct txn *t, const struct sip_msg *req);

/* Whether REQ (in a dialog, or a CANCEL) belongs to this call. */
bool call_match(const struct call *c, const struct sip_msg *req);
/* A request in this call's dialog (BYE, re-INVITE, ACK...) on server
 * transaction T (NULL for an ACK). */
void call_request(struct call *c, struct txn *t, const struct sip_msg *req);
/* The CANCEL of our ringing INVITE's caller, answered 200 by the owner:
 * the INVITE gets its 487 from the chart. */
void call_cancelled(struct call *c);

void call_get_info(const struct call *c, struct call_info *i);
enum call_state call_state(const struct call *c);
const char *call_state_name(enum call_state s);

/* SDP offer and answer (call_sdp.c); exposed for the tests. */
struct call_codecs {
	uint8_t pt[4];           /* in preference order */
	unsigned n;
	uint8_t dtmf_pt;         /* 0: no telephone-event */
};
void call_codecs_from_cnf(struct call_codecs *k, const struct cnf *c);
/* Our SDP: an offer (REMOTE NULL) or an answer to REMOTE with the chosen
 * PT.  HOLD writes c=IN IP4 0.0.0.0.  Length, or -ENOBUFS. */
struct call_sdp_local {
	const char *addr;        /* dotted IPv4 */
	uint16_t port;
	uint32_t sess_id, sess_ver;
	bool hold;
};
int call_sdp_write(char *buf, size_t cap, const struct call_sdp_local *l,
		   const struct call_codecs *k, const struct call_media *chosen);
/* What REMOTE (an offer or an answer) says, chosen against K: 0, or
 * -ENOTSUP (no codec in common, 488), -EBADMSG (no audio / bad SDP). */
int call_sdp_choose(const struct sdp_sess *remote,
		    const struct call_codecs *k, struct call_media *m);

#endif
