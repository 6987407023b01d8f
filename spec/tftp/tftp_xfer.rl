/*
 * tftp_xfer.rl - one TFTP read transfer, client side: RFC 1350 with the
 * option negotiation of RFC 2347 (blksize RFC 2348, tsize and timeout RFC
 * 2349).  Every state names what it does with each event; anything else
 * is logged as unexpected and changes nothing.  Actions are the tftp__*
 * functions of runtime/tftp/tftp_xfer.c.
 *
 *   start --RRQ--> req_opt / req_plain --OACK--> negotiated --DATA-->
 *   storing --> receiving ... --last DATA--> storing_last --> dally -->
 *   closed; any failure --> closed.
 */
#include "tftp/tftp_int.h"

%%{
	machine tftp_xfer;
	alphtype unsigned char;
	include tftp_events "_tftp_events.rl";

	action send_rrq    { tftp__send_rrq(x); }
	action send_plain  { tftp__send_plain_rrq(x); }
	action retransmit  { tftp__retransmit(x); }
	action reack       { tftp__reack(x); }
	action arm_retx    { tftp__arm_retx(x); }
	action arm_dally   { tftp__arm_dally(x); }
	action lock        { tftp__lock(x); }
	action accept_oack { tftp__accept_oack(x); }
	action deliver     { tftp__deliver(x); }
	action send_ack    { tftp__send_ack(x); }
	action finish      { tftp__finish(x); }
	action stray       { tftp__stray(x); }
	action fail_remote { tftp__fail_remote(x); }
	action fail_bad    { tftp__fail_bad(x); }
	action fail_oack   { tftp__fail_oack(x); }
	action fail_big    { tftp__fail_too_big(x); }
	action fail_sink   { tftp__fail_sink(x); }
	action fail_io     { tftp__fail_io(x); }
	action give_up     { tftp__give_up(x); }
	action cancel      { tftp__cancel(x); }
	action close       { tftp__close(x); }
	action ignore      { tftp__ignore(x, fc); }
	# fentry() makes every label an entry point, so that the diagrams
	# and tftp__xfer_state() can name the states.
	action unexpected  {
		tftp__unexpected(x, fc);
		(void)(fentry(start) + fentry(req_opt) + fentry(req_plain) +
		       fentry(negotiated) + fentry(receiving) +
		       fentry(storing) + fentry(storing_last) + fentry(dally) +
		       fentry(closed));
	}

	# What every waiting state does alike (the first answer also sets
	# the server's TID: rx_fail_lock).
	rx_fail   = EV_RX_TOO_BIG @fail_big
	          | EV_RX_ERROR @fail_remote
	          | EV_RX_BAD @fail_bad;
	rx_fail_lock = EV_RX_TOO_BIG @lock @fail_big
	          | EV_RX_ERROR @lock @fail_remote
	          | EV_RX_BAD @lock @fail_bad;
	waiting   = EV_GIVE_UP @give_up
	          | EV_IO_FAIL @fail_io
	          | EV_CANCEL @cancel;
	rx_ev     = EV_RX_TOO_BIG | EV_RX_ERROR | EV_RX_BAD;
	wait_ev   = EV_RX_STRAY | EV_GIVE_UP | EV_IO_FAIL | EV_CANCEL;

	start_ev  = EV_START_OPT | EV_START_PLAIN | EV_CANCEL;
	req_opt_ev = EV_RX_OACK | EV_RX_OACK_BAD | EV_RX_DATA |
	             EV_RX_DATA_LAST | EV_RX_ERROR_OPT | EV_RETX |
	             rx_ev | wait_ev;
	req_plain_ev = EV_RX_OACK | EV_RX_OACK_BAD | EV_RX_DATA |
	             EV_RX_DATA_LAST | EV_RX_ERROR_OPT | EV_RETX |
	             rx_ev | wait_ev;
	negotiated_ev = EV_RX_OACK | EV_RX_OACK_BAD | EV_RX_DATA |
	             EV_RX_DATA_LAST | EV_RX_ERROR_OPT | EV_RETX |
	             rx_ev | wait_ev;
	receiving_ev = EV_RX_DATA | EV_RX_DATA_LAST | EV_RX_DATA_DUP |
	             EV_RX_DATA_OLD | EV_RX_OACK | EV_RX_OACK_BAD |
	             EV_RX_ERROR_OPT | EV_RETX | rx_ev | wait_ev;
	storing_ev = EV_STORED | EV_SINK_FAIL | EV_CANCEL;
	dally_quiet = EV_RX_OACK | EV_RX_OACK_BAD | EV_RX_DATA |
	             EV_RX_DATA_LAST | EV_RX_DATA_OLD | EV_RX_TOO_BIG |
	             EV_RX_ERROR | EV_RX_ERROR_OPT | EV_RX_BAD;
	dally_ev  = EV_RX_DATA_DUP | EV_RX_STRAY | EV_DALLY_END | EV_CANCEL |
	            EV_IO_FAIL | dally_quiet;

	main := start: (
	    EV_START_OPT     @send_rrq @arm_retx                 -> req_opt
	  | EV_START_PLAIN   @send_rrq @arm_retx                 -> req_plain
	  | EV_CANCEL        @cancel                             -> closed
	  | (any - start_ev) @unexpected                         -> start
	),
	# RRQ with options sent: the first answer from the server's address
	# sets its TID.  DATA instead of OACK: the server ignores options
	# (RFC 2347 §3), a plain transfer with 512-byte blocks.
	req_opt: (
	    EV_RX_OACK       @lock @accept_oack @send_ack @arm_retx -> negotiated
	  | EV_RX_DATA       @lock @deliver                      -> storing
	  | EV_RX_DATA_LAST  @lock @deliver                      -> storing_last
	  | EV_RX_OACK_BAD   @lock @fail_oack                    -> closed
	  | EV_RX_ERROR_OPT  @send_plain @arm_retx               -> req_plain
	  | EV_RETX          @retransmit @arm_retx               -> req_opt
	  | EV_RX_STRAY      @stray                              -> req_opt
	  | rx_fail_lock                                         -> closed
	  | waiting                                              -> closed
	  | (any - req_opt_ev) @unexpected                       -> req_opt
	),
	# Plain RRQ: an OACK is an answer to options never asked for.
	req_plain: (
	    EV_RX_DATA       @lock @deliver                      -> storing
	  | EV_RX_DATA_LAST  @lock @deliver                      -> storing_last
	  | (EV_RX_OACK | EV_RX_OACK_BAD) @lock @fail_oack       -> closed
	  | EV_RX_ERROR_OPT  @lock @fail_remote                  -> closed
	  | EV_RETX          @retransmit @arm_retx               -> req_plain
	  | EV_RX_STRAY      @stray                              -> req_plain
	  | rx_fail_lock                                         -> closed
	  | waiting                                              -> closed
	  | (any - req_plain_ev) @unexpected                     -> req_plain
	),
	# OACK acknowledged with ACK 0; the OACK again means ACK 0 was lost.
	negotiated: (
	    EV_RX_DATA       @deliver                            -> storing
	  | EV_RX_DATA_LAST  @deliver                            -> storing_last
	  | EV_RX_OACK       @reack                              -> negotiated
	  | EV_RX_OACK_BAD   @fail_bad                           -> closed
	  | EV_RX_ERROR_OPT  @fail_remote                        -> closed
	  | EV_RETX          @retransmit @arm_retx               -> negotiated
	  | EV_RX_STRAY      @stray                              -> negotiated
	  | rx_fail                                              -> closed
	  | waiting                                              -> closed
	  | (any - negotiated_ev) @unexpected                    -> negotiated
	),
	# A duplicate is ACKed again, never delivered again (RFC 1350 §2).
	receiving: (
	    EV_RX_DATA       @deliver                            -> storing
	  | EV_RX_DATA_LAST  @deliver                            -> storing_last
	  | EV_RX_DATA_DUP   @reack                              -> receiving
	  | (EV_RX_DATA_OLD | EV_RX_OACK) @ignore                -> receiving
	  | EV_RX_OACK_BAD   @fail_bad                           -> closed
	  | EV_RX_ERROR_OPT  @fail_remote                        -> closed
	  | EV_RETX          @retransmit @arm_retx               -> receiving
	  | EV_RX_STRAY      @stray                              -> receiving
	  | rx_fail                                              -> closed
	  | waiting                                              -> closed
	  | (any - receiving_ev) @unexpected                     -> receiving
	),
	# The block goes to the buffer or the data callback; only then ACK.
	storing: (
	    EV_STORED        @send_ack @arm_retx                 -> receiving
	  | EV_SINK_FAIL     @fail_sink                          -> closed
	  | EV_CANCEL        @cancel                             -> closed
	  | (any - storing_ev) @unexpected                       -> storing
	),
	storing_last: (
	    EV_STORED        @send_ack @finish @arm_dally        -> dally
	  | EV_SINK_FAIL     @fail_sink                          -> closed
	  | EV_CANCEL        @cancel                             -> closed
	  | (any - storing_ev) @unexpected                       -> storing_last
	),
	# The file is complete and reported; the final ACK may have been lost
	# (RFC 1350 §6): ACK the last block again while dallying.
	dally: (
	    EV_RX_DATA_DUP   @reack                              -> dally
	  | EV_RX_STRAY      @stray                              -> dally
	  | dally_quiet      @ignore                             -> dally
	  | (EV_DALLY_END | EV_CANCEL | EV_IO_FAIL) @close       -> closed
	  | (any - dally_ev) @unexpected                         -> dally
	),
	closed: (
	    any              @unexpected                         -> closed
	);
}%%

%% write data noerror nofinal;

void tftp__xfer_init(struct tftp_xfer *x)
{
	int cs;

	%% write init;
	x->cs = cs;
}

void tftp__xfer_feed(struct tftp_xfer *x, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = x->cs;

	%% write exec;
	x->cs = cs;
}

const char *tftp__xfer_state(int cs)
{
	if (cs == tftp_xfer_en_main_start) return "start";
	if (cs == tftp_xfer_en_main_req_opt) return "req_opt";
	if (cs == tftp_xfer_en_main_req_plain) return "req_plain";
	if (cs == tftp_xfer_en_main_negotiated) return "negotiated";
	if (cs == tftp_xfer_en_main_receiving) return "receiving";
	if (cs == tftp_xfer_en_main_storing) return "storing";
	if (cs == tftp_xfer_en_main_storing_last) return "storing_last";
	if (cs == tftp_xfer_en_main_dally) return "dally";
	if (cs == tftp_xfer_en_main_closed) return "closed";
	return "?";
}
