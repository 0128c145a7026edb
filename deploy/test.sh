#!/usr/bin/env bash
# The second README command: install, build, and run every test (unit, integration over real sockets,
# browser tests in Debian's chromium). Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
deploy/build.sh
cd build
ctest --output-on-failure -j 2 --timeout 600
