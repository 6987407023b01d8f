/*
 * cnf_gram.y - the configuration-file grammar (lemon).
 *
 * The guide, chapter 2, "Configuration File Guidelines":
 *   variable-name : value ; optional comments
 * one variable per line, one value per variable, blank and comment lines
 * allowed.  Rules are small; their actions call the named functions of
 * runtime/cnf/cnf_reader.c, which decide what each line means and report
 * what is wrong with it.  A line the grammar cannot read is skipped
 * through the error rule and reported once; the next line starts afresh.
 */
%include {
#include <assert.h>
#include <stdlib.h>
#include "cnf/cnf_reader.h"
}

%name cnf__gram
%token_prefix CNF_TOK_
%token_type { struct cnf__tok }
%extra_argument { struct cnf__reader *rd }
%syntax_error { cnf__rd_syntax_error(rd, &TOKEN); }
%parse_failure { cnf__rd_parse_failure(rd); }
%stack_overflow { cnf__rd_parse_failure(rd); }

/* BAD is a byte no token allows (NUL, a lone CR, a quote in a name). */
%token EOL COLON NAME WORD QUOTED OPENQUOTE BAD.

%type name { struct cnf__run }
%type vals { struct cnf__run }
%type val  { struct cnf__tok }

file ::= lines.
lines ::= .
lines ::= lines line.

/* "Blank lines are allowed.  Comment lines are allowed." (the lexer drops
 * the comment itself) */
line ::= EOL.
/* "Use colons to separate variable names and values." */
line ::= name(N) COLON vals(V) EOL.  { cnf__rd_line(rd, &N, &V); }
/* Text without a colon: the phone ignores it; we warn. */
line ::= name(N) EOL.                { cnf__rd_no_colon(rd, &N); }
line ::= COLON(C) vals EOL.          { cnf__rd_no_name(rd, &C); }
line ::= error EOL(E).               { cnf__rd_bad_line(rd, &E); }

name(A) ::= NAME(T).                 { cnf__run_start(&A, &T); }
name(A) ::= name(B) NAME(T).         { A = B; cnf__run_add(&A, &T); }

vals(A) ::= .                        { cnf__run_empty(&A); }
vals(A) ::= vals(B) val(T).          { A = B; cnf__run_add(&A, &T); }

val(A) ::= WORD(T).                  { A = T; }
val(A) ::= QUOTED(T).                { A = T; }
val(A) ::= OPENQUOTE(T).             { A = T; }
