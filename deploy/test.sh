#!/usr/bin/env bash
# The second README command: install, build, and run every test (unit, integration over real sockets,
# browser tests in Debian's chromium); then the Catch2 tests again under ASan + UBSan, and the fuzzers
# for a bounded time when OPINIA_FUZZ_SECONDS is set (CI: 30 s each). Exits non-zero when any of it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
deploy/build.sh -DOPINIA_TESTS=ON -DOPINIA_BENCH=ON   # explicit: a demo build leaves them OFF in the cache
(cd build && ctest --output-on-failure -j 2 --timeout 600)

# Sanitizers: a Debug build (fastest to compile) of everything but the benchmarks; any report fails the test.
echo "== AddressSanitizer + UndefinedBehaviorSanitizer =="
OPINIA_BUILD_DIR=build-asan OPINIA_BUILD_TYPE=Debug deploy/build.sh -DOPINIA_SANITIZE=ON -DOPINIA_BENCH=OFF
(cd build-asan && ASAN_OPTIONS=abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j 2 --timeout 900 -E '^browser_')

if [ "${CI:-}" = true ] && [ -z "${OPINIA_FUZZ_SECONDS:-}" ]; then
  export OPINIA_FUZZ_SECONDS=30
fi
if [ -n "${OPINIA_FUZZ_SECONDS:-}" ]; then
  echo "== libFuzzer, ${OPINIA_FUZZ_SECONDS}s per target =="
  fuzz/run.sh
fi
