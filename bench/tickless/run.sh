#!/usr/bin/env bash
# Tickless idle benchmarks on the host simulator (results: bench/RESULTS.md).
#
#   bench/tickless/run.sh           build, run, check the targets, print the estimate
#   bench/tickless/run.sh --write   also merge the records into bench/results.json
#                                   and redraw docs/power-energy.svg (needs gnuplot)
#
# Builds into $BENCH_BUILD (default build/bench-tickless): one tree per timer
# servicing mode (proc, task). Every run is repeated in both; the results must
# be identical. Targets checked (exit 1 if missed):
#   - 60 s with timers of 1 s, 7 s, 13 s: a ticked CPU wakes 60000 times; a
#     tickless one once per instant at which a timer expires (at most 77);
#   - 24 h with 10000 random early interrupts: clock error 0 ticks.
set -euo pipefail
cd "$(dirname "$0")/../.."

write=0
case "${1:-}" in
--write) write=1 ;;
"") ;;
*)
    echo "usage: $0 [--write]" >&2
    exit 2
    ;;
esac

build=${BENCH_BUILD:-build/bench-tickless}
results="$build/results"
mkdir -p "$results"

runs=(
    "wakeups-ticked:wakeups ticked"
    "wakeups-sleep:wakeups sleep"
    "wakeups-stop:wakeups stop"
    "wakeups-stagger:wakeups stop stagger"
    "drift-exact:drift exact"
    "drift-legacy:drift legacy"
    "drift-ticked:drift ticked"
)

for timers in proc task; do
    cmake -S bench/tickless -B "$build/$timers" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DBENCH_TIMERS="$timers" >/dev/null
    cmake --build "$build/$timers" >/dev/null
    for run in "${runs[@]}"; do
        name=${run%%:*}
        # shellcheck disable=SC2086 # the arguments are words
        TERN_CLOCK=virtual "$build/$timers/bench_tickless" ${run#*:} >"$results/$timers-$name.txt"
    done
done

value() { # value RUN NAME
    awk -v k="$2" '$1 == k { print $2 }' "$results/$1.txt"
}

fail=0
check() { # check DESCRIPTION CONDITION...
    local what=$1
    shift
    if "$@"; then
        echo "ok:   $what"
    else
        echo "FAIL: $what"
        fail=1
    fi
}

for name in "${runs[@]%%:*}"; do
    check "$name: procedure-mode and task-mode timers give the same results" \
        cmp -s "$results/proc-$name.txt" "$results/task-$name.txt"
done
ticked=$(value proc-wakeups-ticked wakeups)
tickless=$(value proc-wakeups-stop wakeups)
instants=$(value proc-wakeups-stop instants)
expiries=$(value proc-wakeups-stop expiries)
check "ticked: $ticked wake-ups in 60 s (one per tick)" test "$ticked" -eq 60000
check "tickless: $tickless wake-ups for $expiries expiries at $instants instants" \
    test "$tickless" -eq "$instants" -a "$tickless" -le 77
check "tickless, staggered timers: $(value proc-wakeups-stagger wakeups) wake-ups for \
$(value proc-wakeups-stagger expiries) expiries" \
    test "$(value proc-wakeups-stagger wakeups)" -eq "$(value proc-wakeups-stagger expiries)"
check "24 h, $(value proc-drift-exact early_interrupts) early interrupts: clock error \
$(value proc-drift-exact clock_error_ticks) ticks" \
    test "$(value proc-drift-exact clock_error_ticks)" -eq 0 -a \
    "$(value proc-drift-exact early_off_reference)" -eq 0 -a \
    "$(value proc-drift-exact timer_off_reference)" -eq 0
echo "info: the original API's alarm (planned sleep credited) is off by \
$(value proc-drift-legacy clock_error_ticks) ticks after 24 h"

echo
if [ "$write" -eq 1 ]; then
    python3 bench/tickless/energy.py "$results" "$build/energy.dat" --json bench/results.json
    if command -v gnuplot >/dev/null 2>&1; then
        gnuplot -e "data='$build/energy.dat'; out='docs/power-energy.svg'" bench/tickless/energy.gp
        echo "wrote bench/results.json and docs/power-energy.svg"
    else
        echo "wrote bench/results.json; gnuplot not found, docs/power-energy.svg not redrawn" >&2
    fi
else
    python3 bench/tickless/energy.py "$results" "$build/energy.dat"
fi
exit "$fail"
