#!/bin/bash
# make bench-calls: the highest rate of short calls a phone answers from
# `sipp -sn uac -l 1` (one call at a time) with zero failed calls, beside
# baresip under the same load, and the CPU each used.  A benchmark: it
# prints numbers, never pass/fail.
#
#   tools/bench-calls/bench-calls.sh BINDIR [CALLS]
#
# Each peer answers by itself (sipphone --auto-answer 0, baresip
# answermode=auto) on its own 127.0.0.x; sipp calls it CALLS times per
# rate step (-r RATE -l 1 -d 0: INVITE, 180, 200, ACK, BYE, 200).  CPU is
# the peer's utime+stime over the step (/proc/PID/stat), as a share of one
# core.  CALLS stays under what the phone's transaction table holds for
# 64*T1 (TXN_MAX 512: two server transactions per call), so a step measures
# the call path, not that ceiling; the sustained ceiling is printed too.
set -u
bin=${1:?usage: bench-calls.sh BINDIR [CALLS]}
calls=${2:-200}
SIPP_IP=127.0.0.5 PHONE_IP=127.0.0.4 BARESIP_IP=127.0.0.6
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	sleep 0.3
	for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
hz=$(getconf CLK_TCK)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# step NAME PID URI HOST RATE: one run of sipp; prints the row, returns 0
# when no call failed.
step() {
	local name=$1 pid=$2 svc=$3 host=$4 rate=$5 t0 t1 s e ok fail
	t0=$(ticks "$pid"); s=$(date +%s.%N)
	timeout 120 sipp -sn uac -s "$svc" "$host:5060" -i "$SIPP_IP" -p 5060 \
		-l 1 -r "$rate" -m "$calls" -d 0 -nostdin -timeout 100s \
		-trace_stat -stf "$tmp/stat.csv" >/dev/null 2>&1
	e=$(date +%s.%N); t1=$(ticks "$pid")
	ok=$(tail -n1 "$tmp/stat.csv" | cut -d';' -f16)
	fail=$(tail -n1 "$tmp/stat.csv" | cut -d';' -f18)
	rm -f "$tmp/stat.csv"
	awk -v n="$name" -v r="$rate" -v ok="$ok" -v f="$fail" -v s="$s" \
	    -v e="$e" -v c=$((t1 - t0)) -v hz="$hz" 'BEGIN {
		w = e - s; printf "  %-9s asked %5d/s  got %7.1f calls/s  ok %4d  failed %4d  cpu %5.1f%% (%.2f ms/call)\n",
		n, r, ok / w, ok, f, 100 * c / hz / w, ok ? 1000 * c / hz / ok : 0 }'
	[ "${fail:-1}" = 0 ] && [ "${ok:-0}" = "$calls" ]
}

# bench NAME PID URI HOST: rates up to the first failure; pause between
# steps so the peer's transactions of the last step expire (64*T1).
bench() {
	local name=$1 pid=$2 svc=$3 host=$4 rate best=0
	for rate in 25 50 100 200 400 800 1600; do
		if step "$name" "$pid" "$svc" "$host" "$rate"; then
			best=$rate
		else
			break
		fi
		sleep ${BENCH_CALLS_PAUSE:-33}
	done
	echo "  $name: highest asked rate with zero failed calls: $best/s"
}

echo "== bench-calls: $calls short calls per step, sipp -sn uac -l 1 -d 0"
mkdir -p "$tmp/tftp" "$tmp/baresip"
cp examples/tftpboot/SIPDefault.cnf "$tmp/tftp/"
printf 'line1_name: "104"\nproxy1_address: %s\nproxy_register: 0\n' \
	"$SIPP_IP" > "$tmp/tftp/SIP00503E000104.cnf"
"$bin/sipphone" --mac 00503E000104 --ip "$PHONE_IP" --tftp-root "$tmp/tftp" \
	--ui headless --log "$tmp/phone.log" --telnet-port 2323 \
	--auto-answer 0 >/dev/null 2>&1 &
pids+=($!)
phone=$!
sleep 1
bench sipphone "$phone" 104 "$PHONE_IP"
echo "  sipphone: sustained, the transaction table (TXN_MAX 512, two per" \
	"call, 32 s each) holds $((512 / 2 / 32)) calls/s"
kill "$phone"

if command -v baresip >/dev/null 2>&1; then
	cat > "$tmp/baresip/config" <<CONF
sip_listen		$BARESIP_IP:5060
net_interface		127.0.0.1
dns_server		127.0.0.1:53
module_path		/usr/lib/baresip/modules
module			g711.so
module			aubridge.so
module			account.so
module			menu.so
audio_player		aubridge,bench-play
audio_source		aubridge,bench-src
audio_alert		aubridge,bench-alert
CONF
	echo "<sip:bench@$BARESIP_IP>;regint=0;answermode=auto" \
		> "$tmp/baresip/accounts"
	baresip -f "$tmp/baresip" >/dev/null 2>&1 &
	pids+=($!)
	sleep 2
	bench baresip "$!" bench "$BARESIP_IP"
else
	echo "  baresip not installed: no comparison"
fi
