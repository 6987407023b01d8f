/*
 * txn_nict.rl - non-INVITE client transaction: RFC 3261 17.1.2
 * (Figure 6).  Every state names what it does with each event; anything
 * else is logged as unexpected and changes nothing.
 */
#include "txn/txn_int.h"

%%{
	machine txn_nict;
	alphtype unsigned char;
	include txn_events "_txn_events.rl";

	action send        { txn__send_request(t); }
	action retransmit  { txn__retransmit_request(t); }
	action arm_e       { txn__arm_retransmit(t, TXN_EV_TIMER_E); }
	action arm_f       { txn__arm_timeout(t, TXN_EV_TIMER_F); }
	action stop_timers { txn__stop_timers(t); }
	action arm_k       { txn__arm_linger(t, TXN_EV_TIMER_K); }
	action to_tu       { txn__pass_response(t); }
	action timeout     { txn__timeout(t); }
	action transport   { txn__transport_error(t); }
	action done        { txn__terminate(t); }
	action ignore      { txn__ignore(t, fc); }
	# fentry() makes every label an entry point, so that the diagrams
	# and txn__nict_state() can name the states.
	action unexpected  {
		txn__unexpected(t, fc);
		(void)(fentry(start) + fentry(trying) + fentry(proceeding) +
		       fentry(completed) + fentry(terminated));
	}

	final_rx      = EV_RX_2XX | EV_RX_ERR;
	trying_ev     = EV_TIMER_E | EV_TIMER_F | EV_RX_1XX | final_rx |
	                EV_TRANSPORT_ERR;
	completed_ev  = EV_RX_1XX | final_rx | EV_TIMER_K;

	main := start: (
	    EV_TU_REQ          @send @arm_e @arm_f                -> trying
	  | (any - EV_TU_REQ)  @unexpected                        -> start
	),
	trying: (
	    EV_TIMER_E         @retransmit @arm_e                 -> trying
	  | EV_RX_1XX          @to_tu                             -> proceeding
	  | final_rx           @stop_timers @to_tu @arm_k         -> completed
	  | EV_TIMER_F         @timeout                           -> terminated
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - trying_ev)  @unexpected                        -> trying
	),
	# Retransmissions go on, every T2 (17.1.2.2).
	proceeding: (
	    EV_TIMER_E         @retransmit @arm_e                 -> proceeding
	  | EV_RX_1XX          @to_tu                             -> proceeding
	  | final_rx           @stop_timers @to_tu @arm_k         -> completed
	  | EV_TIMER_F         @timeout                           -> terminated
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - trying_ev)  @unexpected                        -> proceeding
	),
	# Response retransmissions are absorbed.
	completed: (
	    (EV_RX_1XX | final_rx) @ignore                        -> completed
	  | EV_TIMER_K         @done                              -> terminated
	  | (any - completed_ev) @unexpected                      -> completed
	),
	terminated: (
	    any                @unexpected                        -> terminated
	);
}%%

%% write data noerror nofinal;

void txn__nict_init(struct txn *t)
{
	int cs;

	%% write init;
	t->cs = cs;
}

void txn__nict_feed(struct txn *t, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = t->cs;

	%% write exec;
	t->cs = cs;
}

const char *txn__nict_state(int cs)
{
	if (cs == txn_nict_en_main_start) return "start";
	if (cs == txn_nict_en_main_trying) return "trying";
	if (cs == txn_nict_en_main_proceeding) return "proceeding";
	if (cs == txn_nict_en_main_completed) return "completed";
	if (cs == txn_nict_en_main_terminated) return "terminated";
	return "?";
}
