/*
 * cli_run.c - the dispatcher: permissions (Table 3-3 telnet_level, the
 * privileged commands of Table 4-1), then the command against the phone's
 * backend; every refusal and failure is one "% ..." line.
 */
#include <errno.h>
#include <stdio.h>

#include "cli/cli_int.h"

/*
 * Table 4-1: "This command can be used only if the telnet_level parameter
 * is set to allow privileged commands to be executed" -- erase protflash,
 * reset, show strpool, show dump, show personaldir, test.  telnet_level 0
 * ("Telnet is disabled") leaves only exit.
 */
bool cli_cmd_allowed(const struct cli_cmd *cmd, enum cli_level level)
{
	if (cmd->verb == CLI_V_NONE || cmd->verb == CLI_V_EXIT)
		return true;
	if (level <= CLI_LEVEL_OFF)
		return false;
	if (level >= CLI_LEVEL_PRIV)
		return true;
	switch (cmd->verb) {
	case CLI_V_ERASE:
	case CLI_V_RESET:
	case CLI_V_TEST:
		return false;
	case CLI_V_SHOW:
		return !cli_show_privileged(cmd->show);
	default:
		return true;
	}
}

/* "show dump", "erase protflash", "tty timeout": for messages. */
static const char *cmd_name(const struct cli_cmd *c, char *buf, size_t size)
{
	static const char *const test_ops[] = {
		"open", "close", "key", "onhook", "offhook", "show", "hide"};
	static const char *const tty_ops[] = {
		"", " echo", " mon", " timeout", " kill", " msg"};
	const char *v = cli_verb_name(c->verb);

	switch (c->verb) {
	case CLI_V_SHOW:
		snprintf(buf, size, "show %s", cli_show_name(c->show));
		break;
	case CLI_V_CLEAR:
		snprintf(buf, size, "clear %s", cli_clear_name(c->clear));
		break;
	case CLI_V_ERASE:
		snprintf(buf, size, "erase protflash");
		break;
	case CLI_V_TEST:
		snprintf(buf, size, "test %s", test_ops[c->test]);
		break;
	case CLI_V_TTY:
		snprintf(buf, size, "tty%s", tty_ops[c->tty]);
		break;
	default:
		snprintf(buf, size, "%s", v ? v : "?");
		break;
	}
	return buf;
}

/* "% show dump: not available on this phone" */
static int failed(const struct cli_env *env, const struct cli_cmd *c,
		  int err, const char *why)
{
	char name[40];

	cli_printf(env->out, "%% %s: %s\n", cmd_name(c, name, sizeof(name)),
		   why ? why : cli_strerror(err));
	return err;
}

static int result(const struct cli_env *env, const struct cli_cmd *c,
		  int err)
{
	return err < 0 ? failed(env, c, err, NULL) : CLI_OK;
}

#define BE(env, fn) ((env)->be ? (env)->be->fn : NULL)

static int run_debug(const struct cli_env *env, const struct cli_cmd *c)
{
	unsigned d;
	int err;

	if (!BE(env, debug))
		return failed(env, c, -ENOTSUP, NULL);
	for (d = 0; d < CLI_DEBUG__COUNT; d++) {
		if (!(c->debug & (UINT64_C(1) << d)))
			continue;
		err = env->be->debug(env->be_arg, (enum cli_debug)d,
				     c->verb == CLI_V_DEBUG, env->out);
		if (err < 0) {
			char name[40];

			cli_printf(env->out, "%% %s %s: %s\n",
				   cmd_name(c, name, sizeof(name)),
				   cli_debug_name((enum cli_debug)d),
				   cli_strerror(err));
			return err;
		}
	}
	return CLI_OK;
}

/* "the host port has no raw ICMP": say so when the phone cannot. */
static int no_icmp(const struct cli_env *env, const struct cli_cmd *c,
		   int err)
{
	if (err == -ENOTSUP)
		return failed(env, c, err,
			      "raw ICMP not available on this host");
	return result(env, c, err);
}

static int run_test(const struct cli_env *env, const struct cli_cmd *c)
{
	unsigned i;
	int err;

	if (c->test != CLI_TEST_KEY)
		return BE(env, test)
			       ? result(env, c,
					env->be->test(env->be_arg, c->test,
						      env->out))
			       : failed(env, c, -ENOTSUP, NULL);
	if (!BE(env, test_key))
		return failed(env, c, -ENOTSUP, NULL);
	for (i = 0; i < c->nkeys; i++) {
		err = env->be->test_key(env->be_arg, (enum cli_key)c->keys[i],
					env->out);
		if (err < 0) {
			cli_printf(env->out, "%% test key %s: %s\n",
				   cli_key_name((enum cli_key)c->keys[i]),
				   cli_strerror(err));
			return err;
		}
	}
	return CLI_OK;
}

static int run_tty(const struct cli_env *env, const struct cli_cmd *c)
{
	const struct cli_tty_ops *t = env->tty;
	void *a = env->tty_arg;
	int err = -ENOTSUP;

	if (!t)
		return failed(env, c, -ENOTSUP, "not a telnet session");
	switch (c->tty) {
	case CLI_TTY_LIST:
		if (t->list)
			err = t->list(a, env->out);
		break;
	case CLI_TTY_ECHO:
		if (t->echo)
			err = t->echo(a, c->on);
		break;
	case CLI_TTY_MON:
		if (t->mon)
			err = t->mon(a, c->on);
		break;
	case CLI_TTY_TIMEOUT:
		if (t->timeout)
			err = t->timeout(a, c->value);
		break;
	case CLI_TTY_KILL:
		if (t->kill)
			err = t->kill(a, c->value);
		if (err == -ENOENT) {
			cli_printf(env->out, "%% tty kill: no session %lu\n",
				   (unsigned long)c->value);
			return err;
		}
		break;
	case CLI_TTY_MSG:
		if (t->msg)
			err = t->msg(a, c->text);
		break;
	}
	return result(env, c, err);
}

int cli_dispatch(const struct cli_env *env, const struct cli_cmd *c)
{
	struct cli_out *out = env->out;
	char name[40];

	if (!cli_cmd_allowed(c, env->level)) {
		if (env->level <= CLI_LEVEL_OFF)
			cli_out_str(out, "% Telnet is disabled (telnet_level "
					 "0)\n");
		else
			cli_printf(out,
				   "%% '%s' is a privileged command: it needs "
				   "telnet_level 2\n",
				   cmd_name(c, name, sizeof(name)));
		return -EPERM;
	}
	switch (c->verb) {
	case CLI_V_NONE:
	case CLI_V__COUNT:
		return CLI_OK;
	case CLI_V_HELP:
		cli_help(out, c->help, env->level);
		return CLI_OK;
	case CLI_V_EXIT:
		return CLI_EXIT;
	case CLI_V_CLEAR:
		return BE(env, clear) ? result(env, c,
					       env->be->clear(env->be_arg,
							      c->clear, out))
				      : failed(env, c, -ENOTSUP, NULL);
	case CLI_V_DEBUG:
	case CLI_V_UNDEBUG:
		return run_debug(env, c);
	case CLI_V_DNS:
		return BE(env, dns) ? result(env, c,
					     env->be->dns(env->be_arg, c->dns,
							  c->dns_ip, out))
				    : failed(env, c, -ENOTSUP, NULL);
	case CLI_V_ERASE:
		return BE(env, erase_protflash)
			       ? result(env, c,
					env->be->erase_protflash(env->be_arg,
								 out))
			       : failed(env, c, -ENOTSUP, NULL);
	case CLI_V_PING: {
		struct cli_ping p = {
			.host = c->host, .count = c->count, .size = c->size,
			.timeout = c->timeout,
		};

		return no_icmp(env, c,
			       BE(env, ping) ? env->be->ping(env->be_arg, &p,
							     out)
					     : -ENOTSUP);
	}
	case CLI_V_TRACEROUTE:
		return no_icmp(env, c,
			       BE(env, traceroute)
				       ? env->be->traceroute(env->be_arg,
							     c->host, c->ttl,
							     out)
				       : -ENOTSUP);
	case CLI_V_REGISTER:
		return BE(env, reg) ? result(env, c,
					     env->be->reg(env->be_arg,
							  c->reg_option,
							  c->reg_line, out))
				    : failed(env, c, -ENOTSUP, NULL);
	case CLI_V_RESET:
		return BE(env, reset) ? result(env, c,
					       env->be->reset(env->be_arg, out))
				      : failed(env, c, -ENOTSUP, NULL);
	case CLI_V_SHOW:
		return BE(env, show) ? result(env, c,
					      env->be->show(env->be_arg,
							    c->show, out))
				     : failed(env, c, -ENOTSUP, NULL);
	case CLI_V_TEST:
		return run_test(env, c);
	case CLI_V_TTY:
		return run_tty(env, c);
	}
	return CLI_OK;
}

int cli_run(const struct cli_env *env, const char *line, size_t len)
{
	struct cli_cmd cmd;
	struct cli_err err;
	int rc;

	rc = cli_cmd_parse(&cmd, line, len, &err);
	if (rc) {
		cli_printf(env->out, "%s\n", err.msg);
		if (err.verb != CLI_V_NONE)
			cli__usage(env->out, err.verb);
		return rc;
	}
	return cli_dispatch(env, &cmd);
}
