/*
 * Semihosting: requests to the debugger or emulator (BKPT 0xAB, operation in
 * r0, argument in r1). Only exit is used: QEMU started with
 * -semihosting-config enable=on ends with the status the program passes,
 * which is how a test's verdict becomes the emulator's exit status.
 * Without a debugger attached, BKPT faults: boards use this only where a
 * host is known to be present (emulators).
 */
#include "tos_k.h"

#define SEMIHOST_SYS_EXIT_EXTENDED    0x20u
#define SEMIHOST_ADP_STOPPED_APP_EXIT 0x20026u

static uint32_t port_semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;

    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

__PORT__ __NO_RETURN__ void port_semihost_exit(int status)
{
    /* A32/T32 SYS_EXIT cannot carry a status; the extended call can. */
    const uint32_t block[2] = {SEMIHOST_ADP_STOPPED_APP_EXIT, (uint32_t)status};

    for (;;) {
        (void)port_semihost_call(SEMIHOST_SYS_EXIT_EXTENDED, block);
    }
}
