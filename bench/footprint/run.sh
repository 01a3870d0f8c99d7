#!/usr/bin/env bash
# Kernel footprint (issue 3): bench/footprint/README.md explains the method.
#
#   bench/footprint/run.sh                 every board: build, check that the
#                                          image runs, measure, print; write
#                                          the footprint section of
#                                          bench/RESULTS.md and the footprint-*
#                                          records of bench/results.json
#   bench/footprint/run.sh --no-record     print only
#   bench/footprint/run.sh --boards "mps2-an385 microbit"   only these (implies --no-record)
#
# Build trees go to $FOOTPRINT_BUILD (default build/bench-footprint); each
# (board, application) is configured once and rebuilt on later runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

record=1
boards="mps2-an385 mps2-an386 mps2-an500 mps2-an505 microbit riscv32-virt"
while [ $# -gt 0 ]; do
    case "$1" in
    --no-record) record=0 ;;
    --boards)
        boards=$2
        record=0
        shift
        ;;
    *)
        echo "usage: $0 [--no-record] [--boards LIST]" >&2
        exit 2
        ;;
    esac
    shift
done

build=${FOOTPRINT_BUILD:-build/bench-footprint}
mkdir -p "$build"
build=$(cd "$build" && pwd)
raw="$build/results.jsonl"
: >"$raw"
fail=0

# The board's arch and toolchain, as its preset has them.
preset_var() { # board variable
    python3 - "$root/CMakePresets.json" "$1" "$2" <<'PY'
import json, sys
presets = {p["name"]: p for p in json.load(open(sys.argv[1]))["configurePresets"]}
p = presets[sys.argv[2]]
while True:
    v = p.get("cacheVariables", {}).get(sys.argv[3])
    if v is not None or "inherits" not in p:
        break
    p = presets[p["inherits"]]
print((v or "").replace("${sourceDir}", sys.argv[1].rsplit("/", 1)[0]))
PY
}

for board in $boards; do
    arch=$(preset_var "$board" TERN_ARCH)
    toolchain=$(preset_var "$board" CMAKE_TOOLCHAIN_FILE)
    for app in minimal typical; do
        dir="$build/$board/$app"
        mkdir -p "$dir"
        if [ ! -f "$dir/build.ninja" ] &&
            ! cmake -S "$root/bench/footprint" -B "$dir" -G Ninja -DFOOTPRINT_APP=$app \
                -DTERN_ARCH="$arch" -DTERN_BOARD="$board" -DCMAKE_BUILD_TYPE=MinSizeRel \
                -DCMAKE_TOOLCHAIN_FILE="$toolchain" >"$dir.configure.log" 2>&1; then
            echo "FAIL: $board $app: configure (see $dir.configure.log)"
            fail=1
            continue
        fi
        # Only the application: the tree also holds the adapters' libraries.
        if ! cmake --build "$dir" --target "footprint_$app" >"$dir.build.log" 2>&1; then
            echo "FAIL: $board $app: build (see $dir.build.log)"
            tail -n 20 "$dir.build.log"
            fail=1
            continue
        fi
        elf="$dir/footprint_$app"
        read -r -a emulator <"$dir/emulator.txt"
        status=0
        timeout 120 "${emulator[@]}" "$elf" >"$dir.run.log" 2>&1 </dev/null || status=$?
        if [ "$status" -ne 0 ]; then
            echo "FAIL: $board $app: the image ended with status $status"
            cat "$dir.run.log"
            fail=1
            continue
        fi
        objdump=$(grep -m1 '^CMAKE_OBJDUMP:' "$dir/CMakeCache.txt" | cut -d= -f2)
        python3 "$root/bench/footprint/measure.py" "$dir/footprint_$app.map" "$elf" "$objdump" |
            python3 -c 'import json,sys; d=json.load(sys.stdin); d["board"]=sys.argv[1]; d["app"]=sys.argv[2]; print(json.dumps(d))' \
                "$board" "$app" >>"$raw"
        echo "measured: $board $app"
    done
done

python3 - "$raw" "$record" "$root/bench" <<'PYEOF' || fail=1
import json, re, sys

raw, record, bench_dir = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
rows = [json.loads(l) for l in open(raw) if l.strip()]

# Issue 3's targets, on Cortex-M3 (mps2-an385), GCC 12.
TARGETS = {
    ("minimal", "kernel_rom_bytes"): 1536, ("minimal", "kernel_ram_bytes"): 300,
    ("typical", "kernel_rom_bytes"): 5120, ("typical", "ram_without_pool"): 700,
    ("typical", "heap_ctl_bytes"): 256,
}

def ram_without_pool(r):
    return r["kernel_ram_bytes"] - r["heap_pool_bytes"]

def mark(r, metric, value):
    t = TARGETS.get((r["app"], metric))
    if t is None or r["board"] != "mps2-an385":
        return f"{value}"
    return f"**{value}** (target {t}: {'met' if value <= t else 'missed'})"

lines = ["| board | application | kernel ROM | of which C library | kernel RAM | RAM without heap pool | heap control | not counted: C library glue's kernel calls |",
         "|---|---|---:|---:|---:|---:|---:|---:|"]
for r in rows:
    lines.append(f"| {r['board']} | {r['app']} | {mark(r, 'kernel_rom_bytes', r['kernel_rom_bytes'])} | "
                 f"{r['library_rom_bytes']} | {mark(r, 'kernel_ram_bytes', r['kernel_ram_bytes'])} | "
                 f"{mark(r, 'ram_without_pool', ram_without_pool(r))} | "
                 f"{mark(r, 'heap_ctl_bytes', r['heap_ctl_bytes']) if r['app'] == 'typical' else '-'} | "
                 f"{r['glue_rom_bytes']} |")
print("\n".join(lines))
glue_funcs = sorted({f for r in rows for f in r["glue_functions"]})

by_object = {}
for r in rows:
    if r["board"] == "mps2-an385":
        by_object[r["app"]] = r["objects"]

if not record:
    sys.exit(0)

records = []
for r in rows:
    name = "footprint-" + r["app"]
    records.append({"bench": name, "board": r["board"], "metric": "kernel_rom_bytes",
                    "value": r["kernel_rom_bytes"], "unit": "bytes"})
    records.append({"bench": name, "board": r["board"], "metric": "kernel_ram_bytes",
                    "value": r["kernel_ram_bytes"], "unit": "bytes"})
    if r["app"] == "typical":
        records.append({"bench": name, "board": r["board"], "metric": "heap_ctl_bytes",
                        "value": r["heap_ctl_bytes"], "unit": "bytes"})
path = f"{bench_dir}/results.json"
try:
    old = json.load(open(path))
except (OSError, ValueError):
    old = []
kept = [e for e in old if not str(e.get("bench", "")).startswith("footprint-")]
with open(path, "w") as f:
    json.dump(kept + records, f, indent=2)
    f.write("\n")

detail = []
for app, objects in sorted(by_object.items()):
    detail.append(f"\n`{app}` on mps2-an385, per object (bytes):\n")
    detail.append("| object | ROM | .data | .bss |")
    detail.append("|---|---:|---:|---:|")
    for obj, v in objects.items():
        detail.append(f"| {obj} | {v['rom']} | {v['data']} | {v['bss']} |")

glue_note = ("\nThe last column is kernel code that only the C library glue calls ("
             + ", ".join(f"`{f}`" for f in glue_funcs) + "): it is in the image because "
             "the board's console set-up links newlib's malloc, whose lock is the "
             "scheduler lock, and is counted with the glue, not the kernel.\n"
             if glue_funcs else "")
ram_floor_note = ("\nThe minimal RAM target is below what the kernel API itself fixes: the "
                  "contract's task control block (88 bytes for the idle task), its eight "
                  "ready lists (72), the 128-byte idle stack the target assumes, the 64-bit "
                  "tick count and the current task and the two kernel lists come to 316 bytes "
                  "on Cortex-M3 whatever the code does (bench/footprint/README.md).\n")
section = ("<!-- footprint:begin -->\n## Kernel footprint (`bench/footprint`)\n\n"
           "Reproduce: `bench/footprint/run.sh` (about a minute; method in "
           "`bench/footprint/README.md`). Kernel = kernel/core + the CPU port "
           "(without start-up code and C library glue) + C library code only the "
           "kernel pulls in; RAM includes the idle task's stack and control block. "
           "GCC 12, `-Os -ffunction-sections -fdata-sections -Wl,--gc-sections`.\n\n"
           + "\n".join(lines) + "\n" + glue_note + ram_floor_note + "\n".join(detail) + "\n<!-- footprint:end -->")
path = f"{bench_dir}/RESULTS.md"
text = open(path).read()
if "<!-- footprint:begin -->" in text:
    text = re.sub(r"<!-- footprint:begin -->.*?<!-- footprint:end -->", lambda m: section, text,
                  flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
print(f"wrote {path} and {bench_dir}/results.json")
PYEOF

exit $fail
