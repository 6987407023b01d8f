# The event alphabet of the TFTP read transfer (spec/tftp/tftp_xfer.rl).
# tools/gen-events.sh turns it into gen/tftp/tftp_events.h (TFTP_EV_*).
# runtime/tftp/tftp_xfer.c classifies every datagram and timer into one of
# them before the machine sees it.
%%{
	machine tftp_events;

	# the owner
	EV_START_OPT    = 1;   # send the RRQ with options (RFC 2347)
	EV_START_PLAIN  = 2;   # send a plain RFC 1350 RRQ
	EV_CANCEL       = 3;   # the owner gives up (or the client closes)
	# from the server's TID (the first answer sets it, RFC 1350 §4)
	EV_RX_OACK      = 4;   # an OACK we accept (RFC 2347 §3)
	EV_RX_OACK_BAD  = 5;   # an OACK with options not asked for or values out of range
	EV_RX_DATA      = 6;   # the next block, a full one: more to come
	EV_RX_DATA_LAST = 7;   # the next block, shorter than blksize: the end
	EV_RX_DATA_DUP  = 8;   # the block just acknowledged, again
	EV_RX_DATA_OLD  = 9;   # an older block (a late copy)
	EV_RX_TOO_BIG   = 10;  # tsize or the next block past max_size
	EV_RX_ERROR     = 11;  # an ERROR packet
	EV_RX_ERROR_OPT = 12;  # ERROR 8 (or 4): the server refuses options
	EV_RX_BAD       = 13;  # malformed, or not allowed by the protocol
	# from anywhere else
	EV_RX_STRAY     = 14;  # a packet from another TID (answered ERROR 5)
	# timers
	EV_RETX         = 15;  # the last packet went unanswered: send again
	EV_GIVE_UP      = 16;  # unanswered after the last retransmission
	EV_DALLY_END    = 17;  # long enough after the final ACK
	# outcomes of our own actions
	EV_STORED       = 18;  # the block is stored (buffer or data callback)
	EV_SINK_FAIL    = 19;  # storing failed (no memory, the callback refused)
	EV_IO_FAIL      = 20;  # a send or a timer failed
}%%
