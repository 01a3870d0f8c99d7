/*
 * Character FIFO (contract §21): a byte FIFO built on a ring queue with
 * one-byte items. ISR-safe, never blocks. Errors of the inner ring queue
 * (K_ERR_RING_Q_FULL, K_ERR_RING_Q_EMPTY, ...) are passed through.
 *
 * On the host simulator every function may also return
 * K_ERR_KNL_FOREIGN_CONTEXT (see tos_kerr.h); it is not repeated below.
 */
#ifndef _TOS_CHAR_FIFO_H_
#define _TOS_CHAR_FIFO_H_

__CDECLS_BEGIN

typedef struct k_char_fifo_st {
    knl_obj_t knl_obj;

    k_ring_q_t ring_q;
} k_chr_fifo_t;

/*
 * Creates an empty FIFO of size bytes in buffer (caller-owned).
 * Errors: K_ERR_OBJ_PTR_NULL (chr_fifo or buffer NULL); K_ERR_OBJ_INVALID
 * (size > K_RING_Q_ITEM_CNT_MAX).
 */
__API__ k_err_t tos_chr_fifo_create(k_chr_fifo_t *chr_fifo, void *buffer, size_t size);

/*
 * Destroys a FIFO made by tos_chr_fifo_create().
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (not a live FIFO, verify on);
 * K_ERR_OBJ_INVALID_ALLOC_TYPE (made by tos_chr_fifo_create_dyn()).
 */
__API__ k_err_t tos_chr_fifo_destroy(k_chr_fifo_t *chr_fifo);

/*
 * As tos_chr_fifo_create() with a heap-allocated buffer of fifo_size bytes.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID (fifo_size too large);
 * K_ERR_OUT_OF_MEMORY.
 */
__API__ k_err_t tos_chr_fifo_create_dyn(k_chr_fifo_t *chr_fifo, size_t fifo_size);

/*
 * Destroys a FIFO made by tos_chr_fifo_create_dyn() and frees its buffer.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_OBJ_INVALID_ALLOC_TYPE.
 */
__API__ k_err_t tos_chr_fifo_destroy_dyn(k_chr_fifo_t *chr_fifo);

/*
 * Appends one byte.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID; K_ERR_RING_Q_FULL.
 */
__API__ k_err_t tos_chr_fifo_push(k_chr_fifo_t *chr_fifo, uint8_t data);

/*
 * Appends bytes of stream in order until size bytes are in or the FIFO is
 * full, atomically with respect to interrupts. Returns the number appended;
 * 0 for a NULL/invalid FIFO or a NULL stream.
 */
__API__ int tos_chr_fifo_push_stream(k_chr_fifo_t *chr_fifo, uint8_t *stream, size_t size);

/*
 * Removes the oldest byte into *out.
 * Errors: K_ERR_OBJ_PTR_NULL (chr_fifo or out NULL); K_ERR_OBJ_INVALID;
 * K_ERR_RING_Q_EMPTY.
 */
__API__ k_err_t tos_chr_fifo_pop(k_chr_fifo_t *chr_fifo, uint8_t *out);

/*
 * Removes up to size bytes into buffer, atomically with respect to
 * interrupts. Returns the number removed; 0 for a NULL/invalid FIFO or a
 * NULL buffer.
 */
__API__ int tos_chr_fifo_pop_stream(k_chr_fifo_t *chr_fifo, uint8_t *buffer, size_t size);

/*
 * Discards every stored byte.
 * Errors: K_ERR_OBJ_PTR_NULL; K_ERR_OBJ_INVALID.
 */
__API__ k_err_t tos_chr_fifo_flush(k_chr_fifo_t *chr_fifo);

/* K_TRUE iff empty; K_FALSE also for NULL/invalid. */
__API__ int tos_chr_fifo_is_empty(k_chr_fifo_t *chr_fifo);

/* K_TRUE iff full; K_FALSE also for NULL/invalid. */
__API__ int tos_chr_fifo_is_full(k_chr_fifo_t *chr_fifo);

__CDECLS_END

#endif /* _TOS_CHAR_FIFO_H_ */
