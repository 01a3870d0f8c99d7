#!/usr/bin/env bash
# Builds the demo for a board and runs it in real time.
#   scripts/run-demo.sh [BOARD]    BOARD: mps2-an385 (default), mps2-an386,
#                                  mps2-an500, mps2-an505, riscv32-virt, host
# The QEMU boards run without -icount here, so the demo's ten seconds are
# wall-clock seconds (the test runs use -icount for determinism instead).
# microbit's 16 KB of RAM do not hold the demo.
set -euo pipefail
cd "$(dirname "$0")/.."

board=${1:-mps2-an385}
if [ "$board" = host ]; then
    cmake --preset demo
    cmake --build --preset demo
    exec env TERN_CLOCK=real build/demo/examples/demo/demo
fi

case "$board" in
mps2-an38[56] | mps2-an500 | mps2-an505)
    run=(qemu-system-arm -M "$board" -nographic -semihosting-config enable=on,target=native)
    ;;
riscv32-virt)
    run=(qemu-system-riscv32 -M virt -bios none -nographic)
    ;;
*)
    echo "run-demo: no demo for board '$board' (see the header of $0)" >&2
    exit 2
    ;;
esac

dir=build/demo-$board
cmake --preset "$board" -B "$dir" -DTERN_CONFIG_DIR="$PWD/examples/demo" \
    -DTERN_BUILD_TESTS=OFF -DTERN_BUILD_EXAMPLES=ON
cmake --build "$dir" --target demo
exec "${run[@]}" -kernel "$dir/examples/demo/demo"
