#!/bin/sh
# The terminal front end in tmux (issue 6: "Tested in tmux (send-keys,
# capture-pane)"): build/bin/sipphone --ui tui in a detached session of a
# fixed size; the hook key and digits on the main screen; Settings >
# Network Configuration shows the IP and MAC rows,
# Unlock Config with "cisco", a Call Preferences toggle saved, leaving Settings
# relocks.  Summary lines as cmocka's, for tests/run-all.sh.
set -u
cd "$(dirname "$0")/../.." || exit 2
NAME=tui_menus
echo "[==========] Running 1 test(s)."
echo "[ RUN      ] $NAME"
summary_fail() {
	echo "[  FAILED  ] $NAME"
	echo "[==========] 1 test(s) run."
	echo "[  PASSED  ] 0 test(s)."
	echo "[  FAILED  ] 1 test(s), listed below:"
	echo "[  FAILED  ] $NAME"
}
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux not installed: skipped"
	echo "[  SKIPPED ] $NAME"
	echo "[==========] 1 test(s) run."
	echo "[  PASSED  ] 0 test(s)."
	echo "[  SKIPPED ] 1 test(s), listed below:"
	echo "[  SKIPPED ] $NAME"
	exit 0
fi
BIN=${BUILD:-build}/bin/sipphone
[ -x "$BIN" ] || { echo "$BIN missing (make)"; summary_fail; exit 1; }

tmp=$(mktemp -d)
SOCK=sipphone-tui-$$
cp -r examples/tftpboot "$tmp/tftp"
cleanup() {
	if [ -s "$tmp/pid" ]; then
		pid=$(cat "$tmp/pid")
		kill -TERM "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1; i=$((i + 1))
		done
		kill -KILL "$pid" 2>/dev/null
	fi
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "$1"
	echo "---- screen:"
	tmux -L "$SOCK" capture-pane -p -t "$NAME" 2>/dev/null
	echo "---- log (tail):"
	tail -n 20 "$tmp/log" 2>/dev/null
	summary_fail
	exit 1
}
screen() {
	tmux -L "$SOCK" capture-pane -p -t "$NAME"
}
# wait_grep FLAG PATTERN: capture-pane until grep FLAG finds PATTERN
# (bounded: 10 s); wait_for TEXT (a fixed string), wait_re REGEX.
wait_grep() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -q "$1" -- "$2" && return 0
		sleep 0.1; i=$((i + 1))
	done
	fail "timed out waiting for: $2"
}
wait_for() { wait_grep -F "$1"; }
wait_re() { wait_grep -E "$1"; }
keys() {
	tmux -L "$SOCK" send-keys -t "$NAME" "$@"
}

# The phone writes its PID; the shell execs it so the PID is the phone's.
tmux -L "$SOCK" -f /dev/null new-session -d -s "$NAME" -x 100 -y 30 \
	"echo \$\$ >'$tmp/pid'; exec '$BIN' --ui tui --tftp-root '$tmp/tftp' \
	 --ip 127.0.0.84 --telnet-port 23084 --flash '$tmp/flash' \
	 --log '$tmp/log'" || fail "tmux new-session failed"

# idle: line key 43 from SIP00503EFFF842.cnf, the key map under the LCD
wait_for "(#) 43"
wait_for "s  settings"
# the main screen's keys: h lifts the handset (dial tone, the call row,
# EndCall), digits go to the dial plan, h again hangs up
keys h
wait_for ">1 dialing"
wait_for "[#] 43"
wait_for "EndCall"
keys 5 5
wait_for ">1 dialing   55"
keys h
wait_for "Redial     NewCall"
# URL dialing (Table 2-2): the URL soft key, letters typed, Dial
keys h
wait_for "URL"
keys F3
wait_for "[@] 43"
wait_for "Number"
keys b o b @ 1 2 7 . 0 . 0 . 9 9
wait_for ">1 dialing   bob@127.0.0.99"
keys BSpace 9
wait_for ">1 dialing   bob@127.0.0.99"
keys Enter
# sent: to proxy1_address, which the example's 1.2.3.4 cannot reach from
# loopback, so the call may already have failed
wait_re '>1 (calling|failed) +bob@127\.0\.0\.99'
keys F2
wait_for "Redial     NewCall"
# the directories key: Placed Calls has the URL just dialed; Exit
keys d
wait_for "Directories 1/5"
keys 3
wait_for "> 1 bob@127.0.0.99"
wait_for "Dial       Clear"
keys F4
wait_for "Redial     NewCall"
# the services key: the example's services_url names www.company.com,
# which no DNS server here knows: loading, then the reason on the prompt
keys v
wait_re "Services: (loading|cannot resolve www\.company\.com)"
wait_re "Services: cannot resolve www\.company\.com"
# Settings > Network Configuration: IP and MAC rows (read-only: locked)
keys s
wait_for "Settings 1/5"
keys 1
wait_for "Network Configuration"
screen | grep -qF "[L]" || fail "not locked in Network Configuration"
keys 2 3 # nothing: locked, a number would select (items are not Selectable)
i=0
while [ $i -lt 40 ] && ! screen | grep -q '> *[0-9]* IP Address'; do
	keys Down; i=$((i + 1)); sleep 0.05
done
wait_for "IP Address             127.0.0.84"
keys Down
wait_for "MAC Address            00503EFFF842"
# Back; Unlock Config (item 5) with "cisco" typed as letters; Enter accepts
keys M-4
wait_for "Settings"
keys 5
wait_for "Enter password"
keys c i s c o
wait_for "*****_"
keys Enter
wait_for "Configuration unlocked"
screen | grep -qF "[U]" || fail "not unlocked after cisco"
wait_for "Lock Config"
# Call Preferences (item 3): Do Not Disturb is the 6th, 0 -> 1 (its
# number selects and changes it; it scrolls into view)
keys 3
wait_for "Call Preferences"
wait_for "Anonymous Call Block   0"
keys 6
wait_for "Do Not Disturb         1"
# Save (the second soft key) applies it and goes back to Settings
keys M-2
wait_for "Saved"
wait_for "Call Preferences"
# leave Settings: back to the phone's screen, relocked
keys s
i=0
while [ $i -lt 50 ] && screen | grep -qF "Settings"; do
	sleep 0.1; i=$((i + 1))
done
screen | grep -qF "Redial" || fail "not back on the idle screen"
keys s
wait_for "Settings 1/5"
screen | grep -qF "[L]" || fail "not relocked after leaving Settings"
keys 5
wait_for "Enter password"
keys x Enter
wait_for "Invalid password"
keys s
# the phone stops on SIGTERM and the terminal is given back
pid=$(cat "$tmp/pid")
kill -TERM "$pid" 2>/dev/null
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
kill -0 "$pid" 2>/dev/null && fail "phone still running after SIGTERM"
echo "[       OK ] $NAME"
echo "[==========] 1 test(s) run."
echo "[  PASSED  ] 1 test(s)."
exit 0
