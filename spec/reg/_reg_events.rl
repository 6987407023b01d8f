# The event alphabet of the registration of one line (spec/reg/reg.rl).
# tools/gen-events.sh turns it into gen/reg/reg_events.h (REG_EV_*).
%%{
	machine reg_events;

	EV_REGISTER     = 1;   # turn on: boot with proxy_register=1, CLI "register 1 N"
	EV_UNREGISTER   = 2;   # turn off: proxy_register=0, CLI "register 0 N", shutdown
	EV_OK           = 3;   # a 2xx final response to the REGISTER in flight
	EV_AGAIN        = 4;   # resend at once: a 401/407 answered, or 423's Min-Expires adopted
	EV_MOVED        = 5;   # a 2xx whose Via received= is not our Contact (nat_received_processing)
	EV_DENIED       = 6;   # authentication failed: wrong credentials, stale loop, bad challenge
	EV_FORBIDDEN    = 7;   # 403 Forbidden: the attempt ends
	EV_REJECTED     = 8;   # any other final failure (4xx-6xx)
	EV_TIMEOUT      = 9;   # no answer (timer F, transport, DNS), or nothing to send to
	EV_PRIMARY_DOWN = 10;  # no answer from the primary, and a backup proxy is configured
	EV_REFRESH      = 11;  # the refresh timer: the binding is about to lapse
	EV_RETRY        = 12;  # the back-off timer after a failure
	EV_RECONFIG     = 13;  # a new snapshot changed this line's settings
}%%
