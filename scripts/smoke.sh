#!/usr/bin/env bash
# Smoke test: start the real ropa binary under Xvfb on a temporary example
# register, find its window, take a screenshot and check it is not blank,
# then check that it sits idle without using the CPU.
#
#   scripts/smoke.sh [SCREENSHOT.png]
#
# With an argument, the screenshot is also copied there (that is how
# docs/screenshot-main.png is made: FYNE_THEME=light scripts/smoke.sh docs/screenshot-main.png).
# Needs Xvfb, xdotool and ImageMagick (import, convert).
set -euo pipefail

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

for tool in Xvfb xdotool import convert go; do
	command -v "$tool" >/dev/null || fail "$tool is not installed"
done

cd "$(dirname "$0")/.."
work=$(mktemp -d)
xvfb_pid="" app_pid=""
cleanup() {
	[[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null || true
	[[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

echo "smoke: building ./cmd/ropa"
go build -o "$work/ropa" ./cmd/ropa || fail "build of ./cmd/ropa failed"

register="$work/Example.ropa"
# The smoke test is of the example register: an app that only ever drew an
# empty register would pass a blank-window check, so no fallback.
go run ./cmd/ropactl example "$register" >"$work/ropactl.log" 2>&1 ||
	{ cat "$work/ropactl.log" >&2; fail "ropactl example could not write the example register"; }
echo "smoke: example register written by ropactl"

# shellcheck source=scripts/xvfb.sh
source scripts/xvfb.sh
start_private_display "$work"

echo "smoke: starting ropa on $display"
"$work/ropa" "$register" >"$work/ropa.log" 2>&1 &
app_pid=$!

window=$(timeout 30 xdotool search --sync --name 'ROPA Desk' | head -n1) || true
[[ -n $window ]] || { cat "$work/ropa.log" >&2; fail "no window named 'ROPA Desk' appeared within 30 s"; }
kill -0 "$app_pid" 2>/dev/null || { cat "$work/ropa.log" >&2; fail "ropa exited"; }
xdotool windowmove "$window" 0 0 windowsize "$window" 1280 800 2>/dev/null || true

# Wait for the register to load: the title names the file.
for _ in $(seq 100); do
	title=$(xdotool getwindowname "$window" 2>/dev/null || true)
	[[ $title == *"Example.ropa"* ]] && break
	sleep 0.1
done
[[ $title == *"Example.ropa"* ]] || fail "window title is '$title', want it to name Example.ropa"
sleep 2 # let the list and the editor draw

shot="$work/shot.png"
import -window root "$shot" || fail "screenshot failed"
kill -0 "$app_pid" 2>/dev/null || { cat "$work/ropa.log" >&2; fail "ropa died while drawing"; }

colours=$(convert "$shot" -format '%k' info:)
deviation=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "smoke: screenshot has $colours colours, standard deviation $deviation"
(( colours > 50 )) || fail "screenshot looks blank: only $colours colours"
awk -v d="$deviation" 'BEGIN { exit !(d > 0.05) }' || fail "screenshot looks blank: standard deviation $deviation"

# At rest the app must not keep a core busy (an animation left running
# redraws the window for ever): measure its CPU time over a few idle seconds.
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
c0=$(cpu)
sleep 5
c1=$(cpu)
idle_pct=$(( 100 * (c1 - c0) / ticks / 5 ))
echo "smoke: CPU while idle: ${idle_pct}% of one core over 5 s"
(( idle_pct < 15 )) || fail "the app uses ${idle_pct}% of a core while idle: something is redrawing or polling"

# Told to stop, the app quits cleanly and releases the register's lock.
[[ -e "$register.lock" ]] || fail "no lock file beside the open register"
kill -TERM "$app_pid"
for _ in $(seq 50); do
	kill -0 "$app_pid" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$app_pid" 2>/dev/null && fail "ropa did not quit within 5 s of SIGTERM"
app_pid=""
[[ ! -e "$register.lock" ]] || fail "ropa quit on SIGTERM but left $register.lock behind"
echo "smoke: quit on SIGTERM and released the lock"

if [[ $# -ge 1 ]]; then
	cp "$shot" "$1"
	echo "smoke: screenshot saved to $1"
fi
echo "smoke: OK (window '$title')"
