/*
 * boot.rl - the boot sequence: the guide's "Overview of the
 * Initialization Process" and "Verifying Startup" as a state chart.
 *
 *   flash -> ip ("Configuring IP") -> SIPDefault.cnf ("Requesting
 *   Configuration") -> SIP<MAC>.cnf (from tftp_cfg_dir) -> again from a
 *   dyn_tftp_addr server (bounded) -> dial plan -> RINGLIST.DAT and its
 *   PCM files -> apply the layered configuration -> start the lines.
 *
 * Optional files may be missing; a missing or bad required file is shown
 * and the phone goes on with what flash holds.  Every state names what it
 * does with each event; anything else is logged and changes nothing.
 * Actions are the boot__* functions of runtime/boot/boot.c.
 */
#include "boot/boot_int.h"

%%{
	machine boot_seq;
	alphtype unsigned char;
	include boot_events "_boot_events.rl";

	action load_flash    { boot__load_flash(b); }
	action identity      { boot__identity(b); }
	action get_default   { boot__fetch(b, BOOT_FILE_DEFAULT); }
	action get_phone     { boot__fetch(b, BOOT_FILE_PHONE); }
	action get_dialplan  { boot__fetch(b, BOOT_FILE_DIALPLAN); }
	action get_ringlist  { boot__fetch(b, BOOT_FILE_RINGLIST); }
	action get_ring      { boot__fetch_next_ring(b); }
	action missing       { boot__missing(b); }
	action bad           { boot__bad(b); }
	action switch_tftp   { boot__switch_tftp(b); }
	action check_dyn     { boot__check_dyn_tftp(b); }
	action apply         { boot__apply(b); }
	action running       { boot__running(b); }
	action restart       { boot__restart(b); }
	# fentry() makes every label an entry point, so that the diagrams and
	# boot__state() can name the states.
	action unexpected    {
		boot__unexpected(b, fc);
		(void)(fentry(start) + fentry(flash) + fentry(ip) +
		       fentry(tftp_default) + fentry(tftp_phone) +
		       fentry(dyn_check) + fentry(dialplan) + fentry(ringlist) +
		       fentry(rings) + fentry(applying) + fentry(running));
	}

	fetched = EV_DONE | EV_NOT_FOUND | EV_FAILED;

	main := start: (
	    EV_POWER_ON       @load_flash                    -> flash
	  | (any - EV_POWER_ON) @unexpected                  -> start
	),
	flash: (
	    EV_DONE           @identity                      -> ip
	  | (any - EV_DONE)   @unexpected                    -> flash
	),
	ip: (
	    EV_DONE           @get_default                   -> tftp_default
	  | EV_FAILED         @bad @apply                    -> applying
	  | (any - (EV_DONE | EV_FAILED)) @unexpected        -> ip
	),
	# SIPDefault.cnf is optional.
	tftp_default: (
	    EV_DONE           @get_phone                     -> tftp_phone
	  | EV_NOT_FOUND      @missing @get_phone            -> tftp_phone
	  | EV_FAILED         @bad @get_phone                -> tftp_phone
	  | (any - fetched)   @unexpected                    -> tftp_default
	),
	# SIP<MAC>.cnf is required: without it the phone runs on flash.
	tftp_phone: (
	    EV_DONE           @check_dyn                     -> dyn_check
	  | EV_NOT_FOUND      @missing @check_dyn            -> dyn_check
	  | EV_FAILED         @bad @check_dyn                -> dyn_check
	  | (any - fetched)   @unexpected                    -> tftp_phone
	),
	# "the phone will rerequest the default and MAC-specific configuration
	# files from the new TFTP server" -- a bounded number of times.
	dyn_check: (
	    EV_DYN_TFTP       @switch_tftp @get_default      -> tftp_default
	  | EV_DONE           @get_dialplan                  -> dialplan
	  | (any - (EV_DYN_TFTP | EV_DONE)) @unexpected      -> dyn_check
	),
	dialplan: (
	    fetched           @get_ringlist                  -> ringlist
	  | (any - fetched)   @unexpected                    -> dialplan
	),
	ringlist: (
	    fetched           @get_ring                      -> rings
	  | (any - fetched)   @unexpected                    -> ringlist
	),
	# One PCM file after the other, until none is left.
	rings: (
	    EV_DONE           @get_ring                      -> rings
	  | (EV_NOT_FOUND | EV_FAILED) @missing @get_ring    -> rings
	  | EV_NONE_LEFT      @apply                         -> applying
	  | (any - (fetched | EV_NONE_LEFT)) @unexpected     -> rings
	),
	applying: (
	    EV_DONE           @running                       -> running
	  | (any - EV_DONE)   @unexpected                    -> applying
	),
	running: (
	    EV_RESET          @restart @load_flash           -> flash
	  | (any - EV_RESET)  @unexpected                    -> running
	);
}%%

%% write data noerror nofinal;

void boot__init(struct boot *b)
{
	int cs;

	%% write init;
	b->cs = cs;
}

void boot__exec(struct boot *b, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = b->cs;

	%% write exec;
	b->cs = cs;
}

const char *boot__state(int cs)
{
	if (cs == boot_seq_en_main_start) return "start";
	if (cs == boot_seq_en_main_flash) return "flash";
	if (cs == boot_seq_en_main_ip) return "ip";
	if (cs == boot_seq_en_main_tftp_default) return "tftp_default";
	if (cs == boot_seq_en_main_tftp_phone) return "tftp_phone";
	if (cs == boot_seq_en_main_dyn_check) return "dyn_check";
	if (cs == boot_seq_en_main_dialplan) return "dialplan";
	if (cs == boot_seq_en_main_ringlist) return "ringlist";
	if (cs == boot_seq_en_main_rings) return "rings";
	if (cs == boot_seq_en_main_applying) return "applying";
	if (cs == boot_seq_en_main_running) return "running";
	return "?";
}
