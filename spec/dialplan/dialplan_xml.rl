/*
 * dialplan_xml.rl - the dialplan.xml reader (Ragel).
 *
 * The guide, "Creating Dial Plans": <DIALTEMPLATE> holds one <TEMPLATE .../>
 * per line, each with MATCH, Timeout, User, Rewrite, Route and (release 4.4
 * and later) up to three Tone attributes; <!-- --> comments anywhere.  The
 * reader is tolerant of what the guide itself prints: a quoted attribute
 * ("User=phone"), the closing tag </DIALTEMPLATE/>, names in any case.  It
 * also takes single quotes, unquoted values, comments between attributes,
 * <?xml ...?>, <!DOCTYPE ...> and a byte order mark.
 *
 * The machine only recognises the text and hands slices of it to the hooks
 * of runtime/dialplan/dialplan_load.c, which judge the values.  A tag it
 * cannot read is reported (dialplan__rd_syntax) and skipped up to its '>'
 * (or the next '<', so that a missing quote costs one template, not two);
 * reading then goes on.
 */
#include <stddef.h>

#include "dialplan/dialplan_int.h"

%%{
	machine dialplan_xml;
	alphtype unsigned char;

	action tag        { tag = p; }
	action cmt_on     { cmt = p - 3; }
	action cmt_off    { cmt = NULL; }
	action nm_start   { nm = p; }
	action nm_end     { nme = p; }
	action q_start    { vs = p + 1; }
	action b_start    { vs = p; }
	action v_end      {
		dialplan__rd_attr(rd, nm, (size_t)(nme - nm), vs,
				  (size_t)(p - vs));
	}
	action tpl_begin  { dialplan__rd_tpl_begin(rd, tag); }
	action tpl_end    { dialplan__rd_tpl_end(rd); }
	action plan_open  { dialplan__rd_plan_open(rd, tag); }
	action plan_close { dialplan__rd_plan_close(rd, tag); }
	action other_end  { dialplan__rd_other(rd, tag, tag + 1, (size_t)(p - tag - 1)); }
	action text       { dialplan__rd_text(rd, p); }
	action bad {
		if (p != eof && p - 1 > tag && p[-1] == '<') {
			/* A '<' inside a tag that opens no comment: a tag
			 * begins there ("MATCH="1" <TEMPLATE ..."). */
			dialplan__rd_syntax(rd, tag, p - 1, NULL);
			p--;
			fhold;
			fgoto main;
		}
		dialplan__rd_syntax(rd, tag, p == eof ? NULL : p, cmt);
		cmt = NULL;
		if (p != eof) {
			fhold;
			fgoto skip;
		}
	}

	ws      = [ \t\r\n\v\f];
	cbody   = any* :>> '-->';
	comment = '<!--' @cmt_on cbody @cmt_off;
	gap     = (ws | comment)+;
	name    = [A-Za-z_:] [A-Za-z0-9_:.\-]*;

	# A template attribute: name="value", name='value', name=value, or the
	# guide's "User=phone".  A quoted value ends at its line: a missing
	# quote must not swallow the next template.
	dqv     = (any - ["<\n])*;
	sqv     = (any - ['<\n])*;
	bare    = (any - (ws | ["'<>=/]))+;
	tname   = name >nm_start %nm_end;
	tattr   = tname ws* '=' ws* ( '"' @q_start dqv '"' @v_end
	                            | "'" @q_start sqv "'" @v_end
	                            | bare >b_start %v_end )
	        | '"' ws* tname ws* '=' @q_start dqv '"' @v_end
	        | "'" ws* tname ws* '=' @q_start sqv "'" @v_end;
	# Longest-match star: an unquoted value keeps its characters rather
	# than lending them to a next attribute name.
	tattrs  = ( gap | tattr )**;

	# Attributes of other elements are read past, not used.
	gval    = '"' (any - ["\n])* '"' | "'" (any - ['\n])* "'" | bare;
	gattr   = name ws* '=' ws* gval | '"' (any - ["\n])* '"' | "'" (any - ['\n])* "'";
	gattrs  = ( gap | gattr )**;

	other_name = name - ( 'TEMPLATE'i | 'DIALTEMPLATE'i );

	tpl_tag   = 'TEMPLATE'i %tpl_begin ( gap tattrs )? '/'? ws* '>' @tpl_end;
	plan_tag  = 'DIALTEMPLATE'i %plan_open ( gap gattrs )? '/'? ws* '>';
	other_tag = other_name %other_end ( gap gattrs )? '/'? ws* '>';
	# </DIALTEMPLATE/> is how the guide's "#" example ends.
	close_tag = '/' ( 'DIALTEMPLATE'i %plan_close | 'TEMPLATE'i | other_name )
	            ws* '/'? ws* '>';
	cmt_tag   = '!--' @cmt_on cbody @cmt_off;
	decl_tag  = '!' [A-Za-z\[] (any - '>')* '>';
	pi_tag    = '?' (any* :>> '?>');

	tag       = '<' >tag ( cmt_tag | decl_tag | pi_tag | tpl_tag | plan_tag
	                     | other_tag | close_tag );
	# Text between tags means nothing here; white space is silent.
	between   = ws* ( (any - ws - '<') >text (any - '<')* )?;

	main := between ( tag between )* $err(bad);

	# After an error: on to the end of the tag, or to the next one.
	skip := (any - [<>])* ( '>' @{ fgoto main; } | '<' @{ fhold; fgoto main; } );
}%%

%% write data;

int dialplan__xml_read(struct dialplan__reader *rd, const uint8_t *buf,
		       size_t len)
{
	const unsigned char *p = buf, *pe = buf + len, *eof = pe;
	const unsigned char *tag = buf, *cmt = NULL;
	const unsigned char *nm = buf, *nme = buf, *vs = buf;
	int cs;

	/* A UTF-8 byte order mark is not text. */
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		p += 3;

	%% write init;
	%% write exec;

	(void)dialplan_xml_first_final;
	(void)dialplan_xml_error;
	(void)dialplan_xml_en_main;
	(void)dialplan_xml_en_skip;
	dialplan__rd_done(rd);
	return rd->err;
}
