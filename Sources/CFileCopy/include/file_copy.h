#ifndef CONCORD_FILE_COPY_H
#define CONCORD_FILE_COPY_H

#include <stddef.h>
#include <sys/types.h>

/// Copies up to `count` bytes at `*offset` of the open file `from` to the open file `to`, at
/// its current position (which advances), inside the kernel (`copy_file_range(2)`): the bytes
/// never pass through the caller's memory, and the source file's pages are never mapped into
/// it. Advances `*offset`. Returns the bytes copied (0 at the end of `from`), or -1 with
/// `errno` set: `ENOSYS` where the call does not exist (before Linux 4.5; not Linux), `EXDEV`,
/// `EINVAL` or `EOPNOTSUPP` where the two files cannot be copied between this way.
/// Swift's Glibc module does not declare `copy_file_range` (it needs `_GNU_SOURCE`).
ssize_t concord_copy_file_range(int from, long long *offset, int to, size_t count);

#endif
