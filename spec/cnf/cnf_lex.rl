/*
 * cnf_lex.rl - the configuration-file lexer (Ragel scanner).
 *
 * Two scanners: MAIN reads the variable name up to the first colon, VALUE
 * the rest of the line, where colons are ordinary characters
 * (dst_start_time: 02:00).  Comments start at ';' or '#'; a quoted value
 * keeps them.  Actions only cut tokens and hand them to the lemon parser;
 * every meaning is decided there.  Guide: "Configuration File Guidelines".
 */
#include <errno.h>
#include <stdlib.h>

#include "cnf/cnf_reader.h"
#include "cnf/cnf_gram.h"

%%{
	machine cnf_lex;
	alphtype unsigned char;

	ws      = [ \t\v\f];
	eol     = '\r'? '\n';                  # "<lf> or <cr><lf>"
	cmt     = [;#] (any - [\r\n])*;
	namech  = any - (ws | [:;#"'\r\n] | 0);
	valch   = any - (ws | [;#\r\n] | 0);
	bare    = (valch - ["']) valch*;       # no inner white space
	dq      = '"' (any - ["\r\n] - 0)* '"';
	sq      = "'" (any - ['\r\n] - 0)* "'";
	dq_open = '"' (any - ["\r\n] - 0)*;    # the end quote is missing
	sq_open = "'" (any - ['\r\n] - 0)*;

	main := |*
		ws+;
		cmt;
		eol               => { emit(&lx, CNF_TOK_EOL, ts, te, 0); lx.line++; };
		':'               => { emit(&lx, CNF_TOK_COLON, ts, te, 0); fgoto value; };
		namech+           => { emit(&lx, CNF_TOK_NAME, ts, te, 0); };
		any               => { emit(&lx, CNF_TOK_BAD, ts, te, 0); };
	*|;

	value := |*
		ws+;
		cmt;
		eol               => { emit(&lx, CNF_TOK_EOL, ts, te, 0); lx.line++; fgoto main; };
		dq | sq           => { emit(&lx, CNF_TOK_QUOTED, ts + 1, te - 1, CNF__TK_QUOTED); };
		dq_open | sq_open => { emit(&lx, CNF_TOK_OPENQUOTE, ts, te, CNF__TK_OPENQUOTE); };
		bare              => { emit(&lx, CNF_TOK_WORD, ts, te, CNF__TK_WORD); };
		any               => { emit(&lx, CNF_TOK_BAD, ts, te, 0); };
	*|;
}%%

%% write data noerror nofinal;

struct cnf__lexer {
	void *parser;
	struct cnf__reader *rd;
	uint32_t line;
	unsigned on_line; /* tokens so far on this line */
};

static void emit(struct cnf__lexer *lx, int major, const unsigned char *ts,
		 const unsigned char *te, uint8_t kind)
{
	struct cnf__tok t = {
		.p = ts, .n = (uint32_t)(te - ts), .line = lx->line, .kind = kind,
	};

	lx->on_line = major == CNF_TOK_EOL ? 0 : lx->on_line + 1;
	/* The parser reports only the first of errors close together; the
	 * lexer knows a bad byte when it sees one. */
	if (major == CNF_TOK_BAD)
		cnf__rd_syntax_error(lx->rd, &t);
	cnf__gram(lx->parser, major, t, lx->rd);
}

int cnf__read(const uint8_t *buf, size_t len,
	      const struct cnf__reader_ops *ops, void *arg)
{
	struct cnf__reader rd = {.ops = ops, .arg = arg};
	struct cnf__lexer lx = {.rd = &rd, .line = 1};
	const unsigned char *p = buf, *pe = buf + len, *eof = pe;
	const unsigned char *ts, *te;
	int cs, act;
	struct cnf__tok end = {.p = pe, .n = 0, .line = 1};

	if (len > CNF_FILE_MAX)
		return -EFBIG;
	lx.parser = cnf__gramAlloc(malloc);
	if (!lx.parser)
		return -ENOMEM;

	%% write init;
	%% write exec;

	(void)cnf_lex_en_main;
	(void)cnf_lex_en_value;
	/* The last line may lack its line end. */
	if (lx.on_line) {
		end.line = lx.line;
		cnf__gram(lx.parser, CNF_TOK_EOL, end, &rd);
	}
	end.line = lx.line;
	cnf__gram(lx.parser, 0, end, &rd);
	cnf__gramFree(lx.parser, free);
	return 0;
}
