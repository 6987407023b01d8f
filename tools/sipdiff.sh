#!/bin/sh
# sipdiff.sh OLD_SIPDUMP NEW_SIPDUMP [MUTATIONS] - do two builds of the SIP
# parser read every input alike?  The inputs: the conformance messages and
# the benchmark corpus beside the checkout, and the fuzz seed corpora; each
# with MUTATIONS variants (tools/sipdump).  Prints the files that differ
# (then `sipdump -v FILE` of each build shows how); exit 1 if any.
set -eu
old=$1 new=$2 mut=${3:-1000}
shared=${SIPPHONE_SHARED:-../shared}
list=$(mktemp) a=$(mktemp) b=$(mktemp)
trap 'rm -f "$list" "$a" "$b"' EXIT
for d in "$shared/conformance" "$shared/bench/sip-corpus" \
	 tests/fuzz/corpus/sip_msg tests/fuzz/corpus/sip_uri; do
	[ -d "$d" ] && find "$d" -type f ! -name '*.md' ! -name '*.tsv' \
		! -name '*.gz' ! -name 'README*'
done | sort > "$list"
xargs -a "$list" "$old" -m "$mut" > "$a"
xargs -a "$list" "$new" -m "$mut" > "$b"
echo "sipdiff: $(wc -l < "$list") files, $mut variants each"
if ! diff "$a" "$b" > /dev/null; then
	diff "$a" "$b" | grep '^>' | sed 's/^> //; s/: [0-9a-f]*$//'
	exit 1
fi
echo "sipdiff: identical"
