import CPrefetch

/// Hints that start loading memory a pass will read a few steps later.
///
/// A pass over 100,000 articles that visits each one's record (a class instance decoded
/// from its cache shard, in shard order) and then the bytes the record points at (in a mapped
/// shard file) waits for memory at each visit: the articles go in id order, which is not
/// the order of either. At 100,000 articles, combining the quotes spent about half of its
/// time on two such waits per article. Loading a record some steps ahead, and its bytes a few
/// steps ahead once the record is in, overlaps the waits. Hints change no result.
enum Prefetch {
    /// Starts loading `lines` cache lines of 64 bytes from `address` (0: none).
    @inline(__always) static func lines(at address: UInt, _ lines: Int = 1) {
        guard let start = UnsafeRawPointer(bitPattern: address) else { return }
        for k in 0..<lines { concord_prefetch(start + 64 * k) }
    }

    /// Starts loading the first `lines` cache lines of the object at `i` of `objects` (nothing
    /// for nil or an index out of range), without retaining it: a retain would itself wait
    /// for the object's memory, which is what the hint is meant to spare.
    @inline(__always) static func object<T: AnyObject>(at i: Int, in objects: UnsafeBufferPointer<T?>, lines count: Int) {
        guard i >= 0, i < objects.count, let base = objects.baseAddress else { return }
        // An optional reference is the object's address, 0 for nil (the Swift ABI's layout).
        lines(at: UnsafeRawPointer(base).load(fromByteOffset: i &* MemoryLayout<T?>.stride, as: UInt.self), count)
    }

    /// The same for an array of references that are never nil.
    @inline(__always) static func object<T: AnyObject>(at i: Int, in objects: UnsafeBufferPointer<T>, lines count: Int) {
        guard i >= 0, i < objects.count, let base = objects.baseAddress else { return }
        lines(at: UnsafeRawPointer(base).load(fromByteOffset: i &* MemoryLayout<T>.stride, as: UInt.self), count)
    }
}
