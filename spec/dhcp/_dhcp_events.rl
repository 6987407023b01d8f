# The event alphabet of the DHCP client (spec/dhcp/dhcp_client.rl).
# tools/gen-events.sh turns it into gen/dhcp/dhcp_events.h (DHCP_EV_*).
# runtime/dhcp/dhcp_client.c classifies every datagram and timer into one
# of them before the machine sees it.
%%{
	machine dhcp_events;

	# the owner
	EV_START    = 1;   # acquire an address (also the restart timer)
	EV_RELEASE  = 2;   # give the lease back (DHCPRELEASE), stop
	# from the network (port 68), ours: our xid and our chaddr
	EV_RX_OFFER = 3;   # an OFFER with an address and a server id
	EV_RX_ACK   = 4;   # an ACK (from the chosen server while requesting)
	EV_RX_NAK   = 5;   # a NAK (from the chosen server while requesting)
	EV_RX_BAD   = 6;   # malformed (the codec's -EBADMSG) or incomplete
	EV_RX_STRAY = 7;   # well formed, not for us: another xid, chaddr, server
	# timers
	EV_RETX     = 8;   # the last message went unanswered: send again
	EV_GIVE_UP  = 9;   # unanswered after the last retransmission
	EV_T1       = 10;  # renewal time (option 58, default lease/2)
	EV_T2       = 11;  # rebinding time (option 59, default lease*7/8)
	EV_EXPIRE   = 12;  # the lease ran out
	# outcomes of our own actions
	EV_IO_FAIL  = 13;  # a send or a timer failed
}%%
