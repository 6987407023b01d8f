/*
 * call.rl - one call, from the first key to the last BYE (RFC 3261 s.13-15;
 * the guide's Appendix B "Call Setup and Disconnect", "Call Setup and
 * Hold", "Simple Call Hold", the failed-call flows, the four "Call
 * Transfer" flows and "Three-Way Calling"; the CLI's "fsmdef").
 *
 *   start --OFFHOOK--> dialing --DIAL--> calling --RINGING--> alerting
 *   calling/alerting/early --ANSWERED--> connected --HOLD--> holding
 *     --REINVITE_OK--> held --RESUME--> resuming --REINVITE_OK--> connected
 *   start --INVITE--> ringing --ANSWER--> answering --ACK--> connected
 *     (Hold before the ACK: answering_hold --ACK--> holding)
 *   connected --ONHOOK--> releasing --RELEASED--> done
 *   calling/alerting/early --ONHOOK--> cancelling (CANCEL; a 2xx that
 *     crosses it is ACKed and ended with BYE)
 *   calling/alerting/early --BUSY--> failed (busy tone until on hook)
 *   calling/alerting/early --REJECTED/NO_ANSWER--> failed (reorder tone)
 *
 * Transfer (RFC 3515 REFER, RFC 3891 Replaces, the guide's BYE/Also):
 *   transferor, blind:    held --TRANSFER--> referring --REFER_ACCEPTED-->
 *     transferred (BYE sent; the refer NOTIFYs are still answered)
 *   transferor, attended: held --TRANSFER_REPLACES--> consult_referring
 *     --REFER_ACCEPTED--> transferring --NOTIFY_OK--> releasing (BYE)
 *   failover: referring/consult_referring --REFER_REFUSED (501)-->
 *     releasing (BYE with Also)
 *   conference bridge leaving (cnf_join_enable): connected --JOIN-->
 *     joining --REFER_ACCEPTED--> joined --NOTIFY_*--> releasing
 *   transferee: connected --REFER--> referred (202, NOTIFY 100; the owner
 *     calls Refer-To) --XFER_OK--> handed_off --BYE--> done;
 *     referred --BYE--> notifying --XFER_OK/FAIL--> last_notify (NOTIFY
 *     final) --NOTIFY_SENT--> done;
 *     connected --BYE_ALSO--> done (the owner calls the Also party)
 *   target: start --INVITE_REPLACES--> answering; the replaced call
 *     connected --REPLACED--> releasing (BYE)
 *
 * Hold by the far end (its re-INVITE with c=0.0.0.0 or a=sendonly) is an
 * EV_REINVITE: the media direction changes, the call's state does not.
 * Call waiting is two calls, one connected or held and one ringing; the
 * phone chooses the ring or the call-waiting tone (runtime/phone).
 * A REFER is answered in every state: 202 in connected, 603 elsewhere.
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
	action refuse         { call__refuse(c); }
	action answer         { call__answer(c); }
	action cancelled      { call__cancelled(c); }
	action send_bye       { call__send_bye(c); }
	action hold           { call__send_reinvite(c, 1); }
	action resume         { call__send_reinvite(c, 0); }
	action held           { call__held(c); }
	action resumed        { call__resumed(c); }
	action remote_media   { call__remote_media(c); }
	action end            { call__end(c); }
	action send_refer     { call__send_refer(c); }
	action accept_refer   { call__accept_refer(c); }
	action refuse_refer   { call__refuse_refer(c); }
	action bye_also       { call__send_bye_also(c); }
	action also           { call__also(c); }
	action wait_notify    { call__wait_notify(c); }
	action xfer_result    { call__xfer_result(c); }
	action xfer_failed    { call__xfer_failed(c); }
	action notify_result  { call__notify_result(c); }
	action handed_off     { call__handed_off(c); }
	action ignore         { call__ignore(c, fc); }
	# fentry() makes every label an entry point, so that the diagrams and
	# call__state() can name the states.
	action unexpected     {
		call__unexpected(c, fc);
		(void)(fentry(start) + fentry(dialing) + fentry(calling) +
		       fentry(alerting) + fentry(early) + fentry(cancelling) +
		       fentry(failed) + fentry(ringing) +
		       fentry(answering) + fentry(answering_hold) +
		       fentry(connected) + fentry(holding) +
		       fentry(held) + fentry(resuming) + fentry(releasing) +
		       fentry(referring) + fentry(transferred) +
		       fentry(consult_referring) + fentry(transferring) +
		       fentry(joining) + fentry(joined) + fentry(referred) +
		       fentry(notifying) + fentry(last_notify) +
		       fentry(handed_off) + fentry(done));
	}

	# The far end's answers to our first INVITE, in any of its states.
	progress  = EV_TRYING | EV_RINGING | EV_EARLY_MEDIA;
	outcome   = EV_ANSWERED | EV_BUSY | EV_REJECTED | EV_NO_ANSWER |
	            EV_REDIRECTED;
	# What ends a call at once whatever it was doing.
	gone      = EV_BYE | EV_BYE_ALSO;
	# The answers to our REFER and the NOTIFYs of its subscription.
	refer_ans = EV_REFER_ACCEPTED | EV_REFER_REFUSED | EV_REFER_FAILED;
	notify    = EV_NOTIFY | EV_NOTIFY_OK | EV_NOTIFY_FAIL;
	# Late news of a transfer this call is no longer part of.
	stale     = refer_ans | notify | EV_XFER_TIMEOUT | EV_XFER_OK |
	            EV_XFER_FAIL;
	# The person's transfer and conference keys.
	xfer_keys = EV_TRANSFER | EV_TRANSFER_REPLACES | EV_JOIN;
	# Requests of ours that end as a dialog does.
	pending   = EV_REINVITE_OK | EV_REINVITE_FAIL;

	start_ev      = EV_OFFHOOK | EV_INVITE | EV_ONHOOK | EV_INVITE_REPLACES |
	                EV_REFER;
	dialing_ev    = EV_DIAL | EV_ONHOOK | EV_OFFHOOK | EV_REFER;
	outgoing_ev   = progress | outcome | EV_ONHOOK | EV_REFER;
	cancelling_ev = progress | outcome | EV_RELEASED | EV_ONHOOK | EV_REFER;
	tone_ev       = EV_ONHOOK | progress | outcome | EV_RELEASED | EV_REFER;
	ringing_ev    = EV_ANSWER | EV_CANCEL | EV_ONHOOK | EV_OFFHOOK |
	                EV_REFER | EV_REFUSE;
	answering_ev  = EV_ACK | EV_NO_ACK | gone | EV_ONHOOK | EV_REINVITE |
	                EV_ANSWER | EV_CANCEL | EV_REFER | EV_REPLACED | EV_HOLD;
	answering_hold_ev = answering_ev | EV_RESUME;
	connected_ev  = EV_HOLD | EV_ONHOOK | gone | EV_REINVITE | EV_ACK |
	                EV_RESUME | EV_ANSWER | EV_ANSWERED | EV_JOIN |
	                EV_REFER | EV_REPLACED | stale;
	pending_ev    = pending | EV_ONHOOK | gone | EV_HOLD | EV_RESUME |
	                EV_ACK | EV_REINVITE | EV_REFER | stale;
	held_ev       = EV_RESUME | EV_ONHOOK | gone | EV_REINVITE | EV_HOLD |
	                EV_ACK | EV_REINVITE_OK | xfer_keys | EV_REFER |
	                EV_REPLACED | stale;
	releasing_ev  = EV_RELEASED | gone | EV_ONHOOK | EV_ACK | EV_NO_ACK |
	                EV_ANSWERED | pending | progress | EV_BUSY |
	                EV_REJECTED | EV_NO_ANSWER | EV_CANCEL | EV_REINVITE |
	                EV_REFER | stale | EV_REPLACED;
	releasing_rest = releasing_ev - EV_RELEASED - gone - EV_REFER;
	# A REFER of ours is out (blind, attended or joining).
	referring_ev  = refer_ans | notify | EV_ONHOOK | gone | EV_REINVITE |
	                EV_HOLD | EV_RESUME | EV_ACK | pending | EV_REFER |
	                EV_XFER_TIMEOUT;
	referring_rest = EV_HOLD | EV_RESUME | EV_ACK | pending |
	                EV_XFER_TIMEOUT;
	# Waiting for the final NOTIFY (attended, joined) after the 202.
	waiting_ev    = notify | EV_XFER_TIMEOUT | EV_ONHOOK | gone |
	                EV_REINVITE | EV_REFER | EV_HOLD | EV_RESUME | EV_ACK |
	                pending | refer_ans;
	waiting_rest  = EV_HOLD | EV_RESUME | EV_ACK | pending | refer_ans;
	transferred_ev = notify | EV_XFER_TIMEOUT | EV_REFER | EV_RELEASED |
	                gone | EV_ONHOOK | EV_ACK | pending | EV_REINVITE |
	                refer_ans;
	transferred_rest = EV_RELEASED | gone | EV_ONHOOK | EV_ACK | pending |
	                EV_REINVITE | refer_ans;
	# The transferee's old call while its new one is made.
	referred_ev   = EV_XFER_OK | EV_XFER_FAIL | gone | EV_REINVITE |
	                EV_REFER | EV_ONHOOK | EV_HOLD | EV_RESUME | EV_ACK |
	                notify | EV_XFER_TIMEOUT;
	notifying_ev  = EV_XFER_OK | EV_XFER_FAIL | EV_REFER | EV_ONHOOK |
	                EV_ACK | EV_REINVITE | gone | notify | EV_XFER_TIMEOUT |
	                EV_RELEASED | EV_NOTIFY_SENT;
	last_notify_ev = EV_NOTIFY_SENT | EV_XFER_OK | EV_XFER_FAIL | EV_REFER |
	                EV_ONHOOK | EV_ACK | EV_REINVITE | gone | notify |
	                EV_XFER_TIMEOUT | EV_RELEASED;
	handed_off_ev = gone | EV_XFER_TIMEOUT | EV_ONHOOK | EV_REINVITE |
	                EV_REFER | EV_ACK | EV_HOLD | EV_RESUME | notify |
	                EV_XFER_OK | EV_XFER_FAIL;

	# start: a new call object, nothing sent.
	main := start: (
	    EV_OFFHOOK         @dial_tone                        -> dialing
	  | EV_INVITE          @ring                             -> ringing
	  | EV_INVITE_REPLACES @answer                           -> answering
	  | EV_ONHOOK          @end                              -> done
	  | EV_REFER           @refuse_refer                     -> start
	  | (any - start_ev)   @unexpected                       -> start
	),
	# Off hook, the dial plan collects keys (dial tone).
	dialing: (
	    EV_DIAL            @send_invite                      -> calling
	  | EV_ONHOOK          @end                              -> done
	  | EV_OFFHOOK         @ignore                           -> dialing
	  | EV_REFER           @refuse_refer                     -> dialing
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
	  | EV_REFER           @refuse_refer                     -> calling
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
	  | EV_REFER           @refuse_refer                     -> alerting
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
	  | EV_REFER           @refuse_refer                     -> early
	  | (any - outgoing_ev) @unexpected                      -> early
	),
	# CANCEL sent; the INVITE ends with 487 -- or a 2xx crossed it.
	cancelling: (
	    EV_ANSWERED        @ack_and_bye                      -> releasing
	  | (EV_BUSY | EV_REJECTED | EV_NO_ANSWER | EV_RELEASED |
	     EV_REDIRECTED)    @end                              -> done
	  | (progress | EV_ONHOOK) @ignore                       -> cancelling
	  | EV_REFER           @refuse_refer                     -> cancelling
	  | (any - cancelling_ev) @unexpected                    -> cancelling
	),
	# The call failed: the busy tone (486, 600) or reorder (anything else)
	# plays until the handset goes down.  One state: what differs is the
	# tone, chosen on the way in.
	failed: (
	    EV_ONHOOK          @end                              -> done
	  | EV_ANSWERED        @ack_and_bye                      -> failed
	  | (progress | (outcome - EV_ANSWERED) | EV_RELEASED) @ignore -> failed
	  | EV_REFER           @refuse_refer                     -> failed
	  | (any - tone_ev)    @unexpected                       -> failed
	),
	# An INVITE for us: 180 sent, the phone rings (or call waiting).
	ringing: (
	    EV_ANSWER          @answer                           -> answering
	  | EV_CANCEL          @cancelled @end                   -> done
	  | EV_REFUSE          @refuse @end                      -> done
	  | (EV_ONHOOK | EV_OFFHOOK) @ignore                     -> ringing
	  | EV_REFER           @refuse_refer                     -> ringing
	  | (any - ringing_ev) @unexpected                       -> ringing
	),
	# 200 sent with our answer; media runs; waiting for the ACK.
	answering: (
	    EV_ACK             @connected                        -> connected
	  | EV_NO_ACK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | EV_REINVITE        @remote_media                     -> answering
	  | EV_REPLACED        @send_bye                         -> releasing
	  | EV_HOLD                                              -> answering_hold
	  | (EV_ANSWER | EV_CANCEL) @ignore                      -> answering
	  | EV_REFER           @refuse_refer                     -> answering
	  | (any - answering_ev) @unexpected                     -> answering
	),
	# Hold pressed before the ACK came: no new INVITE while ours is not
	# acknowledged (RFC 3261 s.14.1); the hold re-INVITE follows the ACK.
	answering_hold: (
	    EV_ACK             @connected @hold                  -> holding
	  | EV_NO_ACK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | EV_REINVITE        @remote_media                     -> answering_hold
	  | EV_REPLACED        @send_bye                         -> releasing
	  | EV_RESUME                                            -> answering
	  | (EV_HOLD | EV_ANSWER | EV_CANCEL) @ignore            -> answering_hold
	  | EV_REFER           @refuse_refer                     -> answering_hold
	  | (any - answering_hold_ev) @unexpected                -> answering_hold
	),
	# Talking.  A REFER is taken here (the far end transfers us); the
	# conference bridge joins its legs from here.
	connected: (
	    EV_HOLD            @hold                             -> holding
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | EV_BYE             @end                              -> done
	  | EV_BYE_ALSO        @also @end                        -> done
	  | EV_REINVITE        @remote_media                     -> connected
	  | EV_REFER           @accept_refer                     -> referred
	  | EV_JOIN            @send_refer                       -> joining
	  | EV_REPLACED        @send_bye                         -> releasing
	  | (EV_ACK | EV_RESUME | EV_ANSWER | EV_ANSWERED | stale) @ignore
	                                                         -> connected
	  | (any - connected_ev) @unexpected                     -> connected
	),
	# Our hold re-INVITE (c=IN IP4 0.0.0.0) is out.
	holding: (
	    EV_REINVITE_OK     @held                             -> held
	  | EV_REINVITE_FAIL   @resumed                          -> connected
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> holding
	  | (EV_HOLD | EV_RESUME | EV_ACK | stale) @ignore       -> holding
	  | EV_REFER           @refuse_refer                     -> holding
	  | (any - pending_ev) @unexpected                       -> holding
	),
	# On hold: no media from us.  Transfers start here (the guide's flows
	# hold the call first).
	held: (
	    EV_RESUME          @resume                           -> resuming
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | EV_BYE             @end                              -> done
	  | EV_BYE_ALSO        @also @end                        -> done
	  | EV_REINVITE        @remote_media                     -> held
	  | EV_TRANSFER        @send_refer                       -> referring
	  | EV_TRANSFER_REPLACES @send_refer                     -> consult_referring
	  | EV_JOIN            @send_refer                       -> joining
	  | EV_REPLACED        @send_bye                         -> releasing
	  | (EV_HOLD | EV_ACK | EV_REINVITE_OK | stale) @ignore  -> held
	  | EV_REFER           @refuse_refer                     -> held
	  | (any - held_ev)    @unexpected                       -> held
	),
	# Our resume re-INVITE is out.
	resuming: (
	    EV_REINVITE_OK     @resumed                          -> connected
	  | EV_REINVITE_FAIL   @held                             -> held
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> resuming
	  | (EV_HOLD | EV_RESUME | EV_ACK | stale) @ignore       -> resuming
	  | EV_REFER           @refuse_refer                     -> resuming
	  | (any - pending_ev) @unexpected                       -> resuming
	),
	# Blind transfer: our REFER (Refer-To: the dialed target) is out.
	referring: (
	    EV_REFER_ACCEPTED  @wait_notify @send_bye            -> transferred
	  | EV_REFER_REFUSED   @bye_also                         -> releasing
	  | EV_REFER_FAILED    @xfer_failed                      -> held
	  | notify             @ignore                           -> referring
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> referring
	  | referring_rest     @ignore                           -> referring
	  | EV_REFER           @refuse_refer                     -> referring
	  | (any - referring_ev) @unexpected                     -> referring
	),
	# Blind transfer accepted: our BYE is out (the guide's step 11) but the
	# refer subscription lives until its last NOTIFY.
	transferred: (
	    EV_NOTIFY          @ignore                           -> transferred
	  | (EV_NOTIFY_OK | EV_NOTIFY_FAIL) @xfer_result @end    -> done
	  | EV_XFER_TIMEOUT    @end                              -> done
	  | transferred_rest   @ignore                           -> transferred
	  | EV_REFER           @refuse_refer                     -> transferred
	  | (any - transferred_ev) @unexpected                   -> transferred
	),
	# Attended transfer: our REFER carries Replaces (the consultation).
	consult_referring: (
	    EV_REFER_ACCEPTED  @wait_notify                      -> transferring
	  | EV_REFER_REFUSED   @bye_also                         -> releasing
	  | (EV_REFER_FAILED | EV_NOTIFY_FAIL) @xfer_failed      -> held
	  | EV_NOTIFY_OK       @xfer_result @send_bye            -> releasing
	  | EV_NOTIFY          @ignore                           -> consult_referring
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> consult_referring
	  | referring_rest     @ignore                           -> consult_referring
	  | EV_REFER           @refuse_refer                     -> consult_referring
	  | (any - referring_ev) @unexpected                     -> consult_referring
	),
	# Attended transfer accepted: the BYE waits for the final NOTIFY
	# (the guide's steps 24-26); a failure leaves the call on hold.
	transferring: (
	    EV_NOTIFY_OK       @xfer_result @send_bye            -> releasing
	  | (EV_NOTIFY_FAIL | EV_XFER_TIMEOUT) @xfer_failed      -> held
	  | EV_NOTIFY          @ignore                           -> transferring
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> transferring
	  | waiting_rest       @ignore                           -> transferring
	  | EV_REFER           @refuse_refer                     -> transferring
	  | (any - waiting_ev) @unexpected                       -> transferring
	),
	# The conference bridge hung up (cnf_join_enable 1): this leg is
	# referred to the other; whatever the answer, the bridge leaves.
	joining: (
	    EV_REFER_ACCEPTED  @wait_notify                      -> joined
	  | EV_REFER_REFUSED   @bye_also                         -> releasing
	  | EV_REFER_FAILED    @send_bye                         -> releasing
	  | (EV_NOTIFY_OK | EV_NOTIFY_FAIL) @xfer_result @send_bye -> releasing
	  | EV_NOTIFY          @ignore                           -> joining
	  | EV_ONHOOK          @ignore                           -> joining
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> joining
	  | referring_rest     @ignore                           -> joining
	  | EV_REFER           @refuse_refer                     -> joining
	  | (any - referring_ev) @unexpected                     -> joining
	),
	# The join was accepted: BYE once the last NOTIFY (or the wait) ends.
	joined: (
	    (EV_NOTIFY_OK | EV_NOTIFY_FAIL) @xfer_result @send_bye -> releasing
	  | EV_XFER_TIMEOUT    @send_bye                         -> releasing
	  | EV_NOTIFY          @ignore                           -> joined
	  | EV_ONHOOK          @ignore                           -> joined
	  | gone               @end                              -> done
	  | EV_REINVITE        @remote_media                     -> joined
	  | waiting_rest       @ignore                           -> joined
	  | EV_REFER           @refuse_refer                     -> joined
	  | (any - waiting_ev) @unexpected                       -> joined
	),
	# Transferee: REFER accepted (202, NOTIFY 100 Trying), the owner calls
	# the Refer-To target; the dialog with the transferor is still up.
	referred: (
	    EV_XFER_OK         @notify_result @handed_off        -> handed_off
	  | EV_XFER_FAIL       @notify_result                    -> connected
	  | gone                                                 -> notifying
	  | EV_REINVITE        @remote_media                     -> referred
	  | EV_ONHOOK          @send_bye                         -> releasing
	  | (EV_HOLD | EV_RESUME | EV_ACK | notify | EV_XFER_TIMEOUT) @ignore
	                                                         -> referred
	  | EV_REFER           @refuse_refer                     -> referred
	  | (any - referred_ev) @unexpected                      -> referred
	),
	# Transferee: the transferor hung up (blind transfer, step 11); the
	# refer subscription waits for the new call's outcome (step 18).
	notifying: (
	    (EV_XFER_OK | EV_XFER_FAIL) @notify_result           -> last_notify
	  | (EV_ONHOOK | EV_ACK | EV_REINVITE | gone | notify | EV_XFER_TIMEOUT |
	     EV_RELEASED | EV_NOTIFY_SENT) @ignore               -> notifying
	  | EV_REFER           @refuse_refer                     -> notifying
	  | (any - notifying_ev) @unexpected                     -> notifying
	),
	# Transferee: the final NOTIFY is out; the call ends when it is
	# answered (the dialog lives as long as its last request).
	last_notify: (
	    EV_NOTIFY_SENT     @end                              -> done
	  | (EV_XFER_OK | EV_XFER_FAIL | EV_ONHOOK | EV_ACK | EV_REINVITE |
	     gone | notify | EV_XFER_TIMEOUT | EV_RELEASED) @ignore -> last_notify
	  | EV_REFER           @refuse_refer                     -> last_notify
	  | (any - last_notify_ev) @unexpected                   -> last_notify
	),
	# Transferee: the transfer worked and NOTIFY said so; the transferor
	# ends this dialog (step 26), or we do when it does not.
	handed_off: (
	    gone               @end                              -> done
	  | (EV_XFER_TIMEOUT | EV_ONHOOK) @send_bye              -> releasing
	  | EV_REINVITE        @remote_media                     -> handed_off
	  | (EV_ACK | EV_HOLD | EV_RESUME | notify | EV_XFER_OK | EV_XFER_FAIL)
	                       @ignore                           -> handed_off
	  | EV_REFER           @refuse_refer                     -> handed_off
	  | (any - handed_off_ev) @unexpected                    -> handed_off
	),
	# Our BYE is out; whatever comes, the call is over.
	releasing: (
	    EV_RELEASED        @end                              -> done
	  | gone               @end                              -> done
	  | releasing_rest     @ignore                           -> releasing
	  | EV_REFER           @refuse_refer                     -> releasing
	  | (any - releasing_ev) @unexpected                     -> releasing
	),
	# Over: the owner frees the call.
	done: (
	    EV_REFER           @refuse_refer                     -> done
	  | (any - EV_REFER)   @ignore                           -> done
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
