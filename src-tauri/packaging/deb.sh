#!/usr/bin/env bash
# Carnet's .deb, made from built binaries with Debian's own tools (dpkg-deb, dpkg-shlibdeps):
#   src-tauri/packaging/deb.sh BIN_DIR OUT_DIR
# BIN_DIR holds carnet-desktop and carnet (a release build for `make deb`). The package holds
# both on the PATH, the desktop entry (named in English, 简体 and 繁體) and the icon in every
# size; it depends on the packages of the libraries the binaries link to. Prints the .deb's path.
# DEB_COMPRESSION=gzip|xz|none (default xz).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)

version=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/carnet

install -Dm755 "$bin/carnet-desktop" "$pkg/usr/bin/carnet-desktop"
install -Dm755 "$bin/carnet" "$pkg/usr/bin/carnet"
strip --strip-unneeded "$pkg/usr/bin/carnet-desktop" "$pkg/usr/bin/carnet"
install -Dm644 "$here/app.carnet.desktop" "$pkg/usr/share/applications/app.carnet.desktop"
for size in 16 24 32 48 64 128 256 512; do
	install -Dm644 "$root/src-tauri/icons/${size}x${size}.png" \
		"$pkg/usr/share/icons/hicolor/${size}x${size}/apps/app.carnet.png"
done
install -Dm644 "$here/copyright" "$pkg/usr/share/doc/carnet/copyright"

# The packages whose libraries the binaries need, as dpkg-shlibdeps finds them (it wants a
# debian/control beside it; this one names the package alone).
mkdir -p "$stage/debian"
printf 'Source: carnet\n\nPackage: carnet\nArchitecture: any\n' >"$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O --ignore-missing-info \
	-e"$pkg/usr/bin/carnet-desktop" -e"$pkg/usr/bin/carnet" 2>/dev/null |
	sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "deb.sh: no dependencies found for the binaries" >&2; exit 1; }
# The tray icon's library is opened at run time, not linked: dpkg-shlibdeps cannot see it.
depends="$depends, libayatana-appindicator3-1"
# A binary with packed relative relocations (DT_RELR, src-tauri/build.rs) runs only on glibc
# 2.36 or later, which dpkg-shlibdeps does not see either (no symbol says so).
if readelf -d "$pkg/usr/bin/carnet-desktop" | grep -q '(RELR)'; then
	libc=$(printf '%s' "$depends" | sed -nE 's/.*libc6 \(>= ([0-9.]+)\).*/\1/p')
	if [ -z "$libc" ]; then
		depends="$depends, libc6 (>= 2.36)"
	elif dpkg --compare-versions "$libc" lt 2.36; then
		depends=$(printf '%s' "$depends" | sed -E 's/libc6 \(>= [0-9.]+\)/libc6 (>= 2.36)/')
	fi
fi

mkdir -p "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: carnet
Version: $version
Architecture: $arch
Maintainer: Carnet <carnet@users.noreply.invalid>
Installed-Size: $(du -sk "$pkg/usr" | cut -f1)
Depends: $depends
Recommends: fonts-noto-cjk
Section: misc
Priority: optional
Description: car sales consultant's customer book (客户本)
 Carnet keeps a car sales consultant's customers on their own laptop,
 offline, and tells them every day whom to follow up, why, and what to say.
 It imports the sheets and phone contacts a consultant already keeps and
 exports the book as Excel, CSV or JSON for a manager.
 .
 The package holds the desktop app (carnet-desktop) and the command line
 (carnet).
CONTROL
# A new book's folder is made by the app in the user's home; nothing to do at install.
deb=$out/carnet_${version}_${arch}.deb
case "${DEB_COMPRESSION:-xz}" in
	none) compression=(-Znone) ;;
	gzip) compression=(-Zgzip -z1) ;;
	*) compression=(-Zxz) ;;
esac
dpkg-deb --root-owner-group "${compression[@]}" --build "$pkg" "$deb" >/dev/null
echo "$deb"
