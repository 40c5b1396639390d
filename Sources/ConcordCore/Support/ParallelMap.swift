import Dispatch

/// Maps over an array on all cores, keeping the order of the input.
///
/// Each result is written once, straight into its place in the array returned. (The results
/// went into a buffer of optionals first, then were moved out into the array; the maps with
/// a state made an array per chunk and joined them. At 100,000 articles a build maps the
/// `stat` of every file, each file's record, each page's last entry and key this way, and every
/// extra copy is memory touched for the first time: a page fault per 4 KB.)
enum ParallelMap {
    static func map<T, R>(_ items: [T], chunk: Int = 8, _ transform: (T) -> R) -> [R] {
        if items.count <= chunk { return items.map(transform) }
        return map(count: items.count, chunk: chunk) { transform(items[$0]) }
    }
}

extension ParallelMap {
    /// `transform` of every index in `0..<count`, in order, by chunks of `chunk` indices on all
    /// cores. Each chunk makes its own `state` from its first index and hands it from one index
    /// to the next: for passes that look each item up where the one before it was found
    /// (`HashPositions.position(of:after:)`).
    static func map<S, R>(count: Int, chunk: Int, state: (Int) -> S, _ transform: (inout S, Int) -> R) -> [R] {
        precondition(chunk > 0, "chunks of at least one index")
        if count <= chunk {
            guard count > 0 else { return [] }
            var s = state(0)
            return (0..<count).map { transform(&s, $0) }
        }
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            withoutActuallyEscaping(state) { state in
                withoutActuallyEscaping(transform) { transform in
                    nonisolated(unsafe) let state = state, transform = transform, base = buffer.baseAddress!
                    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
                        let lo = c * chunk, hi = min(count, lo + chunk)
                        var s = state(lo)
                        for i in lo..<hi { (base + i).initialize(to: transform(&s, i)) }
                    }
                }
            }
            // Every index was written: `concurrentPerform` returns once every chunk is done.
            initialized = count
        }
    }

    /// `transform` of every index in `0..<count`, in order, by chunks of `chunk` indices on all
    /// cores (no array of the indices made first).
    static func map<R>(count: Int, chunk: Int, _ transform: (Int) -> R) -> [R] {
        map(count: count, chunk: chunk, state: { _ in () }) { _, i in transform(i) }
    }

    /// Whether `predicate` holds for every index in `0..<count`, checked by chunks on all cores
    /// (for passes that visit 100,000 scattered objects, each a wait on memory).
    static func allSatisfy(_ count: Int, chunk: Int = 8192, _ predicate: (Int) -> Bool) -> Bool {
        if count <= chunk { return (0..<count).allSatisfy(predicate) }
        let chunks = Array(stride(from: 0, to: count, by: chunk))
        return map(chunks, chunk: 1) { lo in (lo..<min(count, lo + chunk)).allSatisfy(predicate) }.allSatisfy { $0 }
    }
}

extension ParallelMap {
    /// `items` sorted by `less`: its two halves sorted on two cores, then merged, the first
    /// half's item first on a tie (so a stable order stays stable). For sorts of 100,000 items
    /// that a build waits for; under `minimum` items, sorted in one go.
    static func sortedInHalves<T>(_ items: [T], minimum: Int = 2048, by less: (T, T) -> Bool) -> [T] {
        let n = items.count
        guard n >= minimum, n >= 2 else { return items.sorted(by: less) }
        let halves = map([0..<n / 2, n / 2..<n], chunk: 1) { items[$0].sorted(by: less) }
        let a = halves[0], b = halves[1]
        var merged: [T] = []
        merged.reserveCapacity(n)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if less(b[j], a[i]) { merged.append(b[j]); j += 1 } else { merged.append(a[i]); i += 1 }
        }
        merged.append(contentsOf: a[i...]); merged.append(contentsOf: b[j...])
        return merged
    }
}
