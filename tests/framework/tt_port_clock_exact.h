/*
 * The reference-clock hooks of a platform whose tick grid lies at clock
 * cycle 0 and never moves, read without delay (tt_port.h): the host
 * simulator, whose clock is the tick's own source. A board with no
 * reference clock (tt_clock_available() 0) takes them too, because its
 * clock-dependent cases skip before reading them.
 *
 * Definitions, not declarations: one tt_port_<arch>.c includes it.
 */
#ifndef _TT_PORT_CLOCK_EXACT_H_
#define _TT_PORT_CLOCK_EXACT_H_

#include "tt_port.h"

uint64_t tt_clock_tick_zero(void)
{
    return 0u;
}

uint32_t tt_clock_jitter(void)
{
    return 0u;
}

uint32_t tt_clock_sleep_slack(void)
{
    return 0u;
}

#endif /* _TT_PORT_CLOCK_EXACT_H_ */
