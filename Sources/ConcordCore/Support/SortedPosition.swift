extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// The first position whose element is not less than `value` (where `value` is, or
    /// would go), by binary search; the collection must be sorted ascending.
    func sortedPosition(of value: Element) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi { let mid = (lo + hi) / 2; if self[mid] < value { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}

extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// Whether `value` is in the collection (sorted ascending), by binary search.
    func sortedContains(_ value: Element) -> Bool {
        let k = sortedPosition(of: value)
        return k < endIndex && self[k] == value
    }
}
