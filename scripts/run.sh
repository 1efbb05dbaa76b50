#!/usr/bin/env bash
# Set-up command 1: install what is missing, build the release binary and run
# Floe's main job on an embedded local warehouse.
# (Until the SQL engine lands, the main job is: start floe, print its version and usage.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
# Only the floe binary (and libfloe): the test suite is scripts/test.sh's job.
make build/release/build.ninja
cmake --build build/release --target floe_cli
./build/release/floe "$@"
