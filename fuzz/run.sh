#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for a bounded time
# (OPINIA_FUZZ_SECONDS, default 60). A crash leaves its input in fuzz/findings/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${OPINIA_FUZZ_SECONDS:-60}
build_dir=${OPINIA_FUZZ_BUILD_DIR:-build-fuzz}
targets=(chat_message answer_parser flow_catalog csv_import)

CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOPINIA_FUZZ=ON -DOPINIA_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j 2 --target "${targets[@]/#/fuzz_}"

mkdir -p fuzz/findings
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)  # new inputs found this run; the checked-in corpus stays as it is
  echo "fuzz_$t: ${seconds}s"
  if ! "$build_dir/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=1024 \
       -artifact_prefix="fuzz/findings/${t}-" -print_final_stats=1 "$work" "fuzz/corpus/$t" \
       > "$build_dir/fuzz_$t.log" 2>&1; then
    echo "fuzz_$t FAILED: see $build_dir/fuzz_$t.log and fuzz/findings/"; tail -40 "$build_dir/fuzz_$t.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$build_dir/fuzz_$t.log" | tail -2
  fi
  rm -rf "$work"
done
exit $status
