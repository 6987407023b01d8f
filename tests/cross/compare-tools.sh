#!/bin/sh
# The cross-built tools print exactly what the host-built ones print.
#   tests/cross/compare-tools.sh HOSTBUILD CROSSBUILD WRAPPER...
# Each case runs a tool both ways on the same input and compares stdout,
# stderr and exit status byte for byte.  Output follows cmocka's summary
# lines so tests/run-all.sh counts it like any test binary.
set -u
host=$1 cross=$2; shift 2
wrap="$*"
pass=0 fail=0 failed=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case_() { # TOOL ARGS...
	tool=$1; shift
	[ -x "$host/bin/$tool" ] && [ -x "$cross/bin/$tool" ] || return 0
	name="$tool $*"
	echo "[ RUN      ] $name"
	"$host/bin/$tool" "$@" >"$tmp/h.out" 2>"$tmp/h.err"; hs=$?
	$wrap "$cross/bin/$tool" "$@" >"$tmp/c.out" 2>"$tmp/c.err"; cs=$?
	if [ "$hs" = "$cs" ] && cmp -s "$tmp/h.out" "$tmp/c.out" &&
	   cmp -s "$tmp/h.err" "$tmp/c.err"; then
		echo "[       OK ] $name"
		pass=$((pass + 1))
	else
		echo "host status $hs, cross status $cs"
		diff "$tmp/h.out" "$tmp/c.out" | head -n 5
		diff "$tmp/h.err" "$tmp/c.err" | head -n 5
		echo "[  FAILED  ] $name"
		fail=$((fail + 1)); failed="$failed
[  FAILED  ] $name"
	fi
}

for f in tests/data/cnf/*.cnf examples/tftpboot/*.cnf; do
	case_ cnfcheck "$f"
done
case_ cnfcheck --default examples/tftpboot/SIPDefault.cnf \
	--phone examples/tftpboot/SIP00503EFFF842.cnf --print
for f in tests/data/sip/*; do
	[ -f "$f" ] && case_ sipcheck "$f"
done
for f in tests/data/dialplan/*.xml; do
	[ -f "$f" ] && case_ dialplan-test "$f" 9 911 5551212 "*67" "#"
done

echo "[==========] $((pass + fail)) test(s) run."
echo "[  PASSED  ] $pass test(s)."
if [ "$fail" -gt 0 ]; then
	echo "[  FAILED  ] $fail test(s), listed below:$failed"
	exit 1
fi
