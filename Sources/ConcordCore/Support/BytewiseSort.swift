import Foundation

/// Byte strings sorted by their bytes: the sources' listing (`PathList.sorted`) when every path
/// is ASCII (the usual case), for which `String`'s order is their bytes' (the same scalars, none
/// to normalize). Sorted by their first 16 bytes as two numbers, then `memcmp`, on both cores:
/// 100,000 names of 25 bytes (`2023-05-13-story-1234.md`) took 64–89 ms as `String`s and 31–38
/// ms on one core by their first 8 bytes; of 10 bytes, 15–17 and 10–11 ms (at every `concord build`).
enum BytewiseSort {
    /// The order of the byte strings `base[starts[i]..<starts[i + 1]]` (`i` in `0..<starts.count - 1`),
    /// by their bytes, a string before the longer ones it begins.
    /// (Strings each ended by a zero byte, as `PathList` keeps them, sort the same way.)
    /// - Parameter halves: whether the two halves sort on two cores, then merge (`ParallelMap.sortedInHalves`);
    ///   false for tests of one sort.
    static func order(_ base: UnsafePointer<UInt8>, starts: UnsafeBufferPointer<Int>, halves: Bool = true) -> [Int] {
        nonisolated(unsafe) let base = base, starts = starts
        let count = starts.count - 1
        // Each string's first 16 bytes as two numbers (zeros past its end: no path holds a
        // zero byte but the one that ends it), which settle most comparisons (8 left names
        // that begin with a date, `2015-01-`, to `memcmp`); the rest compare their bytes.
        func word(_ lo: Int, _ end: Int) -> UInt64 {
            var w: UInt64 = 0
            for k in 0..<max(0, min(8, end - lo)) { w |= UInt64(base[lo + k]) << (56 - 8 * k) }
            return w
        }
        let items = (0..<count).map { i -> (prefix: (UInt64, UInt64), index: Int) in
            ((word(starts[i], starts[i + 1]), word(starts[i] + 8, starts[i + 1])), i)
        }
        return ParallelMap.sortedInHalves(items, minimum: halves ? 2048 : .max) { x, y in
            if x.prefix != y.prefix { return x.prefix < y.prefix }
            let a = x.index, b = y.index
            return precedes(UnsafeRawBufferPointer(start: base + starts[a], count: starts[a + 1] - starts[a]),
                            UnsafeRawBufferPointer(start: base + starts[b], count: starts[b + 1] - starts[b]))
        }.map(\.index)
    }

    /// Whether the bytes `a` go before `b`: by their bytes, a string before the longer ones it begins.
    @inline(__always) static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let c = a.isEmpty || b.isEmpty ? 0 : memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
        return c != 0 ? c < 0 : a.count < b.count
    }
}
