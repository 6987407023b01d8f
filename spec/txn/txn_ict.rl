/*
 * txn_ict.rl - INVITE client transaction: RFC 3261 17.1.1 (Figure 5) with
 * the Accepted state of RFC 6026 (Figure 3).  Every state names what it
 * does with each event; anything else is logged as unexpected and changes
 * nothing.  Actions are the txn__* functions of runtime/txn/txn.c.
 */
#include "txn/txn_int.h"

%%{
	machine txn_ict;
	alphtype unsigned char;
	include txn_events "_txn_events.rl";

	action send        { txn__send_request(t); }
	action retransmit  { txn__retransmit_request(t); }
	action arm_a       { txn__arm_retransmit(t, TXN_EV_TIMER_A); }
	action arm_b       { txn__arm_timeout(t, TXN_EV_TIMER_B); }
	action stop_timers { txn__stop_timers(t); }
	action arm_d       { txn__arm_linger(t, TXN_EV_TIMER_D); }
	action arm_m       { txn__arm_linger(t, TXN_EV_TIMER_M); }
	action to_tu       { txn__pass_response(t); }
	action send_ack    { txn__send_ack(t); }
	action timeout     { txn__timeout(t); }
	action transport   { txn__transport_error(t); }
	action done        { txn__terminate(t); }
	action ignore      { txn__ignore(t, fc); }
	# fentry() makes every label an entry point, so that the diagrams
	# and txn__ict_state() can name the states.
	action unexpected  {
		txn__unexpected(t, fc);
		(void)(fentry(start) + fentry(calling) + fentry(proceeding) +
		       fentry(completed) + fentry(accepted) + fentry(terminated));
	}

	calling_ev    = EV_TIMER_A | EV_TIMER_B | EV_RX_1XX | EV_RX_2XX |
	                EV_RX_ERR | EV_TRANSPORT_ERR;
	proceeding_ev = EV_RX_1XX | EV_RX_2XX | EV_RX_ERR | EV_TRANSPORT_ERR;
	completed_ev  = EV_RX_1XX | EV_RX_ERR | EV_TIMER_D | EV_TRANSPORT_ERR;
	accepted_ev   = EV_RX_1XX | EV_RX_2XX | EV_RX_ERR | EV_TIMER_M;

	main := start: (
	    EV_TU_REQ          @send @arm_a @arm_b                -> calling
	  | (any - EV_TU_REQ)  @unexpected                        -> start
	),
	calling: (
	    EV_TIMER_A         @retransmit @arm_a                 -> calling
	  | EV_RX_1XX          @stop_timers @to_tu                -> proceeding
	  | EV_RX_2XX          @stop_timers @to_tu @arm_m         -> accepted
	  | EV_RX_ERR          @stop_timers @to_tu @send_ack @arm_d -> completed
	  | EV_TIMER_B         @timeout                           -> terminated
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - calling_ev) @unexpected                        -> calling
	),
	proceeding: (
	    EV_RX_1XX          @to_tu                             -> proceeding
	  | EV_RX_2XX          @to_tu @arm_m                      -> accepted
	  | EV_RX_ERR          @to_tu @send_ack @arm_d            -> completed
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - proceeding_ev) @unexpected                     -> proceeding
	),
	# A retransmitted final response gets the ACK again, not the TU.
	completed: (
	    EV_RX_ERR          @send_ack                          -> completed
	  | EV_RX_1XX          @ignore                            -> completed
	  | EV_TIMER_D         @done                              -> terminated
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - completed_ev) @unexpected                      -> completed
	),
	# 2xx retransmissions go to the TU, which ACKs each (RFC 6026 8.4).
	accepted: (
	    EV_RX_2XX          @to_tu                             -> accepted
	  | (EV_RX_1XX | EV_RX_ERR) @ignore                       -> accepted
	  | EV_TIMER_M         @done                              -> terminated
	  | (any - accepted_ev) @unexpected                       -> accepted
	),
	terminated: (
	    any                @unexpected                        -> terminated
	);
}%%

%% write data noerror nofinal;

void txn__ict_init(struct txn *t)
{
	int cs;

	%% write init;
	t->cs = cs;
}

void txn__ict_feed(struct txn *t, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = t->cs;

	%% write exec;
	t->cs = cs;
}

const char *txn__ict_state(int cs)
{
	if (cs == txn_ict_en_main_start) return "start";
	if (cs == txn_ict_en_main_calling) return "calling";
	if (cs == txn_ict_en_main_proceeding) return "proceeding";
	if (cs == txn_ict_en_main_completed) return "completed";
	if (cs == txn_ict_en_main_accepted) return "accepted";
	if (cs == txn_ict_en_main_terminated) return "terminated";
	return "?";
}
