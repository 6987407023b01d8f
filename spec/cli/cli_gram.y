/*
 * cli_gram.y - the telnet/console command grammar (lemon): the guide's
 * chapter 4, Table 4-1 "CLI Commands", one command per line.
 *
 * Every keyword of the table is a token of its own (spec/cli/cli_lex.rl);
 * where a command takes free text (a host name, a message) any keyword,
 * number or dial string falls back to WORD, so "ping show" pings a host
 * called show.  Rules are small; their actions call the named functions
 * of runtime/cli/cli_cmd.c, which fill the struct cli_cmd, check ranges
 * and word the errors.  The first error wins; a line is never half run.
 */
%include {
#include <assert.h>
#include <stddef.h>
#include "cli/cli_int.h"

/* The parser lives in struct cli__parse (no allocation at all). */
#define cli__gram_ENGINEALWAYSONSTACK 1
}

%name cli__gram
%token_prefix CLI_TOK_
%token_type { struct cli__tok }
%default_type { int }
%extra_argument { struct cli__parse *ps }
%syntax_error { cli__syntax_error(ps, yymajor, &TOKEN); }
%parse_failure { cli__parse_failure(ps); }
%stack_overflow { cli__parse_failure(ps); }
/* Deep enough for every rule: lists are left-recursive. */
%stack_size 16

%code {
_Static_assert(sizeof(yyParser) <= CLI__PARSER_BYTES,
	       "struct cli__parse.parser is too small for the lemon parser");
}

/* Free text; NUMBER is digits, DIAL digits with '*' or '#'; BAD a control
 * byte.  Declared first so that their codes are stable. */
%token WORD NUMBER DIAL QUESTION BAD.

/* The verbs of Table 4-1 (and help). */
%token CLEAR DEBUG UNDEBUG DNS ERASE EXIT PING REGISTER RESET SHOW TEST TTY
       TRACEROUTE HELP.
/* Their keywords. */
%token PROTFLASH BACKUP OPT_P OPT_C OPT_S OPT_B
       ARP ETHERNET IP MALLOC TCP_STATS
       STRPOOL MEMORYMAP DUMP MALLOCTABLE STACKS STATUS ABORT_VECTOR FLASH
       DSPSTATE RTP TCP LSM FSM FSMDEF FSMCNF FSMXFR FIM GSM NETWORK CONFIG
       PERSONALDIR DIALPLAN TIMERS
       CONSOLE_STALL STRLIB MALLOC_TABLE SK_PLATFORM DSP VCM DTMF
       TASK_SOCKET AUTH CC CC_MSG SOFTKEYS ERROR SIP_TASK SIP_STATE
       SIP_MESSAGES SIP_REG_STATE SNTP SNTP_PACKET HTTP ARP_BROADCAST
       XML_EVENTS XML_DECK XML_VARS XML_POST ALL
       OPEN CLOSE KEY KY ONHOOK OFFHOOK HIDE
       VOLDN VOLUP HEADSET SPKR MUTE INFO MSGS SERV DIR SET NAVUP NAVDN
       SK1 SK2 SK3 SK4 LINE1 LINE2 LINE3 LINE4 LINE5 LINE6
       ECHO ON OFF MON TIMEOUT KILL MSG.

/* Where free text is wanted, everything but a control byte is a WORD. */
%fallback WORD NUMBER DIAL QUESTION
       CLEAR DEBUG UNDEBUG DNS ERASE EXIT PING REGISTER RESET SHOW TEST TTY
       TRACEROUTE HELP
       PROTFLASH BACKUP OPT_P OPT_C OPT_S OPT_B
       ARP ETHERNET IP MALLOC TCP_STATS
       STRPOOL MEMORYMAP DUMP MALLOCTABLE STACKS STATUS ABORT_VECTOR FLASH
       DSPSTATE RTP TCP LSM FSM FSMDEF FSMCNF FSMXFR FIM GSM NETWORK CONFIG
       PERSONALDIR DIALPLAN TIMERS
       CONSOLE_STALL STRLIB MALLOC_TABLE SK_PLATFORM DSP VCM DTMF
       TASK_SOCKET AUTH CC CC_MSG SOFTKEYS ERROR SIP_TASK SIP_STATE
       SIP_MESSAGES SIP_REG_STATE SNTP SNTP_PACKET HTTP ARP_BROADCAST
       XML_EVENTS XML_DECK XML_VARS XML_POST ALL
       OPEN CLOSE KEY KY ONHOOK OFFHOOK HIDE
       VOLDN VOLUP HEADSET SPKR MUTE INFO MSGS SERV DIR SET NAVUP NAVDN
       SK1 SK2 SK3 SK4 LINE1 LINE2 LINE3 LINE4 LINE5 LINE6
       ECHO ON OFF MON TIMEOUT KILL MSG.

line ::= .                       /* an empty line does nothing */
line ::= cmd.

/* ---- help: "?", "help", "help show", "show ?" */
cmd ::= QUESTION.                { cli__help(ps, CLI_V_NONE); }
cmd ::= HELP.                    { cli__help(ps, CLI_V_NONE); }
cmd ::= HELP verb(V).            { cli__help(ps, (enum cli_verb)V); }
cmd ::= verb(V) QUESTION.        { cli__help(ps, (enum cli_verb)V); }
/* ping and traceroute take a host (a WORD) next, and QUESTION falls back
 * to WORD before a default reduction is taken: their "?" is a rule of
 * its own, so that it is shifted as itself. */
cmd ::= HELP PING.               { cli__help(ps, CLI_V_PING); }
cmd ::= PING QUESTION.           { cli__help(ps, CLI_V_PING); }
cmd ::= HELP TRACEROUTE.         { cli__help(ps, CLI_V_TRACEROUTE); }
cmd ::= TRACEROUTE QUESTION.     { cli__help(ps, CLI_V_TRACEROUTE); }

verb(A) ::= CLEAR.               { A = CLI_V_CLEAR; }
verb(A) ::= DEBUG.               { A = CLI_V_DEBUG; }
verb(A) ::= UNDEBUG.             { A = CLI_V_UNDEBUG; }
verb(A) ::= DNS.                 { A = CLI_V_DNS; }
verb(A) ::= ERASE.               { A = CLI_V_ERASE; }
verb(A) ::= EXIT.                { A = CLI_V_EXIT; }
verb(A) ::= REGISTER.            { A = CLI_V_REGISTER; }
verb(A) ::= RESET.               { A = CLI_V_RESET; }
verb(A) ::= SHOW.                { A = CLI_V_SHOW; }
verb(A) ::= TEST.                { A = CLI_V_TEST; }
verb(A) ::= TTY.                 { A = CLI_V_TTY; }

/* ---- Table 4-1: clear {arp | ethernet | ip | malloc | tcp-stats} */
cmd ::= CLEAR clear_what(W).     { cli__clear(ps, (enum cli_clear)W); }
clear_what(A) ::= ARP.           { A = CLI_CLEAR_ARP; }
clear_what(A) ::= ETHERNET.      { A = CLI_CLEAR_ETHERNET; }
clear_what(A) ::= IP.            { A = CLI_CLEAR_IP; }
clear_what(A) ::= MALLOC.        { A = CLI_CLEAR_MALLOC; }
clear_what(A) ::= TCP_STATS.     { A = CLI_CLEAR_TCP_STATS; }

/* ---- Table 4-1: debug {...}, undebug {...}; one or more categories */
cmd ::= DEBUG debug_cats.        { cli__debug(ps, CLI_V_DEBUG); }
cmd ::= UNDEBUG debug_cats.      { cli__debug(ps, CLI_V_UNDEBUG); }
debug_cats ::= debug_cat(C).     { cli__debug_cat(ps, (enum cli_debug)C); }
debug_cats ::= debug_cats debug_cat(C).
                                 { cli__debug_cat(ps, (enum cli_debug)C); }
debug_cat(A) ::= ARP.            { A = CLI_DEBUG_ARP; }
debug_cat(A) ::= CONSOLE_STALL.  { A = CLI_DEBUG_CONSOLE_STALL; }
debug_cat(A) ::= STRLIB.         { A = CLI_DEBUG_STRLIB; }
debug_cat(A) ::= MALLOC.         { A = CLI_DEBUG_MALLOC; }
debug_cat(A) ::= MALLOC_TABLE.   { A = CLI_DEBUG_MALLOC_TABLE; }
debug_cat(A) ::= SK_PLATFORM.    { A = CLI_DEBUG_SK_PLATFORM; }
debug_cat(A) ::= FLASH.          { A = CLI_DEBUG_FLASH; }
debug_cat(A) ::= DSP.            { A = CLI_DEBUG_DSP; }
debug_cat(A) ::= VCM.            { A = CLI_DEBUG_VCM; }
debug_cat(A) ::= DTMF.           { A = CLI_DEBUG_DTMF; }
debug_cat(A) ::= TASK_SOCKET.    { A = CLI_DEBUG_TASK_SOCKET; }
debug_cat(A) ::= LSM.            { A = CLI_DEBUG_LSM; }
debug_cat(A) ::= FSM.            { A = CLI_DEBUG_FSM; }
debug_cat(A) ::= AUTH.           { A = CLI_DEBUG_AUTH; }
debug_cat(A) ::= FIM.            { A = CLI_DEBUG_FIM; }
debug_cat(A) ::= GSM.            { A = CLI_DEBUG_GSM; }
debug_cat(A) ::= CC.             { A = CLI_DEBUG_CC; }
debug_cat(A) ::= CC_MSG.         { A = CLI_DEBUG_CC_MSG; }
debug_cat(A) ::= SOFTKEYS.       { A = CLI_DEBUG_SOFTKEYS; }
debug_cat(A) ::= ERROR.          { A = CLI_DEBUG_ERROR; }
debug_cat(A) ::= SIP_TASK.       { A = CLI_DEBUG_SIP_TASK; }
debug_cat(A) ::= SIP_STATE.      { A = CLI_DEBUG_SIP_STATE; }
debug_cat(A) ::= SIP_MESSAGES.   { A = CLI_DEBUG_SIP_MESSAGES; }
debug_cat(A) ::= SIP_REG_STATE.  { A = CLI_DEBUG_SIP_REG_STATE; }
debug_cat(A) ::= DNS.            { A = CLI_DEBUG_DNS; }
debug_cat(A) ::= CONFIG.         { A = CLI_DEBUG_CONFIG; }
debug_cat(A) ::= SNTP.           { A = CLI_DEBUG_SNTP; }
debug_cat(A) ::= SNTP_PACKET.    { A = CLI_DEBUG_SNTP_PACKET; }
debug_cat(A) ::= HTTP.           { A = CLI_DEBUG_HTTP; }
debug_cat(A) ::= ARP_BROADCAST.  { A = CLI_DEBUG_ARP_BROADCAST; }
debug_cat(A) ::= XML_EVENTS.     { A = CLI_DEBUG_XML_EVENTS; }
debug_cat(A) ::= XML_DECK.       { A = CLI_DEBUG_XML_DECK; }
debug_cat(A) ::= XML_VARS.       { A = CLI_DEBUG_XML_VARS; }
debug_cat(A) ::= XML_POST.       { A = CLI_DEBUG_XML_POST; }
debug_cat(A) ::= ALL.            { A = CLI_DEBUG_ALL; }

/* ---- Table 4-1: dns -p | -c | -s ip-address | -b ip-address */
cmd ::= DNS OPT_P.               { cli__dns(ps, CLI_DNS_PRINT, NULL); }
cmd ::= DNS OPT_C.               { cli__dns(ps, CLI_DNS_CLEAR, NULL); }
cmd ::= DNS OPT_S WORD(A).       { cli__dns(ps, CLI_DNS_SET_PRIMARY, &A); }
cmd ::= DNS OPT_B WORD(A).       { cli__dns(ps, CLI_DNS_SET_BACKUP, &A); }

/* ---- Table 4-1: erase protflash (privileged), exit */
cmd ::= ERASE PROTFLASH.         { cli__verb(ps, CLI_V_ERASE); }
cmd ::= EXIT.                    { cli__verb(ps, CLI_V_EXIT); }

/* ---- Table 4-1: ping ip-address [number [packet-size [timeout]]] */
cmd ::= PING WORD(H).            { cli__ping(ps, &H, NULL, NULL, NULL); }
cmd ::= PING WORD(H) NUMBER(C).  { cli__ping(ps, &H, &C, NULL, NULL); }
cmd ::= PING WORD(H) NUMBER(C) NUMBER(S).
                                 { cli__ping(ps, &H, &C, &S, NULL); }
cmd ::= PING WORD(H) NUMBER(C) NUMBER(S) NUMBER(T).
                                 { cli__ping(ps, &H, &C, &S, &T); }

/* ---- Table 4-1: register {option value | line value}:
 * register 0|1 1..6|backup */
cmd ::= REGISTER NUMBER(O) NUMBER(L).  { cli__register(ps, &O, &L); }
cmd ::= REGISTER NUMBER(O) BACKUP.     { cli__register(ps, &O, NULL); }

/* ---- Table 4-1: reset (privileged) */
cmd ::= RESET.                   { cli__verb(ps, CLI_V_RESET); }

/* ---- Table 4-1: show {...}; strpool, dump, personaldir privileged */
cmd ::= SHOW show_what(W).       { cli__show(ps, (enum cli_show)W); }
show_what(A) ::= ARP.            { A = CLI_SHOW_ARP; }
show_what(A) ::= DEBUG.          { A = CLI_SHOW_DEBUG; }
show_what(A) ::= ETHERNET.       { A = CLI_SHOW_ETHERNET; }
show_what(A) ::= IP.             { A = CLI_SHOW_IP; }
show_what(A) ::= STRPOOL.        { A = CLI_SHOW_STRPOOL; }
show_what(A) ::= MEMORYMAP.      { A = CLI_SHOW_MEMORYMAP; }
show_what(A) ::= DUMP.           { A = CLI_SHOW_DUMP; }
show_what(A) ::= MALLOCTABLE.    { A = CLI_SHOW_MALLOCTABLE; }
/* "The table can be viewed with the show malloc-table command." */
show_what(A) ::= MALLOC_TABLE.   { A = CLI_SHOW_MALLOCTABLE; }
show_what(A) ::= STACKS.         { A = CLI_SHOW_STACKS; }
show_what(A) ::= STATUS.         { A = CLI_SHOW_STATUS; }
show_what(A) ::= ABORT_VECTOR.   { A = CLI_SHOW_ABORT_VECTOR; }
show_what(A) ::= FLASH.          { A = CLI_SHOW_FLASH; }
show_what(A) ::= DSPSTATE.       { A = CLI_SHOW_DSPSTATE; }
show_what(A) ::= RTP.            { A = CLI_SHOW_RTP; }
show_what(A) ::= TCP.            { A = CLI_SHOW_TCP; }
show_what(A) ::= LSM.            { A = CLI_SHOW_LSM; }
show_what(A) ::= FSM.            { A = CLI_SHOW_FSM; }
show_what(A) ::= FSMDEF.         { A = CLI_SHOW_FSMDEF; }
show_what(A) ::= FSMCNF.         { A = CLI_SHOW_FSMCNF; }
show_what(A) ::= FSMXFR.         { A = CLI_SHOW_FSMXFR; }
show_what(A) ::= FIM.            { A = CLI_SHOW_FIM; }
show_what(A) ::= GSM.            { A = CLI_SHOW_GSM; }
show_what(A) ::= REGISTER.       { A = CLI_SHOW_REGISTER; }
show_what(A) ::= NETWORK.        { A = CLI_SHOW_NETWORK; }
show_what(A) ::= CONFIG.         { A = CLI_SHOW_CONFIG; }
show_what(A) ::= PERSONALDIR.    { A = CLI_SHOW_PERSONALDIR; }
show_what(A) ::= DIALPLAN.       { A = CLI_SHOW_DIALPLAN; }
show_what(A) ::= TIMERS.         { A = CLI_SHOW_TIMERS; }

/* ---- Table 4-1: test {open | close | key k1 k2... | onhook | offhook |
 * show | hide} (privileged) */
cmd ::= TEST OPEN.               { cli__test(ps, CLI_TEST_OPEN); }
cmd ::= TEST CLOSE.              { cli__test(ps, CLI_TEST_CLOSE); }
cmd ::= TEST KEY keys.           { cli__test(ps, CLI_TEST_KEY); }
/* "A typical command would be test ky 23234." */
cmd ::= TEST KY keys.            { cli__test(ps, CLI_TEST_KEY); }
cmd ::= TEST ONHOOK.             { cli__test(ps, CLI_TEST_ONHOOK); }
cmd ::= TEST OFFHOOK.            { cli__test(ps, CLI_TEST_OFFHOOK); }
cmd ::= TEST SHOW.               { cli__test(ps, CLI_TEST_SHOW); }
cmd ::= TEST HIDE.               { cli__test(ps, CLI_TEST_HIDE); }
keys ::= key.
keys ::= keys key.
/* "The keys 0 through 9, #, and * may be entered in continuous strings" */
key ::= NUMBER(T).               { cli__key_digits(ps, &T); }
key ::= DIAL(T).                 { cli__key_digits(ps, &T); }
key ::= VOLDN(T).                { cli__key(ps, &T, CLI_KEY_VOLDN); }
key ::= VOLUP(T).                { cli__key(ps, &T, CLI_KEY_VOLUP); }
key ::= HEADSET(T).              { cli__key(ps, &T, CLI_KEY_HEADSET); }
key ::= SPKR(T).                 { cli__key(ps, &T, CLI_KEY_SPKR); }
key ::= MUTE(T).                 { cli__key(ps, &T, CLI_KEY_MUTE); }
key ::= INFO(T).                 { cli__key(ps, &T, CLI_KEY_INFO); }
key ::= MSGS(T).                 { cli__key(ps, &T, CLI_KEY_MSGS); }
key ::= SERV(T).                 { cli__key(ps, &T, CLI_KEY_SERV); }
key ::= DIR(T).                  { cli__key(ps, &T, CLI_KEY_DIR); }
key ::= SET(T).                  { cli__key(ps, &T, CLI_KEY_SET); }
key ::= NAVUP(T).                { cli__key(ps, &T, CLI_KEY_NAVUP); }
key ::= NAVDN(T).                { cli__key(ps, &T, CLI_KEY_NAVDN); }
/* issue 6: soft keys and line keys of the 7960 */
key ::= SK1(T).                  { cli__key(ps, &T, CLI_KEY_SK1); }
key ::= SK2(T).                  { cli__key(ps, &T, CLI_KEY_SK2); }
key ::= SK3(T).                  { cli__key(ps, &T, CLI_KEY_SK3); }
key ::= SK4(T).                  { cli__key(ps, &T, CLI_KEY_SK4); }
key ::= LINE1(T).                { cli__key(ps, &T, CLI_KEY_LINE1); }
key ::= LINE2(T).                { cli__key(ps, &T, CLI_KEY_LINE2); }
key ::= LINE3(T).                { cli__key(ps, &T, CLI_KEY_LINE3); }
key ::= LINE4(T).                { cli__key(ps, &T, CLI_KEY_LINE4); }
key ::= LINE5(T).                { cli__key(ps, &T, CLI_KEY_LINE5); }
key ::= LINE6(T).                { cli__key(ps, &T, CLI_KEY_LINE6); }

/* ---- Table 4-1: tty {echo {on | off} | mon | timeout value |
 * kill session | msg}; a bare "tty" lists the sessions */
cmd ::= TTY.                     { cli__tty(ps, CLI_TTY_LIST, 0); }
cmd ::= TTY ECHO ON.             { cli__tty(ps, CLI_TTY_ECHO, 1); }
cmd ::= TTY ECHO OFF.            { cli__tty(ps, CLI_TTY_ECHO, 0); }
cmd ::= TTY MON.                 { cli__tty(ps, CLI_TTY_MON, 1); }
cmd ::= TTY MON ON.              { cli__tty(ps, CLI_TTY_MON, 1); }
cmd ::= TTY MON OFF.             { cli__tty(ps, CLI_TTY_MON, 0); }
cmd ::= TTY TIMEOUT NUMBER(N).   { cli__tty_num(ps, CLI_TTY_TIMEOUT, &N); }
cmd ::= TTY KILL NUMBER(N).      { cli__tty_num(ps, CLI_TTY_KILL, &N); }
cmd ::= TTY MSG words.           { cli__tty_msg(ps); }
words ::= WORD(T).               { cli__text(ps, &T); }
words ::= words WORD(T).         { cli__text(ps, &T); }

/* ---- Table 4-1: traceroute ip-address [ttl] */
cmd ::= TRACEROUTE WORD(H).      { cli__traceroute(ps, &H, NULL); }
cmd ::= TRACEROUTE WORD(H) NUMBER(T).
                                 { cli__traceroute(ps, &H, &T); }
