#!/usr/bin/env bash
# Runs the end-to-end tests against an app binary built with custom-protocol, in a real window
# under Xvfb. Usage: scripts/e2e.sh [path/to/shouhou-app [test files…]]   (default: the release
# binary under $CARGO_TARGET_DIR or target, scripts/test passes its dev-profile build; all of
# tests/e2e/)
# The app runs with TZ=UTC whatever the machine's zone, so the tests (time-zone.test.mjs) check
# that times are shown, picked, filtered and exported in the company's zone (Asia/Shanghai by
# default), not the computer's: in UTC the two differ by eight hours, on every machine.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
binary="${1:-$target_dir/release/shouhou-app}"
shift || true
tests=("$@")
# two-desks needs a company server and two desks: scripts/e2e-two-desks.sh runs it.
[ ${#tests[@]} -gt 0 ] || mapfile -t tests < <(ls tests/e2e/*.test.mjs | grep -v two-desks)
[ -x "$binary" ] || { echo "e2e: no app binary at $binary (build it with --features tauri/custom-protocol first)" >&2; exit 1; }
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

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

port=$(( 4444 + RANDOM % 1000 ))
# Everything the app writes goes to the temporary folder: its database and WebKit's caches.
mkdir -p "$work/saved"
# What an open dialog returns in the tests (WebDriver cannot see native dialogs).
fixtures="$PWD/tests/e2e/fixtures"
open_files="$fixtures/油泵现场照片.jpg:$fixtures/检测报告.pdf"
env TZ=UTC DISPLAY="$display" SHOUHOU_DATA_DIR="$work/data" SHOUHOU_TEST_SAVE_DIR="$work/saved" SHOUHOU_TEST_OPEN_FILES="$open_files" \
  XDG_DATA_HOME="$work/xdg-data" XDG_CACHE_HOME="$work/xdg-cache" XDG_CONFIG_HOME="$work/xdg-config" \
  tauri-driver --port "$port" --native-port $(( port + 1000 )) --native-driver /usr/bin/WebKitWebDriver \
  >"$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

status=0
SHOUHOU_APP_BINARY="$binary" TAURI_DRIVER_PORT="$port" SHOUHOU_TEST_SAVE_DIR="$work/saved" node --test --test-concurrency=1 "${tests[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- tauri-driver log ---" >&2
  tail -n 50 "$work/driver.log" >&2 || true
fi
exit "$status"
