#!/usr/bin/env python3
"""Interrupt latency of the kernel from QEMU instruction traces (bench/README.md).

    trace.py [--prefix P] [--log FILE] ELF -- QEMU COMMAND ... -kernel

runs the stress program ELF (bench/scenarios/latency) twice under the given
QEMU command (the board's benchmark command, -icount included, ending with
-kernel) and prints

    LATENCY irq-masked-max <instructions> <where>
    LATENCY irq-unmasked-latency-max <instructions> ...   (boards with a threshold)

Why two runs: QEMU's Debian build has no TCG plugins, but its logging can
show every executed instruction (-singlestep -d exec,nochain: one line per
instruction, with its address) and the registers before an instruction
(-d cpu), which with -dfilter can be limited to chosen addresses. Under
-icount a run is deterministic, so run A logs the registers only at the
instructions that change the interrupt mask (found in the disassembly), and
run B logs every executed address; the k-th time run B executes a mask
instruction is the k-th register dump of run A (checked). Replaying the
mask writes with their operands gives the mask state after every
instruction, hence every masked window. Run B's log is read as a stream
(nothing of it is kept), together with the exception entries and returns
(-d int) and the NVIC's set-pending events (-d trace:nvic_set_pending).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

# Instructions whose log line does not mean the instruction completed: QEMU
# printed the line, then gave up the block (an exit request: it runs again
# later) or restarted it for an I/O access (it runs again at once).
CANCEL_PREFIXES = ("Stopped execution of TB chain before", "cpu_io_recompile: rewound")

ARM_REGS = {"sb": 9, "sl": 10, "fp": 11, "ip": 12, "sp": 13, "lr": 14, "pc": 15}


def tool(elf, name):
    """The binutils program of ELF's target: arm-none-eabi- or riscv64-unknown-elf-."""
    with open(elf, "rb") as f:
        machine = int.from_bytes(f.read(20)[18:20], "little")
    prefix = {40: "arm-none-eabi-", 243: "riscv64-unknown-elf-"}.get(machine)
    if prefix is None:
        sys.exit(f"trace.py: {elf}: not an Arm or RISC-V executable")
    path = shutil.which(prefix + name)
    if path is None:
        sys.exit(f"trace.py: {prefix}{name} not found")
    return path, machine == 40


def symbols(elf):
    out = subprocess.run([tool(elf, "nm")[0], elf], check=True, capture_output=True,
                         text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16) & ~1
    return syms


def arm_reg(name):
    return int(name[1:]) if re.fullmatch(r"r\d+", name) else ARM_REGS[name]


def mask_instructions(elf):
    """{address: (kind, operand)} of every instruction that writes the mask.

    Arm: cpsid/cpsie i, msr PRIMASK/BASEPRI/BASEPRI_MAX (operand: the source
    register). RISC-V: csr writes of mstatus (kind: w/s/c, operand: register
    name or immediate) and mret.
    """
    objdump, is_arm = tool(elf, "objdump")
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], check=True,
                         capture_output=True, text=True).stdout
    found = {}
    line_re = re.compile(r"^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$")
    for line in out.splitlines():
        m = line_re.match(line)
        if not m:
            continue
        addr, op, args = int(m.group(1), 16), m.group(2).lower(), m.group(3).split(";")[0]
        args = [a.strip().lower() for a in args.split("#")[0].split(",")]
        if is_arm:
            if op in ("cpsid", "cpsie") and "i" in args[0]:
                found[addr] = (op, None)
            elif op == "msr" and args[0] in ("primask", "basepri", "basepri_max"):
                found[addr] = (args[0], arm_reg(args[1]))
        else:
            if op == "mret":
                found[addr] = ("mret", None)
            elif op.startswith("csr") and "mstatus" in args and op not in ("csrr",):
                # csrw/csrs/csrc csr,rs  csrrw/csrrs/csrrc rd,csr,rs  and the i forms.
                base = op[:-1] if op.endswith("i") else op
                kind = base[-1]
                src = args[-1]
                if base.startswith("csrr") and len(base) == 5 and src == "zero" and kind != "w":
                    continue  # a plain read (csrrs rd, mstatus, zero)
                found[addr] = (kind + ("i" if op.endswith("i") else ""), src)
    return found, is_arm


def qemu_log(cmd, elf, log_items, extra, console):
    """Starts QEMU with its log on a pipe; returns (process, log stream)."""
    r, w = os.pipe()
    argv = cmd + [elf] + ["-singlestep", "-d", log_items, "-D", f"/dev/fd/{w}"] + extra
    proc = subprocess.Popen(argv, stdout=console, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            pass_fds=(w,))
    os.close(w)
    return proc, os.fdopen(r, "r", buffering=1 << 20, errors="replace")


def is_cancel(line, last_pc):
    if not line.startswith(CANCEL_PREFIXES):
        return False
    m = re.search(r"(?:\[|to )([0-9a-f]{8})", line)
    if m is None or m.group(1) != last_pc:
        sys.exit(f"trace.py: cancelled block is not the last one logged: {line.strip()}")
    return True


def operand_values(cmd, elf, masks, is_arm, console):
    """Run A: the operand of every executed mask instruction, in order."""
    ranges = ",".join(f"0x{a:x}+1" for a in sorted(masks))
    proc, log = qemu_log(cmd, elf, "exec,cpu,nochain", ["-dfilter", ranges], console)
    values = []  # (pc, operand value, mstatus) per executed mask instruction
    regs = {}
    pc = None

    def flush():
        if pc is None:
            return
        kind, src = masks[int(pc, 16)]
        if is_arm:
            values.append((pc, regs.get(f"R{src:02d}") if src is not None else None, None))
        else:
            val = None
            if src is not None and (kind.endswith("i") or src[0].isdigit()):
                val = int(src, 0)
            elif src is not None:
                val = 0 if src == "zero" else regs.get(src)
            values.append((pc, val, regs.get("mstatus")))

    reg_re = re.compile(r"R(\d\d)=([0-9a-f]{8})") if is_arm else \
        re.compile(r"\b(?:x\d+/)?([a-z][a-z0-9]*)\s+([0-9a-f]{8})\b")
    for line in log:
        if line.startswith("Trace "):
            flush()
            i = line.index("/")
            pc = line[i + 1:i + 9]
            regs = {}
        elif pc is not None and is_cancel(line, pc):
            pc = None
        elif pc is not None:
            for name, val in reg_re.findall(line):
                regs[f"R{name}" if is_arm else name] = int(val, 16)
    flush()
    proc.wait()
    return values


class Masked:
    """The mask state, replayed from the mask instructions' operands."""

    def __init__(self, is_arm):
        self.is_arm = is_arm
        self.primask = 0
        self.basepri = 0
        self.mie = 1 if not is_arm else 0  # RISC-V: set when the kernel starts a task

    def masked(self):
        if self.is_arm:
            return self.primask != 0 or self.basepri != 0
        return self.mie == 0

    def apply(self, kind, val, mstatus):
        if kind == "cpsid":
            self.primask = 1
        elif kind == "cpsie":
            self.primask = 0
        elif kind == "primask":
            self.primask = val & 1
        elif kind == "basepri":
            self.basepri = val & 0xFF
        elif kind == "basepri_max":
            val &= 0xFF
            if val != 0 and (self.basepri == 0 or val < self.basepri):
                self.basepri = val
        else:  # RISC-V: the new mstatus from the old one and the operand
            if kind == "mret":
                new = (mstatus >> 4) & 0x8  # MIE = MPIE
            elif kind.startswith("w"):
                new = val
            elif kind.startswith("s"):
                new = mstatus | val
            else:
                new = mstatus & ~val
            self.mie = (new >> 3) & 1


def analyse(cmd, elf, masks, is_arm, values, syms, zl_irq, console):
    """Run B: every executed instruction; the windows and the zero-latency handler."""
    begin = f"{syms['latency_window_begin']:08x}"
    end = f"{syms['latency_window_end']:08x}"
    zl_isr = f"{syms['latency_zl_isr']:08x}" if "latency_zl_isr" in syms else None
    zl_vec = f" {16 + zl_irq}\n" if zl_irq is not None else None
    trap_entry = None if is_arm else f"{syms['port_trap_entry']:08x}"
    items = "exec,nochain,int" + (",trace:nvic_set_pending" if zl_irq is not None else "")
    proc, log = qemu_log(cmd, elf, items, [], console)

    state = Masked(is_arm)
    special = {a: "m" for a in (f"{x:08x}" for x in masks)}
    special[begin] = "b"
    special[end] = "e"
    if zl_isr:
        special[zl_isr] = "z"
    if trap_entry:
        special[trap_entry] = "t"

    n = 0  # instructions executed
    k = 0  # mask instructions executed
    inside = False  # within the window
    windows = []  # (length, start symbol, end symbol)
    w_start = w_excl = 0
    w_sym = ""
    in_zl = False
    zl_entry = excluded = 0
    pend_at = None  # instruction count when the zero-latency line became pending
    zl_lat = []  # pending -> first handler instruction
    zl_take = []  # pending -> exception taken

    def finish(pc, kind, sym):
        """Applies a completed special instruction; n is its number."""
        nonlocal k, inside, inside_from, w_start, w_excl, w_sym, pend_at
        if kind == "m":
            if k >= len(values) or values[k][0] != pc:
                sys.exit(f"trace.py: the two runs differ at mask instruction {k} (0x{pc})")
            was = state.masked()
            state.apply(masks[int(pc, 16)][0], values[k][1], values[k][2])
            k += 1
            now = state.masked()
            if now and not was:
                w_start, w_excl, w_sym = n, excluded, sym
            elif was and not now and inside and w_start >= inside_from:
                windows.append((n - w_start - (excluded - w_excl), w_sym, sym))
        elif kind == "t" and not state.masked():
            # RISC-V: the trap cleared MIE before its first instruction (this one).
            state.mie = 0
            w_start, w_excl, w_sym = n - 1, excluded, "trap"
        elif kind == "b":
            inside, inside_from = True, n
        elif kind == "e":
            inside = False
        elif kind == "z" and pend_at is not None:
            zl_lat.append((n - 1 - pend_at, pend_where))
            pend_at = None

    inside_from = 0
    last = None  # (pc, kind, sym): the special instruction logged last, not yet confirmed
    open_pc = None  # the address logged last, while a cancel line may still follow
    done_line = ""  # the last instruction confirmed (for reports only)
    trace_line = ""
    pend_where = ""
    for line in log:
        if line.startswith("Trace "):
            done_line = trace_line
            trace_line = line
            if last is not None:
                finish(*last)
                last = None
            n += 1
            i = line.index("/")
            open_pc = line[i + 1:i + 9]
            kind = special.get(open_pc)
            if kind is not None:
                last = (open_pc, kind, line.rsplit("] ", 1)[-1].strip())
            continue
        if line.startswith(CANCEL_PREFIXES):
            if open_pc is None or not is_cancel(line, open_pc):
                sys.exit(f"trace.py: a cancel line not right after its block: {line.strip()}")
            n -= 1
            last = open_pc = None
            trace_line = done_line
            continue
        open_pc = None
        if last is not None:
            finish(*last)
            last = None
        if zl_vec is None:
            continue
        if line.startswith("...taking pending") and line.endswith(zl_vec):
            in_zl, zl_entry = True, n
            if pend_at is not None:
                zl_take.append(n - pend_at)
        elif line.startswith("Exception return") and line.endswith(zl_vec) and in_zl:
            in_zl = False
            excluded += n - zl_entry
        elif line.startswith("nvic_set_pending") and f" irq {16 + zl_irq} " in line:
            if inside and pend_at is None:
                pend_at = n
                pend_where = trace_line.rsplit("/", 2)[0].rsplit("/", 1)[-1] + " " + \
                    trace_line.rsplit("] ", 1)[-1].strip()
    if last is not None:
        finish(*last)
    status = proc.wait()
    if k != len(values):
        sys.exit(f"trace.py: run B executed {k} mask instructions, run A {len(values)}")
    if status != 0:
        sys.exit(f"trace.py: QEMU exit status {status}")
    return n, windows, zl_lat, zl_take


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--log", help="the program's console output goes here")
    ap.add_argument("elf")
    ap.add_argument("cmd", nargs=argparse.REMAINDER, help="-- QEMU command ending with -kernel")
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        ap.error("no QEMU command")

    masks, is_arm = mask_instructions(args.elf)
    syms = symbols(args.elf)
    for needed in ("latency_window_begin", "latency_window_end"):
        if needed not in syms:
            sys.exit(f"trace.py: {args.elf} has no {needed}()")
    console = open(args.log or os.devnull, "w")
    values = operand_values(cmd, args.elf, masks, is_arm, console)
    console.close()
    console = open(args.log or os.devnull, "a")
    zl_irq = None
    if args.log:
        m = re.search(r"^LATENCY-ZL irq=(\d+)", open(args.log).read(), re.M)
        zl_irq = int(m.group(1)) if m else None
    total, windows, zl_lat, zl_take = analyse(cmd, args.elf, masks, is_arm, values, syms, zl_irq,
                                              console)
    console.close()
    if not windows:
        sys.exit("trace.py: no masked window in the measuring window")
    longest = max(windows)
    print(f"LATENCY irq-masked-max {longest[0]} from={longest[1]} to={longest[2]} "
          f"windows={len(windows)} instructions={total}")
    top = sorted(set(windows), reverse=True)[:5]
    print("LATENCY-TOP " + "; ".join(f"{w} {a}->{b}" for w, a, b in top))
    if zl_irq is not None:
        if not zl_lat:
            sys.exit("trace.py: the zero-latency interrupt never ran in the window")
        worst = max(zl_lat)
        print(f"LATENCY irq-unmasked-latency-max {worst[0]} min={min(zl_lat)[0]} "
              f"count={len(zl_lat)} entry_delay_max={max(zl_take)} "
              f"worst_after={worst[1].replace(' ', ':')}")


if __name__ == "__main__":
    main()
