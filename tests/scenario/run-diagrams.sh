#!/bin/sh
# make diagrams, then open gen/diagrams/index.html in headless Chromium
# and check that every diagram renders (issue: "a test opens index.html in
# headless Chromium and checks that every diagram renders").  Summary lines
# as cmocka's, for tests/run-all.sh.
set -u
cd "$(dirname "$0")/../.." || exit 2
echo "[==========] Running 1 test(s)."
echo "[ RUN      ] diagrams_render"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "chromium not installed: skipped"
	echo "[  SKIPPED ] diagrams_render"
	echo "[==========] 1 test(s) run."
	echo "[  PASSED  ] 0 test(s)."
	echo "[  SKIPPED ] 1 test(s), listed below:"
	exit 0
fi
fail() {
	echo "$1"
	echo "[  FAILED  ] diagrams_render"
	echo "[==========] 1 test(s) run."
	echo "[  PASSED  ] 0 test(s)."
	echo "[  FAILED  ] 1 test(s), listed below:"
	exit 1
}
make --no-print-directory -s diagrams >/dev/null || fail "make diagrams failed"
total=$(grep -o 'class="diagram"' gen/diagrams/index.html | wc -l)
[ "$total" -gt 0 ] || fail "no diagram in gen/diagrams/index.html"
profile=$(mktemp -d)
dom=$(timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
	--disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --disable-quic \
	--user-data-dir="$profile" --virtual-time-budget=10000 \
	--dump-dom "file://$PWD/gen/diagrams/index.html" 2>/dev/null)
rm -rf "$profile"
echo "$dom" | grep -q "data-rendered=\"$total/$total\"" ||
	fail "rendered: $(echo "$dom" | grep -o 'data-rendered="[^"]*"') of $total"
echo "$total of $total diagrams rendered"
echo "[       OK ] diagrams_render"
echo "[==========] 1 test(s) run."
echo "[  PASSED  ] 1 test(s)."
