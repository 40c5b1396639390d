#define _GNU_SOURCE
#include "exit_helper.h"

#ifdef __linux__
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { helper_stack_size = 64 * 1024 };

/// The helper, on a stack of its own in the memory it shares. `arg` holds the pipe's two ends
/// (reading end in the low half). It closes the writing end first (else it would wait for
/// itself), then every other file it was given (best effort: without `close_range`, the first
/// 1024, one by one; a file left open only keeps its reader waiting until the helper exits),
/// waits for the pipe to close, and exits. System calls only: the process's threads go on
/// running in the same memory meanwhile.
static int hold_memory(void *arg) {
    unsigned int fd = (unsigned int)((unsigned long)arg & 0xFFFFFFFFUL);
    unsigned int writer = (unsigned int)((unsigned long)arg >> 32);
    syscall(SYS_close, writer);
    long closed = fd > 0 ? syscall(SYS_close_range, 0U, fd - 1, 0U) : 0;
    if (closed == 0) closed = syscall(SYS_close_range, fd + 1, ~0U, 0U);
    if (closed != 0) {
        for (unsigned int other = 0; other < 1024; other++) {
            if (other != fd) syscall(SYS_close, other);
        }
    }
    char byte;
    while (syscall(SYS_read, fd, &byte, 1) > 0) {}
    syscall(SYS_exit, 0);
    return 0;
}

int concord_hold_memory_past_exit(int *release) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return -1;
    void *stack = mmap(NULL, helper_stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        close(ends[0]); close(ends[1]);
        return -1;
    }
    // CLONE_VM: the helper shares this memory (no copy is made); its own table of open files.
    unsigned long both = ((unsigned long)(unsigned int)ends[1] << 32) | (unsigned int)ends[0];
    int pid = clone(hold_memory, (char *)stack + helper_stack_size, CLONE_VM | SIGCHLD, (void *)both);
    close(ends[0]);
    if (pid < 0) {
        close(ends[1]);
        munmap(stack, helper_stack_size);
        return -1;
    }
    if (release) *release = ends[1];
    return pid;
}

#else
// Elsewhere the process exits as it always did.
int concord_hold_memory_past_exit(int *release) { (void)release; return -1; }
#endif
