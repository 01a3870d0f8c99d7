/* Event flags: a 32-bit flag word that tasks wait on with a mask (contract §15). */
#ifndef _TOS_EVENT_H_
#define _TOS_EVENT_H_

__CDECLS_BEGIN

#if TOS_CFG_EVENT_EN > 0u

/* Exactly one of ANY / ALL; CLR may be added. */
#define TOS_OPT_EVENT_PEND_ANY (k_opt_t)0x0001 /* any expected bit set */
#define TOS_OPT_EVENT_PEND_ALL (k_opt_t)0x0002 /* all expected bits set */
#define TOS_OPT_EVENT_PEND_CLR (k_opt_t)0x0004 /* on success clear the WHOLE flag word */

typedef enum opt_event_post_en {
    OPT_EVENT_POST_KEP, /* OR into the flag word */
    OPT_EVENT_POST_CLR, /* overwrite the flag word */
} opt_event_post_t;

typedef struct k_event_st {
    knl_obj_t knl_obj;
    pend_obj_t pend_obj;
    k_event_flag_t flag;
} k_event_t;

/*
 * Initializes an event with init_flag in caller storage. Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL.
 */
__API__ k_err_t tos_event_create(k_event_t *event, k_event_flag_t init_flag);

/*
 * Wakes every waiter with K_ERR_PEND_DESTROY, clears the flag word and
 * invalidates the event. Reschedules.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_event_destroy(k_event_t *event);

/*
 * Waits up to timeout ticks until the flag word matches flag_expect under
 * opt_pend (ANY: some bit; ALL: every bit); *flag_match receives the matched
 * bits. With CLR a successful match clears the whole word.
 * Errors: K_ERR_IN_IRQ; K_ERR_OBJ_PTR_NULL (event, flag_match);
 * K_ERR_OBJ_INVALID; K_ERR_EVENT_PEND_OPT_INVALID (not exactly one of ANY
 * and ALL); K_ERR_PEND_NOWAIT; K_ERR_PEND_SCHED_LOCKED; K_ERR_PEND_TIMEOUT;
 * K_ERR_PEND_DESTROY.
 */
__API__ k_err_t tos_event_pend(k_event_t *event, k_event_flag_t flag_expect,
                               k_event_flag_t *flag_match, k_tick_t timeout, k_opt_t opt_pend);

/*
 * Overwrites the flag word with flag, then wakes the waiters it satisfies
 * in priority order; a woken CLR waiter clears the word and ends the walk.
 * Usable from an ISR.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_event_post(k_event_t *event, k_event_flag_t flag);

/*
 * As tos_event_post(), but ORs flag into the word.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_event_post_keep(k_event_t *event, k_event_flag_t flag);

#endif /* TOS_CFG_EVENT_EN */

__CDECLS_END

#endif /* _TOS_EVENT_H_ */
