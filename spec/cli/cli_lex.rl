/*
 * cli_lex.rl - the CLI tokenizer (Ragel scanner): one command line of
 * Table 4-1 into tokens for the lemon grammar (spec/cli/cli_gram.y).
 *
 * Words are separated by blanks.  Every keyword of the table is its own
 * token, in any letter case; digits are NUMBER, digits mixed with '*' and
 * '#' a DIAL string ("test key 23234", "test key *69#"); '?' asks for
 * help; anything else printable is a WORD (host names, addresses,
 * message text).  A control byte is BAD: the grammar names it in its
 * error.  Actions only cut tokens and hand them to the parser; what they
 * mean is decided there.
 */
#include <stddef.h>

#include "cli/cli_int.h"
#include "cli/cli_gram.h"

%%{
	machine cli_lex;
	alphtype unsigned char;

	blank  = [ \t];
	ctlch  = (0 .. 31) | 127;
	wordch = any - ctlch - [ ?];

	main := |*
		blank+;

		# verbs (Table 4-1, and help)
		'clear'i         => { T(CLI_TOK_CLEAR); };
		'debug'i         => { T(CLI_TOK_DEBUG); };
		# the guide spells it "undebg" once
		'undebug'i | 'undebg'i => { T(CLI_TOK_UNDEBUG); };
		'dns'i           => { T(CLI_TOK_DNS); };
		'erase'i         => { T(CLI_TOK_ERASE); };
		'exit'i          => { T(CLI_TOK_EXIT); };
		'ping'i          => { T(CLI_TOK_PING); };
		'register'i      => { T(CLI_TOK_REGISTER); };
		'reset'i         => { T(CLI_TOK_RESET); };
		'show'i          => { T(CLI_TOK_SHOW); };
		'test'i          => { T(CLI_TOK_TEST); };
		'tty'i           => { T(CLI_TOK_TTY); };
		'traceroute'i    => { T(CLI_TOK_TRACEROUTE); };
		'help'i          => { T(CLI_TOK_HELP); };

		# erase, register, dns
		'protflash'i     => { T(CLI_TOK_PROTFLASH); };
		'backup'i        => { T(CLI_TOK_BACKUP); };
		'-p'i            => { T(CLI_TOK_OPT_P); };
		'-c'i            => { T(CLI_TOK_OPT_C); };
		'-s'i            => { T(CLI_TOK_OPT_S); };
		'-b'i            => { T(CLI_TOK_OPT_B); };

		# clear and show
		'arp'i           => { T(CLI_TOK_ARP); };
		'ethernet'i      => { T(CLI_TOK_ETHERNET); };
		'ip'i            => { T(CLI_TOK_IP); };
		'malloc'i        => { T(CLI_TOK_MALLOC); };
		'tcp-stats'i     => { T(CLI_TOK_TCP_STATS); };
		'strpool'i       => { T(CLI_TOK_STRPOOL); };
		'memorymap'i     => { T(CLI_TOK_MEMORYMAP); };
		'dump'i          => { T(CLI_TOK_DUMP); };
		'malloctable'i   => { T(CLI_TOK_MALLOCTABLE); };
		'stacks'i        => { T(CLI_TOK_STACKS); };
		'status'i        => { T(CLI_TOK_STATUS); };
		'abort_vector'i  => { T(CLI_TOK_ABORT_VECTOR); };
		'flash'i         => { T(CLI_TOK_FLASH); };
		'dspstate'i      => { T(CLI_TOK_DSPSTATE); };
		'rtp'i           => { T(CLI_TOK_RTP); };
		'tcp'i           => { T(CLI_TOK_TCP); };
		'lsm'i           => { T(CLI_TOK_LSM); };
		'fsm'i           => { T(CLI_TOK_FSM); };
		'fsmdef'i        => { T(CLI_TOK_FSMDEF); };
		'fsmcnf'i        => { T(CLI_TOK_FSMCNF); };
		'fsmxfr'i        => { T(CLI_TOK_FSMXFR); };
		'fim'i           => { T(CLI_TOK_FIM); };
		'gsm'i           => { T(CLI_TOK_GSM); };
		'network'i       => { T(CLI_TOK_NETWORK); };
		'config'i        => { T(CLI_TOK_CONFIG); };
		'personaldir'i   => { T(CLI_TOK_PERSONALDIR); };
		'dialplan'i      => { T(CLI_TOK_DIALPLAN); };
		'timers'i        => { T(CLI_TOK_TIMERS); };

		# debug categories
		'console-stall'i => { T(CLI_TOK_CONSOLE_STALL); };
		'strlib'i        => { T(CLI_TOK_STRLIB); };
		'malloc-table'i  => { T(CLI_TOK_MALLOC_TABLE); };
		'sk-platform'i   => { T(CLI_TOK_SK_PLATFORM); };
		'dsp'i           => { T(CLI_TOK_DSP); };
		'vcm'i           => { T(CLI_TOK_VCM); };
		'dtmf'i          => { T(CLI_TOK_DTMF); };
		'task-socket'i   => { T(CLI_TOK_TASK_SOCKET); };
		'auth'i          => { T(CLI_TOK_AUTH); };
		'cc'i            => { T(CLI_TOK_CC); };
		'cc-msg'i        => { T(CLI_TOK_CC_MSG); };
		'softkeys'i      => { T(CLI_TOK_SOFTKEYS); };
		'error'i         => { T(CLI_TOK_ERROR); };
		'sip-task'i      => { T(CLI_TOK_SIP_TASK); };
		'sip-state'i     => { T(CLI_TOK_SIP_STATE); };
		'sip-messages'i  => { T(CLI_TOK_SIP_MESSAGES); };
		'sip-reg-state'i => { T(CLI_TOK_SIP_REG_STATE); };
		'sntp'i          => { T(CLI_TOK_SNTP); };
		'sntp-packet'i   => { T(CLI_TOK_SNTP_PACKET); };
		'http'i          => { T(CLI_TOK_HTTP); };
		'arp-broadcast'i => { T(CLI_TOK_ARP_BROADCAST); };
		'xml-events'i    => { T(CLI_TOK_XML_EVENTS); };
		'xml-deck'i      => { T(CLI_TOK_XML_DECK); };
		'xml-vars'i      => { T(CLI_TOK_XML_VARS); };
		'xml-post'i      => { T(CLI_TOK_XML_POST); };
		'all'i           => { T(CLI_TOK_ALL); };

		# test
		'open'i          => { T(CLI_TOK_OPEN); };
		'close'i         => { T(CLI_TOK_CLOSE); };
		'key'i           => { T(CLI_TOK_KEY); };
		'ky'i            => { T(CLI_TOK_KY); };
		'onhook'i        => { T(CLI_TOK_ONHOOK); };
		'offhook'i       => { T(CLI_TOK_OFFHOOK); };
		'hide'i          => { T(CLI_TOK_HIDE); };
		'voldn'i         => { T(CLI_TOK_VOLDN); };
		'volup'i         => { T(CLI_TOK_VOLUP); };
		'headset'i       => { T(CLI_TOK_HEADSET); };
		'spkr'i          => { T(CLI_TOK_SPKR); };
		'mute'i          => { T(CLI_TOK_MUTE); };
		'info'i          => { T(CLI_TOK_INFO); };
		'msgs'i          => { T(CLI_TOK_MSGS); };
		'serv'i          => { T(CLI_TOK_SERV); };
		'dir'i           => { T(CLI_TOK_DIR); };
		'set'i           => { T(CLI_TOK_SET); };
		'navup'i         => { T(CLI_TOK_NAVUP); };
		'navdn'i         => { T(CLI_TOK_NAVDN); };
		'sk1'i           => { T(CLI_TOK_SK1); };
		'sk2'i           => { T(CLI_TOK_SK2); };
		'sk3'i           => { T(CLI_TOK_SK3); };
		'sk4'i           => { T(CLI_TOK_SK4); };
		'line1'i         => { T(CLI_TOK_LINE1); };
		'line2'i         => { T(CLI_TOK_LINE2); };
		'line3'i         => { T(CLI_TOK_LINE3); };
		'line4'i         => { T(CLI_TOK_LINE4); };
		'line5'i         => { T(CLI_TOK_LINE5); };
		'line6'i         => { T(CLI_TOK_LINE6); };

		# tty
		'echo'i          => { T(CLI_TOK_ECHO); };
		'on'i            => { T(CLI_TOK_ON); };
		'off'i           => { T(CLI_TOK_OFF); };
		'mon'i           => { T(CLI_TOK_MON); };
		'timeout'i       => { T(CLI_TOK_TIMEOUT); };
		'kill'i          => { T(CLI_TOK_KILL); };
		'msg'i           => { T(CLI_TOK_MSG); };

		# an equal-length match goes to the first of these listed
		digit+           => { T(CLI_TOK_NUMBER); };
		[0-9*#]+         => { T(CLI_TOK_DIAL); };
		'?'              => { T(CLI_TOK_QUESTION); };
		wordch+          => { T(CLI_TOK_WORD); };
		ctlch            => { T(CLI_TOK_BAD); };
	*|;
}%%

%% write data noerror nofinal noentry;

/* Which command the first token starts (for the usage in errors). */
void cli__first(struct cli__parse *ps, int major)
{
	switch (major) {
	case CLI_TOK_CLEAR: ps->first = CLI_V_CLEAR; break;
	case CLI_TOK_DEBUG: ps->first = CLI_V_DEBUG; break;
	case CLI_TOK_UNDEBUG: ps->first = CLI_V_UNDEBUG; break;
	case CLI_TOK_DNS: ps->first = CLI_V_DNS; break;
	case CLI_TOK_ERASE: ps->first = CLI_V_ERASE; break;
	case CLI_TOK_EXIT: ps->first = CLI_V_EXIT; break;
	case CLI_TOK_PING: ps->first = CLI_V_PING; break;
	case CLI_TOK_REGISTER: ps->first = CLI_V_REGISTER; break;
	case CLI_TOK_RESET: ps->first = CLI_V_RESET; break;
	case CLI_TOK_SHOW: ps->first = CLI_V_SHOW; break;
	case CLI_TOK_TEST: ps->first = CLI_V_TEST; break;
	case CLI_TOK_TTY: ps->first = CLI_V_TTY; break;
	case CLI_TOK_TRACEROUTE: ps->first = CLI_V_TRACEROUTE; break;
	case CLI_TOK_HELP: ps->first = CLI_V_HELP; break;
	default: ps->first = CLI_V_NONE; break;
	}
}

static void emit(struct cli__parse *ps, int major, const unsigned char *ts,
		 const unsigned char *te)
{
	struct cli__tok t = {
		.p = ts,
		.n = (uint16_t)(te - ts),
		.off = (uint16_t)(ts - ps->line),
	};

	if (ps->ntok++ == 0)
		cli__first(ps, major);
	cli__gram(ps->parser, major, t, ps);
}

#define T(major) emit(ps, (major), ts, te)

void cli__lex(struct cli__parse *ps)
{
	const unsigned char *p = ps->line, *pe = ps->line + ps->len;
	const unsigned char *eof = pe;
	const unsigned char *ts, *te;
	struct cli__tok end = {.p = NULL, .n = 0, .off = (uint16_t)ps->len};
	int cs, act;

	%% write init;
	%% write exec;

	(void)act;
	cli__gram(ps->parser, 0, end, ps);
}
