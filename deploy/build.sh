#!/usr/bin/env bash
# Configures and builds Opinia into build/ (or $OPINIA_BUILD_DIR) with CMake and Ninja.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${OPINIA_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${OPINIA_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
