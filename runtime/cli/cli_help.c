/*
 * cli_help.c - the output sink, the names of Table 4-1's keywords and the
 * help texts ("?", "help", "show ?").
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_int.h"
#include "log/log.h"

/* ---- output */

int cli_out_write(struct cli_out *o, const char *buf, size_t len)
{
	int err;

	if (o->err)
		return o->err;
	if (!len)
		return 0;
	err = o->write(o->arg, buf, len);
	if (err < 0)
		o->err = err;
	return err < 0 ? err : 0;
}

int cli_out_str(struct cli_out *o, const char *s)
{
	return cli_out_write(o, s, strlen(s));
}

int cli_printf(struct cli_out *o, const char *fmt, ...)
{
	char buf[CLI_PRINTF_MAX];
	va_list ap;
	int n, err;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if ((size_t)n < sizeof(buf))
		return cli_out_write(o, buf, (size_t)n);
	/* Say so rather than cut silently. */
	memcpy(buf + sizeof(buf) - 5, "...\n", 5);
	err = cli_out_write(o, buf, sizeof(buf) - 1);
	return err ? err : -EMSGSIZE;
}

/* ---- names */

static const char *const verb_names[CLI_V__COUNT] = {
	[CLI_V_NONE] = "", [CLI_V_HELP] = "help", [CLI_V_CLEAR] = "clear",
	[CLI_V_DEBUG] = "debug", [CLI_V_UNDEBUG] = "undebug",
	[CLI_V_DNS] = "dns", [CLI_V_ERASE] = "erase", [CLI_V_EXIT] = "exit",
	[CLI_V_PING] = "ping", [CLI_V_REGISTER] = "register",
	[CLI_V_RESET] = "reset", [CLI_V_SHOW] = "show", [CLI_V_TEST] = "test",
	[CLI_V_TTY] = "tty", [CLI_V_TRACEROUTE] = "traceroute",
};

static const struct kw {
	const char *name;
	unsigned flags;
} clear_kw[] = {
#define X(id, name, flags) {name, flags},
	CLI_CLEAR_LIST
#undef X
}, show_kw[] = {
#define X(id, name, flags) {name, flags},
	CLI_SHOW_LIST
#undef X
}, debug_kw[] = {
#define X(id, name, flags) {name, flags},
	CLI_DEBUG_LIST
#undef X
}, key_kw[] = {
#define X(id, name, flags) {name, flags},
	CLI_KEY_LIST
#undef X
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *cli_verb_name(enum cli_verb v)
{
	return (unsigned)v < CLI_V__COUNT ? verb_names[v] : NULL;
}

const char *cli_clear_name(enum cli_clear c)
{
	return (unsigned)c < COUNT(clear_kw) ? clear_kw[c].name : NULL;
}

const char *cli_show_name(enum cli_show s)
{
	return (unsigned)s < COUNT(show_kw) ? show_kw[s].name : NULL;
}

bool cli_show_privileged(enum cli_show s)
{
	return (unsigned)s < COUNT(show_kw) && (show_kw[s].flags & CLI_PRIV);
}

const char *cli_debug_name(enum cli_debug d)
{
	return (unsigned)d < COUNT(debug_kw) ? debug_kw[d].name : NULL;
}

const char *cli_key_name(enum cli_key k)
{
	static const char *const digits[] = {"0", "1", "2", "3", "4", "5",
					     "6", "7", "8", "9", "*", "#"};

	if ((unsigned)k <= CLI_KEY_POUND)
		return digits[k];
	if ((unsigned)k < CLI_KEY__COUNT)
		return key_kw[k - CLI_KEY_VOLDN].name;
	return NULL;
}

int cli_debug_log_cat(enum cli_debug d)
{
	switch (d) {
	case CLI_DEBUG_SIP_TASK:
	case CLI_DEBUG_SIP_STATE:
	case CLI_DEBUG_SIP_MESSAGES:
	case CLI_DEBUG_AUTH:
		return LOG_CAT_SIP;
	case CLI_DEBUG_SIP_REG_STATE:
		return LOG_CAT_REG;
	case CLI_DEBUG_DNS:
		return LOG_CAT_DNS;
	case CLI_DEBUG_CONFIG:
		return LOG_CAT_CFG;
	case CLI_DEBUG_CC:
	case CLI_DEBUG_CC_MSG:
	case CLI_DEBUG_LSM:
	case CLI_DEBUG_FSM:
	case CLI_DEBUG_FIM:
	case CLI_DEBUG_GSM:
		return LOG_CAT_CALL;
	case CLI_DEBUG_DSP:
	case CLI_DEBUG_VCM:
	case CLI_DEBUG_DTMF:
		return LOG_CAT_MEDIA;
	default:
		return -1;
	}
}

const char *cli_strerror(int err)
{
	switch (err) {
	case -ENOTSUP:
		return "not available on this phone";
	case -ENOTCONN:
		return "no test session is open (type test open first)";
	case -ENOENT:
		return "no such session";
	case -EBUSY:
		return "busy; try again later";
	case -EINVAL:
		return "invalid argument";
	case -EPERM:
		return "not allowed";
	case -ENOMEM:
	case -ENOSPC:
		return "out of memory";
	case -ETIMEDOUT:
		return "timed out";
	case -EHOSTUNREACH:
		return "host unreachable";
	default:
		return "failed";
	}
}

/* ---- help */

/* Table 4-1, "Purpose" (first sentence). */
static const char *const purpose[CLI_V__COUNT] = {
	[CLI_V_HELP] = "Lists the commands, or the arguments of one.",
	[CLI_V_CLEAR] = "Clears the ARP cache, network, IP, memory "
			"allocation or TCP statistics.",
	[CLI_V_DEBUG] = "Shows detailed debug output.",
	[CLI_V_UNDEBUG] = "Turns off debugging.",
	[CLI_V_DNS] = "Manipulates the DNS system.",
	[CLI_V_ERASE] = "Erases the protocol area of Flash memory; the phone "
			"requests its configuration files again.",
	[CLI_V_EXIT] = "Exits the Telnet or console session.",
	[CLI_V_PING] = "Sends an ICMP ping to a network address.",
	[CLI_V_REGISTER] = "Instructs the phone to register with the proxy "
			   "server.",
	[CLI_V_RESET] = "Resets the phone.",
	[CLI_V_SHOW] = "Shows information about the SIP IP phone.",
	[CLI_V_TEST] = "Accesses the remote call test interface.",
	[CLI_V_TTY] = "Controls the Telnet system.",
	[CLI_V_TRACEROUTE] = "Shows the route IP datagrams follow to a host.",
};

static bool verb_privileged(enum cli_verb v)
{
	return v == CLI_V_ERASE || v == CLI_V_RESET || v == CLI_V_TEST;
}

enum { WRAP = 72 };

/* "{a|b|c}" wrapped at WRAP columns; COL is where the text starts. */
static void kw_list(struct cli_out *out, unsigned col, const struct kw *kw,
		    size_t n)
{
	size_t i;

	cli_out_str(out, "{");
	col++;
	for (i = 0; i < n; i++) {
		size_t len = strlen(kw[i].name) + 1;

		if (i && col + len > WRAP) {
			cli_out_str(out, "\n    ");
			col = 4;
		}
		cli_printf(out, "%s%c", kw[i].name, i + 1 < n ? '|' : '}');
		col += (unsigned)len;
	}
}

static void usage(struct cli_out *out, enum cli_verb v)
{
	cli_out_str(out, "usage: ");
	switch (v) {
	case CLI_V_HELP:
		cli_out_str(out, "? | help [command] | command ?");
		break;
	case CLI_V_CLEAR:
		cli_out_str(out, "clear ");
		kw_list(out, 13, clear_kw, COUNT(clear_kw));
		break;
	case CLI_V_DEBUG:
	case CLI_V_UNDEBUG:
		cli_printf(out, "%s ", verb_names[v]);
		/* "all" is the last of the list */
		kw_list(out, 8 + (unsigned)strlen(verb_names[v]), debug_kw,
			COUNT(debug_kw));
		cli_out_str(out, " ...");
		break;
	case CLI_V_DNS:
		cli_out_str(out, "dns {-p | -c | -s ip-address | -b ip-address}");
		break;
	case CLI_V_ERASE:
		cli_out_str(out, "erase protflash");
		break;
	case CLI_V_EXIT:
		cli_out_str(out, "exit");
		break;
	case CLI_V_PING:
		cli_printf(out,
			   "ping ip-address [number [packet-size [timeout]]]\n"
			   "    number 1..%d (default %d), packet-size 0..%d "
			   "(default %d),\n    timeout 1..%d seconds (default %d)",
			   CLI_PING_COUNT_MAX, CLI_PING_COUNT_DEFAULT,
			   CLI_PING_SIZE_MAX, CLI_PING_SIZE_DEFAULT,
			   CLI_PING_TIMEOUT_MAX, CLI_PING_TIMEOUT_DEFAULT);
		break;
	case CLI_V_REGISTER:
		cli_printf(out, "register {0|1} {1..%d|backup}", CLI_REG_LINES);
		break;
	case CLI_V_RESET:
		cli_out_str(out, "reset");
		break;
	case CLI_V_SHOW:
		cli_out_str(out, "show ");
		kw_list(out, 12, show_kw, COUNT(show_kw));
		break;
	case CLI_V_TEST:
		cli_out_str(out, "test {open|close|key k1 k2 ...|onhook|offhook|"
				 "show|hide}\n    keys: 0-9 * # in strings, ");
		kw_list(out, 30, key_kw, COUNT(key_kw));
		break;
	case CLI_V_TTY:
		cli_printf(out,
			   "tty [echo {on|off} | mon [on|off] | timeout 0..%d |"
			   " kill session | msg text]",
			   CLI_TTY_TIMEOUT_MAX);
		break;
	case CLI_V_TRACEROUTE:
		cli_printf(out, "traceroute ip-address [ttl] (ttl 1..%d, default "
				"%d)",
			   CLI_TTL_MAX, CLI_TTL_DEFAULT);
		break;
	default:
		break;
	}
	cli_out_str(out, "\n");
}

void cli__usage(struct cli_out *out, enum cli_verb v)
{
	usage(out, v);
}

void cli_help(struct cli_out *out, enum cli_verb verb, enum cli_level level)
{
	unsigned v;

	if ((unsigned)verb < CLI_V__COUNT && verb != CLI_V_NONE) {
		usage(out, verb);
		cli_printf(out, "  %s\n", purpose[verb]);
		if (verb_privileged(verb))
			cli_out_str(out, "  Privileged: needs telnet_level 2.\n");
		if (verb == CLI_V_SHOW)
			cli_out_str(out, "  Privileged: show strpool, show dump, "
					 "show personaldir (telnet_level 2).\n");
		return;
	}
	cli_printf(out, "Commands (telnet_level %d%s):\n", (int)level,
		   level >= CLI_LEVEL_PRIV ? ", privileged commands allowed"
					   : ", no privileged commands");
	for (v = CLI_V_CLEAR; v < CLI_V__COUNT; v++)
		cli_printf(out, "  %-11s %s%s\n", verb_names[v], purpose[v],
			   verb_privileged((enum cli_verb)v) ? " (privileged)"
							     : "");
	cli_out_str(out, "  ?           This list; \"command ?\" for its "
			 "arguments.\n");
}
