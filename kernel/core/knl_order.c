/* The out-of-line copies of the deadline-list rules (knl_order.h). */
#include "knl_order.h"

__KNL__ void knl_order_insert(k_list_t *list, k_list_t *node, size_t key_off)
{
    knl_order_link(list, node, key_off);
}

__KNL__ int knl_list_contains(const k_list_t *list, const k_list_t *node)
{
    return knl_list_has(list, node);
}

__KNL__ unsigned int knl_order_count(const k_list_t *list, size_t key_off, k_tick_t upto)
{
    const k_list_t *curr = list->next;
    unsigned int count = 0u;

    while (curr != list && knl_tick_diff(knl_order_key(curr, key_off), upto) <= 0) {
        curr = curr->next;
        ++count;
    }
    return count;
}
