#!/usr/bin/env bash
# Company mode end to end: tests/e2e/two-desks.test.mjs starts `shouhou serve` on a temporary
# data folder itself (and restarts it mid-test); this script gives it two desks — two
# tauri-driver processes on their own ports under one Xvfb display, each app instance with its own
# data folder (passed by the test) and its own XDG folders.
# Usage: scripts/e2e-two-desks.sh [path/to/shouhou-app [path/to/shouhou]]
#   (default: the debug binaries under $CARGO_TARGET_DIR or target; the app built with
#   --features tauri/custom-protocol)
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
app="${1:-$target_dir/debug/shouhou-app}"
cli="${2:-$target_dir/debug/shouhou}"
for binary in "$app" "$cli"; do
  [ -x "$binary" ] || { echo "e2e-two-desks: no binary at $binary" >&2; exit 1; }
done
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
app="$(absolute "$app")"
cli="$(absolute "$cli")"

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

fixtures="$PWD/tests/e2e/fixtures"
base=$(( 5500 + RANDOM % 1000 ))
ports=()
for desk in a b; do
  port=$(( base + ${#ports[@]} * 10 ))
  mkdir -p "$work/$desk"
  env TZ=UTC DISPLAY="$display" SHOUHOU_TEST_OPEN_FILES="$fixtures/油泵现场照片.jpg:$fixtures/检测报告.pdf" \
    XDG_DATA_HOME="$work/$desk/xdg-data" XDG_CACHE_HOME="$work/$desk/xdg-cache" XDG_CONFIG_HOME="$work/$desk/xdg-config" \
    tauri-driver --port "$port" --native-port $(( port + 1 )) --native-driver /usr/bin/WebKitWebDriver \
    >"$work/driver-$desk.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  for _ in $(seq 50); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

status=0
SHOUHOU_APP_BINARY="$app" SHOUHOU_CLI_BINARY="$cli" TAURI_DRIVER_PORT_A="${ports[0]}" TAURI_DRIVER_PORT_B="${ports[1]}" \
  node --test --test-concurrency=1 tests/e2e/two-desks.test.mjs || status=$?
if [ "$status" -ne 0 ]; then
  for desk in a b; do
    echo "--- tauri-driver log, desk $desk ---" >&2
    tail -n 30 "$work/driver-$desk.log" >&2 || true
  done
fi
exit "$status"
