/* Singly linked list (contract §8.3). No locking, no checks. */
#ifndef _TOS_SLIST_H_
#define _TOS_SLIST_H_

__CDECLS_BEGIN

typedef struct k_slist_node_st {
    struct k_slist_node_st *next;
} k_slist_t;

#define TOS_SLIST_NODE(dummy) \
    {                         \
        K_NULL                \
    }

#define TOS_SLIST_DEFINE(slist) k_slist_t slist = {K_NULL}

#define TOS_SLIST_ENTRY(node, type, field) TOS_CONTAINER_OF_FIELD(node, type, field)

#define TOS_SLIST_FIRST_ENTRY(slist, type, field) TOS_SLIST_ENTRY((slist)->next, type, field)

#define TOS_SLIST_FIRST_ENTRY_OR_NULL(slist, type, field) \
    (tos_slist_empty(slist) ? K_NULL : TOS_SLIST_FIRST_ENTRY(slist, type, field))

#define TOS_SLIST_FOR_EACH(curr, slist) for (curr = (slist)->next; curr; curr = curr->next)

#define TOS_SLIST_FOR_EACH_SAFE(curr, next, slist)                      \
    for (curr = (slist)->next, next = curr ? curr->next : K_NULL; curr; \
         curr = next, next = curr ? curr->next : K_NULL)

/* Terminates on the address of the embedded node, so `field` must be the
 * first member of `type` (contract §8.3 keeps this shape). */
#define TOS_SLIST_FOR_EACH_ENTRY(entry, type, field, slist)                  \
    for (entry = TOS_SLIST_ENTRY((slist)->next, type, field); &entry->field; \
         entry = TOS_SLIST_ENTRY(entry->field.next, type, field))

#define TOS_SLIST_FOR_EACH_ENTRY_SAFE(entry, tmp, type, field, slist) \
    for (entry = TOS_SLIST_ENTRY((slist)->next, type, field),         \
        tmp = TOS_SLIST_ENTRY(entry->field.next, type, field);        \
         &entry->field; entry = tmp, tmp = TOS_SLIST_ENTRY(entry->field.next, type, field))

__API__ __STATIC_INLINE__ void tos_slist_init(k_slist_t *slist)
{
    slist->next = K_NULL;
}

__API__ __STATIC_INLINE__ k_slist_t *tos_slist_head(k_slist_t *slist)
{
    return slist->next;
}

__API__ __STATIC_INLINE__ k_slist_t *tos_slist_tail(k_slist_t *slist)
{
    k_slist_t *iter = slist->next;

    while (iter != K_NULL && iter->next != K_NULL) {
        iter = iter->next;
    }
    return iter;
}

__API__ __STATIC_INLINE__ void tos_slist_add_head(k_slist_t *node, k_slist_t *slist)
{
    node->next = slist->next;
    slist->next = node;
}

__API__ __STATIC_INLINE__ void tos_slist_add_tail(k_slist_t *node, k_slist_t *slist)
{
    k_slist_t *iter = slist;

    while (iter->next != K_NULL) {
        iter = iter->next;
    }
    node->next = K_NULL;
    iter->next = node;
}

__API__ __STATIC_INLINE__ void tos_slist_insert(k_slist_t *next_node, k_slist_t *new_node,
                                                k_slist_t *slist)
{
    k_slist_t *iter = slist;

    if (next_node == K_NULL) {
        tos_slist_add_tail(new_node, slist);
        return;
    }
    while (iter->next != K_NULL && iter->next != next_node) {
        iter = iter->next;
    }
    if (iter->next == next_node) {
        new_node->next = next_node;
        iter->next = new_node;
    }
}

__API__ __STATIC_INLINE__ k_slist_t *tos_slist_del_head(k_slist_t *slist)
{
    k_slist_t *head = slist->next;

    if (head != K_NULL) {
        slist->next = head->next;
        head->next = K_NULL;
    }
    return head;
}

__API__ __STATIC_INLINE__ k_slist_t *tos_slist_del_tail(k_slist_t *slist)
{
    k_slist_t *prev = slist;

    if (slist->next == K_NULL) {
        return K_NULL;
    }
    while (prev->next->next != K_NULL) {
        prev = prev->next;
    }
    {
        k_slist_t *tail = prev->next;
        prev->next = K_NULL;
        return tail;
    }
}

__API__ __STATIC_INLINE__ void tos_slist_del(k_slist_t *node, k_slist_t *slist)
{
    k_slist_t *iter = slist;

    while (iter->next != K_NULL && iter->next != node) {
        iter = iter->next;
    }
    if (iter->next == node) {
        iter->next = node->next;
    }
}

__API__ __STATIC_INLINE__ int tos_slist_length(k_slist_t *slist)
{
    int len = 0;
    k_slist_t *iter;

    for (iter = slist->next; iter != K_NULL; iter = iter->next) {
        ++len;
    }
    return len;
}

__API__ __STATIC_INLINE__ int tos_slist_contains(k_slist_t *node, k_slist_t *slist)
{
    k_slist_t *iter;

    for (iter = slist->next; iter != K_NULL; iter = iter->next) {
        if (iter == node) {
            return K_TRUE;
        }
    }
    return K_FALSE;
}

__API__ __STATIC_INLINE__ int tos_slist_empty(k_slist_t *slist)
{
    return slist->next == K_NULL;
}

__CDECLS_END

#endif /* _TOS_SLIST_H_ */
