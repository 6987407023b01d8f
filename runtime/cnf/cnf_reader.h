/*
 * cnf_reader.h - the configuration-file reader (internal to runtime/cnf).
 *
 * The Ragel lexer (spec/cnf/cnf_lex.rl) cuts a file into tokens; the lemon
 * grammar (spec/cnf/cnf_gram.y) recognises lines; its actions call the
 * cnf__rd_* functions of cnf_reader.c, which hand each assignment, and each
 * diagnostic, to the caller.  Tokens are slices of the caller's buffer.
 */
#ifndef CNF_READER_H
#define CNF_READER_H

#include <stddef.h>
#include <stdint.h>

#include "cnf/cnf.h"

enum cnf__tok_kind { CNF__TK_OTHER, CNF__TK_WORD, CNF__TK_QUOTED,
		     CNF__TK_OPENQUOTE };

struct cnf__tok {
	const uint8_t *p;
	uint32_t n;
	uint32_t line;
	uint8_t kind; /* enum cnf__tok_kind */
};

/* A run of tokens on one line (a name, or the words after the colon). */
struct cnf__run {
	struct cnf__tok first;
	struct cnf__tok last;
	unsigned count;
	unsigned open_quotes;
};

struct cnf__reader_ops {
	/* One "name : value" line.  VALUE is unquoted; VLEN 0 for "". */
	void (*assign)(void *arg, unsigned line, const uint8_t *name,
		       size_t nlen, const uint8_t *value, size_t vlen);
	void (*diag)(void *arg, unsigned line, enum cnf_sev sev,
		     const char *msg);
};

struct cnf__reader {
	const struct cnf__reader_ops *ops;
	void *arg;
	struct cnf__tok bad;  /* where the grammar stopped, for the message */
	unsigned bad_line;    /* line of BAD, 0 if none */
	unsigned failed;      /* the parser gave up (stack overflow) */
};

/* Read BUF (LEN bytes, at most CNF_FILE_MAX).  -EFBIG, -ENOMEM or 0. */
int cnf__read(const uint8_t *buf, size_t len,
	      const struct cnf__reader_ops *ops, void *arg);

/* Grammar actions (spec/cnf/cnf_gram.y). */
void cnf__run_start(struct cnf__run *r, const struct cnf__tok *t);
void cnf__run_empty(struct cnf__run *r);
void cnf__run_add(struct cnf__run *r, const struct cnf__tok *t);
void cnf__rd_line(struct cnf__reader *rd, const struct cnf__run *name,
		  const struct cnf__run *vals);
void cnf__rd_no_colon(struct cnf__reader *rd, const struct cnf__run *name);
void cnf__rd_no_name(struct cnf__reader *rd, const struct cnf__tok *colon);
void cnf__rd_bad_line(struct cnf__reader *rd, const struct cnf__tok *eol);
void cnf__rd_syntax_error(struct cnf__reader *rd, const struct cnf__tok *t);
void cnf__rd_parse_failure(struct cnf__reader *rd);

/* The lemon parser (gen/cnf/cnf_gram.c). */
void *cnf__gramAlloc(void *(*alloc)(size_t));
void cnf__gram(void *parser, int major, struct cnf__tok minor,
	       struct cnf__reader *rd);
void cnf__gramFree(void *parser, void (*dealloc)(void *));

#endif
