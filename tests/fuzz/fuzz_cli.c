/*
 * fuzz_cli.c - libFuzzer harness for the CLI: the Ragel tokenizer, the
 * lemon grammar, the actions and the dispatcher with a fake phone behind
 * it.  The input is lines (LF); the first byte picks telnet_level and
 * what the fake phone answers.  Whatever comes in, the phone is asked
 * only for what a privileged check allows, names and hosts are
 * NUL-terminated and within their limits, and the output is bounded.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum cli_level level;
static int answer;
static size_t written;

static int out_write(void *arg, const char *buf, size_t len)
{
	(void)arg;
	(void)buf;
	written += len;
	return 0;
}

static int f_show(void *arg, enum cli_show what, struct cli_out *out)
{
	(void)arg;
	if (!cli_show_name(what) ||
	    (cli_show_privileged(what) && level != CLI_LEVEL_PRIV))
		abort();
	cli_printf(out, "%s\n", cli_show_name(what));
	return answer;
}

static int f_clear(void *arg, enum cli_clear what, struct cli_out *out)
{
	(void)arg;
	(void)out;
	if (!cli_clear_name(what) || level == CLI_LEVEL_OFF)
		abort();
	return answer;
}

static int f_debug(void *arg, enum cli_debug cat, bool on,
		   struct cli_out *out)
{
	(void)arg;
	(void)on;
	(void)out;
	if (!cli_debug_name(cat))
		abort();
	return answer;
}

static int f_dns(void *arg, enum cli_dns op, uint32_t ip,
		 struct cli_out *out)
{
	(void)arg;
	(void)out;
	if (op > CLI_DNS_SET_BACKUP || (op <= CLI_DNS_CLEAR && ip != 0))
		abort();
	return answer;
}

static int f_priv(void *arg, struct cli_out *out)
{
	(void)arg;
	(void)out;
	if (level != CLI_LEVEL_PRIV)
		abort();
	return answer;
}

static int f_ping(void *arg, const struct cli_ping *p, struct cli_out *out)
{
	(void)arg;
	(void)out;
	if (strlen(p->host) > CLI_HOST_MAX || !p->host[0] || p->count < 1 ||
	    p->count > CLI_PING_COUNT_MAX || p->size > CLI_PING_SIZE_MAX ||
	    p->timeout < 1 || p->timeout > CLI_PING_TIMEOUT_MAX)
		abort();
	return answer;
}

static int f_traceroute(void *arg, const char *host, uint32_t ttl,
			struct cli_out *out)
{
	(void)arg;
	(void)out;
	if (strlen(host) > CLI_HOST_MAX || ttl < 1 || ttl > CLI_TTL_MAX)
		abort();
	return answer;
}

static int f_reg(void *arg, unsigned option, unsigned line,
		 struct cli_out *out)
{
	(void)arg;
	(void)out;
	if (option > 1 || line > CLI_REG_LINES)
		abort();
	return answer;
}

static int f_test(void *arg, enum cli_test op, struct cli_out *out)
{
	(void)out;
	if (op == CLI_TEST_KEY || op > CLI_TEST_HIDE)
		abort();
	return f_priv(arg, out);
}

static int f_key(void *arg, enum cli_key key, struct cli_out *out)
{
	if (!cli_key_name(key))
		abort();
	return f_priv(arg, out);
}

static const struct cli_backend be = {
	.show = f_show, .clear = f_clear, .debug = f_debug, .dns = f_dns,
	.erase_protflash = f_priv, .ping = f_ping, .traceroute = f_traceroute,
	.reg = f_reg, .reset = f_priv, .test = f_test, .test_key = f_key,
};

static int t_list(void *arg, struct cli_out *out)
{
	(void)arg;
	return cli_out_str(out, "sessions\n");
}

static int t_bool(void *arg, bool on)
{
	(void)arg;
	(void)on;
	return answer;
}

static int t_num(void *arg, uint32_t v)
{
	(void)arg;
	if (v > 65535)
		abort();
	return answer;
}

static int t_msg(void *arg, const char *text)
{
	(void)arg;
	if (!text[0] || strlen(text) > CLI_LINE_MAX)
		abort();
	return answer;
}

static const struct cli_tty_ops tty = {
	.list = t_list, .echo = t_bool, .mon = t_bool, .timeout = t_num,
	.kill = t_num, .msg = t_msg,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_out out = {.write = out_write};
	struct cli_env env = {.be = &be, .tty = &tty, .out = &out};
	static const int answers[] = {0, -ENOTSUP, -ENOTCONN, -ENOENT, -EIO};
	const char *p = (const char *)data, *end = p + size;
	struct cli_cmd cmd;
	struct cli_err err;

	if (size == 0)
		return 0;
	level = (enum cli_level)(data[0] % 3);
	answer = answers[(data[0] >> 2) % 5];
	env.level = level;
	p++;
	/* The whole input as one line (past CLI_LINE_MAX too). */
	if (cli_cmd_parse(&cmd, p, (size_t)(end - p), &err) == 0 &&
	    (cmd.verb >= CLI_V__COUNT || cmd.nkeys > CLI_TEST_KEYS_MAX))
		abort();
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		written = 0;
		(void)cli_run(&env, p, len);
		if (written > 64 * 1024)
			abort();
		p += len + (nl != NULL);
	}
	return 0;
}
