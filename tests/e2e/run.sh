#!/usr/bin/env bash
# Runs the end-to-end tests under a virtual X screen and a private D-Bus session.
# Usage: tests/e2e/run.sh   (the app must be built: `make desktop`)
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
exec timeout --kill-after=10 900 xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- npm test --silent
