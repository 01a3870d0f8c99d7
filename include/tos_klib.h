/*
 * Helper macros (contract §8.1). The TOS_*_CHECK / TOS_OBJ_VERIFY macros that
 * hide a `return` exist for source compatibility with applications; Tern's
 * own kernel code never uses them (see kernel/core/knl_private.h).
 */
#ifndef _TOS_KLIB_H_
#define _TOS_KLIB_H_

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define __MACRO_BEGIN do {
#define __MACRO_END \
    }               \
    while (0)

#define TOS_OFFSET_OF_FIELD(type, field) ((uint32_t)offsetof(type, field))

#define TOS_CONTAINER_OF_FIELD(ptr, type, field) \
    ((type *)((uint8_t *)(ptr)-TOS_OFFSET_OF_FIELD(type, field)))

#define TOS_COUNT_OF(array) (sizeof(array) / sizeof(array[0]))

#define TOS_PTR_SANITY_CHECK(ptr)  \
    __MACRO_BEGIN                  \
    if (unlikely(!(ptr))) {        \
        return K_ERR_OBJ_PTR_NULL; \
    }                              \
    __MACRO_END

#define TOS_PTR_SANITY_CHECK_RC(ptr, return_code) \
    __MACRO_BEGIN                                 \
    if (unlikely(!(ptr))) {                       \
        return return_code;                       \
    }                                             \
    __MACRO_END

#define TOS_IN_IRQ_CHECK()          \
    __MACRO_BEGIN                   \
    if (unlikely(knl_is_inirq())) { \
        return K_ERR_IN_IRQ;        \
    }                               \
    __MACRO_END

#if TOS_CFG_OBJECT_VERIFY_EN > 0u

#define TOS_OBJ_INIT(obj, obj_type) knl_object_init(&(obj)->knl_obj, obj_type)
#define TOS_OBJ_DEINIT(obj)         knl_object_deinit(&(obj)->knl_obj)

#define TOS_OBJ_VERIFY(obj, obj_type)                    \
    __MACRO_BEGIN                                        \
    if (!knl_object_verify(&(obj)->knl_obj, obj_type)) { \
        return K_ERR_OBJ_INVALID;                        \
    }                                                    \
    __MACRO_END

#define TOS_OBJ_VERIFY_RC(obj, obj_type, return_code)    \
    __MACRO_BEGIN                                        \
    if (!knl_object_verify(&(obj)->knl_obj, obj_type)) { \
        return return_code;                              \
    }                                                    \
    __MACRO_END

#define TOS_OBJ_TEST(obj, obj_type)                     \
    __MACRO_BEGIN                                       \
    if (knl_object_verify(&(obj)->knl_obj, obj_type)) { \
        return K_ERR_OBJ_INVALID;                       \
    }                                                   \
    __MACRO_END

#define TOS_OBJ_TEST_RC(obj, obj_type, return_code)     \
    __MACRO_BEGIN                                       \
    if (knl_object_verify(&(obj)->knl_obj, obj_type)) { \
        return return_code;                             \
    }                                                   \
    __MACRO_END

#else

#define TOS_OBJ_INIT(obj, obj_type)
#define TOS_OBJ_DEINIT(obj)
#define TOS_OBJ_VERIFY(obj, obj_type)
#define TOS_OBJ_VERIFY_RC(obj, obj_type, return_code)
#define TOS_OBJ_TEST(obj, obj_type)
#define TOS_OBJ_TEST_RC(obj, obj_type, return_code)

#endif

#if TOS_CFG_LIBC_PRINTF_EN > 0u
#define LIBC_PRINTF printf
#else
#define LIBC_PRINTF(...)
#endif

#define tos_kprintf(...) LIBC_PRINTF(__VA_ARGS__);

#define tos_kprintln(...)     \
    LIBC_PRINTF(__VA_ARGS__); \
    LIBC_PRINTF("\n");

#define TOS_ASSERT_AUX(exp, function, line)                            \
    __MACRO_BEGIN                                                      \
    if (!(exp)) {                                                      \
        tos_kprintln("assert failed: %s %d\n", function, (int)(line)); \
        tos_knl_sched_lock();                                          \
        tos_cpu_int_disable();                                         \
        for (;;) {                                                     \
        }                                                              \
    }                                                                  \
    __MACRO_END

#define TOS_ASSERT(exp) TOS_ASSERT_AUX(exp, __FUNCTION__, __LINE__)

#endif /* _TOS_KLIB_H_ */
