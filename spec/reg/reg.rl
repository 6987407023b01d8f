/*
 * reg.rl - registration of one line (RFC 3261 s.10; the guide's
 * proxy_register, timer_register_expires, nat_received_processing, backup
 * proxy, the CLI "register" command, Appendix A 401/403/407).
 *
 *   start (off) --REGISTER--> registering --OK--> registered --REFRESH--> registering
 *   registering --AGAIN (401/407 answered, 423)--> registering (CSeq+1)
 *   registering --DENIED/FORBIDDEN/REJECTED/TIMEOUT--> failed --RETRY--> ...
 *   registering --PRIMARY_DOWN--> registering (the same REGISTER to the backup)
 *   registered --UNREGISTER--> unregistering --(any final)--> start
 *   registering --MOVED (received= differs)--> moving: the old Contact is
 *     unregistered, then the new one registered; a new snapshot that changes
 *     a registered line takes the same way.
 *
 * Every state names what it does with each event; anything else is logged
 * and changes nothing.  Actions are the reg__* functions of
 * runtime/reg/reg.c; events reach the chart one at a time from the loop.
 */
#include "reg/reg_int.h"

%%{
	machine reg_line;
	alphtype unsigned char;
	include reg_events "_reg_events.rl";

	action adopt         { reg__adopt(r); }
	action send_reg      { reg__send(r, 1); }
	action send_unreg    { reg__send(r, 0); }
	action resend        { reg__resend(r); }
	action abandon       { reg__abandon(r); }
	action registered    { reg__registered(r); }
	action failed        { reg__failed(r, fc); }
	action cancel        { reg__cancel(r); }
	action unregistered  { reg__unregistered(r); }
	action to_backup     { reg__to_backup(r); }
	action from_primary  { reg__from_primary(r); }
	action ignore        { reg__ignore(r, fc); }
	# fentry() makes every label an entry point, so that the diagrams and
	# reg__state() can name the states.
	action unexpected    {
		reg__unexpected(r, fc);
		(void)(fentry(start) + fentry(registering) + fentry(registered) +
		       fentry(failed) + fentry(unregistering) + fentry(moving));
	}

	# A final response to the request in flight that ends it.
	final   = EV_OK | EV_MOVED | EV_DENIED | EV_FORBIDDEN | EV_REJECTED |
	          EV_TIMEOUT | EV_PRIMARY_DOWN;
	failure = EV_DENIED | EV_FORBIDDEN | EV_REJECTED | EV_TIMEOUT;

	idle_ev        = EV_REGISTER | EV_RECONFIG | EV_UNREGISTER;
	registering_ev = final | EV_AGAIN | EV_UNREGISTER | EV_RECONFIG |
	                 EV_REGISTER;
	registered_ev  = EV_REFRESH | EV_UNREGISTER | EV_RECONFIG | EV_REGISTER;
	failed_ev      = EV_RETRY | EV_REGISTER | EV_RECONFIG | EV_UNREGISTER;
	unregistering_ev = final | EV_AGAIN | EV_REGISTER | EV_UNREGISTER |
	                 EV_RECONFIG;
	moving_ev      = final | EV_AGAIN | EV_UNREGISTER | EV_REGISTER |
	                 EV_RECONFIG;

	# start: the line is off (idle): nothing in flight, no timer.
	main := start: (
	    EV_REGISTER        @adopt @send_reg                  -> registering
	  | EV_RECONFIG        @adopt                            -> start
	  | EV_UNREGISTER      @ignore                           -> start
	  | (any - idle_ev)    @unexpected                       -> start
	),
	# A REGISTER (first one or refresh) is in flight.
	registering: (
	    EV_OK              @registered                       -> registered
	  | EV_AGAIN           @resend                           -> registering
	  | EV_MOVED           @send_unreg                       -> moving
	  | failure            @failed                           -> failed
	  | EV_PRIMARY_DOWN    @to_backup @send_reg              -> registering
	  | EV_UNREGISTER      @abandon @send_unreg              -> unregistering
	  | EV_RECONFIG        @abandon @send_unreg              -> moving
	  | EV_REGISTER        @ignore                           -> registering
	  | (any - registering_ev) @unexpected                   -> registering
	),
	# Bound; the refresh timer runs.
	registered: (
	    EV_REFRESH         @send_reg                         -> registering
	  | EV_UNREGISTER      @send_unreg                       -> unregistering
	  | EV_RECONFIG        @send_unreg                       -> moving
	  | EV_REGISTER        @ignore                           -> registered
	  | (any - registered_ev) @unexpected                    -> registered
	),
	# The last attempt failed (the LCD's "x"); the back-off timer runs.
	failed: (
	    EV_RETRY           @from_primary @send_reg           -> registering
	  | EV_REGISTER        @from_primary @send_reg           -> registering
	  | EV_RECONFIG        @adopt @from_primary @send_reg    -> registering
	  | EV_UNREGISTER      @cancel                           -> start
	  | (any - failed_ev)  @unexpected                       -> failed
	),
	# Expires: 0 is in flight; whatever the answer, the line is off.
	unregistering: (
	    EV_AGAIN           @resend                           -> unregistering
	  | final              @unregistered                     -> start
	  | EV_REGISTER        @abandon @adopt @send_reg         -> registering
	  | (EV_UNREGISTER | EV_RECONFIG) @ignore                -> unregistering
	  | (any - unregistering_ev) @unexpected                 -> unregistering
	),
	# The old Contact's Expires: 0 is in flight; then the new settings.
	moving: (
	    EV_AGAIN           @resend                           -> moving
	  | final              @adopt @send_reg                  -> registering
	  | EV_UNREGISTER      @ignore                           -> unregistering
	  | (EV_REGISTER | EV_RECONFIG) @ignore                  -> moving
	  | (any - moving_ev)  @unexpected                       -> moving
	);
}%%

%% write data noerror nofinal;

void reg__init(struct reg *r)
{
	int cs;

	%% write init;
	r->cs = cs;
}

void reg__exec(struct reg *r, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = r->cs;

	%% write exec;
	r->cs = cs;
}

const char *reg__state(int cs)
{
	if (cs == reg_line_en_main_start) return "start";
	if (cs == reg_line_en_main_registering) return "registering";
	if (cs == reg_line_en_main_registered) return "registered";
	if (cs == reg_line_en_main_failed) return "failed";
	if (cs == reg_line_en_main_unregistering) return "unregistering";
	if (cs == reg_line_en_main_moving) return "moving";
	return "?";
}

enum reg_status reg__status(int cs, int bound)
{
	if (cs == reg_line_en_main_registered) return REG_STATUS_REGISTERED;
	if (cs == reg_line_en_main_registering || cs == reg_line_en_main_moving)
		return bound ? REG_STATUS_REGISTERED : REG_STATUS_REGISTERING;
	if (cs == reg_line_en_main_failed) return REG_STATUS_FAILED;
	if (cs == reg_line_en_main_unregistering) return REG_STATUS_UNREGISTERING;
	return REG_STATUS_OFF;
}
