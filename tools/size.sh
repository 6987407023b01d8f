#!/bin/sh
# Footprint table: .text/.data/.bss per module for the armhf firmware build
# and the bare-metal core, the stripped armhf programs, and as anchors the
# armhf binaries of baresip and libre from Debian.
#   tools/size.sh TARGET CROSSBUILD BAREMETALBUILD ARCH
set -eu
target=$1 cross=$2 bare=$3 arch=$4
CORE_TEXT_BUDGET=262144    # 256 KiB of .text for the bare-metal core
FIRMWARE_BUDGET=1048576    # 1 MiB for the stripped armhf sipphone

# objects OBJDIR: the firmware objects under OBJDIR whose source is still
# there (X.c, or spec/X.rl or .y for gen/X.o), so the per-module rows leave
# out a stale one left by a source since removed.
objects() {
	find "$1" -name '*.o' ! -path '*/tests/*' ! -path '*/tools/*' | sort |
	while read -r o; do
		src=${o#"$1"/}
		src=${src%.o}
		case $src in
		gen/*) [ -e "spec/${src#gen/}.rl" ] || [ -e "spec/${src#gen/}.y" ] ;;
		*) [ -e "$src.c" ] ;;
		esac && echo "$o"
	done
}

# per_module SIZE OBJDIR: one row per directory of objects, then the total.
per_module() {
	size=$1 objdir=$2
	objects "$objdir" | xargs "$size" -B 2>/dev/null | awk -v root="$objdir/" '
		NR == 1 { next }
		{
			f = $6; sub(root, "", f); n = split(f, p, "/")
			mod = p[1]; for (i = 2; i < n; i++) mod = mod "/" p[i]
			t[mod] += $1; d[mod] += $2; b[mod] += $3
			T += $1; D += $2; B += $3
		}
		END {
			for (m in t) printf "  %-28s %9d %7d %7d\n", m, t[m], d[m], b[m] | "sort"
			close("sort")
			printf "  %-28s %9d %7d %7d\n", "total", T, D, B
		}'
}

printf '%-30s %9s %7s %7s\n' "module" ".text" ".data" ".bss"
echo "armhf firmware build ($cross, $target-gcc -O2)"
per_module "$target-size" "$cross/obj"
echo "bare-metal core ($bare, arm-none-eabi-gcc -mthumb -mcpu=cortex-m4 -Os)"
per_module arm-none-eabi-size "$bare/obj"
# The budget counts the archive the Makefile builds from exactly the core's
# objects.
core=$(arm-none-eabi-size -B -t "$bare/libsipphone-core.a" | tail -n 1 | awk '{print $1}')
if [ "$core" -lt "$CORE_TEXT_BUDGET" ]; then verdict="within"; else verdict="OVER"; fi
echo "  core .text $core bytes: $verdict the $CORE_TEXT_BUDGET-byte budget"

echo
echo "armhf programs, stripped, without shared libraries (file bytes, .text)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for p in "$cross"/bin/*; do
	[ -x "$p" ] || continue
	"$target-strip" -o "$tmp/s" "$p"
	printf '  %-28s %9d %9d\n' "$(basename "$p")" "$(stat -c %s "$tmp/s")" \
		"$("$target-size" -B "$tmp/s" | awk 'NR==2{print $1}')"
done
if [ -x "$cross/bin/sipphone" ]; then
	s=$("$target-strip" -o "$tmp/f" "$cross/bin/sipphone" && stat -c %s "$tmp/f")
	echo "  sipphone: $s bytes (budget $FIRMWARE_BUDGET)"
else
	echo "  sipphone: not built yet (the phone program is a later issue)"
fi

echo
echo "anchors: Debian $arch binaries (stripped as shipped; file bytes, .text)"
anchors=build/anchors-$arch
if tools/sysroot.sh "$arch" "$anchors" baresip-core libre0 >/dev/null 2>&1; then
	for f in "$anchors"/usr/bin/baresip "$anchors"/usr/lib/*/libre.so.*; do
		[ -f "$f" ] || continue
		printf '  %-28s %9d %9d\n' "$(basename "$f")" "$(stat -c %s "$f")" \
			"$("$target-size" -B "$f" | awk 'NR==2{print $1}')"
	done
	mods=$(find "$anchors"/usr/lib/baresip/modules -name '*.so' 2>/dev/null)
	if [ -n "$mods" ]; then
		printf '  %-28s %9d %9d\n' "baresip modules ($(echo "$mods" | wc -l))" \
			"$(echo "$mods" | xargs stat -c %s | awk '{s+=$1} END{print s}')" \
			"$(echo "$mods" | xargs "$target-size" -B -t | tail -n 1 | awk '{print $1}')"
	fi
else
	echo "  (could not download baresip-core/libre0 for $arch)"
fi
