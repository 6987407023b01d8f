#!/bin/sh
# Run every fuzz harness briefly: tools/fuzz.sh SECONDS BINARY...
# Harness build/fuzz/fuzz_X starts from the committed seeds in
# tests/fuzz/corpus/X (read only) and keeps what it finds in build/fuzz/X.
# Crashes, leaks and sanitizer reports fail the run.
set -eu
secs=$1; shift
status=0
for bin in "$@"; do
	name=$(basename "$bin"); name=${name#fuzz_}
	seeds=tests/fuzz/corpus/$name
	work=build/fuzz/corpus-$name
	mkdir -p "$work" build/fuzz/artifacts
	echo "fuzz: $name for ${secs}s (seeds: $seeds)"
	if ! "$bin" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix=build/fuzz/artifacts/"$name"- \
		"$work" "$seeds" >build/fuzz/"$name".log 2>&1; then
		tail -n 40 build/fuzz/"$name".log
		echo "fuzz: $name FAILED (log: build/fuzz/$name.log)"
		status=1
	else
		grep -E 'stat::number_of_executed_runs|cov:' build/fuzz/"$name".log | tail -n 2
		echo "fuzz: $name ok"
	fi
done
exit $status
