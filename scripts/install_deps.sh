#!/usr/bin/env bash
# Installs exactly what Floe's build and tests need, and nothing at build time:
# Debian packages with apt-get, and the npm test peers (pinned in
# test/peers/package-lock.json) into test/peers/node_modules.
# Idempotent: a second run on a ready machine installs nothing and takes ~1 s.
# Run as root (or with sudo available) on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: compiler, CMake + Ninja, ccache. Libraries: see docs/decisions.md.
# Tests: GoogleTest/GoogleMock, Google Benchmark, Node.js for the peers,
# python3 for small scripts.
PACKAGES=(
  g++ cmake ninja-build ccache make pkg-config git python3 clang-format
  clang  # libFuzzer (make fuzz, CI's fuzz smoke run)
  libfmt-dev nlohmann-json3-dev
  libthrift-dev thrift-compiler libboost-dev  # Thrift's headers include Boost headers
  libsnappy-dev libzstd-dev zlib1g-dev liblz4-dev libbrotli-dev
  libsqlite3-dev libcurl4-openssl-dev libssl-dev libcpp-httplib-dev
  libre2-dev libhowardhinnant-date-dev libedit-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-avro  # independent Avro reader (loads under /usr/bin/python3 only)
  python3-snappy python3-zstandard  # its snappy and zstandard codecs
  nodejs npm
)

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  # Node.js may come from elsewhere than Debian (a newer build); accept any.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install_deps: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install_deps: Debian packages present"
fi

# npm peers: reinstall only when the lock file changed since the last install.
stamp=test/peers/node_modules/.floe-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s test/peers/package-lock.json "$stamp"; then
  echo "install_deps: installing npm test peers (test/peers)"
  (cd test/peers && npm ci --no-audit --no-fund --loglevel=error)
  cp test/peers/package-lock.json "$stamp"
else
  echo "install_deps: npm test peers present"
fi
