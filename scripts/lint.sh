#!/usr/bin/env bash
# Static checks of the C sources.
#   scripts/lint.sh          clang-format check (no changes) + cppcheck
#   scripts/lint.sh format   rewrite the sources with clang-format
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-check}

# Project C sources: everything we write, nothing generated under build/.
mapfile -d '' sources < <(find include kernel arch boards osal tests examples bench \
    -path '*/build' -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print0 | sort -z)

case "$mode" in
format)
    clang-format -i "${sources[@]}"
    exit 0
    ;;
check) ;;
*)
    echo "usage: $0 [check|format]" >&2
    exit 2
    ;;
esac

echo "lint: clang-format (${#sources[@]} files)"
clang-format --dry-run --Werror "${sources[@]}"

# cppcheck sees one configuration per run, the one the compiler sees: GCC
# (selects the branch of tos_compiler.h) with a test tos_config.h. "default"
# and "max" together enable every module and both timer modes.
mapfile -d '' checked < <(find kernel arch/host boards/host osal/cmsis_os2 osal/cmsis_os -type f -name '*.c' -print0 | sort -z)
for config in default max tickless tickless_max; do
    echo "lint: cppcheck, config $config (${#checked[@]} files)"
    cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
        --inline-suppr --std=c11 --library=posix \
        -D__GNUC__ -I include -I kernel/core -I kernel/pm -I kernel/evtdrv -I arch/host/include \
        -I boards/include -I osal/cmsis_os2/core -I osal/cmsis_os2/include -I osal/cmsis_os/include \
        -I "tests/config/$config" \
        --suppress=missingIncludeSystem \
        "${checked[@]}"
done
# The POSIX adapter's headers wrap the C library's of the same name: they go
# on this pass's include path only (the host port must see the real ones).
mapfile -d '' osal_posix < <(find osal/posix -type f -name '*.c' -print0 | sort -z)
for config in default max; do
    echo "lint: cppcheck, POSIX adapter, config $config (${#osal_posix[@]} files)"
    cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance --inline-suppr \
        --std=c11 --library=posix -D__GNUC__ -I include -I arch/host/include -I boards/include \
        -I osal/posix/include -I osal/posix/src -I "tests/config/$config" \
        --suppress=missingIncludeSystem "${osal_posix[@]}" examples/posix/main.c
done

# The event-driven mode compiles only in its own configuration.
echo "lint: cppcheck, config evtdrv (${#checked[@]} files)"
cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
    --inline-suppr --std=c11 --library=posix \
    -D__GNUC__ -I include -I kernel/core -I kernel/pm -I kernel/evtdrv -I arch/host/include \
    -I boards/include -I tests/config/evtdrv --suppress=missingIncludeSystem \
    "${checked[@]}"

# The cross ports, each with its own headers and the compiler macros that
# select its code paths.
mapfile -d '' riscv < <(find arch/riscv boards/riscv32-virt -type f -name '*.c' -print0 | sort -z)
echo "lint: cppcheck, riscv (${#riscv[@]} files)"
cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
    --inline-suppr --std=c11 \
    -D__GNUC__ -D__riscv -D__riscv_xlen=32 -D__riscv_mul -D__riscv_atomic \
    -I include -I kernel/core -I arch/riscv/include -I boards/include -I tests/framework \
    -I tests/config/default --suppress=missingIncludeSystem \
    "${riscv[@]}"
mapfile -d '' arm < <(find arch/arm/src boards/mps2-common boards/microbit -type f -name '*.c' -print0 | sort -z)
for variant in "-D__ARM_ARCH_6M__:small" "-D__ARM_ARCH_7M__:default" \
    "-D__ARM_ARCH_7EM__ -D__ARM_FP=4:max" "-D__ARM_ARCH_8M_MAIN__ -D__ARM_FP=4:default"; do
    defines=${variant%%:*}
    config=${variant##*:}
    echo "lint: cppcheck, arm $defines, config $config (${#arm[@]} files)"
    # shellcheck disable=SC2086 # the defines are separate words on purpose
    cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
        --inline-suppr --std=c11 -D__GNUC__ -D__ARM_ARCH_PROFILE=77 $defines \
        -DPORT_IRQ_COUNT=32u -DTOS_CFG_CPU_CLOCK=25000000u -DMPS2_UART0_BASE=0x40004000u \
        -I include -I kernel/core -I arch/arm/include -I boards/include -I tests/framework \
        -I "tests/config/$config" --suppress=missingIncludeSystem "${arm[@]}"
done
echo "lint: clean"
