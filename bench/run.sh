#!/usr/bin/env bash
# Kernel benchmarks under QEMU (issue 4; bench/README.md explains the method).
#
#   bench/run.sh                 build and run every scenario on every board,
#                                print the results, write bench/RESULTS.md (the
#                                section between the bench:begin/end markers)
#                                and merge the records into bench/results.json
#   bench/run.sh --smoke         shortened windows (2 + 20 ticks), nothing
#                                written: fails only if a scenario does not
#                                build, does not run to its end, or prints
#                                nonsense; never on a missed target
#   bench/run.sh --no-record     full windows, print only
#   bench/run.sh --boards "mps2-an385 microbit"   only these boards
#   bench/run.sh --only "sync tick"               only these scenarios (implies --no-record)
#
# Every scenario is its own application with its own tos_config.h
# (bench/scenarios/<name>/), built with the board's preset (GCC, -Os
# MinSizeRel) in its own tree under $BENCH_BUILD (default build/bench, or
# build/bench-smoke with --smoke), then run once under QEMU with -icount:
# virtual time follows the instruction count, so every figure is exact and
# the same on every run and every host.
#
# The scenario "latency" is a stress mix watched instruction by instruction
# (bench/latency/trace.py): it yields the interrupt latency records
# irq-masked-max and irq-unmasked-latency-max (instructions) instead of a
# count, with a window of its own (LATENCY_WINDOW ticks after
# LATENCY_WARMUP; --smoke: 2 + 20), since tracing runs about a million
# instructions a second.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

mode=full
record=1
boards="mps2-an385 mps2-an386 microbit riscv32-virt"
only=""
while [ $# -gt 0 ]; do
    case "$1" in
    --smoke) mode=smoke record=0 ;;
    --no-record) record=0 ;;
    --boards)
        boards=$2
        shift
        ;;
    --only)
        only=$2
        record=0
        shift
        ;;
    *)
        echo "usage: $0 [--smoke] [--no-record] [--boards LIST] [--only LIST]" >&2
        exit 2
        ;;
    esac
    shift
done

if [ "$mode" = smoke ]; then
    build=${BENCH_BUILD:-build/bench-smoke}
    warmup=2 window=20
else
    build=${BENCH_BUILD:-build/bench}
    warmup=100 window=1000
fi
if [ "$mode" = smoke ]; then
    lat_warmup=2 lat_window=20
else
    lat_warmup=20 lat_window=300
fi
mkdir -p "$build"
build=$(cd "$build" && pwd)

scenarios="basic cooperative preemptive interrupt interrupt-preemption message sync mem-block
mem-heap sem-pingpong queue-pingpong tick scaling-switch scaling-sem scaling-timer scaling-heap
latency"
if [ -n "$only" ]; then
    scenarios=$only
fi

# QEMU -icount shift per board: one instruction is 2^shift ns of virtual time.
icount_shift() {
    case "$1" in
    riscv32-virt) echo 3 ;;
    *) echo 5 ;;
    esac
}

# The exact QEMU command line (without the executable) for a board.
qemu_cmd() {
    local shift
    shift=$(icount_shift "$1")
    case "$1" in
    mps2-*)
        echo "qemu-system-arm -M $1 -nodefaults -display none -monitor none -serial stdio" \
            "-semihosting-config enable=on,target=native -icount shift=$shift,align=off,sleep=off" \
            "-no-reboot -kernel"
        ;;
    microbit)
        echo "qemu-system-arm -M microbit -nodefaults -display none -monitor none -serial stdio" \
            "-semihosting-config enable=on,target=native -icount shift=$shift,align=off,sleep=off" \
            "-no-reboot -kernel"
        ;;
    riscv32-virt)
        echo "qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio" \
            "-icount shift=$shift,sleep=off -no-reboot -kernel"
        ;;
    *)
        echo "unknown board $1" >&2
        return 1
        ;;
    esac
}

# Why a scenario does not run on a board (empty: it runs).
skip_reason() {
    case "$1:$2" in
    microbit:scaling-*) echo "needs more than the board's 16 KiB of RAM (256 tasks, 1000 timers, 10 000 heap blocks)" ;;
    *) echo "" ;;
    esac
}

configure_and_build() { # board scenario dir
    local board=$1 scenario=$2 dir=$3 up=$warmup len=$window
    if [ "$scenario" = latency ]; then
        up=$lat_warmup len=$lat_window
    fi
    if [ ! -f "$dir/build.ninja" ]; then
        cmake --preset "$board" -B "$dir" -DTERN_BUILD_BENCH=ON -DTERN_BUILD_TESTS=OFF \
            -DTERN_CONFIG_DIR="$root/bench/scenarios/$scenario" \
            -DBENCH_WARMUP_TICKS=$up -DBENCH_WINDOW_TICKS=$len >"$dir.configure.log" 2>&1 ||
            return 1
    fi
    cmake --build "$dir" --target "bench_$scenario" >"$dir.build.log" 2>&1
}

raw="$build/raw.txt" # one line per result: board bench count window tick_hz excluded shift
: >"$raw"
skips="$build/skipped.txt"
: >"$skips"
latency="$build/latency.txt" # one line per latency record: board bench value details...
: >"$latency"
fail=0

for board in $boards; do
    shift=$(icount_shift "$board")
    read -r -a qemu <<<"$(qemu_cmd "$board")"
    for scenario in $scenarios; do
        reason=$(skip_reason "$board" "$scenario")
        if [ -n "$reason" ]; then
            echo "skip: $board $scenario: $reason"
            echo "$board $scenario $reason" >>"$skips"
            continue
        fi
        dir="$build/$board/$scenario"
        mkdir -p "$build/$board"
        if ! configure_and_build "$board" "$scenario" "$dir"; then
            echo "FAIL: $board $scenario: build failed (see $dir.configure.log, $dir.build.log)"
            tail -n 20 "$dir.build.log" 2>/dev/null || true
            fail=1
            continue
        fi
        log="$dir.log"
        status=0
        if [ "$scenario" = latency ]; then
            timeout 600 python3 bench/latency/trace.py --log "$log" "$dir/bench/bench_latency" \
                -- "${qemu[@]}" >"$dir.trace.txt" 2>&1 </dev/null || status=$?
            cat "$dir.trace.txt" >>"$log"
        else
            timeout 300 "${qemu[@]}" "$dir/bench/bench_$scenario" >"$log" 2>&1 </dev/null || status=$?
        fi
        if [ "$status" -ne 0 ] || ! grep -q '^BENCH-END' "$log" || grep -q '^BENCH-ERROR' "$log"; then
            echo "FAIL: $board $scenario: exit status $status"
            cat "$log"
            fail=1
            continue
        fi
        if [ "$scenario" = latency ]; then
            awk -v b="$board" '$1 == "LATENCY" { $1 = b; print }' "$dir.trace.txt" >>"$latency"
            echo "ran:  $board $scenario ($(grep -c '^LATENCY ' "$dir.trace.txt") results)"
            continue
        fi
        # BENCH <name> count=C window_ticks=W tick_hz=H excluded=X
        awk -v b="$board" -v s="$shift" '$1 == "BENCH" {
            for (i = 3; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] }
            print b, $2, v["count"], v["window_ticks"], v["tick_hz"], v["excluded"], s
        }' "$log" >>"$raw"
        echo "ran:  $board $scenario ($(grep -c '^BENCH ' "$log") results)"
    done
done

# Turns the counts into instructions per iteration, checks them for
# nonsense, prints them and (full runs) writes RESULTS.md and results.json.
python3 - "$raw" "$skips" "$mode" "$record" "$warmup" "$window" "$boards" "$latency" \
    "$lat_warmup" "$lat_window" <<'PYEOF' || fail=1
import json, math, re, sys

raw, skips, mode, record, warmup, window, boards, latency, lat_warmup, lat_window = sys.argv[1:11]
record = record == "1"
boards = boards.split()

# Issue 4's targets on Cortex-M3 (mps2-an385): the best of TencentOS Tiny and
# FreeRTOS measured the same way, and Tern's target.
targets = {
    "cooperative": (63, 50), "preemptive": (243, 195), "interrupt": (99, 79),
    "interrupt-preemption": (347, 278), "message": (198, 159), "sync": (93, 74),
    "mem-block": (74, 59), "sem-pingpong": (652, 520), "queue-pingpong": (849, 680),
    "tick": (348, 278),
}

results = []  # (board, bench, value)
ok = True
for line in open(raw):
    board, bench, count, wticks, hz, excl, shift = line.split()
    count, wticks, hz, excl, shift = int(count), int(wticks), int(hz), int(excl), int(shift)
    # Virtual ns in the window / ns per instruction = instructions in the window.
    window_instr = wticks * (10**9 // hz) // (1 << shift)
    value = (window_instr - excl) / count if count > 0 else float("nan")
    sane = count > 0 and 0 <= excl < window_instr and math.isfinite(value) and 1.0 <= value < window_instr
    if not sane:
        print(f"FAIL: {board} {bench}: nonsense (count {count}, window {window_instr} instructions, "
              f"excluded {excl})")
        ok = False
    results.append((board, bench, round(value, 1)))

def verdict(bench, value):
    if bench not in targets:
        return ""
    return "met" if value <= targets[bench][1] else "missed"

print()
for board, bench, value in results:
    v = verdict(bench, value) if board == "mps2-an385" else ""
    extra = f"  (target <= {targets[bench][1]}: {v})" if v else ""
    print(f"{board:14} {bench:24} {value:10.1f} instructions/iteration{extra}")

# Interrupt latency (bench/latency/trace.py): whole instructions, not rates.
lat = []  # (board, bench, value, {detail: text})
for line in open(latency):
    board, bench, value, *rest = line.split()
    details = dict(kv.split("=", 1) for kv in rest if "=" in kv)
    if not value.isdigit() or (bench == "irq-masked-max" and int(value) == 0):
        print(f"FAIL: {board} {bench}: nonsense ({value})")
        ok = False
        continue
    lat.append((board, bench, int(value), details))
for board, bench, value, d in lat:
    where = f"  ({d['from']} -> {d['to']})" if "from" in d else \
        f"  (min {d.get('min')}, delay before entry <= {d.get('entry_delay_max')})"
    print(f"{board:14} {bench:24} {value:10d} instructions{where}")
if mode == "smoke":
    print("\nsmoke run: targets are not checked")

def write_section(name, lines):
    """Replaces RESULTS.md's section between <!-- name:begin/end --> (or appends it)."""
    text = open("bench/RESULTS.md").read()
    section = "\n".join([f"<!-- {name}:begin -->"] + lines + [f"<!-- {name}:end -->"]) + "\n"
    pattern = re.compile(rf"<!-- {name}:begin -->.*?<!-- {name}:end -->\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open("bench/RESULTS.md", "w") as f:
        f.write(text)

if record and ok:
    # results.json: replace this suite's records for the boards run, keep the rest.
    mine = {b for _, b, _ in results}
    with open("bench/results.json") as f:
        records = json.load(f)
    def is_mine(r):
        return r.get("board") in boards and (r.get("bench") in mine or r.get("bench") in targets
                                             or r.get("bench") in ("basic", "mem-heap")
                                             or str(r.get("bench", "")).startswith("scaling-")
                                             or str(r.get("bench", "")).startswith("irq-"))
    records = [r for r in records if not is_mine(r)]
    for board, bench, value in results:
        records.append({"bench": bench, "board": board, "metric": "instr_per_iter",
                        "value": value, "unit": "instructions"})
    for board, bench, value, _ in lat:
        records.append({"bench": bench, "board": board, "metric": "instructions",
                        "value": value, "unit": "instructions"})
    with open("bench/results.json", "w") as f:
        json.dump(records, f, indent=2)
        f.write("\n")
    # RESULTS.md: this suite's section between its markers.
    skipped = [l.split(None, 2) for l in open(skips) if l.strip()]
    out = ["<!-- bench:begin -->",
           "## Kernel scenarios: instructions per iteration under QEMU (`bench/run.sh`)",
           "",
           "Each scenario (`bench/scenarios/<name>/`: its own `tos_config.h` and one C file using the "
           "public kernel API, plus the shared harness `bench/scenarios/common/`) counts iterations in a "
           f"window of {window} ticks (1 kHz) after {warmup} ticks of warm-up, under QEMU with `-icount`: "
           "virtual time follows the instruction count, so the window is exactly "
           "window ns / 2^shift instructions, and the result, window instructions / iterations, is exact "
           "and the same on every run. Lower is better. The tick interrupt's own cost is part of every "
           "window (as in the reference measurements). Method and scenario details: `bench/README.md`.",
           "",
           "Reproduce everything (about five minutes on 2 cores): `bench/run.sh`; one board: "
           "`bench/run.sh --boards mps2-an385`. Per scenario and board the script runs exactly:",
           "",
           "```sh",
           "cmake --preset <board> -B build/bench/<board>/<scenario> -DTERN_BUILD_BENCH=ON \\",
           "      -DTERN_BUILD_TESTS=OFF -DTERN_CONFIG_DIR=$PWD/bench/scenarios/<scenario> \\",
           f"      -DBENCH_WARMUP_TICKS={warmup} -DBENCH_WINDOW_TICKS={window}",
           "cmake --build build/bench/<board>/<scenario> --target bench_<scenario>",
           "<qemu command of the board> build/bench/<board>/<scenario>/bench/bench_<scenario>",
           "```",
           "",
           "| board | QEMU command (shift: ns per instruction = 2^shift) | instructions per 1 ms tick |",
           "|---|---|---:|",
           ]
    for board in boards:
        shift = 3 if board == "riscv32-virt" else 5
        cmd = {"riscv32-virt": f"qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio -icount shift={shift},sleep=off -no-reboot -kernel"}.get(
            board, f"qemu-system-arm -M {board} -nodefaults -display none -monitor none -serial stdio "
                   f"-semihosting-config enable=on,target=native -icount shift={shift},align=off,sleep=off -no-reboot -kernel")
        out.append(f"| {board} | `{cmd}` | {10**6 // (1 << shift)} |")
    for board in boards:
        rows = [(b, v) for bd, b, v in results if bd == board]
        if not rows:
            continue
        out += ["", f"### {board}", ""]
        if board == "mps2-an385":
            out += ["| scenario | instructions / iteration | best today | Tern target | |",
                    "|---|---:|---:|---:|---|"]
            for b, v in rows:
                if b in targets:
                    out.append(f"| {b} | **{v}** | {targets[b][0]} | <= {targets[b][1]} | {verdict(b, v)} |")
                else:
                    out.append(f"| {b} | **{v}** | | | |")
        else:
            out += ["| scenario | instructions / iteration |", "|---|---:|"]
            for b, v in rows:
                out.append(f"| {b} | **{v}** |")
        for sb, ss, reason in skipped:
            if sb == board:
                out.append(f"\nNot run on {board}: {ss}: {reason.strip()}")
    write_section("bench", out[1:])
    out = ["## Interrupt latency under a stress mix (`bench/run.sh`, scenario `latency`)",
           "",
           "The stress mix (`bench/scenarios/latency/`: every kernel path of the scenarios above at "
           "once, software timer, mutex with priority inheritance, event, timeouts, idle with tick "
           f"suppression) runs {lat_warmup} ticks of warm-up and a window of {lat_window} ticks, "
           "twice, under the board's QEMU command plus `-singlestep -d ...`; "
           "`bench/latency/trace.py` replays every mask write from the traces (method: "
           "`bench/README.md`). Exact and the same on every run. Lower is better.",
           "",
           "* `irq-masked-max`: the longest run of instructions the CPU executes with the kernel's "
           "interrupts masked (Arm: BASEPRI or PRIMASK set; RISC-V: `mstatus.MIE` clear, trap "
           "entry included), the unmasking instruction included; where it starts and ends.",
           "* `irq-unmasked-latency-max`: boards with a mask threshold (BASEPRI) only: instructions "
           "executed from the moment a timer interrupt at priority 0 (above the threshold) becomes "
           "pending to its handler's first instruction, over every firing in the window; the "
           "minimum is the port's dispatch path, the delay before the exception is taken is "
           "what anything (the kernel or the port) added.",
           "",
           "Reproduce: `bench/run.sh --boards <board> --only latency` (prints only).",
           "",
           "| board | bench | instructions | details |",
           "|---|---|---:|---|"]
    for board, bench, value, d in lat:
        if "from" in d:
            detail = (f"`{d['from']}` → `{d['to']}`; {d.get('windows')} windows, "
                      f"{d.get('instructions')} instructions traced")
        else:
            detail = (f"min {d.get('min')}; exception taken after <= {d.get('entry_delay_max')} "
                      f"instructions (worst after `{d.get('worst_after', '').replace(':', ' ')}`); "
                      f"{d.get('count')} interrupts")
        out.append(f"| {board} | `{bench}` | **{value}** | {detail} |")
    write_section("latency", out)
    print("\nwrote bench/RESULTS.md (bench and latency sections) and bench/results.json")
sys.exit(0 if ok else 1)
PYEOF

exit "$fail"
