/*
 * reg_int.h - internals shared by runtime/reg/reg.c and the chart
 * generated from spec/reg/reg.rl.
 */
#ifndef REG_INT_H
#define REG_INT_H

#include "reg/reg.h"
#include "reg/reg_events.h"

/* What registration depends on, copied from a snapshot.  Zeroed before it
 * is filled, so two of them compare with memcmp. */
struct reg_cfg {
	char name[REG_STR_MAX + 1];
	char authname[REG_STR_MAX + 1];
	char password[REG_STR_MAX + 1];   /* never logged */
	char dname[REG_STR_MAX + 1];
	struct uac_route route;
	char local[UAC_HOST_MAX + 1];     /* Via (and Contact) host */
	char nat[UAC_HOST_MAX + 1];       /* received= adopted; "" if none */
	uint16_t local_port;
	uint8_t user_info;                /* 0 none, 1 phone, 2 ip */
	uint8_t nat_received;
	uint32_t expires;                 /* timer_register_expires */
};

struct reg_qev {
	uint8_t ev;
	uint32_t gen;   /* the request it answers; 0: not tied to one */
};

struct reg {
	int cs;
	unsigned line, flags;
	struct reg_env env;
	char phone_ip[16];                /* dotted IPv4 */
	const struct reg_ops *ops;
	void *arg;

	struct reg_cfg cur;               /* what the requests use */
	struct reg_cfg next;              /* the newest wanted (adopt) */
	uint8_t have_cfg, next_pending;

	uint8_t on_backup;                /* this registrar is proxy_backup */
	uint8_t bound;                    /* a binding is believed live */
	uint8_t unreg;                    /* the request in flight: Expires 0 */
	uint8_t interval_rounds;          /* 423 rounds of this request */
	struct uac_req *req;              /* in flight, NULL if none */
	uint32_t req_gen;                 /* bumped for every attempt */
	uint32_t cseq;
	uint32_t req_expires;             /* asked for (423 may raise it) */
	uint32_t min_expires;             /* learnt from 423 */
	uint32_t granted, granted_new;    /* s */
	uint32_t retry_after;             /* s, from the last failure */
	char call_id[REG_CALLID_MAX];
	char tag[24];
	char ruri[UAC_HOST_MAX + 16];

	struct auth_session auth;
	struct auth_try try;
	struct auth_out out;              /* credentials of the next send */

	uint16_t last_status;
	int last_err;
	char why[64];
	unsigned failures;
	unsigned long requests, registered, refreshes, challenges;

	struct rt_timer tm;               /* refresh or back-off */
	int tm_ev;
	struct rt_timer kick;             /* runs queued events from the loop */
	struct reg_qev evq[REG_EVQ_MAX];
	unsigned evq_n;
	enum reg_status reported;
	uint8_t in_exec;
};

void reg__init(struct reg *r);
void reg__exec(struct reg *r, int ev);
const char *reg__state(int cs);
enum reg_status reg__status(int cs, int bound);

void reg__adopt(struct reg *r);
void reg__send(struct reg *r, int on);
void reg__resend(struct reg *r);
void reg__abandon(struct reg *r);
void reg__registered(struct reg *r);
void reg__failed(struct reg *r, int ev);
void reg__cancel(struct reg *r);
void reg__unregistered(struct reg *r);
void reg__to_backup(struct reg *r);
void reg__from_primary(struct reg *r);
void reg__ignore(struct reg *r, int ev);
void reg__unexpected(struct reg *r, int ev);

#endif
