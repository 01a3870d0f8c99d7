#!/usr/bin/env bash
# Line coverage of kernel/core from the instrumented presets (host, host-max),
# merged: prints a per-file table and a summary, writes
# build/coverage/index.html, and fails below TERN_COVERAGE_MIN percent of
# lines (default 90). Run the presets' tests first (make test does).
set -euo pipefail
cd "$(dirname "$0")/.."

min=${TERN_COVERAGE_MIN:-90}
dirs=()
for preset in host host-max host-tickless-max; do
    if [ -d "build/$preset" ]; then
        dirs+=("build/$preset")
    else
        echo "coverage: build/$preset missing (cmake --preset $preset && ctest --preset $preset)" >&2
        exit 1
    fi
done

mkdir -p build/coverage
gcovr --root . --filter 'kernel/(core|pm)/' \
    --txt - --print-summary \
    --html-details build/coverage/index.html --html-title "Tern kernel coverage" \
    --fail-under-line "$min" \
    "${dirs[@]}"
echo "coverage: report in build/coverage/index.html (minimum $min% of lines)"
