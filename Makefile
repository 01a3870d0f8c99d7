# Thin wrapper over CMake presets and the scripts in scripts/.
#   make test      every preset: configure, build, ctest; the examples, the
#                  benchmarks' smoke run and the footprint images (each run
#                  under QEMU); then lint and coverage
#   make check-P   configure, build and test preset P only (host, host-asan, ...)
#   make demo      build the demo (its own tos_config.h) and run it in real time
#                  on the Cortex-M3 board under QEMU; BOARD=host for the simulator
#   make bench     the benchmarks under QEMU; rewrites bench/RESULTS.md
#   make lint      clang-format check + cppcheck
#   make format    apply clang-format to the project's C sources
#   make coverage  coverage report from the last host and host-max test runs
#   make clean     remove build/

PRESETS := host host-asan host-min host-max host-tickless host-tickless-max host-evtdrv \
	mps2-an385 mps2-an386 mps2-an500 mps2-an505 microbit riscv32-virt \
	mps2-an385-tickless mps2-an385-tickless-max riscv32-virt-tickless riscv32-virt-tickless-max

.PHONY: all deps test demo bench lint format coverage clean check-evtdrv-variants $(addprefix check-,$(PRESETS))

all: test

deps:
	scripts/install-deps.sh

# Sequential on purpose: one preset's failure stops the run with its log last.
# The demo is built too and run once on the virtual clock (instant, exact),
# where it checks its own sample count.
test: deps
	for p in $(PRESETS); do $(MAKE) --no-print-directory check-$$p || exit 1; done
	cmake --preset demo
	cmake --build --preset demo
	TERN_CLOCK=virtual build/demo/examples/demo/demo > build/demo/demo-virtual.log \
		|| { cat build/demo/demo-virtual.log; exit 1; }
	tail -n 1 build/demo/demo-virtual.log
	$(MAKE) --no-print-directory run-example-cmsis-os run-example-cmsis-os2 run-example-posix run-example-tickless run-example-evtdrv
	$(MAKE) --no-print-directory check-evtdrv-variants
	bench/tickless/run.sh
	bench/run.sh --smoke
	bench/footprint/run.sh --no-record
	scripts/lint.sh
	scripts/coverage.sh

# Configure, build and test one preset; counters restart so coverage
# describes this run only.
$(addprefix check-,$(PRESETS)): check-%: deps
	cmake --preset $*
	cmake --build --preset $*
	find build/$* -name '*.gcda' -delete
	ctest --preset $* --output-on-failure -j2

# The event-driven mode's other storage variants (1: libc heap, 2: TLSF heap;
# the preset itself is the static one) and its sanitizer build.
check-evtdrv-variants: deps
	for v in 1 2; do \
		cmake --preset host-evtdrv -B build/host-evtdrv-s$$v -DTERN_VALGRIND=OFF \
			-DCMAKE_C_FLAGS=-DTERN_TEST_EVTDRV_STORAGE=$$v && \
		cmake --build build/host-evtdrv-s$$v && \
		ctest --test-dir build/host-evtdrv-s$$v --output-on-failure -j2 || exit 1; \
	done
	cmake --preset host-evtdrv -B build/host-evtdrv-asan -DTERN_VALGRIND=OFF -DTERN_SANITIZE=ON
	cmake --build build/host-evtdrv-asan
	ctest --test-dir build/host-evtdrv-asan --output-on-failure -j2

# Build an example in its own preset tree and run it once on the virtual clock;
# it checks itself and exits non-zero on failure.
run-example-%: deps
	cmake --preset example-$*
	cmake --build --preset example-$*
	exe=$$(find build/example-$*/examples -maxdepth 2 -type f -perm -u+x | head -n 1); \
	TERN_CLOCK=virtual $$exe > build/example-$*/run.log || { cat build/example-$*/run.log; exit 1; }; \
	tail -n 1 build/example-$*/run.log

# The demo in real time: on the Cortex-M3 board under QEMU by default,
# `make demo BOARD=host` for the host simulator (scripts/run-demo.sh).
BOARD ?= mps2-an385
demo: deps
	scripts/run-demo.sh $(BOARD)

# The benchmark suite under QEMU (minutes): rewrites bench/RESULTS.md and
# bench/results.json. See bench/README.md.
bench: deps
	bench/run.sh

lint: deps
	scripts/lint.sh

format: deps
	scripts/lint.sh format

coverage: deps
	scripts/coverage.sh

clean:
	rm -rf build
