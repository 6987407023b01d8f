/*
 * cli_int.h - between the CLI tokenizer, grammar and actions (internal to
 * runtime/cli).
 *
 * The Ragel tokenizer (spec/cli/cli_lex.rl) cuts one line into tokens;
 * the lemon grammar (spec/cli/cli_gram.y) recognises the commands of
 * Table 4-1; its actions call the cli__* functions of cli_cmd.c, which
 * fill a struct cli_cmd and word the errors.  Tokens are slices of the
 * caller's line.
 */
#ifndef CLI_INT_H
#define CLI_INT_H

#include <stddef.h>
#include <stdint.h>

#include "cli/cli.h"

struct cli__tok {
	const unsigned char *p; /* NULL for the end of the line */
	uint16_t n;
	uint16_t off;           /* from the start of the line */
};

/* "usage: ..." for verb V (cli_help.c). */
void cli__usage(struct cli_out *out, enum cli_verb v);

/* The lemon parser's state lives here, not on the heap: the grammar's
 * %code checks at compile time that it fits (%stack_size keeps it
 * small; every list in the grammar is left-recursive). */
enum { CLI__PARSER_BYTES = 512 };

struct cli__parse {
	struct cli_cmd *cmd;
	struct cli_err *err;
	const unsigned char *line;
	size_t len;
	enum cli_verb first;    /* the verb the first token names */
	unsigned ntok;
	int failed;             /* an error is in ERR (the first one wins) */
	const unsigned char *text_start, *text_end; /* tty msg */
	_Alignas(max_align_t) unsigned char parser[CLI__PARSER_BYTES];
};

/* The tokenizer: feeds every token of PS->line and the end to the parser
 * (spec/cli/cli_lex.rl). */
void cli__lex(struct cli__parse *ps);

/* Grammar actions (spec/cli/cli_gram.y). */
void cli__verb(struct cli__parse *ps, enum cli_verb v);
void cli__help(struct cli__parse *ps, enum cli_verb v);
void cli__clear(struct cli__parse *ps, enum cli_clear c);
void cli__show(struct cli__parse *ps, enum cli_show s);
void cli__debug(struct cli__parse *ps, enum cli_verb v);
void cli__debug_cat(struct cli__parse *ps, enum cli_debug d);
void cli__dns(struct cli__parse *ps, enum cli_dns op,
	      const struct cli__tok *ip);
void cli__ping(struct cli__parse *ps, const struct cli__tok *host,
	       const struct cli__tok *count, const struct cli__tok *size,
	       const struct cli__tok *timeout);
void cli__traceroute(struct cli__parse *ps, const struct cli__tok *host,
		     const struct cli__tok *ttl);
void cli__register(struct cli__parse *ps, const struct cli__tok *option,
		   const struct cli__tok *line);
void cli__test(struct cli__parse *ps, enum cli_test op);
void cli__key(struct cli__parse *ps, const struct cli__tok *t,
	      enum cli_key k);
void cli__key_digits(struct cli__parse *ps, const struct cli__tok *t);
void cli__tty(struct cli__parse *ps, enum cli_tty op, int on);
void cli__tty_num(struct cli__parse *ps, enum cli_tty op,
		  const struct cli__tok *n);
void cli__text(struct cli__parse *ps, const struct cli__tok *t);
void cli__tty_msg(struct cli__parse *ps);
void cli__syntax_error(struct cli__parse *ps, int major,
		       const struct cli__tok *t);
void cli__parse_failure(struct cli__parse *ps);
/* The tokenizer saw the first token: which command it starts. */
void cli__first(struct cli__parse *ps, int major);

/* "usage: ..." for verb V (cli_help.c). */
void cli__usage(struct cli_out *out, enum cli_verb v);

/* The lemon parser (gen/cli/cli_gram.c). */
void cli__gramInit(void *parser);
void cli__gram(void *parser, int major, struct cli__tok minor,
	       struct cli__parse *ps);
void cli__gramFinalize(void *parser);

#endif
