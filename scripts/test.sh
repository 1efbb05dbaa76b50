#!/usr/bin/env bash
# Set-up command 2: install what is missing, build with ASan+UBSan and
# -Werror, and run the whole test suite (ctest). .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install_deps.sh
make asan WERROR=ON
log=$(mktemp)
set +e
(cd build/asan && ctest --output-on-failure -j "$(nproc)" --timeout 600) 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# A brief libFuzzer run (clang) of the Parquet and Avro file readers; a finding fails the run.
if [ "$rc" -eq 0 ]; then
  set +e
  make fuzz-smoke SMOKE_SECONDS="${FLOE_FUZZ_SMOKE_SECONDS:-30}" 2>&1 | tail -8
  fuzz_rc=${PIPESTATUS[0]}
  set -e
  if [ "$fuzz_rc" -ne 0 ]; then
    echo "fuzz smoke run failed (exit $fuzz_rc): see build/fuzz/logs and build/fuzz/artifacts"
    rc=$fuzz_rc
  fi
fi
echo "floe test suite took $(( $(date +%s) - start )) s (install + build + tests)"
# Repeat ctest's summary so it is the closing line.
grep -E '^[0-9]+% tests passed' "$log" | tail -1 || true
rm -f "$log"
exit "$rc"
