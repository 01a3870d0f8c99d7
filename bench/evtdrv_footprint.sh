#!/usr/bin/env bash
# Footprint of the event-driven mode on Cortex-M0 and Cortex-M3 (issue 7).
#
# Builds the event-driven example (examples/evtdrv: three tasks, two timers,
# messages from a static pool, no heap) bare-metal with arm-none-eabi-gcc
# -Os -ffunction-sections -fdata-sections -Wl,--gc-sections against the
# minimal start-up and port stand-in of bench/evtdrv (the port's sources; its
# headers are arch/arm's own, inline critical sections included), and measures:
#   ROM   every object's share of the linked image, from the linker map: the
#         event-driven core (kernel/evtdrv: core_rom_bytes), the kernel code
#         it reaches (kernel/core), port, start-up, application, C library;
#   RAM   .data + .bss, plus the main stack reserved by the link. The
#         reserve is the worst case computed from GCC's call graphs
#         (-fcallgraph-info=su, bench/evtdrv/stackbound.py: the deepest path
#         of the loop plus one tick interrupt at that point), rounded up to
#         8 bytes; a measuring build then runs under QEMU (microbit for
#         Cortex-M0, mps2-an385 for Cortex-M3) with the stack painted until
#         BENCH_REPORTS reports went out, checks that every report left at
#         its exact tick and that the measured peak stays within the
#         reserve. total_ram_bytes = .data + .bss + reserve.
#
# Usage: bench/evtdrv_footprint.sh [--no-record]
#   Work files in build/bench-evtdrv/. Unless --no-record, rewrites the
#   evtdrv-footprint section of bench/RESULTS.md and the evtdrv-footprint
#   records of bench/results.json (other benches' entries are kept).
# Environment: BENCH_REPORTS (default 50), BENCH_OUT (work directory, default
#   build/bench-evtdrv).
set -euo pipefail
cd "$(dirname "$0")/.."

record=1
if [ "${1:-}" = "--no-record" ]; then
    record=0
fi

reports=${BENCH_REPORTS:-50}
out=${BENCH_OUT:-build/bench-evtdrv}
bench=bench/evtdrv

for tool in arm-none-eabi-gcc arm-none-eabi-objdump arm-none-eabi-nm qemu-system-arm python3; do
    command -v "$tool" >/dev/null || { echo "evtdrv_footprint: $tool not found" >&2; exit 1; }
done

# Where the loop calls through pointers in this application (stackbound.py).
# shellcheck disable=SC2054 # commas separate the callees of one caller
indirect=(evtdrv_timer_service=signal_cb
          tos_evtdrv_sys_poll=sensor_task,filter_task,radio_task
          tos_evtdrv_sys_init=sensor_task,filter_task,radio_task)

# build <dir> <cpu> <extra cflags...>: one object per source (the map names
# the object of every section) and call graphs.
compile() {
    local dir=$1 cpu=$2 src obj
    shift 2
    local sources=(kernel/core/*.c kernel/evtdrv/*.c examples/evtdrv/app.c
                   "$bench/bench_main.c" "$bench/startup.c" "$bench/port_min.c")
    rm -rf "$dir" && mkdir -p "$dir/obj"
    : >"$dir/objects"
    for src in "${sources[@]}"; do
        obj="$dir/obj/${src%.c}.o"
        mkdir -p "$(dirname "$obj")"
        arm-none-eabi-gcc -mcpu="$cpu" -mthumb -Os -std=c11 -Wall -Wextra -Werror \
            -ffunction-sections -fdata-sections -fcallgraph-info=su \
            -I arch/arm/include -I include -I kernel/core -I kernel/evtdrv -I examples/evtdrv \
            -I "$bench" "$@" -c "$src" -o "$obj" -dumpbase "${obj%.o}.c"
        echo "$obj" >>"$dir/objects"
    done
}

link() {
    local dir=$1 cpu=$2 stack=$3
    mapfile -t objs <"$dir/objects"
    arm-none-eabi-gcc -mcpu="$cpu" -mthumb -nostartfiles --specs=nano.specs \
        -T "$bench/link.ld" -Wl,--defsym=BENCH_STACK="$stack" -Wl,--gc-sections \
        -Wl,-Map="$dir/image.map" "${objs[@]}" -o "$dir/image.elf"
}

# The stack reserve: the computed worst case, rounded up to 8 bytes.
reserve() {
    local dir=$1 bound
    { arm-none-eabi-objdump -d "$dir/image.elf"; arm-none-eabi-nm "$dir/image.elf"; } >"$dir/image.dis"
    python3 "$bench/stackbound.py" "$dir/obj" "$dir/image.dis" "${indirect[@]}" >"$dir/stack.txt"
    bound=$(sed -n 's/^bound=\([0-9]*\).*/\1/p' "$dir/stack.txt")
    echo $(((bound + 7) / 8 * 8))
}

machine() {
    case $1 in
    cortex-m0) echo microbit ;;
    cortex-m3) echo mps2-an385 ;;
    esac
}

board() {
    case $1 in
    cortex-m0) echo "microbit (Cortex-M0)" ;;
    cortex-m3) echo "mps2-an385 (Cortex-M3)" ;;
    esac
}

# measure <cpu> <variant>: sizes, stack bound, QEMU run.
measure() {
    local cpu=$1 variant=$2 dir="$out/$1/$2" stack run peak
    compile "$dir/size" "$cpu"
    link "$dir/size" "$cpu" 8
    stack=$(reserve "$dir/size")
    link "$dir/size" "$cpu" "$stack"
    compile "$dir/measure" "$cpu" -DBENCH_MEASURE=1 -DBENCH_REPORTS="$reports"
    link "$dir/measure" "$cpu" "$stack"
    run=$(timeout 120 qemu-system-arm -M "$(machine "$cpu")" -nographic -monitor none \
        -icount shift=5,align=off,sleep=off \
        -serial none -semihosting-config enable=on,target=native \
        -kernel "$dir/measure/image.elf" 2>&1) || {
        echo "$run" >&2
        echo "evtdrv_footprint: the measuring run failed ($cpu, $variant)" >&2
        exit 1
    }
    peak=$(sed -n 's/.*stack_peak=\([0-9]*\).*/\1/p' <<<"$run")
    if [ -z "$peak" ] || ! grep -q "timing=exact" <<<"$run"; then
        echo "$run" >&2
        echo "evtdrv_footprint: no valid measurement ($cpu, $variant)" >&2
        exit 1
    fi
    if [ "$peak" -gt "$stack" ]; then
        echo "evtdrv_footprint: measured stack $peak above the computed bound $stack" >&2
        exit 1
    fi
    echo "  $cpu $variant: qemu says: $run" >&2
    sed 's/^/  /' "$dir/size/stack.txt" >&2
    python3 "$bench/mapsize.py" "$dir/size/image.map" "$cpu" "$(board "$cpu")" "$variant" \
        "$stack" "$peak" "$reports"
}

mkdir -p "$out"
summary="$out/summary.txt"
: >"$summary"
for cpu in cortex-m0 cortex-m3; do
    echo "evtdrv_footprint: $cpu" >&2
    measure "$cpu" as-is >>"$summary"
done

python3 "$bench/record.py" "$summary" "$record" "$(arm-none-eabi-gcc -dumpversion)"
