#!/usr/bin/env bash
# Opens the real app on a 300-customer demo book under Xvfb and saves a screenshot of the screen.
# Usage: tests/e2e/screenshot.sh OUT.png [LANGUAGE]   (needs imagemagick's `import`)
set -euo pipefail
out=$(realpath -m "${1:?usage: screenshot.sh OUT.png}")
cd "$(dirname "$0")/../.."
command -v import >/dev/null || { echo "screenshot.sh needs imagemagick (apt-get install imagemagick)" >&2; exit 1; }
cargo build -q -p carnet-cli
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home"/{data,config,cache}
export CARNET_DB="$home/carnet.db" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
	XDG_CACHE_HOME="$home/cache" NO_AT_BRIDGE=1
target/debug/carnet demo --customers 300 --seed 7 2>/dev/null
xvfb-run -a -s "-screen 0 1200x760x24" dbus-run-session -- bash -c '
	target/debug/carnet-desktop >/dev/null 2>&1 &
	for _ in $(seq 100); do xwininfo -root -children 2>/dev/null | grep -q "\"Carnet\"" && break; sleep 0.1; done
	sleep 3
	import -window root "$0"
	kill %1
' "$out"
echo "saved $out"
