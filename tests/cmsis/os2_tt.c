/* Helpers of the CMSIS-RTOS2 suites (see os2_tt.h). */
#include "cmsis_core.h" /* tos_k.h, CMSIS_CORE_EN */
#include "os2_tt.h"

#if CMSIS_CORE_EN > 0u

#define CT_LOG_MAX 64

static int ct_log_events[CT_LOG_MAX];
static int ct_log_len;
static uint32_t ct_heap_baseline;
static void (*ct_isr_fn)(void);

static void ct_body_entry(void *arg)
{
    void (*body)(void) = (void (*)(void))(uintptr_t)arg;

    body();
}

void ct_run(void (*body)(void))
{
    osThreadAttr_t attr;
    osThreadId_t id;

    memset(&attr, 0, sizeof(attr));
    attr.name = "ct_body";
    attr.attr_bits = osThreadJoinable;
    attr.priority = osPriorityNormal;
    id = osThreadNew(ct_body_entry, (void *)(uintptr_t)body, &attr);
    TT_ASSERT_NOT_NULL(id);
    TT_ASSERT_EQ(osThreadJoin(id), osOK);
}

uint32_t ct_heap_used(void)
{
    uint32_t used = 0u;
#if TOS_CFG_MMHEAP_EN > 0u
    k_mmheap_info_t info;

    if (tos_mmheap_check(&info) == K_ERR_NONE) {
        used = info.used;
    }
#endif
    return used;
}

void ct_setup(void)
{
    ct_log_len = 0;
    ct_isr_fn = NULL;
    ct_heap_baseline = ct_heap_used();
}

/* Ends every task a failed case left behind, whatever state it is in. */
static void ct_kill_leftovers(void)
{
    osThreadId_t ids[16];
    osThreadId_t self = osThreadGetId();
    uint32_t n = osThreadEnumerate(ids, 16u);
    uint32_t i;

    for (i = 0u; i < n; ++i) {
        if (ids[i] != self && !ct_kernel_is_idle(ids[i])) {
            /* Detached first, so that its end frees it (a zombie is freed now). */
            (void)osThreadDetach(ids[i]);
            (void)osThreadTerminate(ids[i]);
        }
    }
}

void ct_teardown(void)
{
    ct_kill_leftovers();
    /* Let the idle task free what ended threads left to it; then reap. */
    (void)tos_task_delay(1u);
    (void)osThreadGetCount();
    TT_ASSERT_EQ(ct_heap_used(), ct_heap_baseline);
    TT_ASSERT_EQ(osKernelGetState(), osKernelRunning);
}

osThreadId_t ct_spawn(osThreadFunc_t fn, void *arg, osPriority_t prio)
{
    osThreadAttr_t attr;

    memset(&attr, 0, sizeof(attr));
    attr.name = "ct_helper";
    attr.attr_bits = osThreadJoinable;
    attr.priority = prio;
    return osThreadNew(fn, arg, &attr);
}

void ct_log(int event)
{
    if (ct_log_len < CT_LOG_MAX) {
        ct_log_events[ct_log_len++] = event;
    }
}

int ct_log_count(void)
{
    return ct_log_len;
}

int ct_log_at(int index)
{
    return index >= 0 && index < ct_log_len ? ct_log_events[index] : -1;
}

static void ct_isr(void)
{
    tos_knl_irq_enter();
    if (ct_isr_fn != NULL) {
        ct_isr_fn();
    }
    tos_knl_irq_leave();
}

void ct_in_isr(void (*fn)(void))
{
    ct_isr_fn = fn;
    tt_irq_connect(CT_IRQ, ct_isr);
    tt_irq_raise(CT_IRQ);
}

uint32_t ct_kernel_stack_depth(osThreadId_t id)
{
    int depth = 0;

#if TOS_CFG_TASK_STACK_DRAUGHT_DEPTH_DETACT_EN > 0u
    if (tos_task_stack_draught_depth((k_task_t *)id, &depth) != K_ERR_NONE) {
        depth = 0;
    }
#else
    (void)id;
#endif
    return (uint32_t)depth;
}

int ct_kernel_is_idle(osThreadId_t id)
{
    return id == (osThreadId_t)&k_idle_task;
}

void ct_tick_set(uint32_t tick)
{
    tos_systick_set((k_tick_t)tick);
}

#endif /* CMSIS_CORE_EN */
