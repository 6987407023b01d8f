/*
 * call.rl - one call, from the first key to the last BYE (RFC 3261 s.13-15;
 * the guide's Appendix B "Call Setup and Disconnect", "Call Setup and
 * Hold", "Simple Call Hold", the failed-call flows; the CLI's "fsmdef").
 *
 *   start --OFFHOOK--> dialing --DIAL--> calling --RINGING--> alerting
 *   calling/alerting/early --ANSWERED--> connected --HOLD--> holding
 *     --REINVITE_OK--> held --RESUME--> resuming --REINVITE_OK--> connected
 *   start --INVITE--> ringing --ANSWER--> answering --ACK--> connected
 *   connected --ONHOOK--> releasing --RELEASED--> done
 *   calling/alerting/early --ONHOOK--> cancelling (CANCEL; a 2xx that
 *     crosses it is ACKed and ended with BYE)
 *   calling/alerting/early --BUSY--> failed (busy tone until on hook)
 *   calling/alerting/early --REJECTED/NO_ANSWER--> failed (reorder tone)
 *
 * Hold by the far end (its re-INVITE with c=0.0.0.0 or a=sendonly) is an
 * EV_REINVITE: the media direction changes, the call's state does not.
 * Call waiting is two calls, one connected or held and one ringing; the
 * phone chooses the ring or the call-waiting tone (runtime/phone).
 *
 * Every state names what it does with each event; anything else is
 * logged by call__unexpected() and changes nothing.  Actions are the
 * call__* functions of runtime/call/call.c.
 */
#include "call/call_int.h"

%%{
	machine call;
	alphtype unsigned char;
	include call_events "_call_events.rl";

	action dial_tone      { call__dial_tone(c); }
	action send_invite    { call__send_invite(c); }
	action ringback       { call__ringback(c); }
	action early_media    { call__early_media(c); }
	action connected      { call__connected(c); }
	action busy           { call__busy(c); }
	action reorder        { call__reorder(c); }
	action send_cancel    { call__send_cancel(c); }
	action ack_and_bye    { call__send_bye(c); }
	action ring           { call__ring(c); }
	action answer         { call__answer(c); }
	action cancelled      { call__cancelled(c); }
	action send_bye       { call__send_bye(c); }
	action hold           { call__send_reinvite(c, 1); }
	action resume         { call__send_reinvite(c, 0); }
	action held           { call__held(c); }
	action resumed        { call__resumed(c); }
	action remote_media   { call__remote_media(c); }
	action end            { call__end(c); }
	action ignore         { call__ignore(c, fc); }
	# fentry() makes every label an entry point, so that the diagrams and
	# call__state() can name the states.
	action unexpected     {
		call__unexpected(c, fc);
		(void)(fentry(start) + fentry(dialing) + fentry(calling) +
		       fentry(alerting) + fentry(early) + fentry(cancelling) +
		       fentry(failed) + fentry(ringing) +
		       fentry(answering) + fentry(connected) + fentry(holding) +
		       fentry(held) + fentry(resuming) + fentry(releasing) +
		       fentry(done));
	}

	# The far end's answers to our first INVITE, in any of its states.
	progress  = EV_TRYING | EV_RINGING | EV_EARLY_MEDIA;
	outcome   = EV_ANSWERED | EV_BUSY | EV_REJECTED | EV_NO_ANSWER |
	            EV_REDIRECTED;
	# What ends a call at once whatever it was doing.
	gone      = EV_BYE;

	start_ev      = EV_OFFHOOK | EV_INVITE | EV_ONHOOK;
	dialing_ev    = EV_DIAL | EV_ONHOOK | EV_OFFHOOK;
	outgoing_ev   = progress | outcome | EV_ONHOOK;
	cancelling_ev = progress | outcome | EV_RELEASED | EV_ONHOOK;
	tone_ev       = EV_ONHOOK | progress | outcome | EV_RELEASED;
	ringing_ev    = EV_ANSWER | EV_CANCEL | EV_ONHOOK | EV_OFFHOOK;
	answering_ev  = EV_ACK | EV_NO_ACK | gone | EV_ONHOOK | EV_REINVITE |
	                EV_ANSWER | EV_CANCEL;
	connected_ev  = EV_HOLD | EV_ONHOOK | gone | EV_REINVITE | EV_ACK |
	                EV_RESUME | EV_ANSWER | EV_ANSWERED;
	pending_ev    = EV_REINVITE_OK | EV_REINVITE_FAIL | EV_ONHOOK | gone |
	                EV_HOLD | EV_RESUME | EV_ACK | EV_REINVITE;
	held_ev       = EV_RESUME | EV_ONHOOK | gone | EV_REINVITE | EV_HOLD |
	                EV_ACK | EV_REINVITE_OK;
	releasing_ev  = EV_RELEASED | gone | EV_ONHOOK | EV_ACK | EV_NO_ACK |
	                EV_ANSWERED | EV_REINVITE_OK | EV_REINVITE_FAIL |
	                progress | EV_BUSY | EV_REJECTED | EV_NO_ANSWER |
	                EV_CANCEL | EV_REINVITE;
	releasing_rest = releasing_ev - EV_RELEASED - gone;

	# start: a new call object, nothing sent.
	main := start: (
	    EV_OFFHOOK         @dial_tone                        -> dialing
	  | EV_INVITE          @ring                             -> ringing
	  | EV_ONHOOK          @end                              -> done
	  | (any - start_ev)   @unexpected                       -> start
	),
	# Off hook, the dial plan collects keys (dial tone).
	dialing: (
	    EV_DIAL            @send_invite                      -> calling
	  | EV_ONHOOK          @end                              -> done
	  | EV_OFFHOOK         @ignore                           -> dialing
	  | (any - dialing_ev) @unexpected                       -> dialing
	),
	# Our INVITE is out, nothing but 100 back yet.
	calling: (
	    EV_TRYING          @ignore                           -> calling
	  | EV_RINGING         @ringback                         -> alerting
	  | EV_EARLY_MEDIA     @early_media                      -> early
	  | EV_ANSWERED        @connected                        -> connected
	  | EV_BUSY            @busy                             -> failed
	  | (EV_REJECTED | EV_NO_ANSWER) @reorder                -> failed
	  | EV_REDIRECTED      @ignore                           -> calling
	  | EV_ONHOOK          @send_cancel                      -> cancelling
	  | (any - outgoing_ev) @unexpected                      -> calling
	),
	# 180: the far end rings, we play ringback.
	alerting: (
	    (EV_TRYING | EV_RINGING) @ignore                     -> alerting
	  | EV_EARLY_MEDIA     @early_media                      -> early
	  | EV_ANSWERED        @connected                        -> connected
	  | EV_BUSY            @busy                             -> failed
	  | (EV_REJECTED | EV_NO_ANSWER) @reorder                -> failed
	  | EV_REDIRECTED      @ignore                           -> calling
	  | EV_ONHOOK          @send_cancel                      -> cancelling
	  | (any - outgoing_ev) @unexpected                      -> alerting
	),
	# 183 with SDP: the far end's announcements or ringback play.
	early: (
	    progress           @ignore                           -> early
	  | EV_ANSWERED        @connected                        -> connected
	  | EV_BUSY            @busy                             -> failed
	  | (EV_REJECTED | EV_NO_ANSWER) @reorder                -> failed
	  | EV_REDIRECTED      @ignore                           -> calling
	  | EV_ONHOOK          @send_cancel                      -> cancelling
	  | (any - outgoing_ev) @unexpected                      -> early
	),
	# CANCEL sent; the INVITE ends with 487 -- or a 2xx crossed it.
	cancelling: (
	    EV_ANSWERED        @ack_and_bye                      -> releasing
	  | (EV_BUSY | EV_REJECTED | EV_NO_ANSWER | EV_RELEASED |
	     EV_REDIRECTED)    @end                              -> done
	  | (progress | EV_ONHOOK) @ignore                       -> cancelling
	  | (any - cancelling_ev) @unexpected                    -> cancelling
	),
	# The call failed: the busy tone (486, 600) or reorder (anything else)
	# plays until the handset goes down.  One state: what differs is the
	# tone, chosen on the way in.
	failed: (
	    EV_ONHOOK          @end                              -> done
	  | EV_ANSWERED        @ack_and_bye                      -> failed
	  | (progress | (outcome - EV_ANSWERED) | EV_RELEASED) @ignore -> failed
	  | (any - tone_ev)    @unexpected                       -> failed
	),
	# An INVITE for us: 180 sent, the phone rings (or call waiting).
	ringing: (
	    EV_ANSWER          @answer                           -> answering
	  | EV_CANCEL          @cancelled @end                   -> done
	  | (EV_ONHOOK | EV_OFFHOOK) @ignore                     -> ringing
	  | (any - ringing_ev) @unexpected                       -> ringing
	),
	# 200 sent with our answer; media runs; waiting for the ACK.
	answering: (
	    EV_ACK             @connected                        -> connected
	  | EV_NO_ACK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | EV_REINVITE        @remote_media                     -> answering
	  | (EV_ANSWER | EV_CANCEL) @ignore                      -> answering
	  | (any - answering_ev) @unexpected                     -> answering
	),
	# Talking.
	connected: (
	    EV_HOLD            @hold                             -> holding
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> connected
	  | (EV_ACK | EV_RESUME | EV_ANSWER | EV_ANSWERED) @ignore -> connected
	  | (any - connected_ev) @unexpected                     -> connected
	),
	# Our hold re-INVITE (c=IN IP4 0.0.0.0) is out.
	holding: (
	    EV_REINVITE_OK     @held                             -> held
	  | EV_REINVITE_FAIL   @resumed                          -> connected
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> holding
	  | (EV_HOLD | EV_RESUME | EV_ACK) @ignore               -> holding
	  | (any - pending_ev) @unexpected                       -> holding
	),
	# On hold: no media from us.
	held: (
	    EV_RESUME          @resume                           -> resuming
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> held
	  | (EV_HOLD | EV_ACK | EV_REINVITE_OK) @ignore          -> held
	  | (any - held_ev)    @unexpected                       -> held
	),
	# Our resume re-INVITE is out.
	resuming: (
	    EV_REINVITE_OK     @resumed                          -> connected
	  | EV_REINVITE_FAIL   @held                             -> held
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> resuming
	  | (EV_HOLD | EV_RESUME | EV_ACK) @ignore               -> resuming
	  | (any - pending_ev) @unexpected                       -> resuming
	),
	# Our BYE is out; whatever comes, the call is over.
	releasing: (
	    EV_RELEASED        @end                              -> done
	  | gone               @end                              -> done
	  | releasing_rest     @ignore                           -> releasing
	  | (any - releasing_ev) @unexpected                     -> releasing
	),
	# Over: the owner frees the call.
	done: (
	    any                @ignore                           -> done
	);
}%%

%% write data noerror nofinal;

void call__init(struct call *c)
{
	int cs;

	%% write init;
	c->cs = cs;
}

void call__exec(struct call *c, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = c->cs;

	%% write exec;
	c->cs = cs;
}

enum call_state call__state(int cs)
{
#define X(s) if (cs == call_en_main_##s) return CALL_ST_##s;
	CALL_STATES(X)
#undef X
	return CALL_ST_done;
}
