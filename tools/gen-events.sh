#!/bin/sh
# Generate a C header from a state chart's event alphabet.
#   tools/gen-events.sh spec/<mod>/_<name>_events.rl OUT.h
# The spec is the one place events are defined (EV_NAME = N;); C code gets
# <NAME>_EV_* constants and a name table for logs from this header.
set -eu
src=$1 out=$2
base=$(basename "$src" .rl); base=${base#_}; base=${base%_events}
up=$(echo "$base" | tr 'a-z' 'A-Z')
guard="GEN_$(echo "$base" | tr 'a-z' 'A-Z')_EVENTS_H"
tmp="$out.tmp"
{
	echo "/* Generated from $src by tools/gen-events.sh: do not edit. */"
	echo "#ifndef $guard"
	echo "#define $guard"
	echo
	echo "enum ${base}_ev {"
	sed -n 's/^[[:space:]]*EV_\([A-Z0-9_]*\)[[:space:]]*=[[:space:]]*\([0-9][0-9]*\)[[:space:]]*;.*/\1 \2/p' "$src" |
		while read -r name num; do echo "	${up}_EV_$name = $num,"; done
	echo "	${up}_EV__COUNT"
	echo "};"
	echo
	echo "static inline const char *${base}_ev_name(int ev)"
	echo "{"
	echo "	switch (ev) {"
	sed -n 's/^[[:space:]]*EV_\([A-Z0-9_]*\)[[:space:]]*=[[:space:]]*\([0-9][0-9]*\)[[:space:]]*;.*/\1/p' "$src" |
		while read -r name; do echo "	case ${up}_EV_$name: return \"$name\";"; done
	echo "	}"
	echo "	return \"?\";"
	echo "}"
	echo
	echo "#endif"
} > "$tmp"
mv "$tmp" "$out"
