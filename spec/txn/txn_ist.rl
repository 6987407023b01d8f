/*
 * txn_ist.rl - INVITE server transaction: RFC 3261 17.2.1 (Figure 7) with
 * the Accepted state of RFC 6026 (Figure 5).  The 2xx is retransmitted
 * here until the ACK (RFC 3261 13.3.1.4 gives that to the UAS core; RFC
 * 6026 lets the 2xx pass through this state, so it is done in one place).
 * Every state names what it does with each event; anything else is logged
 * as unexpected and changes nothing.
 */
#include "txn/txn_int.h"

%%{
	machine txn_ist;
	alphtype unsigned char;
	include txn_events "_txn_events.rl";

	action to_tu       { txn__pass_request(t); }
	action trying      { txn__send_trying(t); }
	action send        { txn__send_response(t); }
	action resend      { txn__resend_response(t); }
	action arm_g       { txn__arm_retransmit(t, TXN_EV_TIMER_G); }
	action stop_g      { txn__stop_retransmit(t); }
	action arm_h       { txn__arm_timeout(t, TXN_EV_TIMER_H); }
	action arm_i       { txn__arm_linger(t, TXN_EV_TIMER_I); }
	action arm_l       { txn__arm_timeout(t, TXN_EV_TIMER_L); }
	action ack_to_tu   { txn__pass_ack(t); }
	action no_ack      { txn__no_ack(t); }
	action transport   { txn__transport_error(t); }
	action done        { txn__terminate(t); }
	action ignore      { txn__ignore(t, fc); }
	# fentry() makes every label an entry point, so that the diagrams
	# and txn__ist_state() can name the states.
	action unexpected  {
		txn__unexpected(t, fc);
		(void)(fentry(start) + fentry(proceeding) + fentry(accepted) +
		       fentry(acked) + fentry(completed) + fentry(confirmed) +
		       fentry(terminated));
	}

	proceeding_ev = EV_RX_REQ | EV_TU_1XX | EV_TU_2XX | EV_TU_ERR |
	                EV_TRANSPORT_ERR;
	accepted_ev   = EV_RX_REQ | EV_RX_ACK | EV_TIMER_G | EV_TIMER_L |
	                EV_TU_2XX | EV_TRANSPORT_ERR;
	acked_ev      = EV_RX_REQ | EV_RX_ACK | EV_TU_2XX | EV_TIMER_L;
	completed_ev  = EV_RX_REQ | EV_RX_ACK | EV_TIMER_G | EV_TIMER_H |
	                EV_TRANSPORT_ERR;
	confirmed_ev  = EV_RX_REQ | EV_RX_ACK | EV_TIMER_I;

	# 100 Trying at once: the phone answers itself, no proxy in between.
	main := start: (
	    EV_RX_REQ          @to_tu @trying                     -> proceeding
	  | (any - EV_RX_REQ)  @unexpected                        -> start
	),
	proceeding: (
	    EV_RX_REQ          @resend                            -> proceeding
	  | EV_TU_1XX          @send                              -> proceeding
	  | EV_TU_2XX          @send @arm_g @arm_l                -> accepted
	  | EV_TU_ERR          @send @arm_g @arm_h                -> completed
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - proceeding_ev) @unexpected                     -> proceeding
	),
	# The 2xx goes out again until its ACK (our addition to RFC 6026's
	# Accepted); INVITE retransmissions are absorbed until Timer L.
	accepted: (
	    EV_TIMER_G         @resend @arm_g                     -> accepted
	  | EV_RX_ACK          @stop_g @ack_to_tu                 -> acked
	  | EV_RX_REQ          @ignore                            -> accepted
	  | EV_TU_2XX          @ignore                            -> accepted
	  | EV_TIMER_L         @no_ack @done                      -> terminated
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - accepted_ev) @unexpected                       -> accepted
	),
	acked: (
	    (EV_RX_REQ | EV_RX_ACK | EV_TU_2XX) @ignore           -> acked
	  | EV_TIMER_L         @done                              -> terminated
	  | (any - acked_ev)   @unexpected                        -> acked
	),
	completed: (
	    EV_RX_REQ          @resend                            -> completed
	  | EV_TIMER_G         @resend @arm_g                     -> completed
	  | EV_RX_ACK          @stop_g @arm_i                     -> confirmed
	  | EV_TIMER_H         @no_ack @done                      -> terminated
	  | EV_TRANSPORT_ERR   @transport                         -> terminated
	  | (any - completed_ev) @unexpected                      -> completed
	),
	confirmed: (
	    (EV_RX_REQ | EV_RX_ACK) @ignore                       -> confirmed
	  | EV_TIMER_I         @done                              -> terminated
	  | (any - confirmed_ev) @unexpected                      -> confirmed
	),
	terminated: (
	    any                @unexpected                        -> terminated
	);
}%%

%% write data noerror nofinal;

void txn__ist_init(struct txn *t)
{
	int cs;

	%% write init;
	t->cs = cs;
}

void txn__ist_feed(struct txn *t, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = t->cs;

	%% write exec;
	t->cs = cs;
}

const char *txn__ist_state(int cs)
{
	if (cs == txn_ist_en_main_start) return "start";
	if (cs == txn_ist_en_main_proceeding) return "proceeding";
	if (cs == txn_ist_en_main_accepted) return "accepted";
	if (cs == txn_ist_en_main_acked) return "acked";
	if (cs == txn_ist_en_main_completed) return "completed";
	if (cs == txn_ist_en_main_confirmed) return "confirmed";
	if (cs == txn_ist_en_main_terminated) return "terminated";
	return "?";
}
