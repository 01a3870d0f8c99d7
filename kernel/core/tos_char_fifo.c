/* Character FIFO (contract §21): a ring queue of one-byte items. */
#include "knl_private.h"

/* Foreign context, then NULL of the FIFO and of the buffer argument. */
static k_err_t chr_fifo_ptrs_check(const k_chr_fifo_t *chr_fifo, const void *ptr)
{
    k_err_t err = knl_ctx_check();

    if (err == K_ERR_NONE && (chr_fifo == K_NULL || ptr == K_NULL)) {
        err = K_ERR_OBJ_PTR_NULL;
    }
    return err;
}

static void chr_fifo_mark(k_chr_fifo_t *chr_fifo, knl_obj_alloc_type_t alloc_type)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    chr_fifo->knl_obj.alloc_type = alloc_type;
    knl_object_init(&chr_fifo->knl_obj, KNL_OBJ_TYPE_CHAR_FIFO);
    TOS_CPU_INT_ENABLE();
}

static void chr_fifo_unmark(k_chr_fifo_t *chr_fifo)
{
    TOS_CPU_CPSR_ALLOC();

    TOS_CPU_INT_DISABLE();
    knl_object_alloc_reset(&chr_fifo->knl_obj);
    knl_object_deinit(&chr_fifo->knl_obj);
    TOS_CPU_INT_ENABLE();
}

/* NULL, VERIFY, then the allocation type a destroy expects. */
static k_err_t chr_fifo_destroy_check(k_chr_fifo_t *chr_fifo, knl_obj_alloc_type_t alloc_type)
{
    k_err_t err = knl_obj_check(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO);

    if (err == K_ERR_NONE && chr_fifo->knl_obj.alloc_type != alloc_type) {
        err = K_ERR_OBJ_INVALID_ALLOC_TYPE;
    }
    return err;
}

__API__ k_err_t tos_chr_fifo_create(k_chr_fifo_t *chr_fifo, void *buffer, size_t size)
{
    k_err_t err = chr_fifo_ptrs_check(chr_fifo, buffer);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_create(&chr_fifo->ring_q, buffer, size, sizeof(uint8_t));
    }
    if (err == K_ERR_NONE) {
        chr_fifo_mark(chr_fifo, KNL_OBJ_ALLOC_TYPE_STATIC);
    }
    return err;
}

__API__ k_err_t tos_chr_fifo_destroy(k_chr_fifo_t *chr_fifo)
{
    k_err_t err = chr_fifo_destroy_check(chr_fifo, KNL_OBJ_ALLOC_TYPE_STATIC);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_destroy(&chr_fifo->ring_q);
    }
    if (err == K_ERR_NONE) {
        chr_fifo_unmark(chr_fifo);
    }
    return err;
}

__API__ k_err_t tos_chr_fifo_create_dyn(k_chr_fifo_t *chr_fifo, size_t fifo_size)
{
    k_err_t err = chr_fifo_ptrs_check(chr_fifo, chr_fifo); /* no buffer argument */

    if (err == K_ERR_NONE) {
        err = tos_ring_q_create_dyn(&chr_fifo->ring_q, fifo_size, sizeof(uint8_t));
    }
    if (err == K_ERR_NONE) {
        chr_fifo_mark(chr_fifo, KNL_OBJ_ALLOC_TYPE_DYNAMIC);
    }
    return err;
}

__API__ k_err_t tos_chr_fifo_destroy_dyn(k_chr_fifo_t *chr_fifo)
{
    k_err_t err = chr_fifo_destroy_check(chr_fifo, KNL_OBJ_ALLOC_TYPE_DYNAMIC);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_destroy_dyn(&chr_fifo->ring_q);
    }
    if (err == K_ERR_NONE) {
        chr_fifo_unmark(chr_fifo);
    }
    return err;
}

__API__ k_err_t tos_chr_fifo_push(k_chr_fifo_t *chr_fifo, uint8_t data)
{
    k_err_t err = knl_obj_check(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_enqueue(&chr_fifo->ring_q, &data, sizeof(uint8_t));
    }
    return err;
}

/* The count fits an int: a ring queue holds at most K_RING_Q_ITEM_CNT_MAX items. */
__API__ int tos_chr_fifo_push_stream(k_chr_fifo_t *chr_fifo, uint8_t *stream, size_t size)
{
    int pushed = 0;
    k_err_t err = K_ERR_NONE;
    TOS_CPU_CPSR_ALLOC();

    if (stream != K_NULL && knl_obj_is_valid(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO)) {
        TOS_CPU_INT_DISABLE();
        while ((size_t)pushed < size && err == K_ERR_NONE) {
            err = tos_ring_q_enqueue(&chr_fifo->ring_q, &stream[pushed], sizeof(uint8_t));
            pushed += err == K_ERR_NONE ? 1 : 0;
        }
        TOS_CPU_INT_ENABLE();
    }
    return pushed;
}

__API__ k_err_t tos_chr_fifo_pop(k_chr_fifo_t *chr_fifo, uint8_t *out)
{
    k_err_t err = knl_obj_check(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO);

    if (err == K_ERR_NONE) {
        /* The ring queue rejects a NULL out (after VERIFY, as in the contract). */
        err = tos_ring_q_dequeue(&chr_fifo->ring_q, out, K_NULL);
    }
    return err;
}

__API__ int tos_chr_fifo_pop_stream(k_chr_fifo_t *chr_fifo, uint8_t *buffer, size_t size)
{
    int popped = 0;
    k_err_t err = K_ERR_NONE;
    TOS_CPU_CPSR_ALLOC();

    if (buffer != K_NULL && knl_obj_is_valid(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO)) {
        TOS_CPU_INT_DISABLE();
        while ((size_t)popped < size && err == K_ERR_NONE) {
            err = tos_ring_q_dequeue(&chr_fifo->ring_q, &buffer[popped], K_NULL);
            popped += err == K_ERR_NONE ? 1 : 0;
        }
        TOS_CPU_INT_ENABLE();
    }
    return popped;
}

__API__ k_err_t tos_chr_fifo_flush(k_chr_fifo_t *chr_fifo)
{
    k_err_t err = knl_obj_check(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO);

    if (err == K_ERR_NONE) {
        err = tos_ring_q_flush(&chr_fifo->ring_q);
    }
    return err;
}

__API__ int tos_chr_fifo_is_empty(k_chr_fifo_t *chr_fifo)
{
    int is_empty = K_FALSE;

    if (knl_obj_is_valid(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO)) {
        is_empty = tos_ring_q_is_empty(&chr_fifo->ring_q);
    }
    return is_empty;
}

__API__ int tos_chr_fifo_is_full(k_chr_fifo_t *chr_fifo)
{
    int is_full = K_FALSE;

    if (knl_obj_is_valid(chr_fifo, KNL_OBJ_TYPE_CHAR_FIFO)) {
        is_full = tos_ring_q_is_full(&chr_fifo->ring_q);
    }
    return is_full;
}
