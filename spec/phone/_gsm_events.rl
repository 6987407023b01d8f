# The event alphabet of the handset (spec/phone/gsm.rl; the CLI calls it gsm).
# tools/gen-events.sh turns it into gen/phone/gsm_events.h (GSM_EV_*).
%%{
	machine gsm_events;

	EV_OFFHOOK       = 1;   # handset lifted, hook key, line key
	EV_ONHOOK        = 2;   # handset down, EndCall
	EV_ANSWER        = 3;   # the Answer soft key (or --auto-answer)
	EV_NEWCALL       = 4;   # the NewCall soft key
	EV_HOLD          = 5;   # the Hold soft key
	EV_RESUME        = 6;   # the Resume soft key
	EV_RING          = 7;   # an INVITE was taken: a call rings
	EV_RING_GONE     = 8;   # the ringing call left (CANCEL) and no call is held
	EV_RING_GONE_HELD = 9;  # ... and a call is held
	EV_GONE          = 10;  # the active call ended and no call is held
	EV_GONE_HELD     = 11;  # the active call ended and a call is held
	EV_HELD          = 12;  # the active call is on hold now
	EV_RESUMED       = 13;  # the active call is talking again
	# Transfer and three-way calling (the guide's Appendix B flows).
	EV_TRANSFER      = 14;  # Trnsfer: hold the call, dial the target
	EV_CONFERENCE    = 15;  # Confrn: the same for a conference; in the
	                        # consultation (answered): bridge both calls
	EV_XFER_BLIND    = 16;  # Trnsfer again while dialing: REFER the number
	EV_XFER_SEMI     = 17;  # ... while it rings, semi_attended_transfer 1
	EV_XFER_DENIED   = 18;  # ... while it rings, semi_attended_transfer 0
	EV_XFER_ATTENDED = 19;  # ... once answered: REFER with Replaces
	EV_XFER_FAILED   = 20;  # our transfer failed: the call is held again
	EV_TAKE          = 21;  # a call replaces the active one (REFER, Also,
	                        # or an INVITE with Replaces)
	EV_PARTY_GONE    = 22;  # one leg of the conference ended
}%%
