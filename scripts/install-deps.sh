#!/usr/bin/env bash
# Installs the Debian packages the build, tests and checks need. Idempotent:
# does nothing (and prints nothing) when all of them are installed already.
set -euo pipefail

packages=(
    cmake ninja-build make gcc libc6-dev # build (gcc only recommends libc6-dev)
    valgrind                             # ctest valgrind.* tests
    gcovr                                # scripts/coverage.sh
    cppcheck clang-format                # scripts/lint.sh
    python3 gnuplot-nox                  # bench/tickless/run.sh --write (energy chart)
    # QEMU boards: cross compilers, C libraries, emulators
    gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
    gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc
)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg -s "$pkg" 2>/dev/null || true)
    case "$status" in
    *"Status: install ok installed"*) ;;
    *) missing+=("$pkg") ;;
    esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "install-deps: missing ${missing[*]}; run as root or install sudo" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
