# The event alphabet of the four RFC 3261 transaction machines.
# tools/gen-events.sh turns it into gen/txn/txn_events.h (TXN_EV_*).
%%{
	machine txn_events;

	# from the network, matched to the transaction (RFC 3261 17.1.3, 17.2.3)
	EV_RX_1XX        = 1;   # a provisional response
	EV_RX_2XX        = 2;   # a 2xx response
	EV_RX_ERR        = 3;   # a 300-699 response
	EV_RX_REQ        = 4;   # the request (first copy, or a retransmission)
	EV_RX_ACK        = 5;   # ACK for the INVITE of this server transaction
	# from the transaction user
	EV_TU_REQ        = 6;   # send the request
	EV_TU_1XX        = 7;   # send a provisional response
	EV_TU_2XX        = 8;   # send a 2xx response
	EV_TU_ERR        = 9;   # send a 300-699 response
	# timers (RFC 3261 17.1.1.2, 17.1.2.2, 17.2.1, 17.2.2; RFC 6026 L, M)
	EV_TIMER_A       = 10;  # INVITE retransmit
	EV_TIMER_B       = 11;  # INVITE timeout
	EV_TIMER_D       = 12;  # wait for response retransmissions
	EV_TIMER_E       = 13;  # non-INVITE retransmit
	EV_TIMER_F       = 14;  # non-INVITE timeout
	EV_TIMER_G       = 15;  # response retransmit
	EV_TIMER_H       = 16;  # wait for ACK
	EV_TIMER_I       = 17;  # wait for ACK retransmissions
	EV_TIMER_J       = 18;  # wait for request retransmissions
	EV_TIMER_K       = 19;  # wait for response retransmissions
	EV_TIMER_L       = 20;  # wait for INVITE retransmissions after 2xx
	EV_TIMER_M       = 21;  # wait for 2xx retransmissions
	EV_TRANSPORT_ERR = 22;  # the transport could not send
}%%
