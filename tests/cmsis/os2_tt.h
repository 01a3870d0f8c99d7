/*
 * Helpers of the CMSIS-RTOS2 suites (tests/cmsis/test_cmsis_os2_*.c).
 *
 * Each case body runs in a CMSIS thread of osPriorityNormal that the
 * runner task joins (CT_CASE), so that cases see the same CMSIS priorities
 * whatever the kernel's priority count: helper threads at
 * osPriorityAboveNormal and above preempt the body, those at
 * osPriorityBelowNormal and below run only when it blocks. Setup records
 * the heap in use and teardown checks that the case gave every byte back
 * (so every suite also checks that the adapter frees what it allocates).
 */
#ifndef _OS2_TT_H_
#define _OS2_TT_H_

#include "cmsis_os2.h"
#include "tt.h"
#include "tt_port.h"
#include <string.h>

/* Interrupt line the suites raise (1..31 on the host; a free line on boards). */
#define CT_IRQ 6u

/* Ticks a case waits for less urgent threads to run until they block. */
#define CT_SETTLE 2u

/* Runs body in a joinable osPriorityNormal thread and joins it. */
void ct_run(void (*body)(void));

/* Defines case `name` whose body (the block that follows) runs via ct_run(). */
#define CT_CASE(name)              \
    static void name##_body(void); \
    static void name(void)         \
    {                              \
        ct_run(name##_body);       \
    }                              \
    static void name##_body(void)

/* Setup and teardown of every CMSIS-RTOS2 suite. */
void ct_setup(void);
void ct_teardown(void);

/* A joinable helper thread (heap memory); NULL if it could not be made. */
osThreadId_t ct_spawn(osThreadFunc_t fn, void *arg, osPriority_t prio);

/* Order log: cases record events and compare the sequence. */
void ct_log(int event);
int ct_log_count(void);
int ct_log_at(int index);

/* Runs fn in an interrupt handler (between tos_knl_irq_enter/leave), now. */
void ct_in_isr(void (*fn)(void));

/* Heap bytes in use (0 without the kernel heap). */
uint32_t ct_heap_used(void);

/* Kernel facts the cases need without including tos_k.h. */
uint32_t ct_kernel_stack_depth(osThreadId_t id); /* kernel high-water mark; 0 if unknown */
int ct_kernel_is_idle(osThreadId_t id);
void ct_tick_set(uint32_t tick); /* tos_systick_set() */

#endif /* _OS2_TT_H_ */
