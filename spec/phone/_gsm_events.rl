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
}%%
