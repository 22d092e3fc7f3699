#!/usr/bin/env bash
# Peak resident memory of the real app (release build, real window under Xvfb) with the
# frames benchmark's workload open: two 2 MB articles side by side, 10,000 highlights.
# Scrolls both panes through a good part of the text before reading VmHWM.
#
# Usage: bash benches/peak_rss.sh [CORPUS]   (needs Xvfb and xdotool)
# With CORPUS, opens a copy of that folder instead (e.g. a real book, twice, side by side).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'kill $gloss_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
gloss_pid=""; xvfb_pid=""

cargo build --release --quiet
if [ $# -ge 1 ]; then
  cp -r "$1" "$work/corpus"
else
  cargo bench --quiet --bench frames -- --write-corpus "$work/corpus" >/dev/null
fi

display=":$((150 + RANDOM % 50))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

started=$(date +%s.%N)
HOME="$work/home" XDG_DATA_HOME="$work/home/data" target/release/gloss --corpus "$work/corpus" \
  >/dev/null 2>&1 &
gloss_pid=$!
window=""
for _ in $(seq 300); do
  window=$(xdotool search --onlyvisible --pid "$gloss_pid" 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.05
done
shown=$(date +%s.%N)
[ -n "$window" ] || { echo "the window did not appear" >&2; exit 1; }
sleep 1
xdotool windowfocus --sync "$window"
for x in 420 800; do
  xdotool mousemove --window "$window" "$x" 420
  for _ in $(seq 300); do xdotool click 5; done
done
sleep 1
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$gloss_pid/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$gloss_pid/status")
xdotool key ctrl+q
wait "$gloss_pid" 2>/dev/null || true

echo "window_shown_ms: $(echo "($shown - $started) * 1000" | bc | cut -d. -f1)"
echo "rss_mb: $((rss_kb / 1024))"
echo "peak_rss_mb: $((hwm_kb / 1024))"
