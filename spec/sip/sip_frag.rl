/*
 * sip_frag.rl - the body of a refer NOTIFY (RFC 3515 s.2.4.5): a
 * message/sipfrag (RFC 3420) whose first line is the status line of the
 * transferee's INVITE, e.g. "SIP/2.0 180 Ringing".  Headers after it
 * (a sipfrag may carry some) are checked as header lines and skipped.
 *
 * The guide's Appendix B transfer flows: the NOTIFY tells the transferor
 * how the call to the target went (100 Trying, then 200 OK or a failure).
 * Actions only mark offsets; the number is read afterwards.
 */
#include <errno.h>
#include <string.h>

#include "sip/sip_frag.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))

%%{
	machine sip_frag;
	include sip_core "_core.rl";

	action mk       { mk = p; }
	action e_code   { code = PL(mk, p); }
	action e_reason { f->reason = PL(mk, p); }

	text    = (any - [\r\n])*;
	status  = 'SIP/2.0' ' ' (digit{3} >mk %e_code) ' '
	          (text >mk %e_reason);
	hline   = token HCOLON text;

	main := status (CRLF (hline CRLF)* (CRLF any*)?)?;
}%%

%% write data noerror noentry;

int sip_frag_parse(struct sip_frag *f, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	const unsigned char *eof = pe, *mk = p;
	struct sip_pl code = {NULL, 0};
	uint32_t v;
	int cs;

	memset(f, 0, sizeof(*f));
	%% write init;
	%% write exec;
	(void)eof;
	if (cs < sip_frag_first_final || p != pe ||
	    sip_pl_u32(&code, 699, &v) || v < 100)
		return -EBADMSG;
	f->status = (uint16_t)v;
	return 0;
}
