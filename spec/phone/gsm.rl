/*
 * gsm.rl - the handset: which call the hook switch, the keys and the
 * speaker belong to (the CLI's "gsm"; the guide's "Call Waiting", "Call
 * Hold", call_hold_ringback).  The calls themselves are spec/call/call.rl.
 *
 *   idle (the label "start") --OFFHOOK--> talking (a new call: dial tone) --ONHOOK--> idle
 *   idle --RING--> ringing --OFFHOOK/ANSWER--> talking
 *   talking --RING--> waiting --ANSWER--> talking (the other call held)
 *   talking --HELD--> up_held --ONHOOK--> parked (call_hold_ringback rings)
 *   parked --OFFHOOK--> up_held --RESUME ... RESUMED--> talking
 *   talking --GONE_HELD--> up_held (the held call is selected: Resume)
 *
 * Transfer and three-way calling (Appendix B; the CLI's fsmxfr/fsmcnf):
 *   talking --TRANSFER/CONFERENCE--> consulting (the call held, a new one
 *     dialed: the consultation)
 *   consulting --XFER_BLIND/XFER_SEMI--> idle (REFER; the consultation
 *     ends), --XFER_ATTENDED--> talking (REFER with Replaces; the target
 *     ends the consultation), --CONFERENCE--> conference (both mixed)
 *   conference --HOLD--> conf_held --RESUME--> conference
 *   conference --ONHOOK--> idle (cnf_join_enable: the legs are joined by
 *     REFER, else both end), --PARTY_GONE--> talking (the other leg)
 *
 * The C side (runtime/phone/phone_call.c) turns keys and call changes
 * into these events; the tones follow from the state after each one.
 * Anything a state does not expect is logged and changes nothing.
 */
#include "phone/phone_call_int.h"

%%{
	machine gsm;
	alphtype unsigned char;
	include gsm_events "_gsm_events.rl";

	action new_call       { gsm__new_call(pcs); }
	action answer         { gsm__answer(pcs); }
	action hold_answer    { gsm__hold(pcs); gsm__answer(pcs); }
	action hang_up        { gsm__hang_up(pcs); }
	action hold           { gsm__hold(pcs); }
	action resume         { gsm__resume(pcs); }
	action select_held    { gsm__select_held(pcs); }
	action unselect       { gsm__unselect(pcs); }
	action consult        { gsm__consult(pcs); }
	action xfer_blind     { gsm__xfer_blind(pcs); }
	action xfer_semi      { gsm__xfer_semi(pcs); }
	action xfer_denied    { gsm__xfer_denied(pcs); }
	action xfer_attended  { gsm__xfer_attended(pcs); }
	action conference     { gsm__conference(pcs); }
	action cnf_hang_up    { gsm__cnf_hang_up(pcs); }
	action cnf_hold       { gsm__cnf_hold(pcs); }
	action cnf_resume     { gsm__cnf_resume(pcs); }
	action cnf_party_gone { gsm__cnf_party_gone(pcs); }
	action take           { gsm__take(pcs); }
	action ignore         { gsm__ignore(pcs, fc); }
	action unexpected     {
		gsm__unexpected(pcs, fc);
		(void)(fentry(start) + fentry(ringing) + fentry(talking) +
		       fentry(waiting) + fentry(up_held) + fentry(parked) +
		       fentry(consulting) + fentry(conference) +
		       fentry(conf_held));
	}

	gone = EV_GONE | EV_GONE_HELD;
	# Transfer keys and news that only mean something in consulting.
	xfer = EV_XFER_BLIND | EV_XFER_SEMI | EV_XFER_DENIED | EV_XFER_ATTENDED;

	idle_ev    = EV_OFFHOOK | EV_RING | EV_ONHOOK | gone | EV_RING_GONE |
	             EV_XFER_FAILED | EV_PARTY_GONE | EV_TAKE;
	ringing_ev = EV_OFFHOOK | EV_ANSWER | EV_RING_GONE | EV_RING_GONE_HELD |
	             EV_ONHOOK | EV_RING;
	talking_ev = EV_ONHOOK | EV_HOLD | EV_HELD | EV_RING | gone |
	             EV_OFFHOOK | EV_RESUMED | EV_RING_GONE | EV_RING_GONE_HELD |
	             EV_TRANSFER | EV_CONFERENCE | EV_TAKE | EV_XFER_FAILED |
	             EV_PARTY_GONE;
	waiting_ev = EV_ANSWER | EV_RING_GONE | EV_RING_GONE_HELD | EV_ONHOOK |
	             gone | EV_HOLD | EV_HELD | EV_RESUMED | EV_OFFHOOK |
	             EV_RING | EV_TAKE | EV_XFER_FAILED;
	up_held_ev = EV_RESUME | EV_RESUMED | EV_ONHOOK | EV_NEWCALL |
	             EV_ANSWER | EV_RING | gone | EV_OFFHOOK | EV_HELD |
	             EV_RING_GONE | EV_RING_GONE_HELD | EV_XFER_FAILED |
	             EV_PARTY_GONE;
	parked_ev  = EV_OFFHOOK | EV_RING | gone | EV_ONHOOK | EV_HELD |
	             EV_RING_GONE | EV_RING_GONE_HELD | EV_XFER_FAILED |
	             EV_PARTY_GONE;
	consulting_ev = xfer | EV_CONFERENCE | EV_TRANSFER | EV_ONHOOK | gone |
	             EV_HELD | EV_RESUMED | EV_OFFHOOK | EV_RING | EV_RING_GONE |
	             EV_RING_GONE_HELD | EV_XFER_FAILED;
	conference_ev = EV_ONHOOK | EV_HOLD | EV_PARTY_GONE | EV_HELD |
	             EV_RESUMED | EV_OFFHOOK | EV_RING | EV_RING_GONE |
	             EV_RING_GONE_HELD;
	conf_held_ev = EV_RESUME | EV_ONHOOK | EV_PARTY_GONE | EV_HELD |
	             EV_RESUMED | EV_OFFHOOK | EV_RING | EV_RING_GONE |
	             EV_RING_GONE_HELD | EV_HOLD;

	# On hook, nothing selected, nothing ringing.
	main := start: (
	    EV_OFFHOOK         @new_call                         -> talking
	  | EV_RING                                              -> ringing
	  | EV_XFER_FAILED     @select_held                      -> parked
	  | (EV_ONHOOK | gone | EV_RING_GONE | EV_PARTY_GONE | EV_TAKE) @ignore
	                                                         -> start
	  | (any - idle_ev)    @unexpected                       -> start
	),
	# On hook, a call rings (perhaps with another one held).
	ringing: (
	    (EV_OFFHOOK | EV_ANSWER) @answer                     -> talking
	  | EV_RING_GONE                                         -> start
	  | EV_RING_GONE_HELD  @select_held                      -> parked
	  | (EV_ONHOOK | EV_RING) @ignore                        -> ringing
	  | (any - ringing_ev) @unexpected                       -> ringing
	),
	# Off hook with a call: dialing, ringing out, talking.
	talking: (
	    EV_ONHOOK          @hang_up                          -> start
	  | EV_HOLD            @hold                             -> talking
	  | EV_HELD                                              -> up_held
	  | EV_RING                                              -> waiting
	  | EV_GONE                                              -> start
	  | EV_GONE_HELD       @select_held                      -> up_held
	  | (EV_TRANSFER | EV_CONFERENCE) @consult               -> consulting
	  | EV_TAKE            @take                             -> talking
	  | (EV_OFFHOOK | EV_RESUMED | EV_RING_GONE | EV_RING_GONE_HELD |
	     EV_XFER_FAILED | EV_PARTY_GONE)
	                       @ignore                           -> talking
	  | (any - talking_ev) @unexpected                       -> talking
	),
	# Talking while another call rings: the call-waiting tone.
	waiting: (
	    EV_ANSWER          @hold_answer                      -> talking
	  | (EV_RING_GONE | EV_RING_GONE_HELD)                   -> talking
	  | EV_ONHOOK          @hang_up                          -> ringing
	  | gone               @unselect                         -> ringing
	  | EV_HOLD            @hold                             -> waiting
	  | EV_TAKE            @take                             -> waiting
	  | (EV_HELD | EV_RESUMED | EV_OFFHOOK | EV_RING | EV_XFER_FAILED)
	                       @ignore                           -> waiting
	  | (any - waiting_ev) @unexpected                       -> waiting
	),
	# Off hook, the selected call is on hold: Resume, NewCall, Answer.
	up_held: (
	    EV_RESUME          @resume                           -> up_held
	  | EV_RESUMED                                           -> talking
	  | EV_ONHOOK                                            -> parked
	  | EV_NEWCALL         @unselect @new_call               -> talking
	  | EV_ANSWER          @answer                           -> talking
	  | EV_GONE                                              -> start
	  | EV_GONE_HELD       @select_held                      -> up_held
	  | (EV_RING | EV_OFFHOOK | EV_HELD | EV_RING_GONE | EV_RING_GONE_HELD |
	     EV_XFER_FAILED | EV_PARTY_GONE)
	                       @ignore                           -> up_held
	  | (any - up_held_ev) @unexpected                       -> up_held
	),
	# On hook with a call on hold (call_hold_ringback rings here).
	parked: (
	    EV_OFFHOOK                                           -> up_held
	  | EV_RING            @unselect                         -> ringing
	  | EV_GONE                                              -> start
	  | EV_GONE_HELD       @select_held                      -> parked
	  | (EV_ONHOOK | EV_HELD | EV_RING_GONE | EV_RING_GONE_HELD |
	     EV_XFER_FAILED | EV_PARTY_GONE)
	                       @ignore                           -> parked
	  | (any - parked_ev)  @unexpected                       -> parked
	),
	# Off hook, the first call held, the consultation call active: it
	# is dialed, rings or talks; Trnsfer or Confrn finish.
	consulting: (
	    EV_XFER_BLIND      @xfer_blind                       -> start
	  | EV_XFER_SEMI       @xfer_semi                        -> start
	  | EV_XFER_DENIED     @xfer_denied                      -> consulting
	  | EV_XFER_ATTENDED   @xfer_attended                    -> talking
	  | EV_CONFERENCE      @conference                       -> conference
	  | EV_ONHOOK          @hang_up @select_held             -> parked
	  | EV_GONE                                              -> start
	  | EV_GONE_HELD       @select_held                      -> up_held
	  | (EV_TRANSFER | EV_HELD | EV_RESUMED | EV_OFFHOOK | EV_RING |
	     EV_RING_GONE | EV_RING_GONE_HELD | EV_XFER_FAILED)
	                       @ignore                           -> consulting
	  | (any - consulting_ev) @unexpected                    -> consulting
	),
	# Three-way call: the phone mixes both calls.  A leg that ends is
	# PARTY_GONE (never GONE: the other leg is still up).
	conference: (
	    EV_ONHOOK          @cnf_hang_up                      -> start
	  | EV_HOLD            @cnf_hold                         -> conf_held
	  | EV_PARTY_GONE      @cnf_party_gone                   -> talking
	  | (EV_HELD | EV_RESUMED | EV_OFFHOOK | EV_RING | EV_RING_GONE |
	     EV_RING_GONE_HELD) @ignore                          -> conference
	  | (any - conference_ev) @unexpected                    -> conference
	),
	# The whole conference on hold (both calls).
	conf_held: (
	    EV_RESUME          @cnf_resume                       -> conference
	  | EV_ONHOOK          @cnf_hang_up                      -> start
	  | EV_PARTY_GONE      @cnf_party_gone                   -> up_held
	  | (EV_HOLD | EV_HELD | EV_RESUMED | EV_OFFHOOK | EV_RING |
	     EV_RING_GONE | EV_RING_GONE_HELD) @ignore           -> conf_held
	  | (any - conf_held_ev) @unexpected                     -> conf_held
	);
}%%

%% write data noerror nofinal;

void gsm__init(struct phone_calls *pcs)
{
	int cs;

	%% write init;
	pcs->gsm_cs = cs;
}

void gsm__exec(struct phone_calls *pcs, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = pcs->gsm_cs;

	%% write exec;
	pcs->gsm_cs = cs;
}

/* "start" is Ragel's name for the entry label: the handset's idle. */
#define GSM_STATES(X)                                                         \
	X(ringing) X(talking) X(waiting) X(up_held) X(parked) X(consulting)    \
	X(conference) X(conf_held)

const char *gsm__state_name(int cs)
{
	if (cs == gsm_en_main_start)
		return "idle";
#define X(s) if (cs == gsm_en_main_##s) return #s;
	GSM_STATES(X)
#undef X
	return "?";
}

bool gsm__offhook(int cs)
{
	return cs == gsm_en_main_talking || cs == gsm_en_main_waiting ||
	       cs == gsm_en_main_up_held || cs == gsm_en_main_consulting ||
	       cs == gsm_en_main_conference || cs == gsm_en_main_conf_held;
}

bool gsm__consulting(int cs)
{
	return cs == gsm_en_main_consulting;
}

bool gsm__bridged(int cs)
{
	return cs == gsm_en_main_conference || cs == gsm_en_main_conf_held;
}
