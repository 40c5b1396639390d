#ifndef CONCORD_PREFETCH_H
#define CONCORD_PREFETCH_H

/// Asks the processor to start loading the cache line holding `address` (for reading), so
/// that a pass reaching it a few steps later does not wait for memory. Never faults, whatever
/// the address; a hint only, with no effect on what the program computes. Swift has no
/// builtin for it; being `static inline`, the call compiles to the one instruction.
static inline void concord_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
