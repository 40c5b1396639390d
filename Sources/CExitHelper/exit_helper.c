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

/// The helper, on a stack of its own in the memory it shares: it closes every file it was
/// given but `arg` (the pipe's reading end), waits for that pipe to close, and exits. System
/// calls only: the process's threads go on running in the same memory meanwhile.
static int hold_memory(void *arg) {
    unsigned int fd = (unsigned int)(long)arg;
    if (fd > 0) syscall(SYS_close_range, 0U, fd - 1, 0U);
    syscall(SYS_close_range, fd + 1, ~0U, 0U);
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
    int pid = clone(hold_memory, (char *)stack + helper_stack_size, CLONE_VM | SIGCHLD, (void *)(long)ends[0]);
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
