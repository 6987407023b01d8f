/*
 * cnf_reader.c - what each line of a configuration file means.
 *
 * Called by the grammar actions of spec/cnf/cnf_gram.y.  Every message names
 * the line; the file name is added by the caller's report function.
 */
#include <stdio.h>

#include "cnf/cnf_reader.h"

static void diag(struct cnf__reader *rd, unsigned line, enum cnf_sev sev,
		 const char *fmt, const struct cnf__tok *t)
{
	char msg[CNF_DIAG_MAX];
	int n = t ? (int)(t->n > 48 ? 48 : t->n) : 0;

	snprintf(msg, sizeof(msg), fmt, n, t ? (const char *)t->p : "");
	rd->ops->diag(rd->arg, line, sev, msg);
}

void cnf__run_start(struct cnf__run *r, const struct cnf__tok *t)
{
	r->first = r->last = *t;
	r->count = 1;
	r->open_quotes = t->kind == CNF__TK_OPENQUOTE;
}

void cnf__run_empty(struct cnf__run *r)
{
	*r = (struct cnf__run){.count = 0};
}

void cnf__run_add(struct cnf__run *r, const struct cnf__tok *t)
{
	if (r->count == 0) {
		cnf__run_start(r, t);
		return;
	}
	r->last = *t;
	r->count++;
	r->open_quotes += t->kind == CNF__TK_OPENQUOTE;
}

/* "variable-name : value ; optional comments" */
void cnf__rd_line(struct cnf__reader *rd, const struct cnf__run *name,
		  const struct cnf__run *vals)
{
	unsigned line = name->first.line;

	if (name->count > 1) {
		diag(rd, line, CNF_ERROR,
		     "white space inside the variable name \"%.*s...\"",
		     &name->first);
		return;
	}
	if (vals->open_quotes) {
		diag(rd, line, CNF_ERROR,
		     "missing end quote: a quoted value must end with the "
		     "quote it starts with (%.*s)",
		     &vals->last);
		return;
	}
	if (vals->count > 1) {
		/* "if white spaces are needed within the value, the value
		 * must be enclosed in single or double quotes" */
		diag(rd, line, CNF_ERROR,
		     vals->first.kind == CNF__TK_QUOTED
			     ? "text after the end quote of the value "
			       "\"%.*s\""
			     : "white space inside the value \"%.*s ...\"; "
			       "enclose the value in quotes",
		     &vals->first);
		return;
	}
	rd->ops->assign(rd->arg, line, name->first.p, name->first.n,
			vals->count ? vals->first.p : name->first.p,
			vals->count ? vals->first.n : 0);
}

/* The text of a run: its tokens are on one line of one buffer. */
static struct cnf__tok run_text(const struct cnf__run *r)
{
	struct cnf__tok t = r->first;

	t.n = (uint32_t)(r->last.p + r->last.n - r->first.p);
	return t;
}

void cnf__rd_no_colon(struct cnf__reader *rd, const struct cnf__run *name)
{
	struct cnf__tok t = run_text(name);

	diag(rd, name->first.line, CNF_WARNING,
	     "no ':' on this line (\"%.*s\"); ignored", &t);
}

void cnf__rd_no_name(struct cnf__reader *rd, const struct cnf__tok *colon)
{
	diag(rd, colon->line, CNF_ERROR, "missing variable name before ':'%.*s",
	     NULL);
}

void cnf__rd_syntax_error(struct cnf__reader *rd, const struct cnf__tok *t)
{
	if (rd->bad_line == t->line)
		return;
	rd->bad = *t;
	rd->bad_line = t->line;
}

/* The error rule consumed a line up to its end. */
void cnf__rd_bad_line(struct cnf__reader *rd, const struct cnf__tok *eol)
{
	const struct cnf__tok *t = rd->bad_line == eol->line ? &rd->bad : NULL;

	if (t && t->n == 1 && (t->p[0] < 0x20 || t->p[0] == 0x7f))
		diag(rd, eol->line, CNF_ERROR,
		     "control character in the line%.*s", NULL);
	else if (t && t->n == 1 && (t->p[0] == '"' || t->p[0] == '\''))
		diag(rd, eol->line, CNF_ERROR,
		     "quote in the variable name%.*s", NULL);
	else if (t && t->n)
		diag(rd, eol->line, CNF_ERROR, "syntax error at \"%.*s\"", t);
	else
		diag(rd, eol->line, CNF_ERROR, "syntax error%.*s", NULL);
	rd->bad_line = 0;
}

void cnf__rd_parse_failure(struct cnf__reader *rd)
{
	rd->failed = 1;
}
