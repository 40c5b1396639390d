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
    /// How many items ahead a pass loads its objects: the distance measured at 100,000
    /// articles (round 58; other distances were not tried).
    static let distance = 16

    /// Starts loading `lines` cache lines of 64 bytes from `address` (0: none).
    @inline(__always) static func lines(at address: UInt, _ lines: Int = 1) {
        guard let start = UnsafeRawPointer(bitPattern: address) else { return }
        for k in 0..<lines { concord_prefetch(start + 64 * k) }
    }

    /// Starts loading the first `lines` cache lines of the object at `i` of `objects` (nothing
    /// for nil or an index out of range), without retaining it: a retain would itself wait
    /// for the object's memory, which is what the hint is meant to spare.
    @inline(__always) static func object<T: AnyObject>(at i: Int, in objects: UnsafeBufferPointer<T?>, lines count: Int) {
        reference(at: i, of: UnsafeRawPointer(objects.baseAddress), count: objects.count, lines: count)
    }

    /// The same for an array of references that are never nil.
    @inline(__always) static func object<T: AnyObject>(at i: Int, in objects: UnsafeBufferPointer<T>, lines count: Int) {
        reference(at: i, of: UnsafeRawPointer(objects.baseAddress), count: objects.count, lines: count)
    }

    /// A reference, optional or not, is the object's address, 0 for nil (the Swift ABI's
    /// layout, which `PrefetchTests` pins down): read as a number, it is not retained.
    @inline(__always) private static func reference(at i: Int, of base: UnsafeRawPointer?, count: Int, lines n: Int) {
        guard i >= 0, i < count, let base else { return }
        lines(at: base.load(fromByteOffset: i &* MemoryLayout<UInt>.stride, as: UInt.self), n)
    }
}
