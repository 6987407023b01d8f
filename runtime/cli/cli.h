/*
 * cli.h - the phone's command-line interface: the guide's chapter 4,
 * "Using the Command-Line Interface (CLI)", Table 4-1.
 *
 * One line of text goes in; the Ragel tokenizer (spec/cli/cli_lex.rl) and
 * the lemon grammar (spec/cli/cli_gram.y) turn it into a struct cli_cmd;
 * the dispatcher checks the caller's telnet_level (Table 3-3) and runs the
 * command against the phone through struct cli_backend, a table of
 * callbacks the phone program implements.  The dispatcher owns parsing,
 * permissions and the wording of errors; the backend owns the facts.
 * Everything writes into a struct cli_out sink, lines ending in "\n" (the
 * telnet server turns them into CR LF).
 *
 * No OS needed: part of the bare-metal core.  The telnet server that
 * feeds it is cli_telnet.h.
 */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits (named, and tested at and past the edge). */
enum {
	CLI_LINE_MAX = 512,       /* bytes in one command line, no line end */
	CLI_HOST_MAX = 253,       /* ping/traceroute host (RFC 1035) */
	CLI_TEST_KEYS_MAX = 64,   /* key presses in one "test key" */
	CLI_PRINTF_MAX = 512,     /* one cli_printf; longer ends in "..." */
	CLI_ERR_MAX = 256,        /* one error message (struct cli_err) */
	CLI_TOKEN_SHOW_MAX = 32,  /* bytes of a bad token quoted in errors */
};

/* Table 4-1, ping: "number ... the default value is 5", "any size packet
 * up to 1480 bytes and the default packet size is 100", "timeout ... in
 * seconds ... the default is 2".  Upper bounds on count and timeout are
 * ours (the guide gives none). */
enum {
	CLI_PING_COUNT_DEFAULT = 5,
	CLI_PING_COUNT_MAX = 1000,
	CLI_PING_SIZE_DEFAULT = 100,
	CLI_PING_SIZE_MAX = 1480,
	CLI_PING_TIMEOUT_DEFAULT = 2,
	CLI_PING_TIMEOUT_MAX = 3600,
	/* traceroute: "The default value is 30"; an IPv4 TTL is 1..255. */
	CLI_TTL_DEFAULT = 30,
	CLI_TTL_MAX = 255,
	/* tty timeout: "The value range is from 0 to 65535." */
	CLI_TTY_TIMEOUT_MAX = 65535,
	/* register: "option value ... 0 (unregistered) and 1 (registered)";
	 * "line value ... from 1 to 6 and backup". */
	CLI_REG_LINES = 6,
	CLI_REG_BACKUP = 0, /* struct cli_cmd.reg_line for "backup" */
};

/* Table 3-3, telnet_level. */
enum cli_level {
	CLI_LEVEL_OFF = 0,  /* "Telnet is disabled" */
	CLI_LEVEL_USER = 1, /* "enabled, no privileged commands" */
	CLI_LEVEL_PRIV = 2, /* "privileged commands can be executed" */
};

enum cli_verb {
	CLI_V_NONE,       /* an empty line */
	CLI_V_HELP,       /* "?" or "help" (Table 4-1 lists the commands) */
	CLI_V_CLEAR,
	CLI_V_DEBUG,
	CLI_V_UNDEBUG,
	CLI_V_DNS,
	CLI_V_ERASE,      /* erase protflash */
	CLI_V_EXIT,
	CLI_V_PING,
	CLI_V_REGISTER,
	CLI_V_RESET,
	CLI_V_SHOW,
	CLI_V_TEST,
	CLI_V_TTY,
	CLI_V_TRACEROUTE,
	CLI_V__COUNT
};

/*
 * The keyword lists of Table 4-1.  X(id, "name", flags): CLI_PRIV marks
 * what "can be used only if the telnet_level parameter is set to allow
 * privileged commands to be executed".
 */
#define CLI_PRIV 1u

/* clear {arp | ethernet | ip | malloc | tcp-stats} */
#define CLI_CLEAR_LIST                                                        \
	X(ARP, "arp", 0)                                                      \
	X(ETHERNET, "ethernet", 0)                                            \
	X(IP, "ip", 0)                                                        \
	X(MALLOC, "malloc", 0)                                                \
	X(TCP_STATS, "tcp-stats", 0)

/* show {...}: strpool, dump and personaldir are privileged.  The guide
 * also writes "show malloc-table" (under debug malloc-table); the grammar
 * takes it as malloctable. */
#define CLI_SHOW_LIST                                                         \
	X(ARP, "arp", 0)                                                      \
	X(DEBUG, "debug", 0)                                                  \
	X(ETHERNET, "ethernet", 0)                                            \
	X(IP, "ip", 0)                                                        \
	X(STRPOOL, "strpool", CLI_PRIV)                                       \
	X(MEMORYMAP, "memorymap", 0)                                          \
	X(DUMP, "dump", CLI_PRIV)                                             \
	X(MALLOCTABLE, "malloctable", 0)                                      \
	X(STACKS, "stacks", 0)                                                \
	X(STATUS, "status", 0)                                                \
	X(ABORT_VECTOR, "abort_vector", 0)                                    \
	X(FLASH, "flash", 0)                                                  \
	X(DSPSTATE, "dspstate", 0)                                            \
	X(RTP, "rtp", 0)                                                      \
	X(TCP, "tcp", 0)                                                      \
	X(LSM, "lsm", 0)                                                      \
	X(FSM, "fsm", 0)                                                      \
	X(FSMDEF, "fsmdef", 0)                                                \
	X(FSMCNF, "fsmcnf", 0)                                                \
	X(FSMXFR, "fsmxfr", 0)                                                \
	X(FIM, "fim", 0)                                                      \
	X(GSM, "gsm", 0)                                                      \
	X(REGISTER, "register", 0)                                            \
	X(NETWORK, "network", 0)                                              \
	X(CONFIG, "config", 0)                                                \
	X(PERSONALDIR, "personaldir", CLI_PRIV)                               \
	X(DIALPLAN, "dialplan", 0)                                            \
	X(TIMERS, "timers", 0)

/* debug / undebug: the union of both lists of Table 4-1 (undebug adds
 * softkeys, debug adds dsp, http, arp-broadcast and xml-*), and "all"
 * ("Do not use the debug all command"; the guide does not forbid it). */
#define CLI_DEBUG_LIST                                                        \
	X(ARP, "arp", 0)                                                      \
	X(CONSOLE_STALL, "console-stall", 0)                                  \
	X(STRLIB, "strlib", 0)                                                \
	X(MALLOC, "malloc", 0)                                                \
	X(MALLOC_TABLE, "malloc-table", 0)                                    \
	X(SK_PLATFORM, "sk-platform", 0)                                      \
	X(FLASH, "flash", 0)                                                  \
	X(DSP, "dsp", 0)                                                      \
	X(VCM, "vcm", 0)                                                      \
	X(DTMF, "dtmf", 0)                                                    \
	X(TASK_SOCKET, "task-socket", 0)                                      \
	X(LSM, "lsm", 0)                                                      \
	X(FSM, "fsm", 0)                                                      \
	X(AUTH, "auth", 0)                                                    \
	X(FIM, "fim", 0)                                                      \
	X(GSM, "gsm", 0)                                                      \
	X(CC, "cc", 0)                                                        \
	X(CC_MSG, "cc-msg", 0)                                                \
	X(SOFTKEYS, "softkeys", 0)                                            \
	X(ERROR, "error", 0)                                                  \
	X(SIP_TASK, "sip-task", 0)                                            \
	X(SIP_STATE, "sip-state", 0)                                          \
	X(SIP_MESSAGES, "sip-messages", 0)                                    \
	X(SIP_REG_STATE, "sip-reg-state", 0)                                  \
	X(DNS, "dns", 0)                                                      \
	X(CONFIG, "config", 0)                                                \
	X(SNTP, "sntp", 0)                                                    \
	X(SNTP_PACKET, "sntp-packet", 0)                                      \
	X(HTTP, "http", 0)                                                    \
	X(ARP_BROADCAST, "arp-broadcast", 0)                                  \
	X(XML_EVENTS, "xml-events", 0)                                        \
	X(XML_DECK, "xml-deck", 0)                                            \
	X(XML_VARS, "xml-vars", 0)                                            \
	X(XML_POST, "xml-post", 0)                                            \
	X(ALL, "all", 0)

/* test key: the guide's key names, then the soft keys and line keys of
 * the 7960 (issue 6).  Digits, '*' and '#' come first (CLI_KEY_0 is 0). */
#define CLI_KEY_LIST                                                          \
	X(VOLDN, "voldn", 0)                                                  \
	X(VOLUP, "volup", 0)                                                  \
	X(HEADSET, "headset", 0)                                              \
	X(SPKR, "spkr", 0)                                                    \
	X(MUTE, "mute", 0)                                                    \
	X(INFO, "info", 0)                                                    \
	X(MSGS, "msgs", 0)                                                    \
	X(SERV, "serv", 0)                                                    \
	X(DIR, "dir", 0)                                                      \
	X(SET, "set", 0)                                                      \
	X(NAVUP, "navup", 0)                                                  \
	X(NAVDN, "navdn", 0)                                                  \
	X(SK1, "sk1", 0)                                                      \
	X(SK2, "sk2", 0)                                                      \
	X(SK3, "sk3", 0)                                                      \
	X(SK4, "sk4", 0)                                                      \
	X(LINE1, "line1", 0)                                                  \
	X(LINE2, "line2", 0)                                                  \
	X(LINE3, "line3", 0)                                                  \
	X(LINE4, "line4", 0)                                                  \
	X(LINE5, "line5", 0)                                                  \
	X(LINE6, "line6", 0)

enum cli_clear {
#define X(id, name, flags) CLI_CLEAR_##id,
	CLI_CLEAR_LIST
#undef X
	CLI_CLEAR__COUNT
};

enum cli_show {
#define X(id, name, flags) CLI_SHOW_##id,
	CLI_SHOW_LIST
#undef X
	CLI_SHOW__COUNT
};

enum cli_debug {
#define X(id, name, flags) CLI_DEBUG_##id,
	CLI_DEBUG_LIST
#undef X
	CLI_DEBUG__COUNT
};

enum cli_key {
	CLI_KEY_0, CLI_KEY_1, CLI_KEY_2, CLI_KEY_3, CLI_KEY_4,
	CLI_KEY_5, CLI_KEY_6, CLI_KEY_7, CLI_KEY_8, CLI_KEY_9,
	CLI_KEY_STAR, CLI_KEY_POUND,
#define X(id, name, flags) CLI_KEY_##id,
	CLI_KEY_LIST
#undef X
	CLI_KEY__COUNT
};

/* dns -p | -c | -s ip-address | -b ip-address */
enum cli_dns {
	CLI_DNS_PRINT,       /* -p "Prints out the DNS cache table" */
	CLI_DNS_CLEAR,       /* -c "Clears out the DNS cache table" */
	CLI_DNS_SET_PRIMARY, /* -s "Sets the primary DNS server" */
	CLI_DNS_SET_BACKUP,  /* -b "Sets the first backup server" */
};

/* test {open | close | key | onhook | offhook | show | hide} */
enum cli_test {
	CLI_TEST_OPEN, CLI_TEST_CLOSE, CLI_TEST_KEY, CLI_TEST_ONHOOK,
	CLI_TEST_OFFHOOK, CLI_TEST_SHOW, CLI_TEST_HIDE,
};

/* tty {echo {on|off} | mon | timeout value | kill session | msg}; a bare
 * "tty" lists the sessions (ours: "kill session" needs their numbers). */
enum cli_tty {
	CLI_TTY_LIST, CLI_TTY_ECHO, CLI_TTY_MON, CLI_TTY_TIMEOUT,
	CLI_TTY_KILL, CLI_TTY_MSG,
};

/* One parsed command.  Only the fields of its verb mean anything. */
struct cli_cmd {
	enum cli_verb verb;
	enum cli_verb help;       /* CLI_V_HELP: the verb asked about, or NONE */
	enum cli_clear clear;
	enum cli_show show;
	uint64_t debug;           /* one bit per enum cli_debug */
	enum cli_dns dns;
	uint32_t dns_ip;          /* -s / -b, host byte order */
	char host[CLI_HOST_MAX + 1]; /* ping, traceroute */
	uint32_t count, size, timeout; /* ping */
	uint32_t ttl;             /* traceroute */
	uint8_t reg_option;       /* 0 or 1 */
	uint8_t reg_line;         /* 1..6, or CLI_REG_BACKUP */
	enum cli_test test;
	uint8_t keys[CLI_TEST_KEYS_MAX]; /* enum cli_key */
	unsigned nkeys;
	enum cli_tty tty;
	bool on;                  /* tty echo / mon */
	uint32_t value;           /* tty timeout / kill */
	char text[CLI_LINE_MAX + 1]; /* tty msg */
};

/* Why a line was not a command: "% Invalid input at 'foo'" and the like;
 * VERB is the command it started (its usage helps), or CLI_V_NONE. */
struct cli_err {
	enum cli_verb verb;
	char msg[CLI_ERR_MAX];
};

/* Parse LINE (LEN bytes, no line end).  0, -EMSGSIZE (longer than
 * CLI_LINE_MAX) or -EINVAL, with ERR filled in. */
int cli_cmd_parse(struct cli_cmd *cmd, const char *line, size_t len,
		  struct cli_err *err);

/* ---- output */
typedef int cli_write_fn(void *arg, const char *buf, size_t len);

struct cli_out {
	cli_write_fn *write; /* 0 or a negative errno */
	void *arg;
	int err;             /* the first write error; later writes are skipped */
};

int cli_out_write(struct cli_out *o, const char *buf, size_t len);
int cli_out_str(struct cli_out *o, const char *s);
/* At most CLI_PRINTF_MAX bytes; a longer result ends in "..." and
 * returns -EMSGSIZE (write long text with cli_out_write). */
int cli_printf(struct cli_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- the phone side */
struct cli_ping {
	const char *host;  /* dotted address or host name */
	uint32_t count, size, timeout;
};

/*
 * Every callback returns 0 or a negative errno; on an error the
 * dispatcher prints "% <command>: <reason>" (cli_strerror).  -ENOTSUP
 * means "not available on this phone"; test key/onhook/... return
 * -ENOTCONN while no "test open" session is open.  A NULL callback is
 * "not available" (ping and traceroute: "raw ICMP not available on this
 * host").  Output goes to OUT; show callbacks print real state.
 */
struct cli_backend {
	int (*show)(void *arg, enum cli_show what, struct cli_out *out);
	int (*clear)(void *arg, enum cli_clear what, struct cli_out *out);
	/* Once per category named, in order; CLI_DEBUG_ALL for "all". */
	int (*debug)(void *arg, enum cli_debug cat, bool on,
		     struct cli_out *out);
	/* IP: the server for SET_PRIMARY / SET_BACKUP, else 0. */
	int (*dns)(void *arg, enum cli_dns op, uint32_t ip,
		   struct cli_out *out);
	int (*erase_protflash)(void *arg, struct cli_out *out);
	int (*ping)(void *arg, const struct cli_ping *p, struct cli_out *out);
	int (*traceroute)(void *arg, const char *host, uint32_t ttl,
			  struct cli_out *out);
	/* register OPTION LINE: LINE 1..6 or CLI_REG_BACKUP. */
	int (*reg)(void *arg, unsigned option, unsigned line,
		   struct cli_out *out);
	int (*reset)(void *arg, struct cli_out *out);
	/* test open/close/onhook/offhook/show/hide (never CLI_TEST_KEY). */
	int (*test)(void *arg, enum cli_test op, struct cli_out *out);
	/* test key: once per key, in order; digit strings come one digit at
	 * a time.  The dispatcher stops at the first error. */
	int (*test_key)(void *arg, enum cli_key key, struct cli_out *out);
};

/* tty: the telnet system itself (cli_telnet.c implements it per session;
 * a console without one answers "not a telnet session"). */
struct cli_tty_ops {
	int (*list)(void *arg, struct cli_out *out);
	int (*echo)(void *arg, bool on);
	int (*mon)(void *arg, bool on);
	int (*timeout)(void *arg, uint32_t value);
	int (*kill)(void *arg, uint32_t session); /* -ENOENT: no such */
	int (*msg)(void *arg, const char *text);
};

/* Who runs a line, and where its output goes. */
struct cli_env {
	const struct cli_backend *be;
	void *be_arg;
	const struct cli_tty_ops *tty; /* may be NULL */
	void *tty_arg;
	struct cli_out *out;
	enum cli_level level;          /* telnet_level of this session */
};

enum { CLI_OK = 0, CLI_EXIT = 1 };

/*
 * Parse and run one line.  CLI_OK, CLI_EXIT ("exit": the caller ends the
 * session), or a negative errno after the reason was printed: -EINVAL
 * (syntax), -EMSGSIZE (line too long), -EPERM (telnet_level), or what
 * the backend returned.  Never more than one command per line.
 */
int cli_run(const struct cli_env *env, const char *line, size_t len);

/* Run a parsed command (cli_run = cli_cmd_parse + this). */
int cli_dispatch(const struct cli_env *env, const struct cli_cmd *cmd);

/* Whether LEVEL may run CMD (Table 4-1's privileged commands). */
bool cli_cmd_allowed(const struct cli_cmd *cmd, enum cli_level level);

/* The help texts ("?", "help", "show ?"). */
void cli_help(struct cli_out *out, enum cli_verb verb, enum cli_level level);

/* Names as typed (NULL when out of range). */
const char *cli_verb_name(enum cli_verb v);
const char *cli_clear_name(enum cli_clear c);
const char *cli_show_name(enum cli_show s);
const char *cli_debug_name(enum cli_debug d);
const char *cli_key_name(enum cli_key k);
bool cli_show_privileged(enum cli_show s);
/* The reason printed for a callback's negative errno. */
const char *cli_strerror(int err);
/* The log category (log/log.h enum log_cat) a debug category turns on,
 * or -1 when the phone has none; for backends built on log_enable. */
int cli_debug_log_cat(enum cli_debug d);

#endif
