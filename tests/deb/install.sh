#!/usr/bin/env bash
# Installs Carnet's .deb as a new user meets it, on this machine: `apt install ./carnet_….deb`,
# `carnet` on the PATH for a new account, the installed app opened under Xvfb on that account's
# new book (screenshot in tests/deb/artifacts/installed.png), then `apt remove` and a check
# that nothing of the package is left. Needs root or sudo, Xvfb and imagemagick's `import`.
# Usage: tests/deb/install.sh PACKAGE.deb   (`make deb-test` builds a package and calls it)
set -euo pipefail
deb=$(realpath "${1:?usage: install.sh PACKAGE.deb}")
here=$(cd "$(dirname "$0")" && pwd)
artifacts=$here/artifacts
mkdir -p "$artifacts"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
user=carnet-test-$$
home=/home/$user
fail() { echo "deb install test: $*" >&2; exit 1; }

if dpkg-query -W -f='${Status}' carnet 2>/dev/null | grep -q "install ok installed"; then
	fail "a carnet package is installed on this machine already; remove it first"
fi
cleanup() {
	$SUDO apt-get remove -y -qq carnet >/dev/null 2>&1 || true
	$SUDO userdel -r "$user" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# A binary with packed relative relocations needs glibc 2.36, which the package must say.
unpacked=$(mktemp -d)
dpkg-deb -x "$deb" "$unpacked"
if readelf -d "$unpacked/usr/bin/carnet-desktop" | grep -q '(RELR)'; then
	libc=$(dpkg-deb -f "$deb" Depends | sed -nE 's/.*libc6 \(>= ([0-9.]+)\).*/\1/p')
	[ -n "$libc" ] && dpkg --compare-versions "$libc" ge 2.36 ||
		fail "the package does not say it needs glibc 2.36 (Depends: $(dpkg-deb -f "$deb" Depends))"
fi
rm -rf "$unpacked"

echo "installing $(basename "$deb")"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$deb" >/dev/null
files=(/usr/bin/carnet /usr/bin/carnet-desktop /usr/share/applications/app.carnet.desktop)
for size in 16 24 32 48 64 128 256 512; do
	files+=("/usr/share/icons/hicolor/${size}x${size}/apps/app.carnet.png")
done
for f in "${files[@]}"; do [ -e "$f" ] || fail "$f was not installed"; done
desktop=/usr/share/applications/app.carnet.desktop
grep -qx 'Name=Carnet' "$desktop" || fail "the desktop entry has no English name"
grep -qx 'Name\[zh_CN\]=客户本' "$desktop" || fail "the desktop entry has no 简体 name"
grep -qx 'Name\[zh_TW\]=客戶本' "$desktop" || fail "the desktop entry has no 繁體 name"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop"; fi

# A new account: `carnet` is on its PATH, and the app opens on its own new book.
$SUDO useradd -m -s /bin/bash "$user"
as_user() {
	$SUDO runuser -u "$user" -- env -i HOME="$home" USER="$user" PATH=/usr/local/bin:/usr/bin:/bin \
		LANG=C.UTF-8 NO_AT_BRIDGE=1 "$@"
}
as_user bash -lc 'command -v carnet' | grep -qx /usr/bin/carnet || fail "carnet is not on a new user's PATH"
as_user carnet --db "$home/check.db" add --name 张三 --phone 13812345678 >/dev/null
as_user carnet --db "$home/check.db" search 张三 | grep -q 张三 || fail "the installed carnet lost 张三"

shot=$(as_user mktemp --suffix=.png)
as_user dbus-run-session -- xvfb-run -a -s "-screen 0 1200x760x24" bash -c '
	carnet-desktop >"$HOME/app.log" 2>&1 &
	for _ in $(seq 300); do xwininfo -root -children 2>/dev/null | grep -q "\"Carnet\"" && break; sleep 0.1; done
	xwininfo -root -children | grep -q "\"Carnet\"" || { echo "no Carnet window"; cat "$HOME/app.log"; exit 1; }
	sleep 4
	import -window root "$0"
	kill %1; wait
' "$shot" >"$artifacts/session.log" 2>&1 || { cat "$artifacts/session.log"; fail "the installed app did not open"; }
cp "$shot" "$artifacts/installed.png"
colours=$(identify -format %k "$artifacts/installed.png")
[ "$colours" -gt 20 ] || fail "the screenshot is nearly blank ($colours colours)"
book=$home/.local/share/app.carnet/carnet.db
$SUDO test -s "$book" || fail "the app made no book at $book"
echo "the installed app opened for a new user: $artifacts/installed.png ($colours colours)"

# Removed: nothing of the package is left (the user's book stays theirs).
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq carnet >/dev/null
for f in "${files[@]}"; do [ ! -e "$f" ] || fail "$f is still there after the package was removed"; done
dpkg-query -W -f='${Status}' carnet 2>/dev/null | grep -q "install ok installed" && fail "still installed"
$SUDO test -s "$book" || fail "removing the package touched the user's book"
echo "removed cleanly"
