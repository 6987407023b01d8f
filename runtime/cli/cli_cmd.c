/*
 * cli_cmd.c - what each rule of the CLI grammar (spec/cli/cli_gram.y)
 * means: fill the struct cli_cmd, check the ranges Table 4-1 gives, and
 * word the errors ("% Invalid input at 'foo'").
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_int.h"
#include "net/net_addr.h"

_Static_assert(CLI_DEBUG__COUNT <= 64, "struct cli_cmd.debug is a uint64_t");
_Static_assert(CLI_LINE_MAX < UINT16_MAX, "tokens keep 16-bit offsets");
_Static_assert(CLI_KEY__COUNT <= 256, "struct cli_cmd.keys are uint8_t");

/* A token as the user typed it, for a message: at most
 * CLI_TOKEN_SHOW_MAX bytes (then "..."), control bytes and bytes past
 * ASCII as \xNN. */
static void tok_show(char *buf, size_t size, const struct cli__tok *t)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < t->n && o + 5 < size; i++) {
		unsigned char c = t->p[i];

		if (i == CLI_TOKEN_SHOW_MAX) {
			snprintf(buf + o, size - o, "...");
			return;
		}
		if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
		buf[o] = '\0';
	}
}

/* Record the first error: "% Invalid input at 'TOKEN'" and, after a
 * colon, why (FMT may be NULL). */
static void fail_at(struct cli__parse *ps, const struct cli__tok *t,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail_at(struct cli__parse *ps, const struct cli__tok *t,
		    const char *fmt, ...)
{
	char shown[CLI_TOKEN_SHOW_MAX * 4 + 8];
	char why[96]; /* the reasons below are short */
	va_list ap;

	if (ps->failed)
		return;
	ps->failed = 1;
	ps->err->verb = ps->first;
	why[0] = '\0';
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof(why), fmt, ap);
		va_end(ap);
	}
	tok_show(shown, sizeof(shown), t);
	snprintf(ps->err->msg, sizeof(ps->err->msg), "%% Invalid input at '%s'%s%s",
		 shown, fmt ? ": " : "", why);
}

static void fail(struct cli__parse *ps, const char *msg)
{
	if (ps->failed)
		return;
	ps->failed = 1;
	ps->err->verb = ps->first;
	snprintf(ps->err->msg, sizeof(ps->err->msg), "%s", msg);
}

/* Decimal digits in MIN..MAX; anything else is an error naming the
 * token and WHAT. */
static int tok_num(struct cli__parse *ps, const struct cli__tok *t,
		   uint32_t min, uint32_t max, const char *what, uint32_t *out)
{
	uint32_t v = 0;
	uint16_t i;

	for (i = 0; i < t->n; i++) {
		unsigned d = (unsigned)(t->p[i] - '0');

		if (d > 9 || v > (max - d) / 10) {
			v = max + 1u; /* past MAX (or not a number) */
			break;
		}
		v = v * 10 + d;
	}
	if (t->n == 0 || v < min || v > max) {
		fail_at(ps, t, "%s must be %lu..%lu", what, (unsigned long)min,
			(unsigned long)max);
		return -1;
	}
	*out = v;
	return 0;
}

void cli__verb(struct cli__parse *ps, enum cli_verb v)
{
	ps->cmd->verb = v;
}

void cli__help(struct cli__parse *ps, enum cli_verb v)
{
	ps->cmd->verb = CLI_V_HELP;
	ps->cmd->help = v;
}

void cli__clear(struct cli__parse *ps, enum cli_clear c)
{
	ps->cmd->verb = CLI_V_CLEAR;
	ps->cmd->clear = c;
}

void cli__show(struct cli__parse *ps, enum cli_show s)
{
	ps->cmd->verb = CLI_V_SHOW;
	ps->cmd->show = s;
}

void cli__debug(struct cli__parse *ps, enum cli_verb v)
{
	ps->cmd->verb = v;
}

void cli__debug_cat(struct cli__parse *ps, enum cli_debug d)
{
	ps->cmd->debug |= UINT64_C(1) << d;
}

/* "-s ip-address  Sets the primary DNS server" */
void cli__dns(struct cli__parse *ps, enum cli_dns op,
	      const struct cli__tok *ip)
{
	ps->cmd->verb = CLI_V_DNS;
	ps->cmd->dns = op;
	if (ip && net_addr_parse_ip((const char *)ip->p, ip->n,
				    &ps->cmd->dns_ip))
		fail_at(ps, ip, "not a dotted IP address");
}

/* "You can use a dotted IP address or an alphanumeric address": letters,
 * digits, '-', '.' (and '_', which some networks use), at most
 * CLI_HOST_MAX. */
static void set_host(struct cli__parse *ps, const struct cli__tok *t)
{
	uint16_t i;

	if (t->n > CLI_HOST_MAX) {
		fail_at(ps, t, "a host name has at most %d characters",
			CLI_HOST_MAX);
		return;
	}
	for (i = 0; i < t->n; i++) {
		unsigned char c = t->p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		      c == '_')) {
			fail_at(ps, t, "not an IP address or host name");
			return;
		}
	}
	memcpy(ps->cmd->host, t->p, t->n);
	ps->cmd->host[t->n] = '\0';
}

void cli__ping(struct cli__parse *ps, const struct cli__tok *h,
	       const struct cli__tok *count, const struct cli__tok *size,
	       const struct cli__tok *timeout)
{
	struct cli_cmd *c = ps->cmd;

	c->verb = CLI_V_PING;
	set_host(ps, h);
	c->count = CLI_PING_COUNT_DEFAULT;
	c->size = CLI_PING_SIZE_DEFAULT;
	c->timeout = CLI_PING_TIMEOUT_DEFAULT;
	if (count)
		tok_num(ps, count, 1, CLI_PING_COUNT_MAX, "the number of pings",
			&c->count);
	if (size)
		tok_num(ps, size, 0, CLI_PING_SIZE_MAX, "the packet size",
			&c->size);
	if (timeout)
		tok_num(ps, timeout, 1, CLI_PING_TIMEOUT_MAX,
			"the timeout (seconds)", &c->timeout);
}

void cli__traceroute(struct cli__parse *ps, const struct cli__tok *h,
		     const struct cli__tok *ttl)
{
	struct cli_cmd *c = ps->cmd;

	c->verb = CLI_V_TRACEROUTE;
	set_host(ps, h);
	c->ttl = CLI_TTL_DEFAULT;
	if (ttl)
		tok_num(ps, ttl, 1, CLI_TTL_MAX, "the ttl", &c->ttl);
}

/* "option value ... 0 (unregistered) and 1 (registered)"; "line value ...
 * The valid values are from 1 to 6 and backup"; LINE NULL is backup. */
void cli__register(struct cli__parse *ps, const struct cli__tok *option,
		   const struct cli__tok *line)
{
	struct cli_cmd *c = ps->cmd;
	uint32_t v;

	c->verb = CLI_V_REGISTER;
	if (tok_num(ps, option, 0, 1, "the option", &v) == 0)
		c->reg_option = (uint8_t)v;
	c->reg_line = CLI_REG_BACKUP;
	if (line && tok_num(ps, line, 1, CLI_REG_LINES,
			    "the line (or backup)", &v) == 0)
		c->reg_line = (uint8_t)v;
}

void cli__test(struct cli__parse *ps, enum cli_test op)
{
	ps->cmd->verb = CLI_V_TEST;
	ps->cmd->test = op;
}

static void add_key(struct cli__parse *ps, const struct cli__tok *t,
		    enum cli_key k)
{
	struct cli_cmd *c = ps->cmd;

	if (c->nkeys >= CLI_TEST_KEYS_MAX) {
		fail_at(ps, t, "at most %d keys in one test key command",
			CLI_TEST_KEYS_MAX);
		return;
	}
	c->keys[c->nkeys++] = (uint8_t)k;
}

void cli__key(struct cli__parse *ps, const struct cli__tok *t,
	      enum cli_key k)
{
	add_key(ps, t, k);
}

/* "The keys 0 through 9, #, and * may be entered in continuous strings" */
void cli__key_digits(struct cli__parse *ps, const struct cli__tok *t)
{
	uint16_t i;

	for (i = 0; i < t->n && !ps->failed; i++) {
		unsigned char ch = t->p[i];

		add_key(ps, t,
			ch == '*'   ? CLI_KEY_STAR
			: ch == '#' ? CLI_KEY_POUND
				    : (enum cli_key)(CLI_KEY_0 + (ch - '0')));
	}
}

void cli__tty(struct cli__parse *ps, enum cli_tty op, int on)
{
	ps->cmd->verb = CLI_V_TTY;
	ps->cmd->tty = op;
	ps->cmd->on = on != 0;
}

/* "timeout value ... The value range is from 0 to 65535"; kill session */
void cli__tty_num(struct cli__parse *ps, enum cli_tty op,
		  const struct cli__tok *n)
{
	cli__tty(ps, op, 0);
	if (op == CLI_TTY_TIMEOUT)
		tok_num(ps, n, 0, CLI_TTY_TIMEOUT_MAX, "the timeout",
			&ps->cmd->value);
	else
		tok_num(ps, n, 0, UINT16_MAX, "the session number",
			&ps->cmd->value);
}

/* The message is the rest of the line as typed, from its first word to
 * its last. */
void cli__text(struct cli__parse *ps, const struct cli__tok *t)
{
	if (!ps->text_start)
		ps->text_start = t->p;
	ps->text_end = t->p + t->n;
}

void cli__tty_msg(struct cli__parse *ps)
{
	size_t n = (size_t)(ps->text_end - ps->text_start);

	cli__tty(ps, CLI_TTY_MSG, 0);
	/* The line is at most CLI_LINE_MAX bytes: the text fits. */
	memcpy(ps->cmd->text, ps->text_start, n);
	ps->cmd->text[n] = '\0';
}

void cli__syntax_error(struct cli__parse *ps, int major,
		       const struct cli__tok *t)
{
	if (major == 0 || !t->p) {
		fail(ps, "% Incomplete command");
		return;
	}
	if (ps->ntok == 1 && ps->first == CLI_V_NONE) {
		char shown[CLI_TOKEN_SHOW_MAX * 4 + 8];
		char msg[CLI_ERR_MAX];

		tok_show(shown, sizeof(shown), t);
		snprintf(msg, sizeof(msg),
			 "%% Unknown command '%s' (type ? for a list)", shown);
		fail(ps, msg);
		return;
	}
	fail_at(ps, t, NULL);
}

void cli__parse_failure(struct cli__parse *ps)
{
	fail(ps, "% Command too complex");
}

int cli_cmd_parse(struct cli_cmd *cmd, const char *line, size_t len,
		  struct cli_err *err)
{
	struct cli__parse ps;

	memset(cmd, 0, sizeof(*cmd));
	memset(err, 0, sizeof(*err));
	if (len > CLI_LINE_MAX) {
		snprintf(err->msg, sizeof(err->msg),
			 "%% Line too long (more than %d characters)",
			 CLI_LINE_MAX);
		return -EMSGSIZE;
	}
	memset(&ps, 0, sizeof(ps));
	ps.cmd = cmd;
	ps.err = err;
	ps.line = (const unsigned char *)line;
	ps.len = len;
	cli__gramInit(ps.parser);
	cli__lex(&ps);
	cli__gramFinalize(ps.parser);
	if (ps.failed) {
		struct cli_err keep = *err;

		memset(cmd, 0, sizeof(*cmd));
		*err = keep;
		return -EINVAL;
	}
	return 0;
}
