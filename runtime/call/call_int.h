/*
 * call_int.h - internals shared by runtime/call/call.c and the chart
 * generated from spec/call/call.rl.
 */
#ifndef CALL_INT_H
#define CALL_INT_H

#include "call/call.h"
#include "call/call_events.h"
#include "sip/sip_build.h"

/* The request of ours in flight besides the INVITE (one at a time). */
enum call_req_kind {
	CALL_REQ_NONE, CALL_REQ_BYE, CALL_REQ_REINVITE, CALL_REQ_REFER,
};

/* A transfer this call takes part in (the CLI's "fsmxfr"). */
struct call_xfer {
	/* Ours (transferor). */
	char refer_to[CALL_REFER_TO_MAX];    /* Refer-To, as sent */
	char also[CALL_URI_MAX];             /* the target without Replaces */
	uint8_t bye_also;                    /* our BYE carries Also */
	uint16_t frag;                       /* the last sipfrag status heard */
	/* Theirs (transferee). */
	struct txn *refer_txn;               /* their REFER, not answered yet */
	struct call_refer in;                /* what it (or Also) asks */
	struct uac_req *ntf;                 /* our NOTIFY in flight */
	uint16_t ntf_next;                   /* the sipfrag to send next, 0 */
	uint16_t ntf_sent;                   /* ... the one in flight */
	struct auth_try ntf_try;             /* its digest challenges */
	uint16_t result;                     /* the new call's outcome */
	struct rt_timer timer;               /* NOTIFY or BYE waited for */
};

struct call {
	int cs;
	struct call_env env;
	char phone_ip[16];
	const struct call_ops *ops;
	void *arg;
	unsigned line;

	/* What the call needs from the snapshot it started with. */
	char name[CNF_STR_MAX + 1];
	char dname[CNF_STR_MAX + 1];
	char authname[CNF_STR_MAX + 1];
	char password[CNF_STR_MAX + 1];      /* never logged */
	struct uac_route route;
	char local[UAC_HOST_MAX + 1];        /* Via, Contact and SDP host */
	uint16_t local_port;
	uint8_t user_info;                   /* 0 none, 1 phone, 2 ip */
	uint8_t rpid, anonymous;             /* remote_party_id, callerid_blocking */
	uint32_t invite_expires;             /* timer_invite_expires, s */
	struct call_codecs codecs;

	/* The dialog (RFC 3261 s.12). */
	uint8_t outgoing;
	char call_id[CALL_CALLID_MAX];
	char ltag[CALL_TAG_MAX], rtag[CALL_TAG_MAX];
	char local_uri[CALL_URI_MAX];        /* From (ours) */
	char remote_uri[CALL_URI_MAX];       /* To of ours, From of theirs */
	char remote_name[CALL_NAME_MAX];
	char target[CALL_URI_MAX];           /* their Contact */
	char ruri[CALL_URI_MAX];             /* our INVITE's Request-URI */
	char routes[CALL_ROUTES_MAX][CALL_URI_MAX];
	unsigned nroutes;
	uint32_t lcseq, rcseq, inv_cseq;
	unsigned uac_flags;
	unsigned redirects;
	char alt[CALL_ALT_MAX][CALL_URI_MAX]; /* a 3xx's Contacts left to try */
	unsigned nalt;
	uint8_t alt_via_proxy;               /* they came in a 305 */
	char diversion[CALL_URI_MAX];
	uint8_t alert;

	/* Our requests. */
	struct uac_req *inv;                 /* the INVITE (and its 2xx) */
	uint8_t inv_final;                   /* it had a final response */
	struct uac_req *req;                 /* BYE or re-INVITE */
	enum call_req_kind req_kind;
	uint8_t reinv_hold;                  /* the re-INVITE in flight holds */
	struct txn *cancel;                  /* our CANCEL's transaction */
	char ack[CALL_MSG_MAX];              /* ACK for the 2xx, resent per 2xx */
	size_t ack_len;
	struct net_addr ack_dst;

	/* Their requests. */
	struct txn *ist;                     /* the INVITE we answer */
	uint8_t ist_final;                   /* ... had its final response */
	struct txn *rst;                     /* a re-INVITE being answered */
	struct call_media offer;             /* what their INVITE offered */
	uint8_t have_offer;

	/* Media. */
	struct call_media media;
	uint8_t have_media, local_hold, remote_hold;
	uint32_t sess_id, sess_ver;

	/* Digest authentication of our requests. */
	struct auth_session auth;
	struct auth_try try;
	struct auth_out out;

	struct call_xfer xfer;
	struct call_refer made_for;          /* this call was asked for */

	uint16_t last_status;
	uint16_t refuse_status;              /* call_refuse()'s answer */
	char prompt[48];
	struct rt_timer expire;              /* timer_invite_expires */
	struct rt_timer kick;                /* runs queued events */
	uint8_t evq[CALL_EVQ_MAX];
	unsigned evq_n;
	uint8_t in_exec, ended;
};

/* What call__build_req() writes besides the dialog's own fields. */
struct call_build {
	const char *method;
	const char *ruri;
	uint32_t cseq;
	const char *body;       /* SDP or NULL */
	size_t body_len;
	const char *ctype;      /* of BODY; NULL: application/sdp */
	const struct sip_xhdr *xh; /* more headers (REFER, NOTIFY, Also) */
	unsigned nxh;
	bool in_dialog;
	bool creds;
};

enum { CALL_XHDR_MAX = 4 }; /* headers a struct call_build adds */

/* Helpers of call.c that call_xfer.c shares. */
void call__post(struct call *c, int ev);
int  call__build_req(struct call *c, struct sip_mbuf *b, const char *branch,
		     const struct call_build *x);
int  call__respond(struct call *c, struct txn *t, uint16_t status,
		   const char *sdp, size_t sdp_len);
void call__send_in_dialog(struct call *c, enum call_req_kind kind);
void call__dialog_route(const struct call *c, struct uac_route *rt);
void call__set_prompt(struct call *c, const char *s);
void call__copy_pl(char *dst, size_t size, const struct sip_pl *pl);
bool call__fits(const struct sip_pl *pl, size_t size);
int  call__fmt(char *buf, size_t size, const char *f, ...)
	__attribute__((format(printf, 3, 4)));
/* The Request-URI for what the person dialed (call_dial's rules). */
int  call__dial_uri(struct call *c, const char *target, int user, char *buf,
		    size_t size);

/* call_xfer.c: the transfer requests a dialog takes (REFER, NOTIFY, BYE
 * with Also); 0 when REQ was one of them and is answered. */
bool call__xfer_request(struct call *c, struct txn *t,
			const struct sip_msg *req);
void call__xfer_free(struct call *c);
/* A BYE's Also (into c->xfer.in): true if it names someone to call. */
bool call__also_from(struct call *c, const struct sip_msg *bye);

void call__init(struct call *c);
void call__exec(struct call *c, int ev);
enum call_state call__state(int cs);

/* The chart's actions (call.c). */
void call__dial_tone(struct call *c);
void call__send_invite(struct call *c);
void call__ringback(struct call *c);
void call__early_media(struct call *c);
void call__connected(struct call *c);
void call__busy(struct call *c);
void call__reorder(struct call *c);
void call__send_cancel(struct call *c);
void call__ring(struct call *c);
void call__refuse(struct call *c);
void call__answer(struct call *c);
void call__cancelled(struct call *c);
void call__send_bye(struct call *c);
void call__send_reinvite(struct call *c, int hold);
void call__held(struct call *c);
void call__resumed(struct call *c);
void call__remote_media(struct call *c);
void call__end(struct call *c);
void call__send_refer(struct call *c);
void call__accept_refer(struct call *c);
void call__refuse_refer(struct call *c);
void call__send_bye_also(struct call *c);
void call__also(struct call *c);
void call__wait_notify(struct call *c);
void call__xfer_result(struct call *c);
void call__xfer_failed(struct call *c);
void call__notify_result(struct call *c);
void call__handed_off(struct call *c);
void call__ignore(struct call *c, int ev);
void call__unexpected(struct call *c, int ev);

#endif
