# runtime/cli: the telnet CLI (issue 6, the guide's Table 4-1).
# The grammar, tokenizer and dispatcher need no OS (bare-metal core); the
# telnet server is a libuv TCP server (libuv is linked by mk/rt.mk).  Its
# tests are their own telnet client (plain sockets): no telnet package.
DEPS_PKGS  += libuv1-dev
CROSS_PKGS += libuv1-dev libuv1
HOSTED_SRC += runtime/cli/cli_telnet.c
# The tokenizer is a table (-T1): a CLI line is short and rare; on the
# Cortex-M4 the keyword scanner is 16.5 KB of .text instead of 20.2 KB with
# goto code (-G2).
RAGEL_FLAGS_cli_lex := -T1
