#!/usr/bin/env python3
"""Kernel footprint of one linked application (bench/footprint/run.sh).

Usage: measure.py <map> <elf> <objdump>

Reads the GNU ld map (input sections with their sizes and objects) and the
disassembly of the image, and prints one JSON object:

  kernel_rom_bytes  code, constants and initial values of .data of the
                    kernel (kernel/core) and the CPU port (arch/<family>,
                    without start-up code and C library glue), plus the C
                    library code only the kernel pulls in
  kernel_ram_bytes  .data + .bss of the same (the idle task's stack and
                    control block are kernel .bss)
  library_rom_bytes the C library part of kernel_rom_bytes
  heap_pool_bytes   k_mmheap_default_pool (0 without the heap)
  heap_ctl_bytes    k_mmheap_ctl (0 without the heap)
  glue_rom_bytes    kernel code only the C library glue calls (not counted)
  glue_functions    its functions
  objects           per object: rom, data, bss (kernel, port, library)

Not counted, like the vector table: the start-up code, the C library glue,
and the interrupt handler table when it is in ROM (arch/arm
TOS_CFG_CPU_IRQ_ATTACH_EN 0: the external part of the vector table, the
application's or the port's default); a table in RAM is the kernel's.

"Only the kernel pulls in": a library object counts when one of its
functions is reached from kernel or port code and none is reached from the
application, the board, or the start-up code (calls and tail calls in the
disassembly, followed through library code).

Kernel code only the C library glue calls belongs to the glue, for the same
reason the glue is not counted: it is there because something used the C
library (on the Cortex-M boards, newlib's malloc, which the board's console
set-up links, locks the scheduler through tos_knl_sched_lock), not because
the kernel needs it. A kernel or port function is such code when calls from
the glue reach it, every call to it comes from the glue or from other such
functions, no other object references it (the linker's cross reference
table) and no other code holds its address (literal words in the
disassembly). Its input section is then left out of kernel ROM and listed.
"""
import bisect
import json
import re
import subprocess
import sys

SECTION_LINE = re.compile(r"^ (\.\S+|COMMON)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
SECTION_NAME = re.compile(r"^ (\.\S+|COMMON)\s*$")
SECTION_REST = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
OUTPUT = re.compile(r"^(\.[\w.]+)\s")
SYMBOL = re.compile(r"^\s+0x([0-9a-f]+)\s+(\w+)\s*$")

FUNC = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
TARGET = re.compile(r"\s<([^>+]+)(?:\+0x[0-9a-f]+)?>\s*$")

# Objects of a port that are not kernel: start-up, C library glue, board services.
PORT_EXCLUDED = re.compile(r"(startup|start|crt0|newlib|syscall|semihost|burn|console|vector)")
# The C library glue among them (system calls, malloc locks).
GLUE = re.compile(r"(newlib|syscall)[^/]*\.o")
WORD = re.compile(r"\s\.word\s+0x([0-9a-f]+)")


def output_kind(name):
    if "bss" in name:
        return "bss"
    if "data" in name and "rodata" not in name:
        return "data"
    if any(k in name for k in ("text", "rodata", "exidx", "extab", "init_array", "fini_array")):
        return "rom"
    return None


def group_of(obj):
    base = obj.rsplit("(", 1)[-1].rstrip(")")
    if obj.startswith("(application)"):
        return "other"
    if "libtern_kernel.a(" in obj:
        return "kernel"
    if "libtern_port.a(" in obj:
        return "other" if PORT_EXCLUDED.search(base) else "port"
    if "tern_port_runtime" in obj or "libtern_board.a(" in obj or "/boards/" in obj:
        return "other"
    if re.search(r"lib(c|g|gcc|nosys|m|c_nano|g_nano)\w*\.a\(", obj) or "picolibc" in obj:
        return "library"
    return "other"  # the application


# Vector table parts, whatever object holds them: with TOS_CFG_CPU_IRQ_ATTACH_EN 0 the
# external lines' vectors are a handler table in .vectors.irq, the application's or the
# port's default (all faults); not counted, like the rest of the vector table.
APP_SECTIONS = re.compile(r"^\.vectors")


def parse_cref(path):
    """{symbol: [defining object, referencing objects...]} from the cross reference table."""
    cref, symbol, started = {}, None, False
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if not started:
            started = line.startswith("Cross Reference Table")
            continue
        if not line.strip() or line.startswith("Symbol "):
            continue
        if not line[0].isspace():
            parts = line.split(None, 1)
            symbol = parts[0]
            cref[symbol] = [parts[1].strip()] if len(parts) > 1 else []
        elif symbol is not None:
            cref[symbol].append(line.strip())
    return cref


def parse_map(path):
    """(sections [(addr, size, kind, obj, name)], symbols {name: addr})."""
    sections, symbols = [], {}
    kind, pending, started = None, None, False
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if not started:
            started = line.startswith("Linker script and memory map")
            continue
        if line.startswith("Cross Reference Table") or line.startswith("OUTPUT("):
            break
        out = OUTPUT.match(line)
        if out:
            kind = output_kind(out.group(1))
            pending = None
            continue
        m = SECTION_LINE.match(line)
        if m:
            pending = None
            name, addr, size, obj = m.group(1), int(m.group(2), 16), int(m.group(3), 16), m.group(4)
        elif SECTION_NAME.match(line):
            pending = SECTION_NAME.match(line).group(1)
            continue
        elif pending and SECTION_REST.match(line):
            m = SECTION_REST.match(line)
            name, pending = pending, None
            addr, size, obj = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
        else:
            s = SYMBOL.match(line)
            if s:
                symbols[s.group(2)] = int(s.group(1), 16)
            continue
        if APP_SECTIONS.match(name):
            obj = "(application) " + obj
        if kind is not None and size > 0 and "load address" not in obj:
            sections.append((addr, size, kind, obj, name))
    return sections, symbols


def symbol_sizes(elf, nm):
    sizes = {}
    out = subprocess.run([nm, "-S", elf], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4:
            sizes[parts[3]] = int(parts[1], 16)
    return sizes


def call_graph(elf, objdump):
    """{function: set(called function names)}, {name: address}, {function: set(literal words)}."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], capture_output=True,
                         text=True, check=True).stdout
    calls, addr_of, words, current = {}, {}, {}, None
    for line in out.splitlines():
        f = FUNC.match(line)
        if f:
            current = f.group(2)
            addr_of[current] = int(f.group(1), 16)
            calls.setdefault(current, set())
            words.setdefault(current, set())
            continue
        w = WORD.search(line)
        if current and w:
            words[current].add(int(w.group(1), 16))
            continue
        t = TARGET.search(line)
        if current and t and t.group(1) != current:
            calls[current].add(t.group(1))
    return calls, addr_of, words


def glue_only(calls, words, addr_of, func_obj, cref):
    """Kernel and port functions that only the C library glue needs (see the module doc)."""
    def is_glue(fn):
        obj = func_obj.get(fn)
        return obj is not None and GLUE.search(obj) is not None

    def is_kernel(fn):
        obj = func_obj.get(fn)
        return obj is not None and group_of(obj) in ("kernel", "port")

    found, todo = set(), [f for f in calls if is_glue(f)]
    while todo:
        for callee in calls.get(todo.pop(), ()):
            if callee not in found and is_kernel(callee):
                found.add(callee)
                todo.append(callee)
    callers = {}
    for fn, callees in calls.items():
        for callee in callees:
            callers.setdefault(callee, set()).add(fn)
    changed = True
    while changed:
        changed = False
        for fn in sorted(found):
            own = func_obj[fn]
            outside_refs = [o for o in cref.get(fn, [])[1:] if o != own and not GLUE.search(o)]
            held = {addr_of[fn], addr_of[fn] | 1}
            holders = [g for g, w in words.items() if w & held and g not in found and not is_glue(g)]
            if outside_refs or holders or any(c not in found and not is_glue(c)
                                              for c in callers.get(fn, ())):
                found.discard(fn)
                changed = True
    return found


def main():
    map_path, elf, objdump = sys.argv[1:4]
    nm = objdump.replace("objdump", "nm")
    sections, _ = parse_map(map_path)
    cref = parse_cref(map_path)
    starts = sorted((s[0], s[0] + s[1], s[3]) for s in sections if s[2] == "rom")
    keys = [s[0] for s in starts]

    def object_at(addr):
        i = bisect.bisect_right(keys, addr) - 1
        if i >= 0 and starts[i][0] <= addr < starts[i][1]:
            return starts[i][2]
        return None

    calls, addr_of, words = call_graph(elf, objdump)
    func_obj = {name: object_at(a) for name, a in addr_of.items()}
    glue_funcs = glue_only(calls, words, addr_of, func_obj, cref)
    glue_sections = {(func_obj[f], ".text." + f) for f in glue_funcs}

    def reach(roots):
        seen, todo = set(), list(roots)
        while todo:
            fn = todo.pop()
            for callee in calls.get(fn, ()):
                obj = func_obj.get(callee)
                if callee not in seen and obj and group_of(obj) == "library":
                    seen.add(callee)
                    todo.append(callee)
        return {func_obj[f] for f in seen}

    kernel_roots = [f for f, o in func_obj.items() if o and group_of(o) in ("kernel", "port")]
    other_roots = [f for f, o in func_obj.items() if o and group_of(o) == "other"]
    kernel_lib = reach(kernel_roots) - reach(other_roots)

    objects = {}
    glue = 0
    for addr, size, kind, obj, name in sections:
        group = group_of(obj)
        if (obj, name) in glue_sections:
            glue += size
        elif group in ("kernel", "port") or (group == "library" and obj in kernel_lib):
            entry = objects.setdefault(obj, {"group": group, "rom": 0, "data": 0, "bss": 0})
            entry[kind] += size

    rom = sum(o["rom"] + o["data"] for o in objects.values())
    ram = sum(o["data"] + o["bss"] for o in objects.values())
    lib = sum(o["rom"] + o["data"] for o in objects.values() if o["group"] == "library")
    sizes = symbol_sizes(elf, nm)
    print(json.dumps({
        "kernel_rom_bytes": rom,
        "kernel_ram_bytes": ram,
        "library_rom_bytes": lib,
        "heap_pool_bytes": sizes.get("k_mmheap_default_pool", 0),
        "heap_ctl_bytes": sizes.get("k_mmheap_ctl", 0),
        "glue_rom_bytes": glue,
        "glue_functions": sorted(glue_funcs),
        "objects": {re.sub(r"^.*/", "", k): v for k, v in sorted(objects.items())},
    }, indent=1))


if __name__ == "__main__":
    main()
