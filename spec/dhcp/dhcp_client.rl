/*
 * dhcp_client.rl - the DHCP client (RFC 2131 4.4, figure 5), the guide's
 * "Configuring Network Parameters Using a DHCP Server".  Every state names
 * what it does with each event; anything else is logged as unexpected and
 * changes nothing.  Actions are the dhcp__* functions of
 * runtime/dhcp/dhcp_client.c.
 *
 *   init --DISCOVER--> selecting --OFFER/REQUEST--> requesting --ACK-->
 *   bound --T1--> renewing (unicast) --T2--> rebinding (broadcast)
 *   --expiry--> init;  NAK --> init;  release --> released.
 */
#include "dhcp/dhcp_int.h"

%%{
	machine dhcp_client;
	alphtype unsigned char;
	include dhcp_events "_dhcp_events.rl";

	action send_discover { dhcp__send_discover(c); }
	action choose        { dhcp__choose(c); }
	action send_request  { dhcp__send_request(c); }
	action retransmit    { dhcp__retransmit(c); }
	action arm_retx      { dhcp__arm_retx(c); }
	action bind          { dhcp__bind(c); }
	action arm_t2        { dhcp__arm_t2(c); }
	action arm_expiry    { dhcp__arm_expiry(c); }
	action send_renew    { dhcp__send_renew(c); }
	action send_rebind   { dhcp__send_rebind(c); }
	action arm_renew     { dhcp__arm_renew(c); }
	action arm_rebind    { dhcp__arm_rebind(c); }
	action lose          { dhcp__lose(c); }
	action restart       { dhcp__restart(c); }
	action give_up       { dhcp__give_up(c); }
	action release       { dhcp__release(c); }
	action stop          { dhcp__stop(c); }
	action fail_io       { dhcp__fail_io(c); }
	action ignore        { dhcp__ignore(c, fc); }
	# fentry() makes every label an entry point, so that the diagrams
	# and dhcp__client_state() can name the states.
	action unexpected    {
		dhcp__unexpected(c, fc);
		(void)(fentry(init) + fentry(selecting) + fentry(requesting) +
		       fentry(bound) + fentry(renewing) + fentry(rebinding) +
		       fentry(released));
	}

	rx_any     = EV_RX_OFFER | EV_RX_ACK | EV_RX_NAK | EV_RX_BAD |
	             EV_RX_STRAY;
	init_ev    = EV_START | EV_RELEASE | rx_any;
	sel_ev     = EV_RX_OFFER | EV_RETX | EV_GIVE_UP | EV_RELEASE |
	             EV_IO_FAIL | rx_any;
	req_ev     = EV_RX_ACK | EV_RX_NAK | EV_RETX | EV_GIVE_UP |
	             EV_RELEASE | EV_IO_FAIL | rx_any;
	bound_ev   = EV_T1 | EV_RELEASE | rx_any;
	renew_ev   = EV_RX_ACK | EV_RX_NAK | EV_T2 | EV_RETX | EV_RELEASE |
	             EV_IO_FAIL | rx_any;
	rebind_ev  = EV_RX_ACK | EV_RX_NAK | EV_EXPIRE | EV_RETX |
	             EV_RELEASE | EV_IO_FAIL | rx_any;
	rel_ev     = EV_START | EV_RELEASE | rx_any;

	# A join must begin at a label named start: it is init (RFC 2131 INIT).
	main := start: ( "" -> init ),
	init: (
	    EV_START    @send_discover @arm_retx                 -> selecting
	  | EV_RELEASE  @stop                                    -> released
	  | rx_any      @ignore                                  -> init
	  | (any - init_ev) @unexpected                          -> init
	),
	# DISCOVER broadcast; the first good OFFER wins (RFC 2131 4.4.1).
	selecting: (
	    EV_RX_OFFER @choose @send_request @arm_retx          -> requesting
	  | EV_RETX     @retransmit @arm_retx                    -> selecting
	  | EV_GIVE_UP  @give_up                                 -> init
	  | EV_RELEASE  @stop                                    -> released
	  | EV_IO_FAIL  @fail_io                                 -> init
	  | (rx_any - EV_RX_OFFER) @ignore                       -> selecting
	  | (any - sel_ev) @unexpected                           -> selecting
	),
	# REQUEST broadcast for the chosen OFFER; later OFFERs are ignored.
	requesting: (
	    EV_RX_ACK   @bind                                    -> bound
	  | EV_RX_NAK   @restart                                 -> init
	  | EV_RETX     @retransmit @arm_retx                    -> requesting
	  | EV_GIVE_UP  @restart                                 -> init
	  | EV_RELEASE  @stop                                    -> released
	  | EV_IO_FAIL  @fail_io                                 -> init
	  | (rx_any - EV_RX_ACK - EV_RX_NAK) @ignore             -> requesting
	  | (any - req_ev) @unexpected                           -> requesting
	),
	# The lease is in force; T1 starts renewing with its server.
	bound: (
	    EV_T1       @arm_t2 @send_renew @arm_renew           -> renewing
	  | EV_RELEASE  @release                                 -> released
	  | rx_any      @ignore                                  -> bound
	  | (any - bound_ev) @unexpected                         -> bound
	),
	# REQUEST unicast to the server (ciaddr set); a failed send waits
	# for the next retransmission.
	renewing: (
	    EV_RX_ACK   @bind                                    -> bound
	  | EV_RX_NAK   @lose @restart                           -> init
	  | EV_T2       @arm_expiry @send_rebind @arm_rebind     -> rebinding
	  | EV_RETX     @retransmit @arm_renew                   -> renewing
	  | EV_RELEASE  @release                                 -> released
	  | EV_IO_FAIL  @ignore                                  -> renewing
	  | (rx_any - EV_RX_ACK - EV_RX_NAK) @ignore             -> renewing
	  | (any - renew_ev) @unexpected                         -> renewing
	),
	# REQUEST broadcast to any server until the lease runs out.
	rebinding: (
	    EV_RX_ACK   @bind                                    -> bound
	  | EV_RX_NAK   @lose @restart                           -> init
	  | EV_EXPIRE   @lose @restart                           -> init
	  | EV_RETX     @retransmit @arm_rebind                  -> rebinding
	  | EV_RELEASE  @release                                 -> released
	  | EV_IO_FAIL  @ignore                                  -> rebinding
	  | (rx_any - EV_RX_ACK - EV_RX_NAK) @ignore             -> rebinding
	  | (any - rebind_ev) @unexpected                        -> rebinding
	),
	# Table 3-1 "DHCP Address Released": no address until started again.
	released: (
	    EV_START    @send_discover @arm_retx                 -> selecting
	  | (EV_RELEASE | rx_any) @ignore                        -> released
	  | (any - rel_ev) @unexpected                           -> released
	);
}%%

%% write data noerror nofinal;

void dhcp__client_init(struct dhcp_client *c)
{
	int cs;

	%% write init;
	c->cs = cs;
}

void dhcp__client_feed(struct dhcp_client *c, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = c->cs;

	%% write exec;
	c->cs = cs;
}

const char *dhcp__client_state(int cs)
{
	if (cs == dhcp_client_start || cs == dhcp_client_en_main_init)
		return "init";
	if (cs == dhcp_client_en_main_selecting) return "selecting";
	if (cs == dhcp_client_en_main_requesting) return "requesting";
	if (cs == dhcp_client_en_main_bound) return "bound";
	if (cs == dhcp_client_en_main_renewing) return "renewing";
	if (cs == dhcp_client_en_main_rebinding) return "rebinding";
	if (cs == dhcp_client_en_main_released) return "released";
	return "?";
}

int dhcp__client_requesting_cs(void)
{
	return dhcp_client_en_main_requesting;
}
