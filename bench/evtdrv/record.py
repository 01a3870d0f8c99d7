#!/usr/bin/env python3
"""Prints the evtdrv-footprint summary and records it (bench/evtdrv_footprint.sh).

Usage: record.py <summary.txt> <record: 0|1> <gcc version>
With record=1, replaces the evtdrv-footprint section of bench/RESULTS.md
(between its markers; appended if absent) and the evtdrv-footprint records
of bench/results.json (a JSON array; other benches' records are kept).
"""
import json
import os
import sys

BEGIN = "<!-- evtdrv-footprint:begin -->"
END = "<!-- evtdrv-footprint:end -->"
GROUPS = [
    ("evtdrv", "event-driven core (kernel/evtdrv)"),
    ("kernel", "kernel code it reaches (kernel/core)"),
    ("port", "port stand-in (critical sections, SysTick, WFI)"),
    ("startup", "start-up (vectors, .data/.bss set-up)"),
    ("app", "application (examples/evtdrv + glue)"),
    ("libc", "C library, libgcc (memcpy, memset, division)"),
    ("fill", "alignment"),
]


def table(runs):
    lines = []
    head = "| share | " + " | ".join(r["board"] + " ROM / RAM" for r in runs) + " |"
    lines.append(head)
    lines.append("|---|" + "---|" * len(runs))
    for key, label in GROUPS:
        cells = []
        for r in runs:
            s = r["shares"].get(key, {"rom": 0, "data": 0, "bss": 0})
            cells.append("%d / %d" % (s["rom"] + s["data"], s["data"] + s["bss"]))
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    lines.append("| main stack (reserved; measured peak) | " + " | ".join(
        "- / %d (%d)" % (r["stack"], r["stack_peak"]) for r in runs) + " |")
    lines.append("| **total** | " + " | ".join(
        "**%d / %d**" % (r["image_rom"], r["total_ram"]) for r in runs) + " |")
    return lines


def objects(runs):
    lines = ["| object | " + " | ".join(r["board"] + " ROM / RAM" for r in runs) + " |",
             "|---|" + "---|" * len(runs)]
    names = []
    for r in runs:
        for group in ("evtdrv", "kernel"):
            for name in sorted(r["objects"].get(group, {})):
                if (group, name) not in names:
                    names.append((group, name))
    for group, name in names:
        cells = []
        for r in runs:
            o = r["objects"].get(group, {}).get(name, {"rom": 0, "data": 0, "bss": 0})
            cells.append("%d / %d" % (o["rom"] + o["data"], o["data"] + o["bss"]))
        lines.append("| %s/%s | %s |" % ("kernel/evtdrv" if group == "evtdrv" else "kernel/core",
                                         name, " | ".join(cells)))
    return lines


def verdict(r):
    return ("total RAM %d bytes (%s; static %d + stack %d, measured peak %d); event-driven core "
            "%d bytes of ROM (%s)" % (
                r["total_ram"], "meets the 512" if r["total_ram"] <= 512 else "misses the 512",
                r["static_ram"], r["stack"], r["stack_peak"], r["core_rom"],
                "meets the 1024" if r["core_rom"] <= 1024 else "misses the 1024"))


def section(runs, gcc):
    now = [r for r in runs if r["variant"] == "as-is"]
    out = [BEGIN, "## evtdrv-footprint: the event-driven mode on Cortex-M0 and Cortex-M3", ""]
    out.append("`bench/evtdrv_footprint.sh`: the event-driven example (`examples/evtdrv`: three "
               "tasks, two timers, messages from a static pool; no heap) built bare-metal with "
               "GCC %s `-Os -ffunction-sections -fdata-sections -Wl,--gc-sections`, newlib-nano, "
               "against the minimal start-up and port stand-in of `bench/evtdrv/` with the "
               "port's own headers (arch/arm's inline critical sections, PRIMASK on Cortex-M0, "
               "BASEPRI on Cortex-M3; SysTick, WFI: what an event-driven application reaches "
               "of a Cortex-M port). Bytes; ROM = code + constants + .data image, "
               "RAM = .data + .bss; the main stack reserve is the worst case computed from "
               "GCC's call graphs (the deepest path of the loop plus a tick interrupt there, "
               "`bench/evtdrv/stackbound.py`). A measuring build ran under QEMU (`microbit`, "
               "`mps2-an385`) for %d reports, every one at its exact tick, with the stack "
               "painted: the measured peak is shown next to the reserve."
               % (gcc, now[0]["reports"]))
    out.append("")
    out.append("Reproduce: `bench/evtdrv_footprint.sh` (about a minute; arm-none-eabi-gcc, "
               "qemu-system-arm, python3; `--no-record` leaves this file and "
               "`bench/results.json` alone). The stack analysis and the QEMU output are printed "
               "on the way.")
    out.append("")
    out += table(now)
    out.append("")
    out.append("Targets (issue 7): RAM in total <= 512 bytes; event-driven core <= 1024 bytes of "
               "ROM.")
    out.append("")
    for r in now:
        out.append("- %s: %s." % (r["board"], verdict(r)))
    out.append("")
    out.append("Per object (what the link kept):")
    out.append("")
    out += objects(now)
    out.append(END)
    return "\n".join(out) + "\n"


def record(runs, gcc):
    path = "bench/RESULTS.md"
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmark results\n\n"
    new = section(runs, gcc)
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + new + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + new
    open(path, "w", encoding="utf-8").write(text)

    path = "bench/results.json"
    records = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else []
    records = [r for r in records if r.get("bench") != "evtdrv-footprint"]
    for r in (r for r in runs if r["variant"] == "as-is"):
        board = r["board"].split(" ")[0]
        records.append({"bench": "evtdrv-footprint", "board": board, "metric": "total_ram_bytes",
                        "value": r["total_ram"], "unit": "bytes"})
        records.append({"bench": "evtdrv-footprint", "board": board, "metric": "core_rom_bytes",
                        "value": r["core_rom"], "unit": "bytes"})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(records, f, indent=2)
        f.write("\n")


def main():
    runs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    for r in runs:
        print("%s, %s: image ROM %d; %s" % (r["board"], r["variant"], r["image_rom"], verdict(r)))
    print("\n".join(table([r for r in runs if r["variant"] == "as-is"])))
    if sys.argv[2] == "1":
        record(runs, sys.argv[3])
        print("recorded: bench/RESULTS.md, bench/results.json")


if __name__ == "__main__":
    main()
