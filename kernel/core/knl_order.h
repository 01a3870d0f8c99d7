/*
 * Lists ordered by a deadline tick, shared by every part of the kernel that
 * keeps deadlines in a list: the software timers (tos_timer.c) and the
 * timers of the event-driven mode (kernel/evtdrv). One rule for all: a node
 * goes behind every node whose deadline is no later than its own, so equal
 * deadlines keep their insertion order (FIFO), and deadlines compare with
 * knl_tick_diff(), across a wrap of the tick counter, as long as the
 * deadlines of one list lie within half the tick range of each other.
 *
 * The deadline is a k_tick_t inside the structure that holds the node,
 * key_off bytes after the node (KNL_ORDER_KEY_OFF). Interrupts disabled for
 * every call, as for the lists themselves.
 *
 * Each rule exists once, as an inline function: the kernel's timers inline
 * it (their offset folds into the loads, so a long list costs no more than
 * hand-written code), while the event-driven mode, which counts bytes
 * rather than cycles, calls the out-of-line copies of knl_order.c.
 */
#ifndef _KNL_ORDER_H_
#define _KNL_ORDER_H_

#include "knl_private.h"

/* Offset of the deadline from the node in structure `type`. */
#define KNL_ORDER_KEY_OFF(type, node, key) (offsetof(type, key) - offsetof(type, node))

__KNL_INLINE__ k_tick_t knl_order_key(const k_list_t *node, size_t key_off)
{
    return *(const k_tick_t *)(const void *)((const uint8_t *)node + key_off);
}

/*
 * Links node, whose deadline is set, into list behind every node whose
 * deadline is no later. The search runs from the tail: a new deadline is
 * usually the latest.
 */
__KNL_INLINE__ void knl_order_link(k_list_t *list, k_list_t *node, size_t key_off)
{
    k_tick_t key = knl_order_key(node, key_off);
    k_list_t *curr;

    TOS_LIST_FOR_EACH_PREV(curr, list) {
        if (knl_tick_diff(knl_order_key(curr, key_off), key) <= 0) {
            break;
        }
    }
    tos_list_add(node, curr);
}

/*
 * Non-zero if node is linked in list. Told by walking the list, never by the
 * node's own links: a node may hold anything before its first use.
 */
__KNL_INLINE__ int knl_list_has(const k_list_t *list, const k_list_t *node)
{
    const k_list_t *curr = list->next;

    while (curr != list && curr != node) {
        curr = curr->next;
    }
    return curr != list;
}

/* knl_order_link(), out of line. */
__KNL__ void knl_order_insert(k_list_t *list, k_list_t *node, size_t key_off);

/* knl_list_has(), out of line. */
__KNL__ int knl_list_contains(const k_list_t *list, const k_list_t *node);

/* How many nodes from the head of list have a deadline no later than `upto` (due then). */
__KNL__ unsigned int knl_order_count(const k_list_t *list, size_t key_off, k_tick_t upto);

#endif /* _KNL_ORDER_H_ */
