#!/usr/bin/env python3
"""Worst-case main-stack use of the footprint bench (bench/evtdrv_footprint.sh).

Usage: stackbound.py <object dir> <disassembly> <caller=callee,...>...

Frames come from GCC's call graphs (-fcallgraph-info=su, one .ci file per
object: static frame sizes and direct calls). Functions without a call
graph (C library, libgcc) are read from the disassembly of the linked image:
the prologue's push and sp adjustment, and their bl calls. Calls through
pointers are resolved by the caller=callee,... arguments (the loop calling
the application's handlers and timer callbacks); an indirect call that is
reachable but not described is an error.

The bound is the deepest path from Reset_Handler plus one tick interrupt at
that point: the exception frame (8 registers and an alignment word, 36
bytes) and the deepest path from SysTick_Handler, the only interrupt the
bench enables. Prints "bound=N" and both paths.
"""
import glob
import os
import re
import sys

EXCEPTION_FRAME = 36
NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
FRAME = re.compile(r"\\n(\d+) bytes \((static|dynamic,bounded)\)")
FUNC = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
SYMBOL = re.compile(r"^([0-9a-f]{8}) [TtWw] (\S+)$")
PUSH = re.compile(r"\tpush\t\{([^}]*)\}")
SUBSP = re.compile(r"\tsub\tsp, #(\d+)")
CALL = re.compile(r"\tbl\t[0-9a-f]+ <([^>+]+)>")


def load_graphs(directory):
    frames, edges, by_name = {}, {}, {}
    for path in glob.glob(os.path.join(directory, "**", "*.ci"), recursive=True):
        for line in open(path, encoding="utf-8"):
            n = NODE.match(line)
            if n:
                m = FRAME.search(n.group(2))
                if m:
                    frames[n.group(1)] = int(m.group(1))
                    by_name.setdefault(n.group(1).rsplit(":", 1)[-1], []).append(n.group(1))
                continue
            e = EDGE.match(line)
            if e:
                edges.setdefault(e.group(1), set()).add(e.group(2))
    return frames, edges, by_name


def load_disassembly(path):
    """Frame and direct calls of every function of the image, from its prologue.

    The file holds `objdump -d` output followed by `nm` output: objdump names
    a function by one of its symbols, nm lists the aliases (__aeabi_uidiv is
    __udivsi3).
    """
    lines = open(path, encoding="utf-8").read().splitlines()
    funcs, starts, name = {}, {}, None
    for line in lines:
        f = FUNC.match(line.strip())
        if f:
            name = f.group(2)
            funcs[name] = [0, set(), True]
            starts[int(f.group(1), 16)] = name
            continue
        if name is None:
            continue
        p = PUSH.search(line)
        if p and funcs[name][2]:
            funcs[name][0] += 4 * len(p.group(1).split(","))
        s = SUBSP.search(line)
        if s and funcs[name][2]:
            funcs[name][0] += int(s.group(1))
            funcs[name][2] = False
        c = CALL.search(line)
        if c:
            funcs[name][1].add(c.group(1))
    for line in lines:
        m = SYMBOL.match(line)
        if m and m.group(2) not in funcs:
            canonical = starts.get(int(m.group(1), 16) & ~1)  # Thumb symbols are odd
            if canonical is not None:
                funcs[m.group(2)] = funcs[canonical]
    return funcs


def main():
    directory, disassembly = sys.argv[1], sys.argv[2]
    indirect = {}
    for arg in sys.argv[3:]:
        caller, callees = arg.split("=", 1)
        indirect[caller] = callees.split(",")
    frames, edges, by_name = load_graphs(directory)
    binary = load_disassembly(disassembly)
    memo = {}

    def resolve(caller, callee):
        if callee == "__indirect_call":
            name = caller.rsplit(":", 1)[-1]
            if name not in indirect:
                raise SystemExit("stackbound: indirect call in %s not described" % name)
            return [n for t in indirect[name] for n in by_name.get(t, [])]
        if callee in frames:
            return [callee]
        return by_name.get(callee.rsplit(":", 1)[-1], ["bin:" + callee.rsplit(":", 1)[-1]])

    def deepest(node, stack):
        if node in memo:
            return memo[node]
        if node in stack:
            raise SystemExit("stackbound: recursion through " + node)
        if node.startswith("bin:"):
            name = node[4:]
            if name not in binary:
                raise SystemExit("stackbound: %s is neither compiled nor linked" % name)
            own, callees = binary[name][0], ["bin:" + c for c in binary[name][1] if c != name]
        else:
            own, callees = frames.get(node, 0), []
            for callee in sorted(edges.get(node, ())):
                callees += resolve(node, callee)
        best, path = 0, []
        for callee in callees:
            cost, sub = deepest(callee, stack | {node})
            if cost > best:
                best, path = cost, sub
        memo[node] = (own + best, [node] + path)
        return memo[node]

    main_cost, main_path = deepest(by_name["Reset_Handler"][0], frozenset())
    isr_cost, isr_path = deepest(by_name["SysTick_Handler"][0], frozenset())

    def show(path):
        return " > ".join("%s(%d)" % (p.rsplit(":", 1)[-1], frames.get(p, binary.get(
            p[4:], [0])[0] if p.startswith("bin:") else 0)) for p in path)

    print("bound=%d main=%d interrupt=%d+%d" % (main_cost + EXCEPTION_FRAME + isr_cost, main_cost,
                                                 EXCEPTION_FRAME, isr_cost))
    print("main path: " + show(main_path))
    print("interrupt path: " + show(isr_path))


if __name__ == "__main__":
    main()
