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
	action ignore         { gsm__ignore(pcs, fc); }
	action unexpected     {
		gsm__unexpected(pcs, fc);
		(void)(fentry(start) + fentry(ringing) + fentry(talking) +
		       fentry(waiting) + fentry(up_held) + fentry(parked));
	}

	gone = EV_GONE | EV_GONE_HELD;

	idle_ev    = EV_OFFHOOK | EV_RING | EV_ONHOOK | gone | EV_RING_GONE;
	ringing_ev = EV_OFFHOOK | EV_ANSWER | EV_RING_GONE | EV_RING_GONE_HELD |
	             EV_ONHOOK | EV_RING;
	talking_ev = EV_ONHOOK | EV_HOLD | EV_HELD | EV_RING | gone |
	             EV_OFFHOOK | EV_RESUMED | EV_RING_GONE | EV_RING_GONE_HELD;
	waiting_ev = EV_ANSWER | EV_RING_GONE | EV_RING_GONE_HELD | EV_ONHOOK |
	             gone | EV_HOLD | EV_HELD | EV_RESUMED | EV_OFFHOOK |
	             EV_RING;
	up_held_ev = EV_RESUME | EV_RESUMED | EV_ONHOOK | EV_NEWCALL |
	             EV_ANSWER | EV_RING | gone | EV_OFFHOOK | EV_HELD |
	             EV_RING_GONE | EV_RING_GONE_HELD;
	parked_ev  = EV_OFFHOOK | EV_RING | gone | EV_ONHOOK | EV_HELD |
	             EV_RING_GONE | EV_RING_GONE_HELD;

	# On hook, nothing selected, nothing ringing.
	main := start: (
	    EV_OFFHOOK         @new_call                         -> talking
	  | EV_RING                                              -> ringing
	  | (EV_ONHOOK | gone | EV_RING_GONE) @ignore            -> start
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
	  | (EV_OFFHOOK | EV_RESUMED | EV_RING_GONE | EV_RING_GONE_HELD)
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
	  | (EV_HELD | EV_RESUMED | EV_OFFHOOK | EV_RING) @ignore -> waiting
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
	  | (EV_RING | EV_OFFHOOK | EV_HELD | EV_RING_GONE | EV_RING_GONE_HELD)
	                       @ignore                           -> up_held
	  | (any - up_held_ev) @unexpected                       -> up_held
	),
	# On hook with a call on hold (call_hold_ringback rings here).
	parked: (
	    EV_OFFHOOK                                           -> up_held
	  | EV_RING            @unselect                         -> ringing
	  | EV_GONE                                              -> start
	  | EV_GONE_HELD       @select_held                      -> parked
	  | (EV_ONHOOK | EV_HELD | EV_RING_GONE | EV_RING_GONE_HELD)
	                       @ignore                           -> parked
	  | (any - parked_ev)  @unexpected                       -> parked
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
#define GSM_STATES(X) X(ringing) X(talking) X(waiting) X(up_held) X(parked)

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
	       cs == gsm_en_main_up_held;
}
