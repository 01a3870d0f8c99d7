#!/usr/bin/env python3
"""Shares of a linked image, from a GNU ld map (bench/evtdrv_footprint.sh).

Usage: mapsize.py <map> <cpu> <board> <variant> <stack> <stack_peak> <reports>
Prints one JSON object: per group (evtdrv core, kernel core, port, start-up,
application, C library, alignment fill) the bytes of code and constants
(rom), initialised data (data: in ROM and RAM) and zeroed data (bss), plus
the per-object split of the event-driven core and the kernel core.
"""
import json
import re
import sys

ONE_LINE = re.compile(r"^ (\.\S+|COMMON)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
NAME_ONLY = re.compile(r"^ (\.\S+|COMMON)\s*$")
SIZES = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
FILL = re.compile(r"^ \*fill\*\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)")
OUTPUT = re.compile(r"^(\.[\w.]+)\b")

KINDS = {".text": "rom", ".ARM.exidx": "rom", ".data": "data", ".bss": "bss", ".stack": "stack"}


def group_of(obj):
    if "/kernel/evtdrv/" in obj:
        return "evtdrv"
    if "/kernel/core/" in obj:
        return "kernel"
    if obj.endswith("port_min.o"):
        return "port"
    if obj.endswith("startup.o"):
        return "startup"
    if "/examples/evtdrv/" in obj or obj.endswith("bench_main.o"):
        return "app"
    return "libc"


def parse(path):
    shares = {}
    objects = {}
    kind = None
    pending = None
    started = False
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if not started:
            started = line.startswith("Linker script and memory map")
            continue
        if line.startswith("OUTPUT("):
            break
        out = OUTPUT.match(line)
        if out:
            kind = KINDS.get(out.group(1))
            pending = None
            continue
        if kind is None or kind == "stack":
            continue
        size, obj = None, None
        fill = FILL.match(line)
        m = ONE_LINE.match(line)
        if fill:
            size, obj = int(fill.group(2), 16), "*fill*"
        elif m:
            size, obj = int(m.group(3), 16), m.group(4)
        elif NAME_ONLY.match(line):
            pending = True
            continue
        elif pending:
            s = SIZES.match(line)
            if s:
                size, obj = int(s.group(2), 16), s.group(3)
            pending = None
        if size is None or size == 0:
            continue
        group = "fill" if obj == "*fill*" else group_of(obj)
        shares.setdefault(group, {"rom": 0, "data": 0, "bss": 0})[kind] += size
        if group in ("evtdrv", "kernel"):
            name = obj.rsplit("/", 1)[-1]
            objects.setdefault(group, {}).setdefault(name, {"rom": 0, "data": 0, "bss": 0})
            objects[group][name][kind] += size
    return shares, objects


def main():
    path, cpu, board, variant, stack, peak, reports = sys.argv[1:8]
    shares, objects = parse(path)
    rom = sum(s["rom"] + s["data"] for s in shares.values())
    static_ram = sum(s["data"] + s["bss"] for s in shares.values())
    evtdrv = shares.get("evtdrv", {"rom": 0, "data": 0, "bss": 0})
    print(json.dumps({
        "cpu": cpu,
        "board": board,
        "variant": variant,
        "shares": shares,
        "objects": objects,
        "image_rom": rom,
        "static_ram": static_ram,
        "stack": int(stack),
        "stack_peak": int(peak),
        "total_ram": static_ram + int(stack),
        "core_rom": evtdrv["rom"] + evtdrv["data"],
        "reports": int(reports),
    }))


if __name__ == "__main__":
    main()
