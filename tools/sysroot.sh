#!/bin/sh
# Make a project-local sysroot of Debian packages for another architecture:
#   tools/sysroot.sh ARCH DIR PACKAGE...
# A private apt configuration (its own lists and cache under DIR) downloads
# the .debs and `dpkg -x` unpacks them into DIR.  System multiarch is not
# touched: on these machines the armhf and amd64 versions differ and
# `dpkg --add-architecture` breaks.  Idempotent: when DIR already holds
# exactly these packages it does nothing.
set -eu
arch=$1 dir=$2; shift 2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
want="$arch $*"
if [ -f "$dir/.packages" ] && [ "$(cat "$dir/.packages")" = "$want" ]; then
	echo "sysroot: $dir has its $# $arch packages"
	exit 0
fi
apt="$dir/.apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
: > "$apt/status"
cat > "$apt/apt.conf" <<CONF
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
Dir::State::Lists "$apt/lists";
Dir::State::status "$apt/status";
Dir::Cache "$apt/cache";
Dir::Etc::SourceParts "/etc/apt/sources.list.d";
CONF
echo "sysroot: fetching $arch package lists"
# A mirror mid-sync may fail one index; the download below says whether
# what we need was found.
APT_CONFIG="$apt/apt.conf" apt-get update -qq >"$apt/update.log" 2>&1 || \
	grep -E '^(E|W):' "$apt/update.log" | head -n 3 >&2 || true
rm -f "$apt/debs"/*.deb
echo "sysroot: downloading $*"
( cd "$apt/debs" && APT_CONFIG="$apt/apt.conf" apt-get download -qq "$@" \
	2>&1 | grep -v 'unsandboxed' >&2 || true )
for p in "$@"; do
	ls "$apt/debs/${p}_"*.deb >/dev/null 2>&1 || {
		echo "sysroot: $p ($arch) not downloaded" >&2; exit 1; }
done
for deb in "$apt/debs"/*.deb; do
	dpkg -x "$deb" "$dir"
done
# Absolute symlinks inside the sysroot must point into it.
find "$dir/usr/lib" -type l -lname '/*' 2>/dev/null | while read -r l; do
	ln -sf "$dir$(readlink "$l")" "$l"
done
printf '%s\n' "$want" > "$dir/.packages"
echo "sysroot: $dir ready ($# packages)"
