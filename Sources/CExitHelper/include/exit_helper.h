#ifndef CONCORD_EXIT_HELPER_H
#define CONCORD_EXIT_HELPER_H

/// Starts a helper process that shares this process's memory and holds it until this
/// process has exited, then exits itself: the kernel frees the memory when the last of
/// the two lets go of it, so this process's own exit no longer waits for that (20-27 ms
/// for a build of 100,000 articles, 500 MB). The helper keeps no file open besides its
/// end of a pipe and the files `keep` names (at most 16), so whoever reads this process's
/// output sees its end when this process exits. A file kept is closed by the helper's exit,
/// after this process's: for files whose last close waits on the kernel (an inotify
/// instance's waits for a grace period, 7-8 ms), this process's close is then only a
/// reference let go. Call it just before exiting.
///
/// Returns the helper's process id, or -1 when it could not be started (nothing changes
/// then). `release`, when not null, receives the pipe's other end: closing it lets the
/// helper exit at once (for tests; the process's exit closes it otherwise).
int concord_hold_memory_past_exit(int *release, const int *keep, int keep_count);

#endif
