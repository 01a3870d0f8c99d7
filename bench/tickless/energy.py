#!/usr/bin/env python3
"""Energy estimate and result records of the tickless benchmarks.

Reads the outputs of bench_tickless ("name value" lines, one file per run)
from RESULTS_DIR, applies the energy model below to the 60-second wake-up
runs, and writes:
  - a markdown table of the model's results to stdout,
  - DAT, the data of the chart (gnuplot, energy.gp),
  - with --json FILE: the benchmark records merged into FILE (a JSON array;
    records of other benchmarks are kept, ours replaced).

usage: energy.py RESULTS_DIR DAT [--json FILE]

The model (illustrative values of a Cortex-M4 class MCU at 16 MHz, 3 V;
not a measurement of a particular chip):
  - running: I_RUN;
  - asleep: the current of the mode (SLEEP: CPU clock gated, peripherals
    and the high-speed clock on; STOP: only a low-power timer on);
  - each timer expiry costs T_WORK of running (the application's work);
  - each wake-up costs running time: T_WAKE_TICK for a ticked CPU's tick
    interrupt, T_WAKE_TICKLESS for a tickless one (it also reads the
    counter, credits the ticks, re-arms the alarm), plus the mode's exit
    latency T_EXIT (clocks and regulator restarting);
  - the rest of the time is spent asleep.
A ticked kernel in STOP needs its tick from a low-power timer too; it is
shown as the best a ticked kernel can do.
"""
import json
import os
import sys

V = 3.0  # volts
I_RUN = 1.5e-3  # A, running at 16 MHz
I_MODE = {"SLEEP": 0.45e-3, "STOP": 2.0e-6}  # A
T_WORK = 100e-6  # s of running per timer expiry
T_WAKE_TICK = 15e-6  # s of running per ticked wake-up
T_WAKE_TICKLESS = 40e-6  # s of running per tickless wake-up
T_EXIT = {"SLEEP": 0.0, "STOP": 10e-6}  # s, exit latency at run current
BATTERY_MAH = 225.0  # a CR2032 coin cell


def read_run(path):
    values = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                values[parts[0]] = int(parts[1])
    return values


def estimate(seconds, expiries, wakeups, ticked, mode):
    per_wake = (T_WAKE_TICK if ticked else T_WAKE_TICKLESS) + T_EXIT[mode]
    awake = expiries * T_WORK + wakeups * per_wake
    asleep = seconds - awake
    charge = I_RUN * awake + I_MODE[mode] * asleep  # coulombs
    current = charge / seconds
    return {
        "awake_ms": awake * 1e3,
        "current_ua": current * 1e6,
        "energy_mj": charge * V * 1e3,
        "life_days": BATTERY_MAH * 1e-3 / current / 24.0,  # ampere-hours / amperes = hours
    }


def records(runs):
    ticked = runs["proc-wakeups-ticked"]
    tickless = runs["proc-wakeups-stop"]
    drift = runs["proc-drift-exact"]
    return [
        {"bench": "tickless-wakeups", "board": "host", "metric": "wakeups",
         "value": tickless["wakeups"], "unit": "wakeups"},
        {"bench": "tickless-wakeups", "board": "host", "metric": "wakeups_ticked",
         "value": ticked["wakeups"], "unit": "wakeups"},
        {"bench": "tickless-drift", "board": "host", "metric": "ticks",
         "value": drift["clock_error_ticks"], "unit": "ticks"},
    ]


def merge_json(path, ours):
    old = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
    keys = {(r["bench"], r["board"], r["metric"]) for r in ours}
    kept = [r for r in old if (r.get("bench"), r.get("board"), r.get("metric")) not in keys]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(kept + ours, f, indent=2)
        f.write("\n")


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--json"):
        sys.stderr.write(__doc__)
        return 2
    results, dat = argv[1], argv[2]
    runs = {name[:-4]: read_run(os.path.join(results, name))
            for name in os.listdir(results) if name.endswith(".txt")}
    seconds = runs["proc-wakeups-ticked"]["virtual_seconds"]
    configs = [
        ("ticked, SLEEP", runs["proc-wakeups-ticked"], True, "SLEEP"),
        ("ticked, STOP", runs["proc-wakeups-ticked"], True, "STOP"),
        ("tickless, SLEEP", runs["proc-wakeups-sleep"], False, "SLEEP"),
        ("tickless, STOP", runs["proc-wakeups-stop"], False, "STOP"),
    ]
    print("| idle | wake-ups | awake (ms) | average current (uA) | energy in %d s (mJ) "
          "| CR2032 life (days) |" % seconds)
    print("|---|---:|---:|---:|---:|---:|")
    with open(dat, "w", encoding="ascii") as out:
        out.write("# idle  wakeups  average_current_uA  life_days\n")
        for label, run, ticked, mode in configs:
            e = estimate(seconds, run["expiries"], run["wakeups"], ticked, mode)
            print("| %s | %d | %.1f | %.1f | %.2f | %.0f |" % (
                label, run["wakeups"], e["awake_ms"], e["current_ua"], e["energy_mj"],
                e["life_days"]))
            out.write('"%s" %d %.3f %.1f\n' % (label, run["wakeups"], e["current_ua"],
                                                e["life_days"]))
    if len(argv) == 5:
        merge_json(argv[4], records(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
