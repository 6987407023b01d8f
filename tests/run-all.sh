#!/bin/bash
# The whole test suite, as CI runs it (README: "make test").
#
# Builds the unit tests three times (plain, ASan+UBSan, and the armhf
# firmware build), runs every binary in each build (the armhf one under
# qemu-arm) and the plain one once more under valgrind, checks that the
# armhf tools print what the host tools print, prints each binary's cmocka
# output (cmocka writes its closing lines to stderr, so 2>&1), and ends with
# one total line: "N passed, M failed[, K skipped]".
#
# CROSS=arm-linux-gnueabihf- (make test CROSS=...) runs only the armhf part.
set -u
cd "$(dirname "$0")/.." || exit 2

JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
TIMEOUT=${TEST_TIMEOUT:-600}
VALGRIND=${VALGRIND:-1}
export SIPPHONE_SRC=$PWD
# LeakSanitizer is part of the ASan run; UBSan aborts on the first report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

total_pass=0 total_fail=0 total_skip=0

# run_one LABEL CMD... : run one cmocka binary and add its counts.
run_one() {
	local label=$1; shift
	local out rc pass fail skip
	echo "---- $label: $*"
	out=$(timeout "$TIMEOUT" "$@" 2>&1); rc=$?
	printf '%s\n' "$out"
	pass=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n1)
	fail=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n1)
	skip=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -n1)
	pass=${pass:-0} fail=${fail:-0} skip=${skip:-0}
	if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
		# A crash, a sanitizer or valgrind report, or a timeout (rc 124):
		# the binary failed even if cmocka never got to say so.
		echo "---- $label: exit status $rc counts as a failure"
		fail=1
	fi
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	total_skip=$((total_skip + skip))
}

build() {
	echo "==== build: make $*"
	if ! make --no-print-directory -s -j"$JOBS" "$@" unit; then
		echo "==== build failed: make $*"
		total_fail=$((total_fail + 1))
		return 1
	fi
}

run_suite() { # LABEL BUILDDIR [WRAPPER...]
	local label=$1 dir=$2; shift 2
	local t
	for t in "$dir"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "$label $(basename "$t")" "$@" "$t"
	done
}

cross_stage() {
	local target=${CROSS:-arm-linux-gnueabihf-}
	target=${target%-}
	local qemu="qemu-arm -L /usr/$target"
	if build CROSS="$target-"; then
		# Tests that start a tool start it under the same emulator.
		SIPPHONE_EXEC_WRAPPER="$qemu" run_suite "qemu-$target" \
			"build/$target" $qemu
		run_one "cross tools" tests/cross/compare-tools.sh build \
			"build/$target" $qemu
	fi
	run_one "bare-metal core" tests/cross/baremetal-core.sh
}

if [ -n "${CROSS:-}" ]; then
	make --no-print-directory -s -j"$JOBS" all >/dev/null # host tools
	cross_stage
else
	if build; then
		run_suite plain build
		if [ "$VALGRIND" = 1 ]; then
			run_suite valgrind build valgrind -q --error-exitcode=99 \
				--leak-check=full \
				--errors-for-leak-kinds=definite,indirect \
				--show-leak-kinds=definite,indirect
		fi
	fi
	if build SAN=1; then
		run_suite asan+ubsan build/asan
	fi
	cross_stage
fi

# Scenario tests against real peers (later issues) follow the same contract.
for s in tests/scenario/run-*.sh; do
	[ -x "$s" ] || continue
	run_one "scenario $(basename "$s")" "$s"
done

line="$total_pass passed, $total_fail failed"
[ "$total_skip" -gt 0 ] && line="$line, $total_skip skipped"
echo "$line"
[ "$total_fail" -eq 0 ]
