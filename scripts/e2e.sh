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

# The tests run in SHOUHOU_E2E_SHARDS shards at once (default 2), each with its own Xvfb display,
# tauri-driver and folders: most of a test's time is the app waiting for WebKit and for its own
# timers, so two windows at once nearly halve the wall time on two cores. The files wait in one
# queue, longest first (by the seconds each took last time on this machine, else by size), and a
# shard takes the next file when it has finished its own, so neither sits idle while the other
# still has a long file to go. SHOUHOU_E2E_SHARDS=1 runs them one after another.
shards="${SHOUHOU_E2E_SHARDS:-2}"
[ "$shards" -ge 1 ] || shards=1
[ "$shards" -le "${#tests[@]}" ] || shards=${#tests[@]}
seconds_file="${XDG_CACHE_HOME:-$HOME/.cache}/shouhou/e2e-seconds"
mapfile -t tests < <(
  for f in "${tests[@]}"; do
    last=$(awk -v f="$f" '$2 == f { s = $1 } END { print s + 0 }' "$seconds_file" 2>/dev/null || echo 0)
    printf '%s %s %s\n' "$last" "$(stat -c %s "$f")" "$f"
  done | sort -k1,1nr -k2,2nr | cut -d' ' -f3-
)

root="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  pkill -P $$ 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT

queue="$root/queue"
printf '%s\n' "${tests[@]}" >"$queue"
# The next file of the queue, or nothing when it is empty (one shard at a time takes one).
next_test() {
  flock "$queue.lock" sh -c 'head -n 1 "$1"; sed -i 1d "$1"' _ "$queue"
}

# The demo data, loaded once with the command line beside the app: the files that start from it
# copy this folder (helpers.mjs, dataFolder) instead of each loading it through the window.
cli="$(dirname "$binary")/shouhou"
if [ -x "$cli" ]; then
  "$cli" --data-dir "$root/demo" demo-data >/dev/null
  export SHOUHOU_E2E_DEMO="$root/demo"
fi

# run_shard N: one display, one driver, one data and save folder; runs files from the queue.
run_shard() {
  local n="$1"
  local work="$root/shard-$n"
  local own=()
  mkdir -p "$work/saved"
  local display=":$(( 90 + n * 97 + RANDOM % 90 ))"
  Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  own+=($!)
  for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

  local port=$(( 4444 + n * 20 + RANDOM % 10 * 1000 ))
  # What an open dialog returns in the tests (WebDriver cannot see native dialogs).
  local fixtures="$PWD/tests/e2e/fixtures"
  local open_files="$fixtures/油泵现场照片.jpg:$fixtures/检测报告.pdf"
  # Everything the app writes goes to the shard's folder: its database and WebKit's caches.
  env TZ=UTC DISPLAY="$display" SHOUHOU_DATA_DIR="$work/data" SHOUHOU_TEST_SAVE_DIR="$work/saved" \
    SHOUHOU_TEST_OPEN_FILES="$open_files" \
    XDG_DATA_HOME="$work/xdg-data" XDG_CACHE_HOME="$work/xdg-cache" XDG_CONFIG_HOME="$work/xdg-config" \
    tauri-driver --port "$port" --native-port $(( port + 1000 )) --native-driver /usr/bin/WebKitWebDriver \
    >"$work/driver.log" 2>&1 &
  own+=($!)
  for _ in $(seq 50); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

  local status=0 file started
  while file=$(next_test) && [ -n "$file" ]; do
    echo "# shard $n: $file" >>"$work/out.log"
    started=$(date +%s)
    SHOUHOU_APP_BINARY="$binary" TAURI_DRIVER_PORT="$port" SHOUHOU_TEST_SAVE_DIR="$work/saved" \
      node --test --test-concurrency=1 "$file" >>"$work/out.log" 2>&1 || status=$?
    echo "$(( $(date +%s) - started )) $file" >>"$work/seconds"
  done
  for pid in "${own[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "--- tauri-driver log (shard $n) ---" >>"$work/out.log"
    tail -n 50 "$work/driver.log" >>"$work/out.log" 2>/dev/null || true
  fi
  return "$status"
}

for (( n = 0; n < shards; n++ )); do
  run_shard "$n" &
  pids+=($!)
done

status=0
for (( n = 0; n < shards; n++ )); do
  shard_status=0
  wait "${pids[$n]}" || shard_status=$?
  echo "=== e2e shard $n (exit $shard_status) ==="
  cat "$root/shard-$n/out.log"
  [ "$shard_status" -eq 0 ] || status=$shard_status
done
# Remember how long each file took, for the next run's order.
mkdir -p "$(dirname "$seconds_file")"
cat "$root"/shard-*/seconds >"$root/seconds" 2>/dev/null || true
awk 'NR == FNR { ran[$2] = 1; print; next } !($2 in ran)' "$root/seconds" "$seconds_file" \
  >"$root/seconds.all" 2>/dev/null || cp "$root/seconds" "$root/seconds.all"
mv "$root/seconds.all" "$seconds_file"
exit "$status"
