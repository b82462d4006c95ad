# Shared by scripts/start and scripts/test: install what is missing, and nothing else.
# shellcheck shell=bash

BUILD_PACKAGES=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev librsvg2-dev libssl-dev)
TEST_PACKAGES=(xvfb xauth x11-utils poppler-utils unzip webkit2gtk-driver)
NODE_MIN=20
RUST_MIN=1.94

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m错误:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "缺少系统软件包:${missing[*]}。本脚本只支持 Debian/Ubuntu,其他系统请参照 README 手动安装。"
  say "安装系统软件包:${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_toolchains() {
  command -v cargo >/dev/null || die "未找到 Rust 工具链。请先安装 rustup(https://rustup.rs),然后重新运行。"
  local rust
  rust="$(rustc --version | awk '{print $2}')"
  printf '%s\n%s\n' "$RUST_MIN" "$rust" | sort -V -C || die "Rust 版本 $rust 过旧,需要 ≥ $RUST_MIN:运行 rustup update"
  command -v node >/dev/null || die "未找到 Node.js(需要 ≥ $NODE_MIN)。请先安装 Node.js,然后重新运行。"
  local node
  node="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$node" -ge "$NODE_MIN" ] || die "Node.js 版本过旧($node),需要 ≥ $NODE_MIN"
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "安装 npm 依赖"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# ensure_cargo_tool BINARY CRATE VERSION [cargo install flags...]
ensure_cargo_tool() {
  local bin="$1" crate="$2" version="$3"
  shift 3
  if ! cargo install --list 2>/dev/null | grep -q "^$crate v$version:"; then
    say "安装 $crate $version"
    cargo install "$crate@$version" --locked --quiet "$@"
  fi
  command -v "$bin" >/dev/null || export PATH="$HOME/.cargo/bin:$PATH"
}

# Builds the UI into ui/dist unless ui/dist was built from these very sources (ui/ and the npm
# lock file): a build rewrites every file of ui/dist, which the app embeds, so cargo would then
# compile the app again as well.
build_ui() {
  local stamp=node_modules/.cache/shouhou-ui-dist.sources sources
  sources="$({
    find ui -path ui/dist -prune -o -path ui/node_modules -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum package-lock.json
  } | sha256sum | cut -d' ' -f1)"
  if [ -f ui/dist/index.html ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sources" ]; then
    echo "ui/dist 已由当前源码构建,跳过"
    return 0
  fi
  rm -f "$stamp"
  npm run --silent build -- --logLevel warn
  mkdir -p "$(dirname "$stamp")"
  echo "$sources" >"$stamp"
}
