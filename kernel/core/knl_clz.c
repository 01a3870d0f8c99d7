/*
 * Portable count of leading zeros, for CPUs without a CLZ instruction
 * (contract §37.1: TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT == 0). Ports with the
 * instruction define tos_cpu_clz() themselves. The ready-queue lookup, the
 * bitmap and the heap rely on it, so it runs in constant time: three halving
 * steps narrow the first set bit to a nibble and a 16-entry table finishes.
 */
#include "knl_private.h"

#if TOS_CFG_CPU_LEAD_ZEROS_ASM_PRESENT == 0u

__API__ uint32_t tos_cpu_clz(uint32_t val)
{
    static const uint8_t nibble_clz[16] = {4u, 3u, 2u, 2u, 1u, 1u, 1u, 1u,
                                           0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u};
    uint32_t n = 0u;

    if ((val & 0xFFFF0000u) == 0u) {
        n += 16u;
        val <<= 16u;
    }
    if ((val & 0xFF000000u) == 0u) {
        n += 8u;
        val <<= 8u;
    }
    if ((val & 0xF0000000u) == 0u) {
        n += 4u;
        val <<= 4u;
    }
    /* 0 ends here with n = 28 and the table's 4: 32, as the contract wants. */
    return n + nibble_clz[val >> 28u];
}

#endif
