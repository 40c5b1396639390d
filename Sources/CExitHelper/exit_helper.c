#define _GNU_SOURCE
#include "exit_helper.h"

#ifdef __linux__
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { helper_stack_size = 64 * 1024, most_kept = 16 };

/// What the helper is given, at the bottom of its stack's region (memory it shares).
struct helper_args {
    int reader, writer;
    /// The files it keeps open: the pipe's reading end, then those asked for, in ascending order.
    int kept_count;
    int kept[most_kept + 1];
};

/// Closes the files from `low` to `high`, both included (best effort: without `close_range`,
/// those below 1024, one by one).
static void close_between(unsigned int low, unsigned int high) {
    if (low > high) return;
    if (syscall(SYS_close_range, low, high, 0U) == 0) return;
    for (unsigned int fd = low; fd <= high && fd < 1024; fd++) syscall(SYS_close, fd);
}

/// The helper, on a stack of its own in the memory it shares. It closes the pipe's writing end
/// first (else it would wait for itself), then every other file it was given but those it
/// keeps (a file left open only keeps its reader waiting until the helper exits), waits for
/// the pipe to close, and exits, which closes the files it kept. System calls only: the
/// process's threads go on running in the same memory meanwhile.
static int hold_memory(void *arg) {
    struct helper_args *args = arg;
    syscall(SYS_close, (unsigned int)args->writer);
    unsigned int low = 0;
    for (int k = 0; k < args->kept_count; k++) {
        unsigned int fd = (unsigned int)args->kept[k];
        if (fd > low) close_between(low, fd - 1);
        low = fd + 1;
    }
    if (low != 0) close_between(low, ~0U);
    char byte;
    while (syscall(SYS_read, (unsigned int)args->reader, &byte, 1) > 0) {}
    syscall(SYS_exit, 0);
    return 0;
}

int concord_hold_memory_past_exit(int *release, const int *keep, int keep_count) {
    if (keep_count < 0 || keep_count > most_kept) return -1;
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return -1;
    char *region = mmap(NULL, helper_stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (region == MAP_FAILED) {
        close(ends[0]); close(ends[1]);
        return -1;
    }
    struct helper_args *args = (struct helper_args *)region;
    args->reader = ends[0]; args->writer = ends[1];
    // The kept files in ascending order, each once, none of them the pipe's writing end.
    args->kept_count = 0;
    for (int k = -1; k < keep_count; k++) {
        int fd = k < 0 ? ends[0] : keep[k];
        if (fd < 0 || fd == ends[1]) continue;
        int at = args->kept_count;
        while (at > 0 && args->kept[at - 1] > fd) at--;
        if (at > 0 && args->kept[at - 1] == fd) continue;
        for (int j = args->kept_count; j > at; j--) args->kept[j] = args->kept[j - 1];
        args->kept[at] = fd;
        args->kept_count++;
    }
    // CLONE_VM: the helper shares this memory (no copy is made); its own table of open files.
    int pid = clone(hold_memory, region + helper_stack_size, CLONE_VM | SIGCHLD, args);
    close(ends[0]);
    if (pid < 0) {
        close(ends[1]);
        munmap(region, helper_stack_size);
        return -1;
    }
    if (release) *release = ends[1];
    return pid;
}

#else
// Elsewhere the process exits as it always did.
int concord_hold_memory_past_exit(int *release, const int *keep, int keep_count) {
    (void)release; (void)keep; (void)keep_count;
    return -1;
}
#endif
