# The terminal front end (issue 6): platform/host/tui.c (termios, libuv);
# the menu model runtime/menu is part of the bare-metal core.
# tests/scenario/run-tui.sh drives the program in tmux.
DEPS_PKGS  += tmux
HOSTED_SRC += platform/host/tui.c
