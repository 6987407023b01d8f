#!/bin/sh
# The phone without --ip, in its own network namespace: DHCP (options 1,
# 3, 6, 15, 66) from a real dnsmasq in a second namespace across a veth
# pair, then its files by TFTP from the server option 66 names, then SIP
# on the leased address.  Root only (port 68, ip netns); skipped with a
# message otherwise.  Summary lines as cmocka's, for tests/run-all.sh.
set -u
cd "$(dirname "$0")/../.." || exit 2
name=dhcp_boot
echo "[==========] Running 1 test(s)."
echo "[ RUN      ] $name"
skip() {
	echo "$1: skipped"
	echo "[  SKIPPED ] $name"
	echo "[==========] 1 test(s) run."
	echo "[  PASSED  ] 0 test(s)."
	echo "[  SKIPPED ] 1 test(s), listed below:"
	exit 0
}
dnsmasq=$(command -v dnsmasq || ls /usr/sbin/dnsmasq 2>/dev/null || true)
[ "$(id -u)" = 0 ] || skip "not root"
[ -n "$dnsmasq" ] || skip "no dnsmasq"
[ -x build/bin/sipphone ] || skip "no build/bin/sipphone (make first)"
ns1=sipds$$ ns2=sipdc$$ v1=vds$$ v2=vdc$$
dir=$(mktemp -d)
srv=0 phone=0
cleanup() {
	[ "$phone" = 0 ] || { kill "$phone" 2>/dev/null; wait "$phone" 2>/dev/null; }
	[ "$srv" = 0 ] || { kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null; }
	ip netns del "$ns1" 2>/dev/null
	ip netns del "$ns2" 2>/dev/null
	rm -rf "$dir"
}
fail() {
	echo "$1"
	[ -f "$dir/log" ] && tail -n 15 "$dir/log"
	cleanup
	echo "[  FAILED  ] $name"
	echo "[==========] 1 test(s) run."
	echo "[  PASSED  ] 0 test(s)."
	echo "[  FAILED  ] 1 test(s), listed below:"
	exit 1
}
ip netns add "$ns1" 2>/dev/null || { ip netns del "$ns1" 2>/dev/null; rm -rf "$dir"; skip "ip netns add not permitted"; }
ip netns add "$ns2" &&
ip link add "$v1" netns "$ns1" type veth peer name "$v2" netns "$ns2" &&
ip -n "$ns1" addr add 10.98.0.1/24 dev "$v1" &&
ip -n "$ns1" link set "$v1" up && ip -n "$ns1" link set lo up &&
ip -n "$ns2" link set "$v2" up && ip -n "$ns2" link set lo up ||
	fail "could not set up the namespaces"
mkdir "$dir/tftp"
printf 'proxy1_address: 10.98.0.1\n' > "$dir/tftp/SIPDefault.cnf"
printf 'phone_label: "by dhcp"\nline1_name: 43\n' > "$dir/tftp/SIP00503EFFF8AA.cnf"
ip netns exec "$ns1" "$dnsmasq" --no-daemon --no-ping --port=0 \
	--interface="$v1" --bind-interfaces \
	--dhcp-range=10.98.0.50,10.98.0.60,255.255.255.0,1h \
	--dhcp-option=option:router,10.98.0.1 \
	--dhcp-option=option:domain-name,phones.example \
	--dhcp-option=66,10.98.0.1 --enable-tftp --tftp-root="$dir/tftp" \
	--conf-file=/dev/null --pid-file= --dhcp-leasefile="$dir/leases" \
	--dhcp-authoritative >/dev/null 2>&1 &
srv=$!
ip netns exec "$ns2" build/bin/sipphone --mac 00503EFFF8AA \
	--flash "$dir/flash" --ui headless --log "$dir/log" --telnet-port 2399 &
phone=$!
i=0
while [ $i -lt 150 ] && ! grep -q "SIP on 10\.98\.0\." "$dir/log" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
grep -q "SIP on 10\.98\.0\." "$dir/log" || fail "no SIP on a leased address"
grep -q 'phone_label: "by dhcp"' "$dir/flash" ||
	fail "the files did not come from the option-66 server"
grep -q 'domain_name' "$dir/flash" &&
	fail "a DHCP fact was stored in flash"
kill "$phone"; wait "$phone"; rc=$?; phone=0
[ "$rc" = 0 ] || fail "the phone exited with $rc"
echo "$(grep -o 'DHCP: [^ ]*' "$dir/log" | head -n 1); files by TFTP from 10.98.0.1"
cleanup
echo "[       OK ] $name"
echo "[==========] 1 test(s) run."
echo "[  PASSED  ] 1 test(s)."
