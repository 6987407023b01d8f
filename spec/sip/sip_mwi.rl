/*
 * sip_mwi.rl - the body of a message-summary NOTIFY (RFC 3842 s.5.2), the
 * voice-mail server's message-waiting indication (the guide: the message
 * waiting lamp; messages_uri).
 *
 *   Messages-Waiting: yes
 *   Message-Account: sip:alice@vmail.example.com
 *   Voice-Message: 2/8 (0/2)
 *
 * Names are case-insensitive, LF alone ends a line too (as for SIP), the
 * optional headers after a blank line are skipped.  Actions only mark
 * offsets; the numbers are read afterwards.
 */
#include <errno.h>
#include <string.h>

#include "sip/sip_scan.h"
#include "sip/sip_mwi.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))

%%{
	machine sip_mwi;
	include sip_core "_core.rl";

	action mk      { mk = p; }
	action yes     { w->waiting = true; }
	action no      { w->waiting = false; }
	action e_acct  { w->account = PL(mk, p); }
	action e_class { cls = PL(mk, p); }
	action e_n0    { n[0] = PL(mk, p); }
	action e_n1    { n[1] = PL(mk, p); }
	action e_n2    { n[2] = PL(mk, p); }
	action e_n3    { n[3] = PL(mk, p); }
	action clear   { n[2] = n[3] = sip_pl_mk(NULL, 0); }
	action e_line  { if (mwi__summary(w, &cls, n)) bad = 1; }

	hc      = WSP* ':' WSP*;
	text    = (any - [\r\n])+;
	status  = 'Messages-Waiting'i hc ('yes'i %yes | 'no'i %no) WSP*;
	account = 'Message-Account'i hc (text >mk %e_acct);
	count   = digit{1,9};
	summary = (token >mk %e_class) >clear hc
	          (count >mk %e_n0) WSP* '/' WSP* (count >mk %e_n1) WSP*
	          ('(' WSP* (count >mk %e_n2) WSP* '/' WSP* (count >mk %e_n3)
	           WSP* ')' WSP*)?;
	ext     = token hc text?;

	main := status CRLF (account CRLF)? (summary CRLF @e_line)*
	        (CRLF (ext CRLF)*)?;
}%%

%% write data noerror noentry;

/* One "class: new/old (urgent new/urgent old)" line: the voice counts
 * are kept, other classes only checked.  -EBADMSG past the limits. */
static int mwi__summary(struct sip_mwi *w, const struct sip_pl *cls,
			const struct sip_pl n[4])
{
	uint32_t v[4] = {0, 0, 0, 0};
	unsigned i;

	for (i = 0; i < 4; i++)
		if (sip_pl_isset(&n[i]) &&
		    sip_pl_u32(&n[i], SIP_MWI_COUNT_MAX, &v[i]) < 0)
			return -EBADMSG;
	if (!sip_pl_caseeq(cls, "voice-message"))
		return 0;
	w->has_voice = true;
	w->voice_new = v[0];
	w->voice_old = v[1];
	w->voice_urgent_new = v[2];
	w->voice_urgent_old = v[3];
	return 0;
}

int sip_mwi_parse(struct sip_mwi *w, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	const unsigned char *eof = pe, *mk = p;
	struct sip_pl cls = {NULL, 0}, n[4];
	int cs, bad = 0;

	memset(w, 0, sizeof(*w));
	memset(n, 0, sizeof(n));
	%% write init;
	%% write exec;
	(void)eof;
	if (cs < sip_mwi_first_final || p != pe || bad)
		return -EBADMSG;
	return 0;
}
