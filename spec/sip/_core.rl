# _core.rl - RFC 3261 s.25.1 basic rules shared by the SIP grammars.
#
# Line ends: CRLF on the wire; a bare LF is accepted too (old gateways,
# issue 3 "leniency").  A bare CR is never a line end.
%%{
	machine sip_core;
	alphtype unsigned char;

	CRLF     = '\r'? '\n';
	WSP      = [ \t];
	LWS      = (WSP* CRLF)? WSP+;          # folding allowed (s.7.3.1)
	SWS      = LWS?;
	HCOLON   = WSP* ':' SWS;
	SEMI     = SWS ';' SWS;
	COMMA    = SWS ',' SWS;
	EQUAL    = SWS '=' SWS;
	SLASH    = SWS '/' SWS;
	COLON    = SWS ':' SWS;
	LAQUOT   = SWS '<';                     # RFC 4475 lwsdisp: no LWS needed before '<'
	RAQUOT   = '>' SWS;
	LDQUOT   = SWS '"';

	alphanum = alpha | digit;
	mark     = [\-_.!~*'()];
	unreserved = alphanum | mark;
	reserved = [;/?:@&=+$,];
	escaped  = '%' xdigit xdigit;
	utf8_nonascii = 0x80..0xff;            # UTF-8 or ISO 8859-1 (guide, Character Support)

	token    = (alphanum | [\-.!%*_+`'~])+;
	word     = (alphanum | [\-.!%*_+`'~()<>:\\"/\[\]?{}])+;

	# Class skips (runtime/sip/sip_scan.h): embed one as the LAST action
	# on a run's first byte, where the state reached loops on exactly that
	# class with no action; tools/skipcheck.py checks every use.
	action sk_tok  { fexec sip_skip(p + 1, pe, SIP_C_TOKEN); }
	action sk_word { fexec sip_skip(p + 1, pe, SIP_C_WORD); }
	action sk_lbl  { fexec sip_skip(p + 1, pe, SIP_C_LABEL); }
	action sk_dig  { fexec sip_skip(p + 1, pe, SIP_C_DIGIT); }
	action sk_vis  { fexec sip_skip_vis(p + 1, pe); }
	action sk_text { fexec sip_find_crlf(p + 1, pe); }
	action sk_hex6 { fexec sip_skip(p + 1, pe, SIP_C_HEX6); }

	# quoted-string: qdtext or quoted-pair; a quoted-pair may escape a NUL
	# (RFC 4475 intmeth), never CR or LF.
	qdtext   = LWS | 0x21 | 0x23..0x5b | 0x5d..0x7e | utf8_nonascii;
	qpair    = '\\' (0x00..0x09 | 0x0b..0x0c | 0x0e..0x7f);
	qcontent = (qdtext | qpair)*;
	quoted_string = '"' qcontent '"';

	# Hosts (s.25.1).  hostname is a little looser than the RFC ("_" and a
	# leading digit in the top label are seen in the field); IPv6
	# references accept RFC 3261's three-colon ABNF bug (RFC 5118 s.4.10).
	hostname = (alphanum | [\-_])+ ('.' (alphanum | [\-_])+)* '.'?;
	ipv6ref  = '[' (xdigit | ':' | '.')+ ']';
	host     = hostname | ipv6ref;
	port     = digit+;
	# The same languages as token, word, hostname and port, with a skip on
	# each run's own loop (so an action on the run's first byte still sees
	# p there).  Use them where the run is not in a union with another
	# reading of the same bytes.  The skip starts on a run's first byte
	# (an entering action embedded around the run runs before it).
	tch      = alphanum | [\-.!%*_+`'~];
	wch      = tch | [()<>:\\"/\[\]?{}];
	lch      = alphanum | [\-_];
	token_f  = (tch @sk_tok) (tch $sk_tok)*;
	word_f   = (wch @sk_word) (wch $sk_word)*;
	hlabel_f = (lch @sk_lbl) (lch $sk_lbl)*;
	host_f   = (hlabel_f ('.' hlabel_f)* '.'?) | ipv6ref;
	port_f   = (digit @sk_dig) (digit $sk_dig)*;
}%%
