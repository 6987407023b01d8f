/*
 * txn_nist.rl - non-INVITE server transaction: RFC 3261 17.2.2
 * (Figure 8).  Every state names what it does with each event; anything
 * else is logged as unexpected and changes nothing.
 */
#include "txn/txn_int.h"

%%{
	machine txn_nist;
	alphtype unsigned char;
	include txn_events "_txn_events.rl";

	action to_tu       { txn__pass_request(t); }
	action send        { txn__send_response(t); }
	action resend      { txn__resend_response(t); }
	action arm_j       { txn__arm_linger(t, TXN_EV_TIMER_J); }
	action transport   { txn__transport_error(t); }
	action done        { txn__terminate(t); }
	action ignore      { txn__ignore(t, fc); }
	# fentry() makes every label an entry point, so that the diagrams
	# and txn__nist_state() can name the states.
	action unexpected  {
		txn__unexpected(t, fc);
		(void)(fentry(start) + fentry(trying) + fentry(proceeding) +
		       fentry(completed) + fentry(terminated));
	}

	tu_final      = EV_TU_2XX | EV_TU_ERR;
	trying_ev     = EV_RX_REQ | EV_TU_1XX | tu_final;
	proceeding_ev = trying_ev | EV_TRANSPORT_ERR;
	completed_ev  = EV_RX_REQ | EV_TIMER_J | EV_TRANSPORT_ERR;

	main := start: (
	    EV_RX_REQ          @to_tu                             -> trying
	  | (any - EV_RX_REQ)  @unexpected                        -> start
	),
	# Nothing sent yet: a retransmitted request has nothing to repeat.
	trying: (
	    EV_RX_REQ          @ignore                            -> trying
	  | EV_TU_1XX          @send                              -> proceeding
	  | tu_final           @send @arm_j                       -> completed
	  | (any - trying_ev)  @unexpected                        -> trying
	),
	proceeding: (
	    EV_RX_REQ          @resend                            -> proceeding
	  | EV_TU_1XX          @send                              -> proceeding
	  | tu_final           @send @arm_j                       -> completed
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - proceeding_ev) @unexpected                     -> proceeding
	),
	completed: (
	    EV_RX_REQ          @resend                            -> completed
	  | EV_TIMER_J         @done                              -> terminated
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - completed_ev) @unexpected                      -> completed
	),
	terminated: (
	    any                @unexpected                        -> terminated
	);
}%%

%% write data noerror nofinal;

void txn__nist_init(struct txn *t)
{
	int cs;

	%% write init;
	t->cs = cs;
}

void txn__nist_feed(struct txn *t, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = t->cs;

	%% write exec;
	t->cs = cs;
}

const char *txn__nist_state(int cs)
{
	if (cs == txn_nist_en_main_start) return "start";
	if (cs == txn_nist_en_main_trying) return "trying";
	if (cs == txn_nist_en_main_proceeding) return "proceeding";
	if (cs == txn_nist_en_main_completed) return "completed";
	if (cs == txn_nist_en_main_terminated) return "terminated";
	return "?";
}
