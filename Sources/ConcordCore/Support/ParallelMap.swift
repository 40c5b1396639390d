import Dispatch

/// Maps over an array on all cores, keeping the order of the input.
enum ParallelMap {
    static func map<T, R>(_ items: [T], chunk: Int = 8, _ transform: (T) -> R) -> [R] {
        if items.count <= chunk { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let chunks = (items.count + chunk - 1) / chunk
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let results = results
            nonisolated(unsafe) let items = items
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = c * chunk, hi = min(items.count, lo + chunk)
                for i in lo..<hi { results[i] = transform(items[i]) }
            }
        }
        // Moved out, not copied: the buffer is deallocated without deinitializing,
        // so a copy would leave every result retained for ever (a leak of the
        // whole tokenized archive at 100,000 articles).
        return (0..<items.count).map { (results.baseAddress! + $0).move()! }
    }
}

extension ParallelMap {
    /// Whether `predicate` holds for every index in `0..<count`, checked by chunks on all cores
    /// (for passes that visit 100,000 scattered objects, each a wait on memory).
    static func allSatisfy(_ count: Int, chunk: Int = 8192, _ predicate: (Int) -> Bool) -> Bool {
        if count <= chunk { return (0..<count).allSatisfy(predicate) }
        let chunks = Array(stride(from: 0, to: count, by: chunk))
        return map(chunks, chunk: 1) { lo in (lo..<min(count, lo + chunk)).allSatisfy(predicate) }.allSatisfy { $0 }
    }
}
