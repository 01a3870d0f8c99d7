/*
 * The system calls newlib (arm-none-eabi's C library) needs on a bare
 * Cortex-M: output goes to the board's console, the heap is the RAM between
 * the end of .bss and the main stack, and exit() ends the program through
 * the board. malloc() is made safe between tasks by locking the scheduler
 * (the C library's heap is used when the kernel's own heap is configured
 * out); like every C library allocator it must not be called from an ISR.
 */
#include <errno.h>
#include <reent.h>
#include <sys/stat.h>

#include "tos_k.h"
#include "tern_board.h"

/* Linker script symbols (arch/arm/ld/cortexm.ld): heap from end to _sstack. */
extern char end[], _sstack[];

int _write(int fd, const void *buf, size_t len);
int _read(int fd, void *buf, size_t len);
int _close(int fd);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
int _lseek(int fd, int offset, int whence);
void *_sbrk(ptrdiff_t incr);
int _getpid(void);
int _kill(int pid, int sig);
__NO_RETURN__ void _exit(int status);
void __malloc_lock(struct _reent *reent);
void __malloc_unlock(struct _reent *reent);

int _write(int fd, const void *buf, size_t len)
{
    int ret = -1;

    if (fd == 1 || fd == 2) {
        port_console_write((const char *)buf, len);
        ret = (int)len;
    } else {
        errno = EBADF;
    }
    return ret;
}

/* No console input: every read is at end of file. */
int _read(int fd, void *buf, size_t len)
{
    (void)fd;
    (void)buf;
    (void)len;
    return 0;
}

int _close(int fd)
{
    (void)fd;
    errno = EBADF;
    return -1;
}

int _fstat(int fd, struct stat *st)
{
    (void)fd;
    st->st_mode = S_IFCHR;
    return 0;
}

int _isatty(int fd)
{
    return fd >= 0 && fd <= 2;
}

int _lseek(int fd, int offset, int whence)
{
    (void)fd;
    (void)offset;
    (void)whence;
    return 0;
}

/* Linker symbols are distinct objects to C: the bounds are compared as addresses. */
void *_sbrk(ptrdiff_t incr)
{
    static uintptr_t brk = 0u;
    uintptr_t lo = (uintptr_t)end;
    uintptr_t hi = (uintptr_t)_sstack;
    void *ret = (void *)-1;

    if (brk == 0u) {
        brk = lo;
    }
    if ((incr >= 0 && (uintptr_t)incr <= hi - brk) ||
        (incr < 0 && (uintptr_t)(-incr) <= brk - lo)) {
        ret = (void *)brk;
        brk += (uintptr_t)incr;
    } else {
        errno = ENOMEM;
    }
    return ret;
}

int _getpid(void)
{
    return 1;
}

int _kill(int pid, int sig)
{
    (void)pid;
    (void)sig;
    errno = EINVAL;
    return -1;
}

__NO_RETURN__ void _exit(int status)
{
    tern_board_exit(status);
}

/* The scheduler lock nests, as malloc's lock must (it is recursive). */
void __malloc_lock(struct _reent *reent)
{
    (void)reent;
    if (tos_knl_is_running() && !knl_is_inirq()) {
        (void)tos_knl_sched_lock();
    }
}

void __malloc_unlock(struct _reent *reent)
{
    (void)reent;
    if (tos_knl_is_running() && !knl_is_inirq()) {
        (void)tos_knl_sched_unlock();
    }
}
