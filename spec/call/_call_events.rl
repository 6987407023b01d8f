# The event alphabet of one call (spec/call/call.rl; the CLI calls it fsmdef).
# tools/gen-events.sh turns it into gen/call/call_events.h (CALL_EV_*).
%%{
	machine call_events;

	# The person at the phone (keys, hook switch, soft keys).
	EV_OFFHOOK      = 1;   # handset lifted, speaker, line key or NewCall on an idle call
	EV_ONHOOK       = 2;   # handset down, EndCall
	EV_DIAL         = 3;   # the dial plan chose what to call: send the INVITE
	EV_ANSWER       = 4;   # answer the ringing call (off hook, Answer, --auto-answer)
	EV_HOLD         = 5;   # Hold
	EV_RESUME       = 6;   # Resume
	# Our INVITE (the first, or a re-INVITE) and what comes back.
	EV_TRYING       = 7;   # 100 Trying
	EV_RINGING      = 8;   # 180 Ringing, or 183 without SDP: local ringback
	EV_EARLY_MEDIA  = 9;   # 183 Session Progress with SDP: the far end's audio
	EV_ANSWERED     = 10;  # 2xx: ACK sent, media runs
	EV_BUSY         = 11;  # 486 Busy Here, 600 Busy Everywhere
	EV_REJECTED     = 12;  # any other final failure: reorder tone
	EV_REDIRECTED   = 13;  # 3xx with a Contact not yet tried: a new INVITE went to it
	EV_NO_ANSWER    = 14;  # timer_invite_expires, or no response at all
	# What the far end sends.
	EV_INVITE       = 15;  # a new INVITE for us: ring
	EV_CANCEL       = 16;  # the caller gave up (CANCEL answered 200): 487 to its INVITE
	EV_ACK          = 17;  # the ACK for our 2xx
	EV_NO_ACK       = 18;  # our 2xx was never acknowledged: BYE
	EV_BYE          = 19;  # the far end hung up (BYE answered 200)
	EV_REINVITE     = 20;  # a re-INVITE (hold, resume, new media) answered 200
	# The end of our own requests.
	EV_REINVITE_OK  = 21;  # our re-INVITE (hold/resume) got a 2xx
	EV_REINVITE_FAIL = 22; # ... or a failure: the old media stays
	EV_RELEASED     = 23;  # our BYE or CANCEL is answered (or timed out)
	# Transfer (the guide's Appendix B transfer flows, RFC 3515, 3891).
	# We transfer this call (the transferor):
	EV_TRANSFER     = 24;  # blind: REFER with Refer-To (the dialed target)
	EV_TRANSFER_REPLACES = 25; # attended: Refer-To carries Replaces
	EV_JOIN         = 26;  # the conference bridge leaves: join its two legs
	EV_REFER_ACCEPTED = 27; # 2xx to our REFER
	EV_REFER_REFUSED = 28; # 501 (or 405): failover to BYE with Also
	EV_REFER_FAILED = 29;  # any other failure, or no answer
	EV_NOTIFY       = 30;  # a refer NOTIFY with a provisional sipfrag
	EV_NOTIFY_OK    = 31;  # ... with a final 2xx: the transfer worked
	EV_NOTIFY_FAIL  = 32;  # ... with a final failure (or terminated without)
	EV_XFER_TIMEOUT = 33;  # the transfer's wait ran out
	# The far end transfers this call (we are the transferee):
	EV_REFER        = 34;  # its REFER: 202 and a new call to Refer-To
	EV_BYE_ALSO     = 35;  # its BYE with Also (answered 200): call Also
	EV_XFER_OK      = 36;  # the new call was answered
	EV_XFER_FAIL    = 37;  # ... or failed
	# An INVITE with Replaces (we are the transfer target):
	EV_INVITE_REPLACES = 38; # a new call that replaces one of ours: answer
	EV_REPLACED     = 39;  # this call was replaced by that one: BYE
	EV_NOTIFY_SENT  = 40;  # our last NOTIFY is answered (or timed out)
	EV_REFUSE       = 41;  # the phone turns the ringing call down (shutdown)
}%%
